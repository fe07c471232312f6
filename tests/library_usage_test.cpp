// The README's library example, compiled and run: log -> graph -> IMM seeds -> Monte Carlo
// evaluation, without the CLI. If the public API changes, this breaks before the README lies.
#include <gtest/gtest.h>

#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace kuchikomi {
namespace {

TEST(LibraryUsage, ReadmeExampleOnBundledLog) {
  auto ingest = build_graph_from_logs({KUCHIKOMI_SOURCE_DIR "/graphs/quantum_community.csv"}, InteractionLogOptions{},
                                      parse_probability_model("wc"), /*rng_seed=*/1);
  const InfluenceGraph& graph = ingest.graph;
  ASSERT_EQ(graph.num_nodes(), 402u);  // graphs/README.md: 402 users, 1,771 edges

  SelectionProblem problem;
  problem.k = 20;
  problem.rng_seed = 7;
  SelectionOptions options;
  options.epsilon = 0.1;
  SelectionResult result = run_selection("imm", graph, problem, options);
  ASSERT_EQ(result.seeds.size(), 20u);

  std::vector<NodeId> seeds;
  for (const auto& s : result.seeds) seeds.push_back(s.node);
  SimulationOptions sim;
  sim.runs = 10'000;
  SpreadStatistics stats = simulate_spread(graph, seeds, sim);

  // IMM's estimate is within (1 +- eps) of the true spread w.h.p.; the MC CI is far tighter.
  EXPECT_GT(stats.all.summary.mean, (1 - options.epsilon) * result.estimated_spread);
  EXPECT_LT(stats.all.summary.mean, (1 + options.epsilon) * result.estimated_spread);
  EXPECT_LT(stats.all.summary.ci95_low, stats.all.summary.mean);
  EXPECT_EQ(graph.label(seeds[0]), "DaftWullie (1837)");  // the most answered-to user leads every method
}

}  // namespace
}  // namespace kuchikomi
