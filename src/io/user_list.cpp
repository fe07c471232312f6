#include "kuchikomi/io/user_list.hpp"

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

NodeId find_user(const LabelIndex& index, const std::string& label, const std::string& file, std::uint64_t line) {
  if (label.empty()) throw InputError(file, line, "empty user label");
  auto id = index.find(label);
  if (!id) throw InputError(file, line, "unknown user '" + label + "' (not in the graph)");
  return *id;
}

}  // namespace

std::vector<NodeId> read_user_list(const std::string& path, const LabelIndex& index) {
  return parse_user_list(read_text_input(path), path, index);
}

std::vector<NodeId> parse_user_list(std::string_view content, const std::string& file_name, const LabelIndex& index) {
  std::vector<NodeId> users;
  std::unordered_set<NodeId> seen;
  std::optional<std::size_t> user_column;  // set by a CSV header naming a `user` column
  bool first = true;
  for_each_line(content, [&](std::uint64_t line, const std::string& text) {
    const bool first_line = first;
    first = false;
    std::string label;
    if (first_line && !index.find(text)) {
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
    const NodeId id = find_user(index, label, file_name, line);
    if (seen.insert(id).second) users.push_back(id);
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
    auto id = index.find(label);
    if (!id) throw InputError(what + ": unknown user '" + label + "' (not in the graph)");
    if (seen.insert(*id).second) users.push_back(*id);
  }
  return users;
}

std::vector<NodeId> resolve_label_list(const std::string& text, const LabelIndex& index, const std::string& what) {
  const std::string whole = trim(text);
  if (index.find(whole)) return resolve_users({whole}, index, what);  // one label that contains commas
  return resolve_users(split_label_list(text), index, what);
}

std::vector<double> read_user_costs(const std::string& path, const LabelIndex& index, NodeId num_nodes,
                                    double default_cost) {
  return parse_user_costs(read_text_input(path), path, index, num_nodes, default_cost);
}

std::vector<double> parse_user_costs(std::string_view content, const std::string& file_name, const LabelIndex& index,
                                     NodeId num_nodes, double default_cost) {
  std::vector<double> costs(num_nodes, default_cost);
  std::unordered_map<NodeId, std::uint64_t> listed_on;  // a second cost for a user is a contradiction, not an update
  bool first = true;
  for_each_line(content, [&](std::uint64_t line, const std::string& text) {
    const bool first_line = first;
    first = false;
    // The cost is the last field, so the label before it may contain commas or blanks.
    std::size_t cut = text.find_last_of(",\t");
    if (cut == std::string::npos) cut = text.find_last_of(' ');
    if (cut == std::string::npos) throw InputError(file_name, line, "expected 'user,cost', got '" + text + "'");
    const std::string value = trim(std::string_view(text).substr(cut + 1));
    std::string label = trim(std::string_view(text).substr(0, cut));
    if (first_line && value == "cost") return;  // header "user,cost"
    if (!label.empty() && label[0] == '"') {
      auto fields = csv_fields(label, ',');
      if (!fields) throw InputError(file_name, line, "malformed quoted label (unterminated, or text after the closing quote)");
      label = fields->front();
    }
    const NodeId id = find_user(index, label, file_name, line);
    double cost = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cost);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
      throw InputError(file_name, line, "expected 'user,cost' with a numeric cost, got '" + value + "'");
    if (!std::isfinite(cost) || cost <= 0) throw InputError(file_name, line, "cost must be a positive number");
    if (const auto [at, fresh] = listed_on.emplace(id, line); !fresh)
      throw InputError(file_name, line, "user '" + label + "' already has a cost (line " + std::to_string(at->second) + ")");
    costs[id] = cost;
  });
  return costs;
}

}  // namespace kuchikomi
