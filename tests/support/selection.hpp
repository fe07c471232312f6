// What the selection tests share: the seed ids of a result, node masks, the greedy bound, the
// signature every select_* function has, and what two runs of one selection must agree on.
#pragma once
#include <gtest/gtest.h>

#include <cstdint>
#include <numbers>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi::support {

inline constexpr double kOneMinusInvE = 1.0 - 1.0 / std::numbers::e;

using Selector = SelectionResult (*)(const InfluenceGraph&, const SelectionProblem&, const SelectionOptions&);

// The result's seeds in rank order (fixed seeds first).
inline std::vector<NodeId> seed_ids(const SelectionResult& r) {
  std::vector<NodeId> ids;
  for (const auto& s : r.seeds) ids.push_back(s.node);
  return ids;
}

// One byte per node: 1 for the listed nodes.
inline std::vector<std::uint8_t> mask_of(NodeId n, const std::vector<NodeId>& nodes) {
  std::vector<std::uint8_t> mask(n, 0);
  for (NodeId u : nodes) mask[u] = 1;
  return mask;
}

// Everything a selection computes, bit for bit (not its timings, nor the RR sets' memory, which is
// capacity and follows how per-thread buffers grew): what the same run must reproduce with any
// number of threads.
inline void expect_same_selection(const SelectionResult& a, const SelectionResult& b) {
  EXPECT_EQ(a.algorithm, b.algorithm);
  ASSERT_EQ(a.seeds.size(), b.seeds.size()) << a.algorithm;
  for (std::size_t i = 0; i < a.seeds.size(); ++i) {
    EXPECT_EQ(a.seeds[i].node, b.seeds[i].node) << a.algorithm << " seed " << i;
    EXPECT_EQ(a.seeds[i].marginal_gain, b.seeds[i].marginal_gain) << a.algorithm << " seed " << i;
    EXPECT_EQ(a.seeds[i].cost, b.seeds[i].cost) << a.algorithm << " seed " << i;
    EXPECT_EQ(a.seeds[i].fixed, b.seeds[i].fixed) << a.algorithm << " seed " << i;
  }
  EXPECT_EQ(a.spread_curve, b.spread_curve) << a.algorithm;
  EXPECT_EQ(a.curve_from_evaluation, b.curve_from_evaluation) << a.algorithm;
  EXPECT_EQ(a.estimated_spread, b.estimated_spread) << a.algorithm;
  EXPECT_EQ(a.guarantee, b.guarantee) << a.algorithm;
  EXPECT_EQ(a.approximation_ratio, b.approximation_ratio) << a.algorithm;
  EXPECT_EQ(a.rr_sets, b.rr_sets) << a.algorithm;
  EXPECT_EQ(a.budget_spent, b.budget_spent) << a.algorithm;
}

}  // namespace kuchikomi::support
