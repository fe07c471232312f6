#include "kuchikomi/selection/evaluation.hpp"

#include <string>

#include "kuchikomi/selection/campaign.hpp"

namespace kuchikomi {

SelectionEvaluation evaluate_selection(const InfluenceGraph& graph, const SelectionProblem& problem,
                                       SelectionResult& result, std::uint64_t runs, bool per_node_probabilities,
                                       const std::function<void(std::uint64_t, std::uint64_t)>& progress) {
  std::vector<NodeId> seeds;
  for (const auto& s : result.seeds) seeds.push_back(s.node);
  SimulationOptions sim;
  sim.model = problem.model;
  sim.runs = runs;
  sim.rng_seed = problem.rng_seed;
  sim.domain = StreamDomain::kEvaluationRun;
  sim.max_steps = problem.max_steps;
  sim.target = problem.target;
  sim.per_node_probabilities = per_node_probabilities;
  if (progress) sim.progress = [&](std::uint64_t done, std::uint64_t) { progress(done, 2 * runs); };

  SelectionEvaluation evaluation;
  evaluation.statistics = simulate_spread(graph, seeds, sim);
  // The same worlds give every prefix's spread for about one more evaluation (no deadline).
  evaluation.prefix_spread = estimate_prefix_spreads(graph, seeds, problem.model, runs, problem.rng_seed,
                                                     problem.max_steps, target_mask(graph, problem),
                                                     StreamDomain::kEvaluationRun);
  if (progress) progress(2 * runs, 2 * runs);
  if (result.spread_curve.empty()) {
    const auto& curve = evaluation.prefix_spread;
    result.spread_curve = curve;
    for (std::size_t i = 0; i < result.seeds.size(); ++i)
      result.seeds[i].marginal_gain = curve[i] - (i > 0 ? curve[i - 1] : 0.0);
    result.estimated_spread = curve.back();
    result.curve_from_evaluation = true;
    result.guarantee += (result.guarantee.empty() ? "" : "; ") +
                        std::string("marginal gains and spread curve measured by the Monte Carlo evaluation");
  }
  return evaluation;
}

}  // namespace kuchikomi
