// Independent Cascade Monte Carlo vs truth: exact expected spread by enumerating all 2^m live-edge
// worlds (support/exact_spread.hpp, Kempe et al. 2003 Claim 2.3) and closed forms, within the
// bounds of support/spread_checks.hpp (about 25 comparisons here).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "support/exact_spread.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "support/graphs.hpp"
#include "support/spread_checks.hpp"

namespace kuchikomi {
namespace {

using support::exact_ic_spread;
using support::make_graph;
using support::expect_matches;
using support::kZ;
using support::tolerance;
constexpr std::uint64_t kRuns = support::kExactCheckRuns;

SpreadStatistics run_ic(const InfluenceGraph& g, std::vector<NodeId> seeds, std::uint32_t max_steps = 0,
                        std::uint64_t rng_seed = 20240601, std::vector<NodeId> target = {}) {
  return support::simulate_for_check(g, DiffusionModelKind::kIndependentCascade, seeds, max_steps, rng_seed,
                                     std::move(target));
}

// Path 0 -> 1 -> 2 -> 3 -> 4, every edge p = 0.5. From 0: E = sum_{i=0..4} p^i = 1.9375.
TEST(IndependentCascade, PathClosedForm) {
  const auto g = make_graph(5, {{0, 1, 0.5f}, {1, 2, 0.5f}, {2, 3, 0.5f}, {3, 4, 0.5f}});
  const auto s = run_ic(g, {0});
  expect_matches(s, 1 + 0.5 + 0.25 + 0.125 + 0.0625);
  EXPECT_NEAR(exact_ic_spread(g, std::vector<NodeId>{0}), 1.9375, 1e-12);  // the verifier agrees
  // Node probabilities are p^i, within the same confidence (Bernoulli sd).
  for (NodeId v = 0; v < 5; ++v) {
    const double p = std::pow(0.5, v);
    EXPECT_NEAR(s.node_probability[v], p, kZ * std::sqrt(p * (1 - p) / kRuns) + 1e-9) << v;
  }
  // The new-per-step curve of a path is p^t.
  ASSERT_EQ(s.all.new_per_step.size(), 5u);
  for (std::size_t t = 0; t < 5; ++t) {
    const double p = std::pow(0.5, static_cast<double>(t));
    EXPECT_NEAR(s.all.new_per_step[t], p, kZ * std::sqrt(p * (1 - p) / kRuns) + 1e-9) << t;
  }
}

// Path with max_steps: only nodes within T hops. T = 2: E = 1 + p + p^2.
TEST(IndependentCascade, PathDeadline) {
  const auto g = make_graph(5, {{0, 1, 0.8f}, {1, 2, 0.8f}, {2, 3, 0.8f}, {3, 4, 0.8f}});
  const double p = 0.8f;  // the float the graph stores
  for (std::uint32_t t : {1u, 2u, 3u}) {
    const auto s = run_ic(g, {0}, t);
    double expected = 0;
    for (std::uint32_t i = 0; i <= t; ++i) expected += std::pow(p, i);
    expect_matches(s, expected);
    EXPECT_NEAR(exact_ic_spread(g, std::vector<NodeId>{0}, t), expected, 1e-9);
    EXPECT_LE(s.all.new_per_step.size(), t + 1u);
    EXPECT_LE(s.all.summary.max, t + 1u);
  }
}

//        1   2   3
//         ^  ^  ^
//   Star:  \ | /        center 0, six leaves, p = 0.3: E = 1 + 6 * 0.3 = 2.8 from the center,
//      4 <- 0 -> 5      exactly 1 from a leaf (no out-edges).
//            |
//            v 6
TEST(IndependentCascade, StarClosedForm) {
  const auto g = make_graph(7, {{0, 1, 0.3f}, {0, 2, 0.3f}, {0, 3, 0.3f}, {0, 4, 0.3f}, {0, 5, 0.3f}, {0, 6, 0.3f}});
  expect_matches(run_ic(g, {0}), 1 + 6 * static_cast<double>(0.3f));
  const auto leaf = run_ic(g, {3});
  EXPECT_EQ(leaf.all.summary.mean, 1.0);
  EXPECT_EQ(leaf.all.summary.stddev, 0.0);
}

// Complete DAG on 5 nodes (i -> j for all i < j, 10 edges): with p = 1 everything downstream is
// reached (spread from i is 5 - i), with p = 0 only the seed.
TEST(IndependentCascade, CompleteDagDeterministicProbabilities) {
  for (float p : {0.0f, 1.0f}) {
    std::vector<std::tuple<NodeId, NodeId, float>> edges;
    for (NodeId i = 0; i < 5; ++i)
      for (NodeId j = i + 1; j < 5; ++j) edges.emplace_back(i, j, p);
    const auto g = make_graph(5, edges);
    for (NodeId seed = 0; seed < 5; ++seed) {
      SimulationOptions options;
      options.runs = 1000;
      const auto s = simulate_spread(g, std::vector<NodeId>{seed}, options);
      const double expected = p == 1.0f ? 5.0 - seed : 1.0;
      EXPECT_EQ(s.all.summary.mean, expected);
      EXPECT_EQ(s.all.summary.min, s.all.summary.max);
      EXPECT_EQ(s.all.summary.stddev, 0.0);
    }
    // p = 1 with a deadline of 1 round: seed 0 reaches all of its 4 direct successors.
    SimulationOptions options;
    options.runs = 100;
    options.max_steps = 1;
    EXPECT_EQ(simulate_spread(g, std::vector<NodeId>{0}, options).all.summary.mean, p == 1.0f ? 5.0 : 1.0);
  }
}

// Cyclic graph, 5 nodes, 9 edges:
//
//   0 --.5--> 1 --.7--> 3 --.5--> 4
//   |         | ^       ^         |--.3--> 0   (closes the cycle 0 -> 1 -> 3 -> 4 -> 0)
//   .4       .2 '--.25--'         '--.35-> 2
//   v         v         |
//   2 <-------'         |
//   '--------.6---------'  (2 -> 3)
InfluenceGraph cyclic_graph() {
  return make_graph(5, {{0, 1, 0.5f}, {0, 2, 0.4f}, {1, 2, 0.2f}, {1, 3, 0.7f}, {2, 3, 0.6f}, {3, 1, 0.25f},
                        {3, 4, 0.5f}, {4, 0, 0.3f}, {4, 2, 0.35f}});
}

TEST(IndependentCascade, CyclicGraphMatchesEnumeration) {
  const auto g = cyclic_graph();
  for (std::vector<NodeId> seeds : {std::vector<NodeId>{0}, {2}, {4}, {0, 3}, {1, 2, 4}}) {
    const double exact = exact_ic_spread(g, seeds);
    expect_matches(run_ic(g, seeds), exact);
  }
}

TEST(IndependentCascade, CyclicGraphDeadlinesMatchEnumeration) {
  const auto g = cyclic_graph();
  const std::vector<NodeId> seeds{0};
  double previous = 1.0;
  for (std::uint32_t t = 1; t <= 4; ++t) {
    const double exact = exact_ic_spread(g, seeds, t);
    EXPECT_GT(exact, previous);  // each extra round adds reach on this graph
    previous = exact;
    const auto s = run_ic(g, seeds, t);
    expect_matches(s, exact);
    // The cumulative curve ends at the mean.
    EXPECT_DOUBLE_EQ(s.all.cumulative_per_step.back(), s.all.summary.mean);
  }
}

// 8 nodes, 16 edges, mixed probabilities, two seeds; target segment {3, 5, 6, 7}.
//
//   0 -> 1 (.6)  0 -> 2 (.3)  1 -> 3 (.5)  1 -> 4 (.2)  2 -> 4 (.7)  2 -> 5 (.1)  3 -> 6 (.9)
//   4 -> 6 (.4)  4 -> 7 (.3)  5 -> 7 (.8)  6 -> 0 (.15) 7 -> 1 (.25) 3 -> 5 (.45) 6 -> 7 (.05)
//   5 -> 2 (.55) 7 -> 3 (.35)
InfluenceGraph mixed_graph() {
  return make_graph(8, {{0, 1, .6f}, {0, 2, .3f}, {1, 3, .5f}, {1, 4, .2f}, {2, 4, .7f}, {2, 5, .1f}, {3, 6, .9f},
                        {4, 6, .4f}, {4, 7, .3f}, {5, 7, .8f}, {6, 0, .15f}, {7, 1, .25f}, {3, 5, .45f},
                        {6, 7, .05f}, {5, 2, .55f}, {7, 3, .35f}});
}

TEST(IndependentCascade, SixteenEdgeGraphWithTargetMatchesEnumeration) {
  const auto g = mixed_graph();
  ASSERT_EQ(g.num_edges(), 16u);
  const std::vector<NodeId> seeds{0, 5};
  const std::vector<std::uint8_t> mask{0, 0, 0, 1, 0, 1, 1, 1};
  const auto s = run_ic(g, seeds, 0, 7, {3, 5, 6, 7});
  expect_matches(s, exact_ic_spread(g, seeds));
  ASSERT_TRUE(s.target.has_value());
  EXPECT_EQ(s.target_size, 4u);
  const double exact_target = exact_ic_spread(g, seeds, 0, mask);
  EXPECT_NEAR(s.target->summary.mean, exact_target, tolerance(s.target->summary, s.runs));
  // With a deadline too.
  const auto d = run_ic(g, seeds, 2, 7, {3, 5, 6, 7});
  expect_matches(d, exact_ic_spread(g, seeds, 2));
  EXPECT_NEAR(d.target->summary.mean, exact_ic_spread(g, seeds, 2, mask), tolerance(d.target->summary, d.runs));
}

// The check above can fail: the same estimate is far outside the tolerance of a wrong truth
// (the spread with one edge probability changed by 0.1).
TEST(IndependentCascade, ToleranceDetectsAWrongAnswer) {
  const auto g = mixed_graph();
  const std::vector<NodeId> seeds{0, 5};
  const auto s = run_ic(g, seeds);
  const auto wrong = make_graph(8, {{0, 1, .7f}, {0, 2, .3f}, {1, 3, .5f}, {1, 4, .2f}, {2, 4, .7f}, {2, 5, .1f},
                                    {3, 6, .9f}, {4, 6, .4f}, {4, 7, .3f}, {5, 7, .8f}, {6, 0, .15f}, {7, 1, .25f},
                                    {3, 5, .45f}, {6, 7, .05f}, {5, 2, .55f}, {7, 3, .35f}});
  EXPECT_GT(std::abs(s.all.summary.mean - exact_ic_spread(wrong, seeds)), tolerance(s.all.summary, s.runs));
}

// Several rng seeds: each estimate is within its own interval (guards against a lucky stream).
TEST(IndependentCascade, IndependentSeedsAllAgree) {
  const auto g = cyclic_graph();
  const double exact = exact_ic_spread(g, std::vector<NodeId>{1});
  for (std::uint64_t seed : {1u, 2u, 3u}) expect_matches(run_ic(g, {1}, 0, seed), exact);
}

}  // namespace
}  // namespace kuchikomi
