// Plan explanation (diffusion/plan_explanation.hpp) against the exact figures of every live-edge
// world of a tiny graph, the evaluation's own mean on the same worlds, and the thread sweep.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <queue>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/diffusion/plan_explanation.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/plan_explanation_report.hpp"
#include "support/errors.hpp"
#include "support/scratch_test.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

// The test graph (edge probabilities on the arrows):
//
//        u0 ──0.5──> u2 ──0.6──> u3 ──0.5──> u4
//        │           ^                       ^
//       0.2         0.4                      │
//        v           │                       │
//        u1 ─────────┘──────────0.3──────────┘
//
// u1 reaches u2 and u4 directly; u0 reaches u4 only through u2 and u3, so with the plan (u0, u1)
// both compete for u2, u3 and u4, and u1 itself can be reached by u0.
InfluenceGraph tiny_graph() {
  return support::make_graph(5, {{0, 2, 0.5f}, {0, 1, 0.2f}, {1, 2, 0.4f}, {2, 3, 0.6f}, {3, 4, 0.5f}, {1, 4, 0.3f}});
}

// Expected figures, and their second moments (exact variances for LT's tolerances).
struct Exact {
  double reach = 0, reach2 = 0;
  std::vector<double> alone, unique, first, overlap;
  std::vector<double> alone2, unique2, first2, overlap2;
  std::vector<double> reached;                  // per user
  std::vector<std::vector<double>> first_prob;  // [user][ambassador]

  Exact(NodeId n, std::size_t k)
      : alone(k), unique(k), first(k), overlap(k * k), alone2(k), unique2(k), first2(k), overlap2(k * k),
        reached(n), first_prob(n, std::vector<double>(k, 0)) {}
};

// One live-edge world (live[e] for forward edge e) of probability p: BFS distances from each
// ambassador, the world's figures, added with weight p.
void add_world(const InfluenceGraph& g, const std::vector<NodeId>& plan, std::uint32_t max_steps,
               const std::vector<std::uint8_t>& mask, const std::vector<std::uint8_t>& live, double p, Exact& x) {
  const NodeId n = g.num_nodes();
  const std::size_t k = plan.size();
  std::vector<std::vector<std::uint32_t>> dist(k, std::vector<std::uint32_t>(n, UINT32_MAX));
  for (std::size_t i = 0; i < k; ++i) {
    std::queue<NodeId> q;
    dist[i][plan[i]] = 0;
    q.push(plan[i]);
    while (!q.empty()) {
      const NodeId u = q.front();
      q.pop();
      if (max_steps > 0 && dist[i][u] >= max_steps) continue;
      for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e)
        if (live[e] && dist[i][g.out_targets[e]] == UINT32_MAX)
          dist[i][g.out_targets[e]] = dist[i][u] + 1, q.push(g.out_targets[e]);
    }
  }
  double reach = 0;
  std::vector<double> alone(k, 0), unique(k, 0), first(k, 0), overlap(k * k, 0);
  for (NodeId v = 0; v < n; ++v) {
    if (!mask.empty() && !mask[v]) continue;
    std::size_t reaching = 0, best = k;
    for (std::size_t i = 0; i < k; ++i) {
      if (dist[i][v] == UINT32_MAX) continue;
      ++reaching;
      alone[i] += 1;
      if (best == k || dist[i][v] < dist[best][v]) best = i;
      for (std::size_t j = 0; j < k; ++j)
        if (dist[j][v] != UINT32_MAX) overlap[i * k + j] += 1;
    }
    if (reaching == 0) continue;
    reach += 1;
    x.reached[v] += p;
    x.first_prob[v][best] += p;
    first[best] += 1;
    if (reaching == 1) unique[best] += 1;
  }
  x.reach += p * reach;
  x.reach2 += p * reach * reach;
  for (std::size_t i = 0; i < k; ++i) {
    x.alone[i] += p * alone[i], x.alone2[i] += p * alone[i] * alone[i];
    x.unique[i] += p * unique[i], x.unique2[i] += p * unique[i] * unique[i];
    x.first[i] += p * first[i], x.first2[i] += p * first[i] * first[i];
  }
  for (std::size_t i = 0; i < k * k; ++i) x.overlap[i] += p * overlap[i], x.overlap2[i] += p * overlap[i] * overlap[i];
}

