// Edge lists: SNAP/KONECT-style text, plain or gzip, one edge per line:  u v [more columns]
// Fields are separated by blanks, tabs or commas; lines starting with '#' or '%' are comments.
//
// Direction (--direction):
//   reverse (default)  "u v" means u acted on v's content (answered, commented, messaged: the SNAP
//                      temporal sx-*, CollegeMsg, email-Eu-core files), so v influenced u: edge v -> u.
//   forward            "u v" already is an influence edge u -> v (NetHEPT, IMM-style lists).
//   both               undirected: "u v" gives u -> v and v -> u (NetPHY, collaboration networks).
// --skip-lines N skips the first N lines of each file (a "nodes edges" count line, say).
//
// Columns (--columns): a comma list naming each field: u, v, w (weight), t (timestamp, unix
// seconds), p (probability, for --prob const-from-file), '-' (ignore). Default "auto", decided
// from the first data line of each file:
//   2 fields -> u,v     4 fields -> u,v,w,t (KONECT out.* files)
//   3 fields -> u,v,t when the third field is an integer or a number >= 1e8 (SNAP temporal files:
//               sx-*, CollegeMsg, email-Eu-core; fb-forum's "1084585996.0"), else u,v,w (weighted
//               or probability lists such as "1 2 0.024").
//   So a 3-column file with integer *weights* needs --columns u,v,w or a header row; the summary
//   says when the layout was guessed (IngestSummary::columns_guessed).
// Header row: a first data line of non-numbers with three or more fields, or of two column names,
// names the columns (case-insensitive): source|src|srcid|u|from, target|dst|dstid|v|to, weight|w,
// time|timestamp|ts|t, probability|prob|p. The names are honoured, never second-guessed from the
// values; a name outside that list is an InputError at the header's line listing them. Explicit
// --columns win over a header (it is then skipped). Only the first data line can be a header.
// A header holding a comma makes the rest of the file CSV: fields split at commas only, RFC 4180
// quotes (labels may hold blanks, commas, quotes), no comment lines.
// Without a w column every line weighs 1, so repeated pairs count their interactions.
// Ids: canonical decimal numbers take a fast path; any other token is kept as a string label.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/io/ingest_records.hpp"

namespace kuchikomi {

enum class EdgeDirection { kReverse, kForward, kBoth };

// Parses "reverse"/"forward"/"both"; throws UsageError otherwise.
EdgeDirection parse_edge_direction(const std::string& text);

struct EdgeListOptions {
  IngestFilters filters;
  EdgeDirection direction = EdgeDirection::kReverse;
  std::string columns = "auto";
  std::uint64_t skip_lines = 0;   // first lines of each file that are not edges
  bool need_probability = false;  // --prob const-from-file: a p column is required
};

// Validates a --columns spec ("auto" or names as above); throws UsageError when malformed.
void check_edge_columns(const std::string& spec);

void parse_edge_list(std::string_view text, const std::string& file_name, const EdgeListOptions& options,
                     ParsedInput& into);
void read_edge_list(const std::string& path, const EdgeListOptions& options, ParsedInput& into);

}  // namespace kuchikomi
