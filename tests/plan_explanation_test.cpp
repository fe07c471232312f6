// Plan explanation (diffusion/plan_explanation.hpp) against the exact figures of every live-edge
// world of a tiny graph, the evaluation's own mean on the same worlds, and the thread sweep.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <queue>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/diffusion/plan_explanation.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
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

struct Exact {
  double reach = 0;
  std::vector<double> alone, unique, first, overlap;
  std::vector<double> reached;                  // per user
  std::vector<std::vector<double>> first_prob;  // [user][ambassador]
};

// Every one of the 2^m worlds, weighted by its probability: BFS distances from each ambassador.
Exact enumerate(const InfluenceGraph& g, const std::vector<NodeId>& plan, std::uint32_t max_steps,
                const std::vector<std::uint8_t>& mask) {
  const NodeId n = g.num_nodes();
  const EdgeId m = g.num_edges();
  const std::size_t k = plan.size();
  Exact x;
  x.alone.assign(k, 0);
  x.unique.assign(k, 0);
  x.first.assign(k, 0);
  x.overlap.assign(k * k, 0);
  x.reached.assign(n, 0);
  x.first_prob.assign(n, std::vector<double>(k, 0));
  for (std::uint64_t world = 0; world < (std::uint64_t{1} << m); ++world) {
    double p = 1;
    for (EdgeId e = 0; e < m; ++e) p *= ((world >> e) & 1) ? g.out_prob[e] : 1.0 - g.out_prob[e];
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
          if (((world >> e) & 1) && dist[i][g.out_targets[e]] == UINT32_MAX)
            dist[i][g.out_targets[e]] = dist[i][u] + 1, q.push(g.out_targets[e]);
      }
    }
    for (NodeId v = 0; v < n; ++v) {
      if (!mask.empty() && !mask[v]) continue;
      std::size_t reaching = 0, best = k;
      for (std::size_t i = 0; i < k; ++i) {
        if (dist[i][v] == UINT32_MAX) continue;
        ++reaching;
        x.alone[i] += p;
        if (best == k || dist[i][v] < dist[best][v]) best = i;
        for (std::size_t j = 0; j < k; ++j)
          if (dist[j][v] != UINT32_MAX) x.overlap[i * k + j] += p;
      }
      if (reaching == 0) continue;
      x.reach += p;
      x.reached[v] += p;
      x.first[best] += p;
      x.first_prob[v][best] += p;
      if (reaching == 1) x.unique[best] += p;
    }
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
  PlanExplanation serial;
  support::for_thread_counts([&](int threads) {
    const PlanExplanation x = explain_plan(g, std::vector<NodeId>{3, 0, 1}, options);
    if (threads == 1) serial = x;
    EXPECT_EQ(x.reach_alone, serial.reach_alone);
    EXPECT_EQ(x.unique_reach, serial.unique_reach);
    EXPECT_EQ(x.first_reach, serial.first_reach);
    EXPECT_EQ(x.overlap, serial.overlap);
    EXPECT_EQ(x.reached_runs, serial.reached_runs);
    EXPECT_EQ(x.usual_first_seed, serial.usual_first_seed);
    EXPECT_EQ(x.usual_first_runs, serial.usual_first_runs);
  });
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
  // --no-explain and --explain-runs 0 leave it out; an LT plan has none.
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 2 --explain-runs 0 --out " +
                      path("zero.h5") + " --quiet").code, 0);
  EXPECT_FALSE(hdf5::open_file(path("zero.h5")).has("explanation"));
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 2 --no-explain --out " +
                      path("plain.h5") + " --quiet").code, 0);
  EXPECT_FALSE(hdf5::open_file(path("plain.h5")).has("explanation"));
  ASSERT_EQ(kuchikomi("select --graph " + support::quantum_community() + " --algo imm -k 2 --model lt --out " +
                      path("lt.h5") + " --quiet").code, 0);
  EXPECT_FALSE(hdf5::open_file(path("lt.h5")).has("explanation"));
}

}  // namespace
}  // namespace kuchikomi