// IC: every one of the 2^m worlds, weighted by its probability.
Exact enumerate(const InfluenceGraph& g, const std::vector<NodeId>& plan, std::uint32_t max_steps,
                const std::vector<std::uint8_t>& mask) {
  const EdgeId m = g.num_edges();
  Exact x(g.num_nodes(), plan.size());
  std::vector<std::uint8_t> live(m);
  for (std::uint64_t world = 0; world < (std::uint64_t{1} << m); ++world) {
    double p = 1;
    for (EdgeId e = 0; e < m; ++e) {
      live[e] = (world >> e) & 1;
      p *= live[e] ? g.out_prob[e] : 1.0 - g.out_prob[e];
    }
    add_world(g, plan, max_steps, mask, live, p, x);
  }
  return x;
}

// A mean of R runs of a quantity within [0, n]: sd <= n/2 (Popoviciu); 5 sd of the mean.
double tolerance(double range, std::uint64_t runs) { return 5.0 * range / 2.0 / std::sqrt(static_cast<double>(runs)); }

void expect_matches_enumeration(const std::vector<NodeId>& plan, std::uint32_t max_steps,
                                const std::vector<std::uint8_t>& mask) {
  const InfluenceGraph g = tiny_graph();
  const Exact exact = enumerate(g, plan, max_steps, mask);
  PlanExplanationOptions options;
  options.runs = 200'000;
  options.rng_seed = 11;
  options.max_steps = max_steps;
  options.target_mask = mask;
  const PlanExplanation x = explain_plan(g, plan, options);
  const double tol = tolerance(5, options.runs);
  const std::size_t k = plan.size();
  ASSERT_EQ(x.size(), k);
  EXPECT_NEAR(x.reach, exact.reach, tol);
  double first_sum = 0;
  for (std::size_t i = 0; i < k; ++i) {
    SCOPED_TRACE("ambassador " + std::to_string(i));
    EXPECT_NEAR(x.reach_alone[i], exact.alone[i], tol);
    EXPECT_NEAR(x.unique_reach[i], exact.unique[i], tol);
    EXPECT_NEAR(x.first_reach[i], exact.first[i], tol);
    EXPECT_LE(x.unique_reach[i], x.first_reach[i]);
    EXPECT_LE(x.first_reach[i], x.reach_alone[i]);
    first_sum += x.first_reach[i];
    for (std::size_t j = 0; j < k; ++j) {
      EXPECT_NEAR(x.overlap_at(i, j), exact.overlap[i * k + j], tol);
      EXPECT_EQ(x.overlap_at(i, j), x.overlap_at(j, i));
    }
    EXPECT_EQ(x.overlap_at(i, i), x.reach_alone[i]);
  }
  // The shares of the plan's reach first reached through each ambassador add up to 1.
  EXPECT_NEAR(first_sum, x.reach, 1e-9 * std::max(1.0, x.reach));
  // Unique reach is what the plan loses without the ambassador: reach(S) - reach(S \ {s}), where
  // the latter is simulated on its own on the same worlds.
  for (std::size_t i = 0; i < k && k > 1; ++i) {
    std::vector<NodeId> without = plan;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    const double rest = estimate_spread(g, without, DiffusionModelKind::kIndependentCascade, options.runs,
                                        options.rng_seed, max_steps, mask, StreamDomain::kEvaluationRun);
    EXPECT_NEAR(x.unique_reach[i], x.reach - rest, 1e-9);
  }
  ASSERT_TRUE(x.has_per_user);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    SCOPED_TRACE("user " + std::to_string(v));
    const double runs = static_cast<double>(options.runs);
    EXPECT_NEAR(x.reached_runs[v] / runs, exact.reached[v], tolerance(1, options.runs));
    const auto& probs = exact.first_prob[v];
    if (exact.reached[v] == 0) {
      EXPECT_EQ(x.usual_first_seed[v], kNoSeed);
      continue;
    }
    const auto best = static_cast<std::size_t>(std::max_element(probs.begin(), probs.end()) - probs.begin());
    std::vector<double> others = probs;
    others[best] = -1;
    if (probs[best] - *std::max_element(others.begin(), others.end()) > 0.05) {  // a clear winner
      EXPECT_EQ(x.usual_first_seed[v], best);
      EXPECT_NEAR(x.usual_first_runs[v] / runs, probs[best], tolerance(1, options.runs));
    }
  }
}

