// Linear Threshold Monte Carlo vs truth: exact expected spread by enumerating the live-edge worlds
// of Kempe et al. 2003 Theorem 2.5 (each node keeps at most one in-edge; support/exact_spread.hpp),
// and closed forms, within the bounds of support/spread_checks.hpp (about 20 comparisons here).
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
using support::exact_lt_spread;
using support::make_graph;
using support::expect_matches;
using support::kZ;
using support::tolerance;
constexpr std::uint64_t kRuns = support::kExactCheckRuns;

SpreadStatistics run_lt(const InfluenceGraph& g, std::vector<NodeId> seeds, std::uint32_t max_steps = 0,
                        std::uint64_t rng_seed = 99, std::vector<NodeId> target = {}) {
  return support::simulate_for_check(g, DiffusionModelKind::kLinearThreshold, seeds, max_steps, rng_seed,
                                     std::move(target));
}

// Path 0 -> 1 -> 2 -> 3, p = 0.6: one in-edge per node, so LT = IC here: E = 1 + p + p^2 + p^3.
TEST(LinearThreshold, PathClosedForm) {
  const auto g = make_graph(4, {{0, 1, 0.6f}, {1, 2, 0.6f}, {2, 3, 0.6f}});
  const double p = 0.6f;
  expect_matches(run_lt(g, {0}), 1 + p + p * p + p * p * p);
  expect_matches(run_lt(g, {0}, 2), 1 + p + p * p);  // deadline: two rounds
}

//   0 --.3--> 2 <--.5-- 1     Two parents. Seeds {0, 1}: LT activates 2 with probability
//                             .3 + .5 = .8 (thresholds add), IC with 1 - .7 * .5 = .65.
TEST(LinearThreshold, WeightsAddUp) {
  const auto g = make_graph(3, {{0, 2, 0.3f}, {1, 2, 0.5f}});
  const auto s = run_lt(g, {0, 1});
  const double expected = 2 + static_cast<double>(0.3f) + static_cast<double>(0.5f);
  expect_matches(s, expected);
  EXPECT_NEAR(s.node_probability[2], expected - 2, kZ * std::sqrt(0.8 * 0.2 / kRuns));
  // The test can fail: the IC answer is far outside the interval.
  EXPECT_GT(std::abs(s.all.summary.mean - exact_ic_spread(g, std::vector<NodeId>{0, 1})), tolerance(s.all.summary, s.runs));
}

// Star into a sink: leaves 1..4 -> 0 with .25 each (sum exactly 1). All leaves seeded: 0 always
// activates (sum 1 > every threshold); one leaf seeded: with probability .25.
TEST(LinearThreshold, FullWeightAlwaysActivates) {
  const auto g = make_graph(5, {{1, 0, .25f}, {2, 0, .25f}, {3, 0, .25f}, {4, 0, .25f}});
  SimulationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  options.runs = 5000;
  const auto all = simulate_spread(g, std::vector<NodeId>{1, 2, 3, 4}, options);
  EXPECT_EQ(all.all.summary.mean, 5.0);
  EXPECT_EQ(all.all.summary.stddev, 0.0);
  expect_matches(run_lt(g, {2}), 1.25);
}

// Complete DAG on 5 nodes with p = 0 never spreads; with weights 1/indeg(j) on i -> j (sum 1)
// seeding node 0 reaches everything: node 1 has the single in-edge 0 -> 1 with weight 1, and by
// induction every later node eventually sees all its in-neighbours active, sum 1 > theta.
TEST(LinearThreshold, CompleteDagDeterministic) {
  std::vector<std::tuple<NodeId, NodeId, float>> zero, full;
  for (NodeId i = 0; i < 5; ++i)
    for (NodeId j = i + 1; j < 5; ++j) {
      zero.emplace_back(i, j, 0.0f);
      full.emplace_back(i, j, 1.0f / static_cast<float>(j));
    }
  SimulationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  options.runs = 2000;
  EXPECT_EQ(simulate_spread(make_graph(5, zero), std::vector<NodeId>{0}, options).all.summary.mean, 1.0);
  const auto g = make_graph(5, full);
  const auto s = simulate_spread(g, std::vector<NodeId>{0}, options);
  EXPECT_EQ(s.all.summary.min, 5u);
  EXPECT_EQ(s.all.summary.max, 5u);
  EXPECT_EQ(s.all.cumulative_per_step.back(), 5.0);
  // Round 1: node 1 surely (weight 1), node j in 2..4 iff theta_j < 1/j, independently:
  // mean 1 + 1/2 + 1/3 + 1/4, variance sum (1/j)(1 - 1/j) = 0.6597.
  options.runs = kRuns;
  const auto r = simulate_spread(g, std::vector<NodeId>{0}, options);
  EXPECT_NEAR(r.all.new_per_step.at(1), 1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4, kZ * std::sqrt(0.6597 / kRuns));
}

