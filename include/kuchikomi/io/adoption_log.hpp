// Adoption (action) logs: who adopted which item, when. The evidence influence is learned from
// (graph learn) and checked against (validate).
//
//   user,item,time        CSV with a header; columns found by name in any order (aliases: actor or
//                         adopter for user; timestamp, ts or date for time); other columns ignored
//
// A row means `user` adopted, voted on, posted under or rated `item` at `time` (unix seconds or ISO
// 8601, io/timestamp.hpp). Comma or tab (a tab in the header line means tab), RFC 4180 quotes, plain
// or gzip. Users and items are arbitrary strings.
//
// Policy (the counts are reported, none is an error):
//   * the first adoption of a (user, item) pair counts, i.e. the earliest time; every other row of
//     the pair is a repeat;
//   * users absent from the graph are dropped when the log is mapped onto a graph (map_to_graph),
//     counted per row and per distinct user; a log that shares no user with the graph is an error.
// Malformed rows (wrong number of fields, an empty user/item/time, a time that is neither unix
// seconds nor ISO 8601) are an InputError naming file:line.
//
// Memory: the text of the file while parsing, the distinct user and item labels once each, and 16
// bytes per kept adoption.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// One kept adoption. `user` is a log user id (AdoptionLog::users) or, after map_to_graph, a node.
struct Adoption {
  std::uint32_t item = 0;
  NodeId user = 0;
  double time = 0;  // seconds since 1970-01-01T00:00:00Z
};

struct AdoptionLog {
  std::string file;
  std::vector<std::string> users;         // log user id -> label (first-seen order)
  std::vector<std::string> items;         // item id -> label (first-seen order)
  std::vector<double> item_first_time;    // item id -> its earliest adoption in the whole log
  std::vector<Adoption> adoptions;        // first adoption per (user, item); sorted by item, time, user
  std::uint64_t rows = 0;                 // data rows read (the header and blank lines excluded)
  std::uint64_t repeats = 0;              // rows of a (user, item) pair after its first adoption
  double first_time = 0, last_time = 0;   // over all kept adoptions
};

// Parses a log held in memory (`file_name` is for messages). Throws InputError(file, line, ...).
AdoptionLog parse_adoption_log(std::string_view text, const std::string& file_name);
// Reads the file (plain or gzip) and parses it.
AdoptionLog read_adoption_log(const std::string& path);

// The log's adoptions by users of one graph, in graph node ids.
struct GraphAdoptions {
  std::vector<Adoption> adoptions;          // sorted by item, then time, then node id
  std::uint64_t users = 0;                  // distinct graph users with at least one adoption
  std::uint64_t unknown_users = 0;          // distinct log users absent from the graph
  std::uint64_t unknown_user_adoptions = 0; // their (first) adoptions, dropped
  std::string first_unknown_user;           // an example for the summary ("" when none)
};

// Throws InputError naming both files when the log shares no user with the graph.
GraphAdoptions map_to_graph(const AdoptionLog& log, const InfluenceGraph& graph, const std::string& graph_name);

// Item ids listed in a file, one label per line (the whole line, blanks trimmed; '#' comments and
// blank lines skipped). An item the log does not have is an InputError with file:line. Returns one
// byte per log item: 1 when listed.
std::vector<std::uint8_t> read_item_list(const std::string& path, const AdoptionLog& log);

}  // namespace kuchikomi