// The explanation of plan (3, 0, 1) at every thread count equals the one-thread one, bit for bit.
void expect_same_bits_for_thread_counts(const InfluenceGraph& g, const PlanExplanationOptions& options) {
  support::expect_same_for_thread_counts(
      [&] { return explain_plan(g, std::vector<NodeId>{3, 0, 1}, options); },
      [](const PlanExplanation& serial, const PlanExplanation& x) {
        EXPECT_EQ(x.reach, serial.reach);
        EXPECT_EQ(x.reach_alone, serial.reach_alone);
        EXPECT_EQ(x.unique_reach, serial.unique_reach);
        EXPECT_EQ(x.first_reach, serial.first_reach);
        EXPECT_EQ(x.overlap, serial.overlap);
        EXPECT_EQ(x.reached_runs, serial.reached_runs);
        EXPECT_EQ(x.usual_first_seed, serial.usual_first_seed);
        EXPECT_EQ(x.usual_first_runs, serial.usual_first_runs);
      });
}

TEST(PlanExplanation, MatchesEnumerationOfEveryWorld) { expect_matches_enumeration({0, 1}, 0, {}); }

TEST(PlanExplanation, MatchesEnumerationWithThreeAmbassadorsDeadlineAndSegment) {
  expect_matches_enumeration({1, 0, 3}, 0, {});
  expect_matches_enumeration({0, 1}, 2, {});
  expect_matches_enumeration({0, 1, 3}, 0, {0, 0, 1, 0, 1});
}

TEST(PlanExplanation, ReachIsTheEvaluationMeanOnTheSameWorlds) {
  const InfluenceGraph g = tiny_graph();
  const std::vector<NodeId> plan{0, 1};
  SimulationOptions sim;
  sim.runs = 5'000;
  sim.rng_seed = 3;
  sim.domain = StreamDomain::kEvaluationRun;
  sim.target = {2, 3, 4};
  for (std::uint32_t deadline : {0u, 1u, 2u}) {
    sim.max_steps = deadline;
    const SpreadStatistics stats = simulate_spread(g, plan, sim);
    PlanExplanationOptions options;
    options.runs = sim.runs;
    options.rng_seed = sim.rng_seed;
    options.max_steps = deadline;
    EXPECT_EQ(explain_plan(g, plan, options).reach, stats.all.summary.mean);
    const std::vector<std::uint8_t> mask{0, 0, 1, 1, 1};
    options.target_mask = mask;
    EXPECT_EQ(explain_plan(g, plan, options).reach, stats.target->summary.mean);
  }
}

TEST(PlanExplanation, SameBitsForAnyThreadCount) {
  const InfluenceGraph g = tiny_graph();
  PlanExplanationOptions options;
  options.runs = 3'001;
  expect_same_bits_for_thread_counts(g, options);
}

TEST(PlanExplanation, RefusesBadPlans) {
  const InfluenceGraph g = tiny_graph();
  PlanExplanationOptions options;
  EXPECT_THROW(explain_plan(g, std::vector<NodeId>{}, options), UsageError);
  EXPECT_THROW(explain_plan(g, std::vector<NodeId>{1, 1}, options), UsageError);
  EXPECT_THROW(explain_plan(g, std::vector<NodeId>{9}, options), UsageError);
  options.runs = 0;
  EXPECT_THROW(explain_plan(g, std::vector<NodeId>{1}, options), UsageError);
}

// ---- Linear threshold, explained on its live-edge form (plan_explanation.hpp) ----

// A second graph, with cycles and users whose in-probabilities sum to exactly 1 (they always keep
// an in-edge), plus u2 -> u1 with probability 0 (never kept):
//
//        u0 ──0.6──> u1 ──0.5──> u2 ──0.25──> u4
//        │ ^         │           ^            │ ^
//        │ └───0.5───┘          0.5        0.5│ │0.75
//        │                       │            v │
//        └──────0.25──────────>  u3 <─────────┘ │
//                                └──────────────┘
//
// In-probability sums: u0 0.5, u1 0.6, u2 1, u3 0.75, u4 1. (tiny_graph's are at most 0.9, so it
// is a valid LT graph too.)
InfluenceGraph cycle_graph() {
  return support::make_graph(5, {{0, 1, 0.6f}, {1, 0, 0.5f}, {1, 2, 0.5f}, {3, 2, 0.5f}, {2, 4, 0.25f},
                                 {3, 4, 0.75f}, {4, 3, 0.5f}, {0, 3, 0.25f}, {2, 1, 0.0f}});
}

