// The plan's reach under each standard probability model (model_band.hpp).
#include "kuchikomi/selection/model_band.hpp"

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/probability_model.hpp"

namespace kuchikomi {

std::vector<ModelBandEntry> model_band(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                       const ModelBandOptions& options) {
  if (!graph.has_forward() || graph.out_weight.size() != graph.out_targets.size())
    throw UsageError("the model band needs the graph's forward arrays and interaction weights");
  std::vector<ModelBandEntry> band;
  InfluenceGraph copy = graph;  // re-weighted in place for each model
  for (const char* text : kStandardProbabilityModels) {
    ModelBandEntry entry;
    const ProbabilityModel model = parse_probability_model(text);
    entry.probability_model = model.text();
    assign_probabilities(copy, model, options.rng_seed);
    try {
      check_model_applicable(copy, options.model);
    } catch (const InputError&) {
      entry.applicable = false;
      band.push_back(std::move(entry));
      continue;
    }
    SimulationOptions sim;
    sim.model = options.model;
    sim.runs = options.runs;
    sim.rng_seed = options.rng_seed;
    sim.domain = StreamDomain::kEvaluationRun;
    sim.max_steps = options.max_steps;
    sim.target = options.target;
    sim.per_node_probabilities = false;
    const SpreadStatistics stats = simulate_spread(copy, seeds, sim);
    entry.reach = stats.target ? stats.target->summary : stats.all.summary;
    band.push_back(std::move(entry));
  }
  return band;
}

}  // namespace kuchikomi
