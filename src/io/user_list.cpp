#include "kuchikomi/io/user_list.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "csv_reader.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/csv_field.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi {
namespace {

// Blanks and a CR trimmed (parse_util's rule), as an owned string.
std::string trim(std::string_view s) { return std::string(ingest_detail::trim_blanks(s)); }

// One line as RFC 4180 fields (the project's CSV reader); nullopt for a malformed quoted field.
std::optional<std::vector<std::string>> csv_fields(std::string_view line, char delimiter) {
  ingest_detail::CsvReader reader(line, delimiter);
  std::vector<std::string_view> views;
  try {
    reader.next(views);
  } catch (const ingest_detail::ParseFailure&) {
    return std::nullopt;
  }
  return std::vector<std::string>(views.begin(), views.end());
}

// Tab when the line has one, comma otherwise (as for interaction-log headers).
char delimiter_of(std::string_view line) { return line.find('\t') != std::string_view::npos ? '\t' : ','; }

// Calls visit(line number, text) for each line that is not blank or a '#' comment.
template <class Visit>
void for_each_line(std::string_view content, Visit visit) {
  content = without_utf8_bom(content);
  std::uint64_t number = 0;
  while (!content.empty()) {
    ++number;
    const std::size_t end = content.find('\n');
    const std::string line = trim(content.substr(0, end));
    content.remove_prefix(end == std::string_view::npos ? content.size() : end + 1);
    if (line.empty() || line[0] == '#') continue;
    visit(number, line);
  }
}

// The user `label` names, or nullopt when the policy skips it (recorded); `fail(message)` throws.
template <class Fail>
std::optional<NodeId> lookup_user(const LabelIndex& index, const std::string& label, const UserListPolicy& policy,
                                  Fail fail) {
  if (label.empty()) fail("empty user label");
  if (auto id = index.resolve(label)) return id;
  if (!policy.skip_unknown) fail(unknown_user_message(index, label, policy.option, policy.skip_advice));
  if (policy.skipped) policy.skipped->push_back({policy.option, label});
  return std::nullopt;
}

// The same for a label read from `file` at `line`.
std::optional<NodeId> find_user(const LabelIndex& index, const std::string& label, const std::string& file,
                                std::uint64_t line, const UserListPolicy& policy) {
  return lookup_user(index, label, policy, [&](const std::string& message) { throw InputError(file, line, message); });
}

// A number with a decimal point or, in semicolon files, a decimal comma ("2,5").
bool parse_cost(std::string value, bool decimal_comma, double& cost) {
  if (decimal_comma && value.find('.') == std::string::npos) std::replace(value.begin(), value.end(), ',', '.');
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cost);
  return !value.empty() && ec == std::errc() && end == value.data() + value.size();
}

}  // namespace

std::string unknown_user_message(const LabelIndex& index, std::string_view label, const std::string& option,
                                 const std::string& skip_advice) {
  // Appended piece by piece: `"'" + std::string(...)` trips a GCC 12 -Wrestrict false positive.
  std::string text;
  const std::vector<NodeId> shared = index.with_display_name(label);
  if (shared.size() > 1) {
    text.push_back('\'');
    text.append(label);
    text.append("' is the display name of " + std::to_string(shared.size()) + " users; give the full label: ");
    for (std::size_t i = 0; i < shared.size() && i < 5; ++i) {
      text.append(i ? ", '" : "'");
      text.append(index.label_of(shared[i]));
      text.push_back('\'');
    }
    if (shared.size() > 5) text += ", ...";
    return text;
  }
  text = "unknown user '" + std::string(label) + "' (not in the graph)";
  const std::vector<std::string> close = index.suggestions(label);
  for (std::size_t i = 0; i < close.size(); ++i) {
    text.append(i == 0 ? "; did you mean '" : i + 1 == close.size() ? " or '" : ", '");
    text.append(close[i]);
    text.push_back('\'');
  }
  if (!close.empty()) text += "?";
  if (!option.empty()) text += " (to leave out users not in the graph, " + skip_advice + ")";
  return text;
}

std::optional<NodeId> resolve_listed_user(const LabelIndex& index, const std::string& label,
                                          const UserListPolicy& policy) {
  const std::string where = policy.option.empty() ? std::string() : policy.option + ": ";
  return lookup_user(index, label, policy, [&](const std::string& message) { throw InputError(where + message); });
}

std::vector<NodeId> read_user_list(const std::string& path, const LabelIndex& index, const UserListPolicy& policy) {
  return parse_user_list(read_text_input(path), path, index, policy);
}