// LT: every combination of per-user choices (at most one in-edge each: (u, v) with p(u, v), none
// with 1 - the sum of v's in-probabilities), weighted by the product of the choices' probabilities
// (Kempe, Kleinberg, Tardos 2003, Theorem 2.5): prod_v (indeg(v) + 1) worlds.
Exact enumerate_lt(const InfluenceGraph& g, const std::vector<NodeId>& plan, std::uint32_t max_steps,
                   const std::vector<std::uint8_t>& mask) {
  const NodeId n = g.num_nodes();
  std::vector<EdgeId> forward_of_in(g.num_edges());  // in-edge slot j of v -> forward index of (u, v)
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e)
      for (EdgeId j = g.in_offsets[g.out_targets[e]]; j < g.in_offsets[g.out_targets[e] + 1]; ++j)
        if (g.in_sources[j] == u) forward_of_in[j] = e;
  Exact x(n, plan.size());
  std::vector<EdgeId> choice(n, 0);  // 0 = no in-edge, c = v's c-th in-edge
  std::vector<std::uint8_t> live(g.num_edges());
  double total = 0;
  for (;;) {
    double p = 1;
    std::fill(live.begin(), live.end(), 0);
    for (NodeId v = 0; v < n; ++v) {
      double sum = 0;
      for (EdgeId j = g.in_offsets[v]; j < g.in_offsets[v + 1]; ++j) sum += g.in_prob[j];
      if (choice[v] == 0) {
        p *= std::max(0.0, 1.0 - sum);
      } else {
        const EdgeId j = g.in_offsets[v] + choice[v] - 1;
        p *= g.in_prob[j];
        live[forward_of_in[j]] = 1;
      }
    }
    if (p > 0) add_world(g, plan, max_steps, mask, live, p, x);
    total += p;
    NodeId v = 0;  // odometer over the (indeg(v) + 1)-ary digits
    while (v < n && ++choice[v] > g.in_degree(v)) choice[v++] = 0;
    if (v == n) break;
  }
  EXPECT_NEAR(total, 1.0, 1e-12);  // the worlds' probabilities add up to 1
  return x;
}

// Tolerance for a mean of `runs` runs against its exact value: 5 standard deviations of the mean,
// from the exact variance E[X^2] - E[X]^2 (two-sided 5.7e-7 per comparison under the normal
// approximation; the seed is fixed, so the outcome is too). 1e-9 absorbs the rounding of the
// enumeration's float probabilities when the figure does not vary at all.
constexpr double kLtZ = 5;
double exact_tolerance(double m1, double m2, std::uint64_t runs) {
  return kLtZ * std::sqrt(std::max(0.0, m2 - m1 * m1) / static_cast<double>(runs)) + 1e-9;
}

