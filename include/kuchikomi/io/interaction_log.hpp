// Interaction logs: CSV with a header, one interaction per row.
//
//   actor,target,action[,timestamp][,weight][,probability]     (columns found by header name, any order)
//
// `actor` reacted to `target`'s content (replied, answered, commented, liked, voted, shared), so the
// target influenced the actor: each row becomes an influence edge target -> actor. Ids are arbitrary
// strings kept as labels (dense 32-bit ids inside, first-seen order). The delimiter is a tab if the
// header line contains one, a comma otherwise. Fields may be RFC 4180 double-quoted ("a, ""b""" ->
// a, "b"), quoted fields may span lines; unquoted fields are trimmed of blanks. Header aliases:
// time/ts for timestamp, prob for probability; other columns are ignored.
//
// Interaction weight = action weight (ActionWeights table) x the weight column (default 1, so a
// weight column can carry "3 likes" on one row). An unknown action is an error naming file:line and
// listing the known actions, unless a weight was given for it. Empty timestamp/weight cells mean
// "absent"; --since/--until then need every kept row to have a timestamp.
#pragma once
#include <functional>
#include <string>
#include <string_view>

#include "kuchikomi/io/action_weights.hpp"
#include "kuchikomi/io/ingest_records.hpp"

namespace kuchikomi {

// One kept interaction as the log states it (ids as interned in ParsedInput::users).
struct InteractionRow {
  NodeId actor = 0, target = 0;
  std::string_view action;    // as spelled in the log
  double weight = 0;          // action weight x weight column
  bool has_timestamp = false;
  double timestamp = 0;
};

struct InteractionLogOptions {
  IngestFilters filters;
  ActionWeights action_weights;
  bool need_probability = false;  // --prob const-from-file: a probability column is required
  // When set: called for every kept interaction (self-interactions included), in file order, after
  // all its checks; profiling users (io/user_profiles.hpp) reads the log through it.
  std::function<void(const InteractionRow&)> on_row;
};

// Parses one log held in memory (`file_name` is for messages) and appends to `into`.
void parse_interaction_log(std::string_view text, const std::string& file_name, const InteractionLogOptions& options,
                           ParsedInput& into);
// Reads the file (plain or gzip) and parses it.
void read_interaction_log(const std::string& path, const InteractionLogOptions& options, ParsedInput& into);

}  // namespace kuchikomi
