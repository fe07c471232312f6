// simulate_spread with random seeds per run (SimulationOptions::random_seed_count): run r starts
// from K distinct users drawn uniformly from its own stream. Checked against truth:
//   * the mean equals the average of the exact spreads over every seed set of size K (enumeration),
//     within 5 standard errors of the Monte Carlo mean (two-sided, P(false alarm) < 1e-6);
//   * every user is drawn with probability K/n (binomial, 5 standard errors) and the K are distinct;
//   * results are identical for any thread count; bad combinations are refused.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "support/exact_spread.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

using support::exact_ic_spread;
using support::make_graph;

//   0 ──0.5──> 1 ──0.5──> 2        a chain with a shortcut and a
//   │                    ^         dead-end branch; node 5 is isolated
//   └────0.3─────────────┘
//   3 ──0.8──> 4 <──0.4── 1
//   5
InfluenceGraph small_graph() {
  return make_graph(6, {{0, 1, 0.5f}, {1, 2, 0.5f}, {0, 2, 0.3f}, {3, 4, 0.8f}, {1, 4, 0.4f}});
}

SimulationOptions random_options(std::uint32_t k, std::uint64_t runs) {
  SimulationOptions o;
  o.random_seed_count = k;
  o.runs = runs;
  o.rng_seed = 2024;
  return o;
}

TEST(RandomSeeds, MeanIsTheAverageOfExactSpreadsOverAllSeedSets) {
  const InfluenceGraph g = small_graph();
  for (std::uint32_t k : {1u, 2u}) {
    double exact = 0;
    int sets = 0;
    for (NodeId a = 0; a < 6; ++a) {
      if (k == 1) {
        exact += exact_ic_spread(g, std::vector<NodeId>{a});
        ++sets;
        continue;
      }
      for (NodeId b = a + 1; b < 6; ++b) {
        exact += exact_ic_spread(g, std::vector<NodeId>{a, b});
        ++sets;
      }
    }
    exact /= sets;
    const auto stats = simulate_spread(g, {}, random_options(k, 200'000));
    const double standard_error = stats.all.summary.stddev / std::sqrt(static_cast<double>(stats.runs));
    EXPECT_NEAR(stats.all.summary.mean, exact, 5 * standard_error) << "k = " << k;
    EXPECT_GE(stats.all.summary.min, k);
  }
}

TEST(RandomSeeds, EveryUserIsDrawnWithProbabilityKOverNAndTheKAreDistinct) {
  // No edge can fire, so a run reaches exactly its seeds: spread == K proves they are distinct, and
  // each user's reach probability is its probability of being drawn.
  const InfluenceGraph g = make_graph(10, {{0, 1, 0.0f}, {2, 3, 0.0f}});
  constexpr std::uint32_t k = 3;
  constexpr std::uint64_t runs = 40'000;
  const auto stats = simulate_spread(g, {}, random_options(k, runs));
  EXPECT_EQ(stats.all.summary.min, k);
  EXPECT_EQ(stats.all.summary.max, k);
  const double p = 0.3, standard_error = std::sqrt(p * (1 - p) / runs);
  for (NodeId v = 0; v < 10; ++v) EXPECT_NEAR(stats.node_probability[v], p, 5 * standard_error) << "user " << v;

  const auto all = simulate_spread(g, {}, random_options(10, 50));  // K = n: everyone, every run
  EXPECT_EQ(all.all.summary.min, 10u);
  EXPECT_EQ(all.all.summary.max, 10u);
}

TEST(RandomSeeds, RunSpreadsAreTheDistributionAndIdenticalForAnyThreadCount) {
  const InfluenceGraph g = small_graph();
  const SpreadStatistics one = support::expect_same_for_thread_counts(
      [&] { return simulate_spread(g, {}, random_options(2, 5'000)); },
      [](const SpreadStatistics& a, const SpreadStatistics& b) {
        EXPECT_EQ(a.run_spread, b.run_spread);
        EXPECT_EQ(a.node_probability, b.node_probability);
        EXPECT_EQ(a.all.summary.mean, b.all.summary.mean);
        EXPECT_EQ(a.all.summary.stddev, b.all.summary.stddev);
      });
  ASSERT_EQ(one.run_spread.size(), 5'000u);
  double sum = 0;
  for (std::uint32_t s : one.run_spread) sum += s;
  EXPECT_DOUBLE_EQ(sum / 5'000, one.all.summary.mean);
}

TEST(RandomSeeds, RefusesSeedsTogetherWithRandomSeedsAndMoreSeedsThanUsers) {
  const InfluenceGraph g = small_graph();
  EXPECT_THROW(simulate_spread(g, std::vector<NodeId>{0}, random_options(1, 10)), UsageError);
  EXPECT_THROW(simulate_spread(g, {}, random_options(7, 10)), InputError);  // the graph is too small: exit 1
}

}  // namespace
}  // namespace kuchikomi