void expect_lt_matches_enumeration(const InfluenceGraph& g, const std::vector<NodeId>& plan, std::uint32_t max_steps,
                                   const std::vector<std::uint8_t>& mask) {
  const Exact exact = enumerate_lt(g, plan, max_steps, mask);
  PlanExplanationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  options.runs = 200'000;
  options.rng_seed = 17;
  options.max_steps = max_steps;
  options.target_mask = mask;
  const PlanExplanation x = explain_plan(g, plan, options);
  const std::uint64_t runs = options.runs;
  const std::size_t k = plan.size();
  ASSERT_EQ(x.size(), k);
  EXPECT_EQ(x.model, DiffusionModelKind::kLinearThreshold);
  EXPECT_NEAR(x.reach, exact.reach, exact_tolerance(exact.reach, exact.reach2, runs));
  double first_sum = 0;
  for (std::size_t i = 0; i < k; ++i) {
    SCOPED_TRACE("ambassador " + std::to_string(i));
    EXPECT_NEAR(x.reach_alone[i], exact.alone[i], exact_tolerance(exact.alone[i], exact.alone2[i], runs));
    EXPECT_NEAR(x.unique_reach[i], exact.unique[i], exact_tolerance(exact.unique[i], exact.unique2[i], runs));
    EXPECT_NEAR(x.first_reach[i], exact.first[i], exact_tolerance(exact.first[i], exact.first2[i], runs));
    EXPECT_LE(x.unique_reach[i], x.first_reach[i]);
    EXPECT_LE(x.first_reach[i], x.reach_alone[i]);
    first_sum += x.first_reach[i];
    for (std::size_t j = 0; j < k; ++j) {
      const std::size_t ij = i * k + j;
      EXPECT_NEAR(x.overlap_at(i, j), exact.overlap[ij], exact_tolerance(exact.overlap[ij], exact.overlap2[ij], runs));
      EXPECT_EQ(x.overlap_at(i, j), x.overlap_at(j, i));
    }
    EXPECT_EQ(x.overlap_at(i, i), x.reach_alone[i]);
  }
  EXPECT_NEAR(first_sum, x.reach, 1e-9 * std::max(1.0, x.reach));
  // LT's worlds depend on (seed, run) only, never on the plan: the plan without s_i, explained on
  // the same worlds, reaches exactly what unique reach says the plan loses.
  for (std::size_t i = 0; i < k && k > 1; ++i) {
    std::vector<NodeId> without = plan;
    without.erase(without.begin() + static_cast<std::ptrdiff_t>(i));
    EXPECT_NEAR(x.unique_reach[i], x.reach - explain_plan(g, without, options).reach, 1e-9);
  }
  ASSERT_TRUE(x.has_per_user);
  const double n_runs = static_cast<double>(runs);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    SCOPED_TRACE("user " + std::to_string(v));
    const double q = exact.reached[v];
    EXPECT_NEAR(x.reached_runs[v] / n_runs, q, exact_tolerance(q, q, runs));  // an indicator: E[X^2] = E[X]
    const auto& probs = exact.first_prob[v];
    if (q == 0) {
      EXPECT_EQ(x.usual_first_seed[v], kNoSeed);
      continue;
    }
    const auto best = static_cast<std::size_t>(std::max_element(probs.begin(), probs.end()) - probs.begin());
    std::vector<double> others = probs;
    others[best] = -1;
    if (probs[best] - *std::max_element(others.begin(), others.end()) > 0.05) {  // a clear winner
      EXPECT_EQ(x.usual_first_seed[v], best);
      EXPECT_NEAR(x.usual_first_runs[v] / n_runs, probs[best], exact_tolerance(probs[best], probs[best], runs));
    }
  }
}

TEST(PlanExplanation, LtMatchesEnumerationOfEveryChoiceOfInEdges) {
  expect_lt_matches_enumeration(tiny_graph(), {0, 1}, 0, {});
  expect_lt_matches_enumeration(tiny_graph(), {1, 0, 3}, 0, {});
  expect_lt_matches_enumeration(cycle_graph(), {1, 3}, 0, {});
  expect_lt_matches_enumeration(cycle_graph(), {4, 0, 2}, 0, {});
}

TEST(PlanExplanation, LtMatchesEnumerationWithDeadlineAndSegment) {
  expect_lt_matches_enumeration(tiny_graph(), {0, 1}, 2, {});
  expect_lt_matches_enumeration(tiny_graph(), {0, 1, 3}, 0, {0, 0, 1, 0, 1});
  expect_lt_matches_enumeration(cycle_graph(), {0, 3}, 1, {});
  expect_lt_matches_enumeration(cycle_graph(), {1, 4}, 2, {1, 0, 1, 1, 0});
}

