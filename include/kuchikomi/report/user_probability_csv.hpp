// Every user's chance of being reached, for spreadsheets (`simulate --csv`):
//   user,activation_probability,seed[,in_segment]
// one row per user in id order; seed is 1 for the plan's users; in_segment (only with a target
// segment) is 1 for its members. Labels are quoted as CSV needs (io/csv_field.hpp).
#pragma once
#include <span>
#include <string>

#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// `stats` must hold per-user probabilities (SimulationOptions::per_node_probabilities).
std::string user_probability_csv(const InfluenceGraph& graph, const SpreadStatistics& stats,
                                 std::span<const NodeId> seeds, std::span<const NodeId> segment);

}  // namespace kuchikomi