std::vector<NodeId> parse_user_list(std::string_view content, const std::string& file_name, const LabelIndex& index,
                                    const UserListPolicy& policy) {
  std::vector<NodeId> users;
  std::unordered_set<NodeId> seen;
  std::optional<std::size_t> user_column;  // set by a CSV header naming a `user` column
  bool first = true;
  for_each_line(content, [&](std::uint64_t line, const std::string& text) {
    const bool first_line = first;
    first = false;
    std::string label;
    if (first_line && !index.resolve(text)) {
      // `kuchikomi select --csv` output (rank,user,...) can be fed back as a list.
      if (auto header = csv_fields(text, delimiter_of(text))) {
        for (std::size_t i = 0; i < header->size(); ++i)
          if ((*header)[i] == "user" || (*header)[i] == "label") user_column = i;
        if (user_column) return;
      }
    }
    if (user_column) {
      auto fields = csv_fields(text, delimiter_of(text));
      if (!fields || fields->size() <= *user_column)
        throw InputError(file_name, line, "expected a 'user' field in column " + std::to_string(*user_column + 1));
      label = csv_unguarded((*fields)[*user_column]);  // select --csv guards labels such as "=cmd" as "'=cmd"
    } else if (text[0] == '"') {
      auto fields = csv_fields(text, delimiter_of(text));
      if (!fields) throw InputError(file_name, line, "malformed quoted label (unterminated, or text after the closing quote)");
      label = fields->front();
    } else {
      label = text;  // the whole line: labels such as "Blue (26)" or "Kim, Lee" need no quotes
    }
    const std::optional<NodeId> id = find_user(index, label, file_name, line, policy);
    if (id && seen.insert(*id).second) users.push_back(*id);
  });
  return users;
}

std::vector<std::string> split_label_list(const std::string& text) {
  auto fields = csv_fields(text, ',');
  if (!fields) throw UsageError("malformed quoted label in '" + text + "'");
  std::vector<std::string> labels;
  for (auto& f : *fields)
    if (!f.empty()) labels.push_back(std::move(f));
  return labels;
}

std::vector<NodeId> resolve_users(const std::vector<std::string>& labels, const LabelIndex& index,
                                  const std::string& what) {
  std::vector<NodeId> users;
  std::unordered_set<NodeId> seen;
  for (const auto& label : labels) {
    auto id = index.resolve(label);
    if (!id) throw InputError(what + ": " + unknown_user_message(index, label));
    if (seen.insert(*id).second) users.push_back(*id);
  }
  return users;
}

std::vector<NodeId> resolve_label_list(const std::string& text, const LabelIndex& index, const std::string& what) {
  const std::string whole = trim(text);
  if (index.resolve(whole)) return resolve_users({whole}, index, what);  // one label that contains commas
  return resolve_users(split_label_list(text), index, what);
}

std::vector<double> read_user_costs(const std::string& path, const LabelIndex& index, NodeId num_nodes,
                                    double default_cost, const UserListPolicy& policy) {
  return parse_user_costs(read_text_input(path), path, index, num_nodes, default_cost, policy);
}

std::vector<double> parse_user_costs(std::string_view content, const std::string& file_name, const LabelIndex& index,
                                     NodeId num_nodes, double default_cost, const UserListPolicy& policy) {
  std::vector<double> costs(num_nodes, default_cost);
  std::unordered_map<NodeId, std::uint64_t> listed_on;  // a second cost for a user is a contradiction, not an update
  bool first = true;
  bool semicolons = false;  // "user;cost" (decimal-comma spreadsheets), decided by the first line
  for_each_line(content, [&](std::uint64_t line, const std::string& text) {
    const bool first_line = first;
    first = false;
    if (first_line) {
      const std::size_t semicolon = text.rfind(';');
      double ignored = 0;
      const std::string after = semicolon == std::string::npos ? std::string() : trim(std::string_view(text).substr(semicolon + 1));
      semicolons = semicolon != std::string::npos && (after == "cost" || parse_cost(after, true, ignored));
    }
    // The cost is the last field, so the label before it may contain commas or blanks.
    std::size_t cut = semicolons ? text.rfind(';') : text.find_last_of(",\t");
    if (cut == std::string::npos) cut = text.find_last_of(' ');
    if (cut == std::string::npos) throw InputError(file_name, line, "expected 'user,cost', got '" + text + "'");
    const std::string value = trim(std::string_view(text).substr(cut + 1));
    std::string label = trim(std::string_view(text).substr(0, cut));
    if (first_line && value == "cost") return;  // header "user,cost"
    if (!label.empty() && label[0] == '"') {
      auto fields = csv_fields(label, semicolons ? ';' : ',');
      if (!fields) throw InputError(file_name, line, "malformed quoted label (unterminated, or text after the closing quote)");
      label = fields->front();
    }
    double cost = 0;
    if (!parse_cost(value, semicolons, cost))
      throw InputError(file_name, line, "expected 'user,cost' with a numeric cost, got '" + value + "'");
    const std::optional<NodeId> found = find_user(index, label, file_name, line, policy);
    if (!found) return;
    const NodeId id = *found;
    if (!std::isfinite(cost) || cost <= 0) throw InputError(file_name, line, "cost must be a positive number");
    if (const auto [at, fresh] = listed_on.emplace(id, line); !fresh)
      throw InputError(file_name, line, "user '" + label + "' already has a cost (line " + std::to_string(at->second) + ")");
    costs[id] = cost;
  });
  return costs;
}

}  // namespace kuchikomi