// The explanation's LT worlds are not an LT simulation's runs, only the same distribution (Kempe et
// al. Theorem 2.5), so the two estimates of the plan's reach agree within Monte Carlo error. Both
// average runs with the same run-to-run sd sigma (the simulation's sd estimates it). On independent
// streams (another seed) the sd of the difference is sigma sqrt(1/n1 + 1/n2); on the same stream,
// as select does, the two draw from the same per-user numbers and may be correlated, and whatever
// the correlation it is at most sigma (1/sqrt(n1) + 1/sqrt(n2)). 5 of those (5.7e-7 two-sided).
TEST(PlanExplanation, LtReachAgreesWithAnLtSimulationOfThePlan) {
  const InfluenceGraph g = load_graph(support::quantum_community());
  std::vector<NodeId> by_degree(g.num_nodes());
  for (NodeId v = 0; v < g.num_nodes(); ++v) by_degree[v] = v;
  std::stable_sort(by_degree.begin(), by_degree.end(), [&](NodeId a, NodeId b) { return g.out_degree(a) > g.out_degree(b); });
  const std::vector<NodeId> plan(by_degree.begin(), by_degree.begin() + 5);
  for (std::uint32_t deadline : {0u, 2u}) {
    SCOPED_TRACE("deadline " + std::to_string(deadline));
    SimulationOptions sim;
    sim.model = DiffusionModelKind::kLinearThreshold;
    sim.runs = 20'000;
    sim.rng_seed = 5;
    sim.domain = StreamDomain::kEvaluationRun;
    sim.max_steps = deadline;
    const SpreadStatistics stats = simulate_spread(g, plan, sim);
    const double sigma = stats.all.summary.stddev;
    ASSERT_GT(sigma, 0);
    PlanExplanationOptions options;
    options.model = DiffusionModelKind::kLinearThreshold;
    options.runs = 12'000;
    options.max_steps = deadline;
    const double n1 = static_cast<double>(sim.runs), n2 = static_cast<double>(options.runs);

    options.rng_seed = 6;  // independent of the simulation
    const PlanExplanation apart = explain_plan(g, plan, options);
    EXPECT_NEAR(apart.reach, stats.all.summary.mean, 5 * sigma * std::sqrt(1 / n1 + 1 / n2));
    // Every user's chance of being reached, too (pooled binomial sd; 402 comparisons at 5 sd).
    ASSERT_EQ(stats.node_probability.size(), g.num_nodes());
    for (NodeId v = 0; v < g.num_nodes(); ++v) {
      const double p1 = stats.node_probability[v], p2 = apart.reached_runs[v] / n2;
      const double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
      EXPECT_NEAR(p2, p1, 5 * std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2)) + 1e-12) << "user " << v;
    }

    options.rng_seed = sim.rng_seed;  // the simulation's own stream, as select explains its evaluation
    const PlanExplanation coupled = explain_plan(g, plan, options);
    EXPECT_NEAR(coupled.reach, stats.all.summary.mean, 5 * sigma * (1 / std::sqrt(n1) + 1 / std::sqrt(n2)));
  }
}

TEST(PlanExplanation, LtSameBitsForAnyThreadCount) {
  const std::pair<InfluenceGraph, std::uint32_t> cases[] = {{tiny_graph(), 0}, {cycle_graph(), 2}};
  for (const auto& [g, deadline] : cases) {
    PlanExplanationOptions options;
    options.model = DiffusionModelKind::kLinearThreshold;
    options.runs = 3'001;
    options.max_steps = deadline;
    expect_same_bits_for_thread_counts(g, options);
  }
}

TEST(PlanExplanation, LtRefusesAGraphWhoseInProbabilitiesSumAboveOne) {
  const InfluenceGraph g = support::make_graph(3, {{0, 2, 0.7f}, {1, 2, 0.6f}});
  PlanExplanationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  EXPECT_THROW(explain_plan(g, std::vector<NodeId>{0}, options), InputError);
  options.model = DiffusionModelKind::kIndependentCascade;  // IC takes any graph
  EXPECT_NO_THROW(explain_plan(g, std::vector<NodeId>{0}, options));
}

}  // namespace
}  // namespace kuchikomi

