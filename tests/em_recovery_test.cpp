// Recovery: cascades simulated under IC on a graph whose probabilities are known (the simulator's
// trace, as `simulate --trace` writes it), learned back with EM (Saito et al. 2008) using the
// window of one round, which makes the potential parents exactly the in-neighbours activated in
// the previous round, as in the paper.
//
// Bound: an edge tried T times has a binomial-like estimate with standard deviation
// sqrt(p(1-p)/T) when its target has one potential parent at a time; joint parents cost EM some
// information, so each edge is allowed 5 such deviations (plus 0.01 for edges near 0 or 1, whose
// deviation is tiny). 60 edges at 5 sigma: a correct learner fails with probability ~ 60 x 6e-7.
// With 10x the items, the mean error must shrink clearly (by sqrt(10) ~ 3.2 in expectation; we ask 2).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"
#include "kuchikomi/learning/em_saito.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

// 30 users; each has in-edges from two other random users, probabilities 0.1, 0.3, 0.5, 0.7 in turn.
InfluenceGraph truth_graph() {
  std::mt19937 random(7);
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  constexpr float kLevels[4] = {0.1f, 0.3f, 0.5f, 0.7f};
  for (NodeId v = 0; v < 30; ++v) {
    NodeId a = v, b = v;
    while (a == v) a = static_cast<NodeId>(random() % 30);
    while (b == v || b == a) b = static_cast<NodeId>(random() % 30);
    edges.emplace_back(a, v, kLevels[(2 * v) % 4]);
    edges.emplace_back(b, v, kLevels[(2 * v + 1) % 4]);
  }
  return support::make_graph(30, edges);
}

// `runs` IC cascades from one random user each, as time-sorted cascades (time = round).
Cascades simulate_cascades(const InfluenceGraph& graph, std::uint64_t runs) {
  Cascades cascades;
  cascades.offsets.push_back(0);
  SimulationOptions options;
  options.runs = runs;
  options.rng_seed = 2024;
  options.random_seed_count = 1;
  options.trace = [&](std::uint64_t run, std::span<const NodeId> nodes, std::span<const std::uint32_t> rounds) {
    std::vector<std::pair<std::uint32_t, NodeId>> adoptions;
    for (std::size_t i = 0; i < nodes.size(); ++i) adoptions.emplace_back(rounds[i], nodes[i]);
    std::sort(adoptions.begin(), adoptions.end());
    cascades.item.push_back(static_cast<std::uint32_t>(run));
    for (const auto& [round, node] : adoptions) {
      cascades.users.push_back(node);
      cascades.times.push_back(round);
    }
    cascades.offsets.push_back(cascades.users.size());
  };
  simulate_spread(graph, {}, options);
  return cascades;
}

struct Recovery {
  double mean_error = 0;
  std::uint64_t outside_bound = 0;
  std::uint64_t min_trials = ~std::uint64_t{0};
};

Recovery learn_back(const InfluenceGraph& truth, std::uint64_t items) {
  const Cascades cascades = simulate_cascades(truth, items);
  EXPECT_EQ(cascades.size(), items);
  const CascadeEvidence evidence = collect_evidence(truth, cascades, 1.0);
  const EmResult em = em_estimates(truth, evidence, EmOptions{});
  EXPECT_TRUE(em.converged);
  Recovery r;
  for (EdgeId e = 0; e < truth.num_edges(); ++e) {
    const double p = truth.out_prob[e];
    const double trials = evidence.trials[e];
    r.min_trials = std::min<std::uint64_t>(r.min_trials, evidence.trials[e]);
    const double error = std::fabs(em.estimates.probability[e] - p);
    r.mean_error += error / static_cast<double>(truth.num_edges());
    const double bound = 5 * std::sqrt(p * (1 - p) / trials) + 0.01;
    if (error > bound) {
      ++r.outside_bound;
      ADD_FAILURE() << "edge " << e << ": p = " << p << ", learned " << em.estimates.probability[e] << " from "
                    << trials << " trials (bound " << bound << ")";
    }
  }
  return r;
}

TEST(EmRecovery, LearnsTheTrueProbabilitiesBackAndImprovesWithMoreItems) {
  const InfluenceGraph truth = truth_graph();
  ASSERT_EQ(truth.num_edges(), 60u);
  const Recovery few = learn_back(truth, 3'000);
  const Recovery many = learn_back(truth, 30'000);
  EXPECT_EQ(few.outside_bound, 0u);
  EXPECT_EQ(many.outside_bound, 0u);
  EXPECT_GT(few.min_trials, 50u);  // every edge was tried: the bound means something
  EXPECT_LT(many.mean_error, few.mean_error / 2) << few.mean_error << " -> " << many.mean_error;
  EXPECT_LT(many.mean_error, 0.02);
}

}  // namespace
}  // namespace kuchikomi
