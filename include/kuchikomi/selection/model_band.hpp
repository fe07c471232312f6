// How much a plan's reach depends on the probability model: the same seeds simulated on the same
// graph with the probabilities of each standard model (wc, uniform:0.01, uniform:0.1, trivalency,
// exp:10; probability_model.hpp), a few thousand runs each. Without a record of how well the
// graph's probabilities predicted real cascades, the spread of these figures is the honest range of
// what the plan may reach. Models the diffusion model cannot use (LT needs in-probabilities summing
// to at most 1) are listed as not applicable.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/diffusion/model_kind.hpp"
#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

inline constexpr const char* kStandardProbabilityModels[] = {"wc", "uniform:0.01", "uniform:0.1", "trivalency", "exp:10"};
inline constexpr std::uint64_t kModelBandRuns = 2'000;

struct ModelBandEntry {
  std::string probability_model;  // canonical spelling
  bool applicable = true;         // false: the diffusion model cannot run on these probabilities
  SummaryStatistics reach;        // everyone reached (target segment users with a target)
};

struct ModelBandOptions {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint64_t runs = kModelBandRuns;
  std::uint64_t rng_seed = 1;  // simulation worlds (kEvaluationRun) and trivalency draws
  std::uint32_t max_steps = 0;
  std::vector<NodeId> target;
};

// One entry per standard model, in kStandardProbabilityModels order. The graph needs its forward
// arrays and interaction weights (a graph read for reverse sampling only cannot be re-weighted).
std::vector<ModelBandEntry> model_band(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                       const ModelBandOptions& options);

}  // namespace kuchikomi
