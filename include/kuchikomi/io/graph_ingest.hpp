// From input files and options to a finished InfluenceGraph, as `graph build` / `graph import` do:
// parse every file into one ParsedInput, aggregate repeated pairs (weights and counts add up, in
// an order fixed by the data alone so results are bit-identical for any thread count;
// self-interactions dropped and counted), drop edges lighter than --min-weight,
// assign probabilities (--prob), fill provenance, and check LT validity for the summary.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/ingest_records.hpp"
#include "kuchikomi/io/interaction_log.hpp"

namespace kuchikomi {

struct IngestResult {
  InfluenceGraph graph;
  IngestSummary summary;
};

// Throws UsageError naming the setting when a filter cannot be meant: since/until/min-weight not
// finite, since not before until, min-weight below 0. (The CLI checks its flags itself, first.)
void check_ingest_filters(const IngestFilters& filters);

// Throws InputError when no edge is left after filtering.
IngestResult finish_ingest(ParsedInput parsed, double min_weight, const ProbabilityModel& model,
                           std::uint64_t rng_seed, const std::string& command_line = {});

IngestResult build_graph_from_logs(const std::vector<std::string>& paths, InteractionLogOptions options,
                                   const ProbabilityModel& model, std::uint64_t rng_seed,
                                   const std::string& command_line = {});

IngestResult import_edge_lists(const std::vector<std::string>& paths, EdgeListOptions options,
                               const ProbabilityModel& model, std::uint64_t rng_seed,
                               const std::string& command_line = {});

}  // namespace kuchikomi
