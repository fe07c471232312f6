#include "kuchikomi/io/interaction_log.hpp"

#include <array>
#include <deque>
#include <optional>
#include <vector>

#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "csv_reader.hpp"
#include "parse_util.hpp"

namespace kuchikomi {

namespace {

using namespace ingest_detail;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Layout {
  static constexpr std::size_t kAbsent = ~std::size_t{0};
  std::size_t actor = kAbsent, target = kAbsent, action = kAbsent, timestamp = kAbsent, weight = kAbsent,
              probability = kAbsent;
  std::size_t columns = 0;
};

Layout read_header(const std::vector<std::string_view>& header, const std::string& file, std::uint64_t line) {
  Layout layout;
  layout.columns = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(header[i]);
    std::size_t* slot = nullptr;
    if (name == "actor") slot = &layout.actor;
    else if (name == "target") slot = &layout.target;
    else if (name == "action") slot = &layout.action;
    else if (name == "timestamp" || name == "time" || name == "ts") slot = &layout.timestamp;
    else if (name == "weight") slot = &layout.weight;
    else if (name == "probability" || name == "prob") slot = &layout.probability;
    if (slot == nullptr) continue;
    if (*slot != Layout::kAbsent) throw InputError(file, line, "header names column '" + name + "' twice");
    *slot = i;
  }
  std::string missing;
  if (layout.actor == Layout::kAbsent) missing += " actor";
  if (layout.target == Layout::kAbsent) missing += " target";
  if (layout.action == Layout::kAbsent) missing += " action";
  if (!missing.empty())
    throw InputError(file, line,
                     "header lacks column(s)" + missing +
                         ": an interaction log starts with a header such as actor,target,action,timestamp");
  return layout;
}

}  // namespace