namespace kuchikomi {
namespace {

// `select` stores the explanation of its plan (on the evaluation's worlds), and the report shows it.
class CliExplanation : public support::ScratchTest {};

TEST_F(CliExplanation, SelectStoresItAndTheReportShowsIt) {
  const auto r = kuchikomi("select --graph " + support::quantum_community() +
                           " --algo imm -k 4 --evaluate-runs 3000 --explain-runs 5000 --rng-seed 4 --out " + path("sel.h5") + " --quiet");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto file = hdf5::open_file(path("sel.h5"));
  const auto ids = file.open_group("seeds").read<std::uint32_t>("id");
  const InfluenceGraph graph = load_graph(support::quantum_community());
  PlanExplanationOptions options;
  options.runs = 3000;
  options.rng_seed = 4;
  const PlanExplanation expected = explain_plan(graph, std::vector<NodeId>(ids.begin(), ids.end()), options);
  const auto group = file.open_group("explanation");
  EXPECT_EQ(group.read<double>("reach_alone"), expected.reach_alone);
  EXPECT_EQ(group.read<double>("unique_reach"), expected.unique_reach);
  EXPECT_EQ(group.read<double>("first_reach"), expected.first_reach);
  EXPECT_EQ(group.read<double>("overlap"), expected.overlap);
  EXPECT_EQ(group.open_group("users").read<std::uint32_t>("usual_first_seed"), expected.usual_first_seed);
  // Same worlds as the evaluation: the plan's reach is the evaluation's mean.
  EXPECT_EQ(group.double_attribute("reach"), file.open_group("evaluation").double_attribute("mean"));

  ASSERT_EQ(kuchikomi("report " + path("sel.h5") + " --out " + path("r.html")).code, 0);
  const std::string html = read("r.html");
  const auto table = html.find("id=\"explanation-table\"");
  ASSERT_NE(table, std::string::npos);
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto row = html.find("<tr class=\"explained\" data-rank=\"" + std::to_string(i + 1) + "\" data-id=\"" +
                                   std::to_string(ids[i]) + "\">",
                               table);
    ASSERT_NE(row, std::string::npos) << i;
    char alone[40];
    std::snprintf(alone, sizeof alone, "%.17g", expected.reach_alone[i]);
    EXPECT_NE(html.find("data-value=\"" + std::string(alone) + "\"", row), std::string::npos) << i;
  }
  EXPECT_NE(html.find("id=\"overlap-table\""), std::string::npos);
  EXPECT_NE(html.find("id=\"first-reached-table\""), std::string::npos);
  // By default the first 2,000 of the evaluation's worlds: the same figures as explain_plan on 2,000 runs.
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 4 --evaluate-runs 3000 " +
                      "--rng-seed 4 --out " + path("prefix.h5") + " --quiet").code, 0);
  options.runs = 2000;
  const PlanExplanation prefix = explain_plan(graph, std::vector<NodeId>(ids.begin(), ids.end()), options);
  const auto prefix_group = hdf5::open_file(path("prefix.h5")).open_group("explanation");
  EXPECT_EQ(prefix_group.uint_attribute("runs"), 2000u);
  EXPECT_EQ(prefix_group.read<double>("reach_alone"), prefix.reach_alone);
  EXPECT_EQ(prefix_group.read<double>("overlap"), prefix.overlap);
  ASSERT_EQ(kuchikomi("report " + path("prefix.h5") + " --out " + path("p.html")).code, 0);
  EXPECT_NE(read("p.html").find("From the first 2,000 of the 3,000 simulated campaigns of the evaluation"),
            std::string::npos);
  // --no-explain and --explain-runs 0 leave it out (LT plans are explained too: the next test).
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 2 --explain-runs 0 --out " +
                      path("zero.h5") + " --quiet").code, 0);
  EXPECT_FALSE(hdf5::open_file(path("zero.h5")).has("explanation"));
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 2 --no-explain --out " +
                      path("plain.h5") + " --quiet").code, 0);
  EXPECT_FALSE(hdf5::open_file(path("plain.h5")).has("explanation"));
}

