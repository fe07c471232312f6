#include "kuchikomi/io/edge_list.hpp"

#include <array>
#include <cstring>
#include <optional>
#include <vector>

#include "csv_reader.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "parse_util.hpp"

namespace kuchikomi {

namespace {

using namespace ingest_detail;

enum class Column : unsigned char { kSource, kTarget, kWeight, kTime, kProbability, kIgnore };
constexpr std::size_t kMaxFields = 16;

struct Columns {
  std::array<Column, kMaxFields> kind{};
  std::size_t count = 0;
  std::string text;
  bool has(Column c) const {
    for (std::size_t i = 0; i < count; ++i)
      if (kind[i] == c) return true;
    return false;
  }
};

// A first data line whose fields are all non-numbers is a header when it has three or more fields
// ("Srcid dstid t") or when every field is a column name ("source target"). Other two-field lines
// are edges: edge lists may use names as node ids ("alice bob").
bool is_numeric_field(std::string_view field) {
  double ignored = 0.0;
  return parse_number(field, ignored);
}

std::string lower_unquoted(std::string_view s) {
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// Header names, case-insensitive. srcid/dstid: NetworkRepository's exports (fb-forum).
constexpr const char* kAcceptedHeaderNames =
    "source|src|srcid|u|from, target|dst|dstid|v|to, weight|w, time|timestamp|ts|t, probability|prob|p";

std::optional<Column> header_column(std::string_view field) {
  const std::string name = lower_unquoted(field);
  for (const char* s : {"source", "src", "srcid", "u", "from"})
    if (name == s) return Column::kSource;
  for (const char* s : {"target", "dst", "dstid", "v", "to"})
    if (name == s) return Column::kTarget;
  for (const char* s : {"weight", "w"})
    if (name == s) return Column::kWeight;
  for (const char* s : {"time", "timestamp", "ts", "t"})
    if (name == s) return Column::kTime;
  for (const char* s : {"probability", "prob", "p"})
    if (name == s) return Column::kProbability;
  return std::nullopt;
}

bool is_header_line(const std::array<std::string_view, kMaxFields>& fields, std::size_t n) {
  if (n < 2 || n > kMaxFields) return false;
  bool all_names = true;
  for (std::size_t i = 0; i < n; ++i) {
    if (is_numeric_field(fields[i])) return false;
    all_names = all_names && header_column(fields[i]).has_value();
  }
  return n >= 3 || all_names;
}

constexpr const char* kShortName[] = {"u", "v", "w", "t", "p", "-"};

// The layout a header names. Names are honoured, never second-guessed from the values; a name we do
// not know is an error, since guessing what it holds is how weights became timestamps.
Columns header_columns(const std::array<std::string_view, kMaxFields>& fields, std::size_t n, const std::string& file,
                       std::uint64_t line) {
  Columns columns;
  std::string unknown;
  for (std::size_t i = 0; i < n; ++i) {
    const std::optional<Column> c = header_column(fields[i]);
    if (!c) {
      if (!unknown.empty()) unknown += ", ";
      unknown += quoted(fields[i]);
      continue;
    }
    if (columns.has(*c))
      throw InputError(file, line, "header names the " + std::string(kShortName[static_cast<int>(*c)]) +
                                       " column twice (" + quoted(fields[i]) + ")");
    columns.kind[columns.count] = *c;
    if (i > 0) columns.text += ',';  // appended piecewise: GCC 12 -Wrestrict false positive on "," + s
    columns.text += kShortName[static_cast<int>(*c)];
    ++columns.count;
  }
  if (!unknown.empty())
    throw InputError(file, line,
                     "header names unknown column(s) " + unknown + "; accepted names (any case): " +
                         kAcceptedHeaderNames + " (or name the columns, - to ignore one)",
                     {"columns"});
  if (!columns.has(Column::kSource) || !columns.has(Column::kTarget))
    throw InputError(file, line, "header must name a source and a target column; accepted names (any case): " +
                                     std::string(kAcceptedHeaderNames));
  return columns;
}

Columns parse_columns(const std::string& spec) {
  Columns columns;
  columns.text = spec;
  std::size_t begin = 0;
  while (begin <= spec.size()) {
    std::size_t end = spec.find(',', begin);
    if (end == std::string::npos) end = spec.size();
    const std::string_view name = trim_blanks(std::string_view(spec).substr(begin, end - begin));
    Column c;
    if (name == "u") c = Column::kSource;
    else if (name == "v") c = Column::kTarget;
    else if (name == "w") c = Column::kWeight;
    else if (name == "t") c = Column::kTime;
    else if (name == "p") c = Column::kProbability;
    else if (name == "-" || name == "_") c = Column::kIgnore;
    else
      throw UsageError("columns " + spec + ": unknown column '" + std::string(name) +
                           "' (use u, v, w, t, p or - to ignore, or auto)",
                       {"columns"});
    if (columns.count == kMaxFields) throw UsageError("columns: at most 16", {"columns"});
    if (c != Column::kIgnore && columns.has(c))
      throw UsageError("columns " + spec + ": '" + std::string(name) + "' appears twice", {"columns"});
    columns.kind[columns.count++] = c;
    begin = end + 1;
  }
  if (!columns.has(Column::kSource) || !columns.has(Column::kTarget))
    throw UsageError("columns " + spec + ": must name both u and v", {"columns"});
  return columns;
}

bool is_separator(char c) noexcept { return c == ' ' || c == '\t' || c == ',' || c == '\r'; }

// Auto layout from the first data line's fields.
Columns auto_columns(const std::array<std::string_view, kMaxFields>& fields, std::size_t n, const std::string& file,
                     std::uint64_t line) {
  if (n == 2) return parse_columns("u,v");
  if (n == 4) return parse_columns("u,v,w,t");
  if (n == 3) {
    const std::string_view third = fields[2];
    std::int64_t integer = 0;
    const auto [end, ec] = std::from_chars(third.data(), third.data() + third.size(), integer);
    if (ec == std::errc() && end == third.data() + third.size()) return parse_columns("u,v,t");
    // Decimal unix times ("1084585996.0") are times too: no weight or probability is that large.
    double value = 0.0;
    if (parse_number(third, value) && value >= 1e8) return parse_columns("u,v,t");
    return parse_columns("u,v,w");
  }
  throw InputError(file, line,
                   "cannot guess the meaning of " + std::to_string(n) +
                       " fields; name the columns (e.g. u,v,w,t or u,v,-,t)",
                   {"columns"});
}

}  // namespace

EdgeDirection parse_edge_direction(const std::string& text) {
  if (text == "reverse") return EdgeDirection::kReverse;
  if (text == "forward") return EdgeDirection::kForward;
  if (text == "both") return EdgeDirection::kBoth;
  throw UsageError("direction must be 'reverse' (u v = u acted on v, influence v -> u) or 'forward' (u -> v) or 'both' (undirected: u -> v and v -> u), got '" +
                       text + "'",
                   {"direction"});
}

void check_edge_columns(const std::string& spec) {
  if (spec != "auto") parse_columns(spec);
}

void parse_edge_list(std::string_view text, const std::string& file_name, const EdgeListOptions& options,
                     ParsedInput& into) {
  text = without_utf8_bom(text);
  IngestSummary& summary = into.summary;
  const bool forward = options.direction == EdgeDirection::kForward;
  const bool both = options.direction == EdgeDirection::kBoth;
  summary.files.push_back(file_name);
  if (summary.format.empty()) summary.format = "edge-list";
  summary.direction = forward ? "forward" : both ? "both" : "reverse";
  const IngestFilters& filters = options.filters;
  const bool skip = filters.skip_bad_lines;

  std::optional<Columns> columns;
  if (options.columns != "auto") columns = parse_columns(options.columns);
  std::size_t source_col = 0, target_col = 0, weight_col = kMaxFields, time_col = kMaxFields, prob_col = kMaxFields;
  auto adopt = [&](Columns c) {
    for (std::size_t i = 0; i < c.count; ++i) {
      switch (c.kind[i]) {
        case Column::kSource: source_col = i; break;
        case Column::kTarget: target_col = i; break;
        case Column::kWeight: weight_col = i; break;
        case Column::kTime: time_col = i; break;
        case Column::kProbability: prob_col = i; break;
        case Column::kIgnore: break;
      }
    }
    if (filters.time_filtered() && time_col == kMaxFields)
      throw InputError(file_name, 0, "a time window (since/until) needs a timestamp column; columns are " + c.text,
                       {"since", "until"});
    if (options.need_probability && prob_col == kMaxFields)
      throw InputError(file_name, 0, "probabilities const-from-file need a probability column (p); columns are " + c.text,
                       {"prob", "columns"});
    if (!summary.columns.empty()) summary.columns += "; ";
    summary.columns += c.text;
    columns = std::move(c);
  };
  if (columns) adopt(*columns);

  // Grow the record array once, guessing ~20 bytes per line.
  into.records.reserve(into.records.size() + text.size() / 20);

  // One data line (or CSV record) split into fields: checked, filtered, turned into records.
  auto edge = [&](const std::array<std::string_view, kMaxFields>& fields, std::size_t n, bool too_many,
                  std::uint64_t line) {
    if (too_many) {
      bad_line(summary, skip, file_name, line, "more than 16 fields");
      return;
    }
    if (!columns) {
      // A header line ("Srcid dstid t") must not decide the layout: wait for a numeric line.
      bool numeric = true;
      double ignored = 0.0;
      for (std::size_t i = 2; i < n; ++i) numeric = numeric && parse_number(fields[i], ignored);
      if (!numeric) {
        bad_line(summary, skip, file_name, line,
                 "not an edge line (a header?): fields after 'u v' must be numbers (or name the columns)",
                 {"columns"});
        return;
      }
      adopt(auto_columns(fields, n, file_name, line));
      if (n >= 3) summary.columns_guessed = true;
    }
    if (n != columns->count) {
      bad_line(summary, skip, file_name, line,
               (n < columns->count ? "missing column(s): expected " : "too many fields: expected ") +
                   std::to_string(columns->count) + " fields (" + columns->text + "), found " + std::to_string(n));
      return;
    }
    if (fields[source_col].empty() || fields[target_col].empty()) {  // CSV: "a,,1"
      bad_line(summary, skip, file_name, line, "empty user id");
      return;
    }
    double weight = 1.0;
    if (weight_col != kMaxFields) {
      if (!parse_number(fields[weight_col], weight)) {
        bad_line(summary, skip, file_name, line, "weight " + quoted(fields[weight_col]) + " is not a number");
        return;
      }
      if (weight < 0.0) {
        bad_line(summary, skip, file_name, line,
                 "negative weight " + quoted(fields[weight_col]) +
                     " (signed networks: drop or shift negative edges first)");
        return;
      }
      if (weight > kMaxWeight) {
        bad_line(summary, skip, file_name, line,
                 "weight " + quoted(fields[weight_col]) + " exceeds the largest storable weight, 3.4e38");
        return;
      }
    }
    double probability = 0.0;
    if (prob_col != kMaxFields) {
      if (!parse_number(fields[prob_col], probability)) {
        bad_line(summary, skip, file_name, line, "probability " + quoted(fields[prob_col]) + " is not a number");
        return;
      }
      if (probability < 0.0 || probability > 1.0) {
        bad_line(summary, skip, file_name, line, "probability " + quoted(fields[prob_col]) + " is outside [0,1]");
        return;
      }
    }
    if (time_col != kMaxFields) {
      double timestamp = 0.0;
      if (!parse_timestamp(fields[time_col], timestamp)) {
        bad_line(summary, skip, file_name, line, "timestamp " + quoted(fields[time_col]) + " is not a number");
        return;
      }
      if (!filters.keeps(timestamp)) {
        ++summary.filtered_by_time;
        return;
      }
    }
    ++summary.interactions_kept;
    std::uint64_t number = 0;
    const std::string_view su = fields[source_col];
    const std::string_view sv = fields[target_col];
    const NodeId u = parse_canonical_number(su, number) ? into.users.intern_number(number) : into.users.intern(su);
    const NodeId v = parse_canonical_number(sv, number) ? into.users.intern_number(number) : into.users.intern(sv);
    if (u == v) ++summary.self_interactions;
    if (forward || both) into.records.push_back({u, v, static_cast<float>(probability), weight, 1});
    if (!forward) into.records.push_back({v, u, static_cast<float>(probability), weight, 1});
  };

  std::array<std::string_view, kMaxFields> split;
  const char* p = text.data();
  const char* const end = text.data() + text.size();
  std::uint64_t line_number = 0;
  bool first_data_line = true;
  const char* csv_rest = nullptr;  // after a comma-separated header: the text read as CSV
  CancellationPoll poll;
  std::uint64_t csv_header_line = 0;
  while (p < end) {
    ++line_number;
    poll.line();
    const char* eol = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
    if (eol == nullptr) eol = end;
    const char* q = p;
    const char* const raw = q;
    p = eol + (eol < end ? 1 : 0);
    if (line_number <= options.skip_lines) continue;  // e.g. NetPHY's "37154 231584" count line
    while (q < eol && is_separator(*q)) ++q;
    if (q == eol || *q == '#' || *q == '%') continue;  // blank line or comment

    std::size_t n = 0;
    bool too_many = false;
    while (q < eol) {
      const char* start = q;
      while (q < eol && !is_separator(*q)) ++q;
      if (n == kMaxFields) {
        too_many = true;
        break;
      }
      split[n++] = std::string_view(start, static_cast<std::size_t>(q - start));
      while (q < eol && is_separator(*q)) ++q;
    }
    ++summary.lines_read;
    if (first_data_line && !too_many && is_header_line(split, n)) {
      // "source,target,weight" (pandas, spreadsheets), "Srcid dstid t" (NetworkRepository): a
      // header, not data. Explicit columns win over it; otherwise it decides the layout.
      --summary.lines_read;
      ++summary.header_lines;
      first_data_line = false;
      if (!columns) {
        adopt(header_columns(split, n, file_name, line_number));
        summary.columns_from_header = true;
      }
      if (std::memchr(raw, ',', static_cast<std::size_t>(eol - raw)) != nullptr) {
        csv_rest = p;
        csv_header_line = line_number;
        break;
      }
      continue;
    }
    first_data_line = false;
    edge(split, n, too_many, line_number);
  }
  if (csv_rest == nullptr) return;

  // A comma-separated header makes the rest a CSV file (what pandas and spreadsheets write): fields
  // split at commas only, RFC 4180 quotes, so labels may hold blanks and commas; blank lines are
  // skipped, and there are no comment lines (a label may start with '#').
  CsvReader reader(std::string_view(csv_rest, static_cast<std::size_t>(end - csv_rest)), ',');
  std::vector<std::string_view> record;
  while (!reader.done()) {
    std::uint64_t at = 0;
    try {
      at = csv_header_line + reader.next(record);
    } catch (const ParseFailure& failure) {
      ++summary.lines_read;
      bad_line(summary, skip, file_name, csv_header_line + reader.line() - 1, failure.message);
      continue;
    }
    poll.line();
    if (record.size() == 1 && record[0].empty()) continue;
    const bool too_many = record.size() > kMaxFields;
    const std::size_t n = too_many ? kMaxFields : record.size();
    std::copy_n(record.begin(), n, split.begin());
    ++summary.lines_read;
    edge(split, n, too_many, at);
  }
}

void read_edge_list(const std::string& path, const EdgeListOptions& options, ParsedInput& into) {
  const std::string text = read_text_input(path);
  parse_edge_list(text, path, options, into);
}

}  // namespace kuchikomi
