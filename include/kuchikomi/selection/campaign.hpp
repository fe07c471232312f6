// Campaign constraints turned into per-node masks that every selection algorithm shares.
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// 1 where a node may be added as a seed: not excluded and not already included.
std::vector<std::uint8_t> candidate_mask(const InfluenceGraph& graph, const SelectionProblem& problem);
// 1 for target-segment nodes; empty span semantics: returns an empty vector when there is no target.
std::vector<std::uint8_t> target_mask(const InfluenceGraph& graph, const SelectionProblem& problem);
// Cost of adding `node` (1 when no cost table was given).
inline double seed_cost(const SelectionProblem& problem, NodeId node) {
  return problem.costs.empty() ? 1.0 : problem.costs[node];
}
// Throws InputError for requests the data make impossible (an empty graph, k larger than the
// candidates left, include/exclude overlap, no candidate affordable within budget) and UsageError for
// wrong requests whatever the data (k == 0 without budget, ids outside the graph, costs of the wrong
// length or not positive).
void validate_problem(const InfluenceGraph& graph, const SelectionProblem& problem);
// Which constraint ended `result` (run_selection sets result.stopped_by from it): the seed limit when
// it was reached, else the budget when no candidate left fits what remains of it, else no gain.
SelectionStop selection_stop(const InfluenceGraph& graph, const SelectionProblem& problem,
                             const SelectionResult& result);

}  // namespace kuchikomi