// Under LT, select explains its plan on live-edge worlds of its own (same seed and run indexes as the
// evaluation), says so in the file, the JSON and the page, and never claims the evaluation's worlds.
TEST_F(CliExplanation, SelectExplainsAnLtPlanOnItsOwnLiveEdgeWorlds) {
  const auto r = kuchikomi("select --graph " + support::quantum_community() +
                           " --algo imm -k 4 --model lt --evaluate-runs 3000 --explain-runs 2500 --rng-seed 4 --out " +
                           path("lt.h5") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  const auto file = hdf5::open_file(path("lt.h5"));
  const auto ids = file.open_group("seeds").read<std::uint32_t>("id");
  const InfluenceGraph graph = load_graph(support::quantum_community());
  PlanExplanationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  options.runs = 2500;
  options.rng_seed = 4;
  const PlanExplanation expected = explain_plan(graph, std::vector<NodeId>(ids.begin(), ids.end()), options);

  ASSERT_TRUE(json.contains("explanation"));
  const auto& j = json["explanation"];
  EXPECT_EQ(j["worlds"], "live-edge");
  EXPECT_EQ(j["runs"], 2500u);
  EXPECT_EQ(j["reach"].get<double>(), expected.reach);
  ASSERT_EQ(j["ambassadors"].size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(j["ambassadors"][i]["user"], graph.label(ids[i]));
    EXPECT_EQ(j["ambassadors"][i]["reach_alone"].get<double>(), expected.reach_alone[i]);
    EXPECT_EQ(j["ambassadors"][i]["unique_reach"].get<double>(), expected.unique_reach[i]);
    EXPECT_EQ(j["ambassadors"][i]["first_reach"].get<double>(), expected.first_reach[i]);
    for (std::size_t k = 0; k < ids.size(); ++k) EXPECT_EQ(j["overlap"][i][k].get<double>(), expected.overlap_at(i, k));
  }
  const auto group = file.open_group("explanation");
  EXPECT_EQ(group.string_attribute("worlds"), "live-edge");
  EXPECT_EQ(group.double_attribute("reach"), expected.reach);
  EXPECT_EQ(group.read<double>("first_reach"), expected.first_reach);
  EXPECT_EQ(group.open_group("users").read<std::uint32_t>("usual_first_seed"), expected.usual_first_seed);
  // A second estimate of the evaluation's expectation: within Monte Carlo error of its mean, on
  // streams that may be correlated (bound of LtReachAgreesWithAnLtSimulationOfThePlan).
  const auto evaluation = file.open_group("evaluation");
  const double sigma = evaluation.double_attribute("stddev");
  EXPECT_NEAR(expected.reach, evaluation.double_attribute("mean"), 5 * sigma * (1 / std::sqrt(3000.0) + 1 / std::sqrt(2500.0)));

  ASSERT_EQ(kuchikomi("report " + path("lt.h5") + " --out " + path("lt.html")).code, 0);
  const std::string html = read("lt.html");
  const auto section = html.find("<section id=\"explanation\">");
  ASSERT_NE(section, std::string::npos);
  const std::string note = html.substr(section, html.find("</p>", section) - section);
  EXPECT_NE(note.find("From 2,500 campaigns simulated for this section, not the evaluation's"), std::string::npos) << note;
  EXPECT_NE(note.find("may differ from the evaluation's"), std::string::npos) << note;
  for (const char* claim : {"same campaigns", "same worlds", "same simulated", "campaigns of the evaluation", "as the evaluation"})
    EXPECT_EQ(note.find(claim), std::string::npos) << claim << " in " << note;
  EXPECT_NE(html.find("id=\"explanation-table\""), std::string::npos);
  EXPECT_NE(html.find("id=\"overlap-table\""), std::string::npos);
  EXPECT_NE(html.find("id=\"first-reached-table\""), std::string::npos);

  // IC's explanation names its worlds too: the evaluation's.
  const auto ic = kuchikomi("select --graph " + support::quantum_community() +
                            " --algo imm -k 2 --evaluate-runs 500 --rng-seed 4 --out " + path("ic.h5") + " --json");
  ASSERT_EQ(ic.code, 0) << ic.err;
  EXPECT_EQ(nlohmann::json::parse(ic.out)["explanation"]["worlds"], "evaluation");
  EXPECT_EQ(hdf5::open_file(path("ic.h5")).open_group("explanation").string_attribute("worlds"), "evaluation");
}

// The results file says whose worlds the explanation is about; a file from before LT explanations
// has no `worlds` and was IC's (the evaluation's worlds); any other value is refused.
TEST_F(CliExplanation, TheFileSaysWhoseWorldsAndRefusesUnknownOnes) {
  PlanExplanationOptions options;
  options.model = DiffusionModelKind::kLinearThreshold;
  options.runs = 500;
  const PlanExplanation lt = explain_plan(tiny_graph(), std::vector<NodeId>{0, 1}, options);
  {
    auto file = hdf5::create_file(path("lt.h5"));
    write_plan_explanation_hdf5(file, lt);
    file.close();
  }
  const ExplanationData read_back = read_plan_explanation(hdf5::open_file(path("lt.h5")), 2, 5, "lt.h5");
  EXPECT_EQ(read_back.worlds, "live-edge");
  EXPECT_EQ(read_back.reach_alone, lt.reach_alone);
  EXPECT_EQ(read_back.reached_runs, lt.reached_runs);

  auto craft = [&](const std::string& name, const char* worlds) {
    auto file = hdf5::create_file(path(name));
    {
      const auto group = file.create_group("explanation");
      group.set_attribute("runs", std::uint64_t{500});
      group.set_attribute("reach", lt.reach);
      if (worlds) group.set_attribute("worlds", worlds);
      group.write("reach_alone", lt.reach_alone);
      group.write("unique_reach", lt.unique_reach);
      group.write("first_reach", lt.first_reach);
      group.write("overlap", lt.overlap);
    }
    file.close();
  };
  craft("old.h5", nullptr);
  EXPECT_EQ(read_plan_explanation(hdf5::open_file(path("old.h5")), 2, 5, "old.h5").worlds, "evaluation");
  craft("odd.h5", "the same worlds, honest");
  support::expect_input_error([&] { read_plan_explanation(hdf5::open_file(path("odd.h5")), 2, 5, "odd.h5"); },
                              "odd.h5", "worlds");
}

}  // namespace
}  // namespace kuchikomi
