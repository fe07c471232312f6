// The independent yardstick every selection is judged by: Monte Carlo runs on the kEvaluationRun
// worlds (never the worlds or RR sets the algorithm chose on), the full statistics of the chosen
// set, and the spread of every prefix of its ranking on those same worlds. Heuristics estimate
// nothing themselves, so their marginal gains and spread curve are taken from that prefix curve.
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

struct SelectionEvaluation {
  SpreadStatistics statistics;        // of the whole seed set (target figures with a segment)
  std::vector<double> prefix_spread;  // entry i: spread of the first i+1 seeds (target spread with a
                                      // segment); the last entry equals the statistics' mean
};

// `result.seeds` must not be empty. With `per_node_probabilities` the statistics also count how
// often each user is reached. When the algorithm left `result.spread_curve` empty, fills the curve,
// the gains and the estimated spread from the prefix curve and says so in the guarantee.
// `progress` (may be empty) hears (done, planned) work units: the runs of the simulation, then the
// runs of the prefix curve (2 x runs in all), between batches, on the calling thread.
SelectionEvaluation evaluate_selection(const InfluenceGraph& graph, const SelectionProblem& problem,
                                       SelectionResult& result, std::uint64_t runs, bool per_node_probabilities,
                                       const std::function<void(std::uint64_t, std::uint64_t)>& progress = {});

}  // namespace kuchikomi
