// What the ingestion parsers (interaction logs, edge lists) share: the filters every input honours,
// the per-interaction records they produce, and the summary counts the build commands report.
//
// Parsers append one EdgeRecord per kept interaction, already in the influence direction, and leave
// aggregation (sum of weights and counts per ordered pair, dropping self-loops) to finish_ingest
// (graph_ingest.hpp), so both formats aggregate identically. Several files can be parsed into
// one ParsedInput; users keep one dense id across them.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/label_interner.hpp"

namespace kuchikomi {

struct IngestFilters {
  std::optional<double> since;  // keep timestamps >= since (unix seconds)
  std::optional<double> until;  // keep timestamps <  until
  double min_weight = 0.0;      // after aggregation: drop edges whose summed weight is below this
  bool skip_bad_lines = false;  // count and skip malformed lines instead of failing on the first
  bool time_filtered() const noexcept { return since.has_value() || until.has_value(); }
  bool keeps(double timestamp) const noexcept {
    return (!since || timestamp >= *since) && (!until || timestamp < *until);
  }
};

struct BadLine {
  std::string file;
  std::uint64_t line = 0;
  std::string message;
};

struct IngestSummary {
  static constexpr std::size_t kReportedBadLines = 5;
  std::vector<std::string> files;
  std::string format;                    // "interaction-log" or "edge-list"
  std::string columns;                   // column layout used, per file ("u,v,t"), for the report
  bool columns_from_header = false;      // edge lists: some file's layout came from its header row
  bool columns_guessed = false;          // edge lists: some file's 3+ columns were guessed from values
  // Which way the input's pairs became influence edges: "" for interaction logs (target -> actor),
  // "reverse", "forward" or "both" for edge lists and graph files (as EdgeDirection).
  std::string direction;
  std::uint64_t undirected_edges = 0;    // graph files: edges declared undirected (both arcs added)
  std::uint64_t lines_read = 0;          // data lines: not headers, comments or blank lines
  std::uint64_t interactions_kept = 0;   // data lines that passed the time filter
  std::uint64_t filtered_by_time = 0;    // dropped by --since/--until
  std::uint64_t self_interactions = 0;   // kept lines whose two users are the same (dropped)
  std::uint64_t header_lines = 0;        // edge lists: a first line of column names
  std::uint64_t bad_lines_skipped = 0;   // with --skip-bad-lines
  std::vector<BadLine> first_bad_lines;  // the first kReportedBadLines of them
  std::uint64_t edges_below_min_weight = 0;
  std::uint64_t users = 0;
  std::uint64_t edges = 0;
  // Linear-threshold validity: LT needs every node's in-probabilities to sum to at most 1.
  bool lt_valid = true;
  std::string lt_worst_user;
  double lt_worst_sum = 0.0;
};

struct ParsedInput {
  LabelInterner users;
  std::vector<EdgeRecord> records;  // one per kept interaction, influence direction
  IngestSummary summary;
};

}  // namespace kuchikomi