void parse_interaction_log(std::string_view text, const std::string& file_name, const InteractionLogOptions& options,
                           ParsedInput& into) {
  text = without_utf8_bom(text);
  IngestSummary& summary = into.summary;
  summary.files.push_back(file_name);
  if (summary.format.empty()) summary.format = "interaction-log";
  const IngestFilters& filters = options.filters;
  const bool skip = filters.skip_bad_lines;

  // Delimiter from the header line: tab if it has one, comma otherwise.
  std::size_t first_line_end = text.find('\n');
  const std::string_view first_line = text.substr(0, first_line_end);
  CsvReader reader(text, first_line.find('\t') != std::string_view::npos ? '\t' : ',');

  std::vector<std::string_view> fields;
  fields.reserve(16);
  std::optional<Layout> layout;
  std::uint64_t header_line = 0;
  // One-entry cache: logs tend to repeat one action spelling many times in a row.
  std::string cached_action;
  double cached_weight = 0.0;
  bool cache_valid = false;

  CancellationPoll poll;
  while (!reader.done()) {
    poll.line();
    std::uint64_t line = 0;
    try {
      line = reader.next(fields);
    } catch (const ParseFailure& failure) {
      if (!layout) throw InputError(file_name, reader.line() - 1, "header: " + failure.message);
      ++summary.lines_read;
      bad_line(summary, skip, file_name, reader.line() - 1, failure.message);
      continue;
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (!layout) {
      layout = read_header(fields, file_name, line);
      header_line = line;
      if (filters.time_filtered() && layout->timestamp == Layout::kAbsent)
        throw InputError(file_name, line, "a time window (since/until) needs a timestamp column, and this header has none",
                         {"since", "until"});
      if (options.need_probability && layout->probability == Layout::kAbsent)
        throw InputError(file_name, line,
                         "probabilities const-from-file need a probability column, and this header has none", {"prob"});
      continue;
    }
    ++summary.lines_read;
    const Layout& l = *layout;
    if (fields.size() != l.columns) {
      bad_line(summary, skip, file_name, line,
               "expected " + std::to_string(l.columns) + " fields as in the header (line " +
                   std::to_string(header_line) + "), found " + std::to_string(fields.size()));
      continue;
    }
    const std::string_view actor = fields[l.actor];
    const std::string_view target = fields[l.target];
    const std::string_view action = fields[l.action];
    if (actor.empty() || target.empty() || action.empty()) {
      bad_line(summary, skip, file_name, line,
               std::string("empty ") + (actor.empty() ? "actor" : target.empty() ? "target" : "action"));
      continue;
    }
    double timestamp = 0.0;
    bool has_timestamp = false;
    if (l.timestamp != Layout::kAbsent && !fields[l.timestamp].empty()) {
      // Unix seconds on the fast path; ISO 8601 dates and date-times (exports, spreadsheets) through date.h.
      if (!parse_timestamp(fields[l.timestamp], timestamp)) {
        const std::optional<double> iso = parse_time_point(trim_blanks(fields[l.timestamp]));
        if (!iso) {
          bad_line(summary, skip, file_name, line,
                   "timestamp " + quoted(fields[l.timestamp]) + " is neither unix seconds nor an ISO 8601 date/date-time");
          continue;
        }
        timestamp = *iso;
      }
      has_timestamp = true;
    }
    double multiplier = 1.0;
    if (l.weight != Layout::kAbsent && !fields[l.weight].empty()) {
      if (!parse_number(fields[l.weight], multiplier)) {
        bad_line(summary, skip, file_name, line, "weight " + quoted(fields[l.weight]) + " is not a number");
        continue;
      }
      if (multiplier < 0.0) {
        bad_line(summary, skip, file_name, line, "negative weight " + quoted(fields[l.weight]));
        continue;
      }
    }
    double probability = 0.0;
    if (l.probability != Layout::kAbsent && (options.need_probability || !fields[l.probability].empty())) {
      if (!parse_number(fields[l.probability], probability)) {
        bad_line(summary, skip, file_name, line,
                 "probability " + quoted(fields[l.probability]) + " is not a number");
        continue;
      }
      if (probability < 0.0 || probability > 1.0) {
        bad_line(summary, skip, file_name, line, "probability " + quoted(fields[l.probability]) + " is outside [0,1]");
        continue;
      }
    }
    if (!cache_valid || action != cached_action) {
      const auto found = options.action_weights.find(action);
      if (!found) {
        bad_line(summary, skip, file_name, line,
                 "unknown action " + quoted(action) + "; known actions: " + options.action_weights.known_list() +
                     "; give it an action weight, e.g. " + std::string(action) + "=W",
                 {"action-weight"});
        continue;
      }
      cached_action.assign(action);
      cached_weight = *found;
      cache_valid = true;
    }
    if (filters.time_filtered()) {
      if (!has_timestamp) {
        bad_line(summary, skip, file_name, line, "missing timestamp (needed by the time window since/until)",
                 {"since", "until"});
        continue;
      }
      if (!filters.keeps(timestamp)) {
        ++summary.filtered_by_time;
        continue;
      }
    }
    const double weight = cached_weight * multiplier;
    if (!(weight <= kMaxWeight)) {  // weights are stored as float32: 1e39 would become infinity
      bad_line(summary, skip, file_name, line,
               "weight " + std::to_string(weight) + " (the action's weight times the weight column) exceeds the "
               "largest storable weight, 3.4e38");
      continue;
    }
    ++summary.interactions_kept;
    const NodeId actor_id = into.users.intern(actor);
    const NodeId target_id = into.users.intern(target);
    if (actor_id == target_id) ++summary.self_interactions;
    if (options.on_row) options.on_row({actor_id, target_id, action, weight, has_timestamp, timestamp});
    // Influence flows from the content's author (target) to whoever reacted to it (actor).
    into.records.push_back({target_id, actor_id, static_cast<float>(probability), weight, 1});
  }
  if (!layout)
    throw InputError(file_name, 0, "empty file: expected a header line such as actor,target,action,timestamp");
}

void read_interaction_log(const std::string& path, const InteractionLogOptions& options, ParsedInput& into) {
  const std::string text = read_text_input(path);
  parse_interaction_log(text, path, options, into);
}

}  // namespace kuchikomi
