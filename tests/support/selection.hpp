// What the selection tests share: the seed ids of a result, node masks, the greedy bound, and the
// signature every select_* function has.
#pragma once
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

}  // namespace kuchikomi::support