// Cyclic graph, 5 nodes, 9 edges, in-weights summing to at most 1 per node:
//
//   0 --.5--> 1 --.4--> 3 --.5--> 4
//   |         | ^       ^         |--.3--> 0
//   .4       .2 '--.3---'         '--.35-> 2
//   v         v         |
//   2 <-------'         |
//   '--------.6---------'  (2 -> 3)
//
// In-sums: 0: .3, 1: .5+.3, 2: .4+.2+.35, 3: .4+.6, 4: .5.
InfluenceGraph cyclic_graph() {
  return make_graph(5, {{0, 1, 0.5f}, {0, 2, 0.4f}, {1, 2, 0.2f}, {1, 3, 0.4f}, {2, 3, 0.6f}, {3, 1, 0.3f},
                        {3, 4, 0.5f}, {4, 0, 0.3f}, {4, 2, 0.35f}});
}

TEST(LinearThreshold, CyclicGraphMatchesEnumeration) {
  const auto g = cyclic_graph();
  for (std::vector<NodeId> seeds : {std::vector<NodeId>{0}, {2}, {4}, {0, 3}, {1, 2, 4}})
    expect_matches(run_lt(g, seeds), exact_lt_spread(g, seeds));
}

TEST(LinearThreshold, CyclicGraphDeadlinesMatchEnumeration) {
  const auto g = cyclic_graph();
  const std::vector<NodeId> seeds{0};
  for (std::uint32_t t = 1; t <= 4; ++t) {
    const auto s = run_lt(g, seeds, t);
    expect_matches(s, exact_lt_spread(g, seeds, t));
    EXPECT_LE(s.all.new_per_step.size(), t + 1u);
  }
}

// 8 nodes, 16 edges; in-weights per node sum to at most 1 (node 4: .3 + .5, node 7: .2+.4+.1).
//
//   0 -> 1 (.6)  0 -> 2 (.3)  1 -> 3 (.5)  1 -> 4 (.3)  2 -> 4 (.5)  2 -> 5 (.9)  3 -> 6 (.45)
//   4 -> 6 (.35) 4 -> 7 (.2)  5 -> 7 (.4)  6 -> 0 (.7)  7 -> 1 (.25) 3 -> 5 (.05) 6 -> 7 (.1)
//   5 -> 2 (.55) 7 -> 3 (.35)
InfluenceGraph mixed_graph() {
  return make_graph(8, {{0, 1, .6f}, {0, 2, .3f}, {1, 3, .5f}, {1, 4, .3f}, {2, 4, .5f}, {2, 5, .9f}, {3, 6, .45f},
                        {4, 6, .35f}, {4, 7, .2f}, {5, 7, .4f}, {6, 0, .7f}, {7, 1, .25f}, {3, 5, .05f},
                        {6, 7, .1f}, {5, 2, .55f}, {7, 3, .35f}});
}

TEST(LinearThreshold, SixteenEdgeGraphWithTargetMatchesEnumeration) {
  const auto g = mixed_graph();
  ASSERT_EQ(g.num_edges(), 16u);
  EXPECT_NO_THROW(check_model_applicable(g, DiffusionModelKind::kLinearThreshold));
  const std::vector<NodeId> seeds{0, 5};
  const std::vector<std::uint8_t> mask{0, 1, 0, 1, 0, 0, 1, 1};
  for (std::uint32_t t : {0u, 1u, 3u}) {
    const auto s = run_lt(g, seeds, t, 5, {1, 3, 6, 7});
    expect_matches(s, exact_lt_spread(g, seeds, t));
    EXPECT_NEAR(s.target->summary.mean, exact_lt_spread(g, seeds, t, mask), tolerance(s.target->summary, s.runs));
  }
}

// LT needs in-weights summing to at most 1: the error names the user and the sum.
TEST(LinearThreshold, RejectsInWeightsAboveOne) {
  const auto g = make_graph(3, {{0, 2, 0.7f}, {1, 2, 0.6f}});
  try {
    check_model_applicable(g, DiffusionModelKind::kLinearThreshold);
    FAIL() << "expected InputError";
  } catch (const InputError& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("'u2'"), std::string::npos) << message;
    EXPECT_NE(message.find("1.3"), std::string::npos) << message;
    EXPECT_NE(message.find("weighted-cascade probabilities (wc"), std::string::npos) << message;
  }
  SimulationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  EXPECT_THROW(simulate_spread(g, std::vector<NodeId>{0}, options), InputError);  // the graph's fault: exit 1
  EXPECT_NO_THROW(check_model_applicable(g, DiffusionModelKind::kIndependentCascade));
}

}  // namespace
}  // namespace kuchikomi
