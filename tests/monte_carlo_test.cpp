// Monte Carlo engine properties that hold exactly (bit for bit), not just statistically:
// determinism across thread counts and calls, estimate_spread == simulate_spread, the statistics'
// internal consistency, precision mode's stopping rule, common random numbers, bad input.
#include <gtest/gtest.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

// A random graph big enough that runs split across tasks: 3000 nodes, ~15000 edges, weighted
// cascade probabilities (1 / in-degree), valid for both models.
InfluenceGraph random_graph() {
  constexpr NodeId n = 3000;
  RandomStream rng(stream_key(4242, StreamDomain::kGraphGeneration, 0));
  std::vector<EdgeRecord> records;
  for (int i = 0; i < 15000; ++i) {
    const auto u = static_cast<NodeId>(rng.next_below(n));
    const auto v = static_cast<NodeId>(rng.next_below(n));
    records.push_back({u, v, 0.0f, 1.0, 1});
  }
  InfluenceGraph g = build_influence_graph(n, std::move(records));
  std::vector<std::uint32_t> in_degree(n, 0);
  for (NodeId v : g.out_targets) ++in_degree[v];
  for (EdgeId e = 0; e < g.num_edges(); ++e) g.out_prob[e] = 1.0f / static_cast<float>(in_degree[g.out_targets[e]]);
  g.rebuild_reverse();
  return g;
}

const InfluenceGraph& graph() {
  static const InfluenceGraph g = random_graph();
  return g;
}

const std::vector<NodeId> kSeeds{5, 17, 300, 2999, 17};  // duplicate on purpose
const std::vector<NodeId> kTarget{1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584};

SimulationOptions options_for(DiffusionModelKind model) {
  SimulationOptions o;
  o.model = model;
  o.runs = 4000;
  o.rng_seed = 77;
  o.target = kTarget;
  o.batch_runs = 700;  // runs not a multiple of the batch: a partial last batch
  return o;
}

void expect_identical(const SummaryStatistics& a, const SummaryStatistics& b) {
  EXPECT_EQ(a.mean, b.mean);
  EXPECT_EQ(a.stddev, b.stddev);
  EXPECT_EQ(a.ci95_low, b.ci95_low);
  EXPECT_EQ(a.ci95_high, b.ci95_high);
  EXPECT_EQ(a.min, b.min);
  EXPECT_EQ(a.max, b.max);
}

void expect_identical(const Reach& a, const Reach& b) {
  expect_identical(a.summary, b.summary);
  EXPECT_EQ(a.histogram_edges, b.histogram_edges);
  EXPECT_EQ(a.histogram_counts, b.histogram_counts);
  EXPECT_EQ(a.new_per_step, b.new_per_step);
  EXPECT_EQ(a.cumulative_per_step, b.cumulative_per_step);
}

void expect_identical(const SpreadStatistics& a, const SpreadStatistics& b) {
  EXPECT_EQ(a.runs, b.runs);
  expect_identical(a.all, b.all);
  EXPECT_EQ(a.node_probability, b.node_probability);
  ASSERT_EQ(a.target.has_value(), b.target.has_value());
  if (a.target) expect_identical(*a.target, *b.target);
  EXPECT_EQ(a.target_size, b.target_size);
  EXPECT_EQ(a.edges_examined, b.edges_examined);
  EXPECT_EQ(a.converged, b.converged);
}

class BothModels : public ::testing::TestWithParam<DiffusionModelKind> {};
INSTANTIATE_TEST_SUITE_P(Models, BothModels,
                         ::testing::Values(DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold),
                         [](const auto& param_info) { return diffusion_model_name(param_info.param); });

TEST_P(BothModels, IdenticalForAnyThreadCountAndRepeatedCalls) {
  const auto options = options_for(GetParam());
  const auto simulate = [&] { return simulate_spread(graph(), kSeeds, options); };
  const auto same = [](const SpreadStatistics& a, const SpreadStatistics& b) { expect_identical(a, b); };
  const SpreadStatistics one = support::expect_same_for_thread_counts(simulate, same);
  expect_identical(one, support::with_threads(8, simulate));  // a second call on a warm pool
  EXPECT_GT(one.all.summary.max, one.all.summary.min);  // not a degenerate graph: the check has teeth
  // A different rng seed gives different worlds.
  auto other = options;
  other.rng_seed = 78;
  EXPECT_NE(simulate_spread(graph(), kSeeds, other).all.summary.mean, one.all.summary.mean);
}

TEST_P(BothModels, BatchSizeDoesNotChangeFixedRunResults) {
  auto a = options_for(GetParam());
  auto b = a;
  b.batch_runs = 4000;
  expect_identical(simulate_spread(graph(), kSeeds, a), simulate_spread(graph(), kSeeds, b));
}

TEST_P(BothModels, EstimateSpreadEqualsSimulateSpread) {
  const auto options = options_for(GetParam());
  const auto stats = simulate_spread(graph(), kSeeds, options);
  EXPECT_EQ(estimate_spread(graph(), kSeeds, GetParam(), options.runs, options.rng_seed), stats.all.summary.mean);
  std::vector<std::uint8_t> mask(graph().num_nodes(), 0);
  for (NodeId v : kTarget) mask[v] = 1;
  EXPECT_EQ(estimate_spread(graph(), kSeeds, GetParam(), options.runs, options.rng_seed, 0, mask),
            stats.target->summary.mean);
  const auto detailed = estimate_spread_detailed(graph(), kSeeds, GetParam(), options.runs, options.rng_seed);
  EXPECT_EQ(detailed.edges_examined, stats.edges_examined);
  // With a deadline too.
  auto deadline = options;
  deadline.max_steps = 2;
  EXPECT_EQ(estimate_spread(graph(), kSeeds, GetParam(), options.runs, options.rng_seed, 2),
            simulate_spread(graph(), kSeeds, deadline).all.summary.mean);
}

TEST_P(BothModels, PrefixSpreadsEqualEachPrefixEstimatedAlone) {
  // One continued cascade per world gives every prefix's spread exactly (closure is monotone), so
  // each entry must equal estimate_spread of that prefix on the same worlds, bit for bit; also with
  // a target mask, under any thread count, and with a deadline (where it estimates each prefix).
  const std::uint64_t runs = 3000, seed = 91;
  std::vector<std::uint8_t> mask(graph().num_nodes(), 0);
  for (NodeId v : kTarget) mask[v] = 1;
  for (std::uint32_t deadline : {0u, 2u}) {
    for (std::span<const std::uint8_t> m : {std::span<const std::uint8_t>(), std::span<const std::uint8_t>(mask)}) {
      const std::vector<double> one = support::expect_same_for_thread_counts(
          [&] { return estimate_prefix_spreads(graph(), kSeeds, GetParam(), runs, seed, deadline, m); });
      ASSERT_EQ(one.size(), kSeeds.size());
      for (std::size_t i = 0; i < kSeeds.size(); ++i)
        EXPECT_EQ(one[i], estimate_spread(graph(), std::span(kSeeds).first(i + 1), GetParam(), runs, seed, deadline, m))
            << "prefix " << i + 1 << " deadline " << deadline;
      EXPECT_EQ(one[4], one[3]);  // the duplicate seed adds nobody
      if (m.empty()) { EXPECT_LT(one[0], one[3]); }  // the seeds add reach: the comparison has teeth
    }
  }
}

TEST_P(BothModels, StatisticsAreConsistent) {
  const auto options = options_for(GetParam());
  const auto s = simulate_spread(graph(), kSeeds, options);
  ASSERT_EQ(s.runs, options.runs);
  // Per-node probabilities add up to the mean spread; over the target, to the target mean.
  const double total = std::accumulate(s.node_probability.begin(), s.node_probability.end(), 0.0);
  EXPECT_NEAR(total, s.all.summary.mean, 1e-9 * s.all.summary.mean);
  double target_total = 0;
  for (NodeId v : kTarget) target_total += s.node_probability[v];
  EXPECT_NEAR(target_total, s.target->summary.mean, 1e-9 * (1 + s.target->summary.mean));
  EXPECT_EQ(s.target_size, kTarget.size());
  // Seeds have probability 1 and are round 0 (4 distinct seeds).
  for (NodeId v : kSeeds) EXPECT_EQ(s.node_probability[v], 1.0);
  EXPECT_EQ(s.all.new_per_step.at(0), 4.0);
  EXPECT_EQ(s.target->new_per_step.at(0), 1.0);  // seed 5 is a target
  // The curves end at the means and are non-decreasing.
  EXPECT_NEAR(s.all.cumulative_per_step.back(), s.all.summary.mean, 1e-12 * s.all.summary.mean);
  EXPECT_NEAR(s.target->cumulative_per_step.back(), s.target->summary.mean, 1e-12 * (1 + s.target->summary.mean));
  EXPECT_TRUE(std::is_sorted(s.all.cumulative_per_step.begin(), s.all.cumulative_per_step.end()));
  // Histogram: counts add to runs, edges cover [min, max].
  EXPECT_EQ(std::accumulate(s.all.histogram_counts.begin(), s.all.histogram_counts.end(), std::uint64_t{0}), s.runs);
  EXPECT_EQ(s.all.histogram_edges.size(), s.all.histogram_counts.size() + 1);
  EXPECT_EQ(s.all.histogram_edges.front(), s.all.summary.min);
  EXPECT_GT(s.all.histogram_edges.back(), s.all.summary.max);
  EXPECT_GT(s.all.histogram_counts.front(), 0u);
  EXPECT_GT(s.all.histogram_counts.back(), 0u);
  EXPECT_EQ(std::accumulate(s.target->histogram_counts.begin(), s.target->histogram_counts.end(), std::uint64_t{0}),
            s.runs);
  // min <= mean <= max, CI symmetric around the mean with the stated z.
  EXPECT_LE(static_cast<double>(s.all.summary.min), s.all.summary.mean);
  EXPECT_GE(static_cast<double>(s.all.summary.max), s.all.summary.mean);
  EXPECT_NEAR(s.all.summary.ci95_half_width(), kZ95 * s.all.summary.stddev / std::sqrt(static_cast<double>(s.runs)), 1e-12);
  EXPECT_GT(s.edges_examined, 0u);
}

TEST_P(BothModels, DeadlineTruncatesTheCurve) {
  auto options = options_for(GetParam());
  options.max_steps = 3;
  const auto s = simulate_spread(graph(), kSeeds, options);
  EXPECT_LE(s.all.new_per_step.size(), 4u);
  const auto unlimited = simulate_spread(graph(), kSeeds, options_for(GetParam()));
  // Same worlds, so the deadline can only cut: per node and overall, never more.
  EXPECT_LE(s.all.summary.mean, unlimited.all.summary.mean);
  for (std::size_t t = 0; t < s.all.cumulative_per_step.size(); ++t)
    EXPECT_DOUBLE_EQ(s.all.cumulative_per_step[t], unlimited.all.cumulative_per_step[t]) << t;
}

// Common random numbers: in every world the reach of a superset contains the reach of the subset
// (both models are monotone per live-edge world), so with the same worlds the estimates are
// ordered exactly, not just in expectation.
TEST_P(BothModels, CommonRandomNumbersOrderNestedSeedSets) {
  const std::vector<NodeId> small{5, 300};
  const std::vector<NodeId> large{5, 300, 1000, 2000};
  for (std::uint64_t seed : {1u, 2u, 3u, 4u, 5u}) {
    const double a = estimate_spread(graph(), small, GetParam(), 300, seed);
    const double b = estimate_spread(graph(), large, GetParam(), 300, seed);
    EXPECT_LE(a, b) << seed;
  }
}

TEST_P(BothModels, PrecisionModeStopsAtTheRequestedHalfWidth) {
  SimulationOptions options;
  options.model = GetParam();
  options.precision = 0.02;
  options.max_runs = 1'000'000;
  options.batch_runs = 500;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> calls;
  options.progress = [&](std::uint64_t done, std::uint64_t planned) { calls.emplace_back(done, planned); };
  const auto s = simulate_spread(graph(), kSeeds, options);
  EXPECT_TRUE(s.converged);
  EXPECT_LE(s.all.summary.ci95_half_width(), 0.02 * s.all.summary.mean);
  EXPECT_EQ(s.runs % 500, 0u);
  EXPECT_GT(s.runs, 500u);  // one batch is not enough at 2%: the rule did iterate
  // The previous batch had not reached it (it stopped at the first batch that did).
  auto previous = options;
  previous.precision = 0;
  previous.progress = nullptr;
  previous.runs = s.runs - 500;
  const auto p = simulate_spread(graph(), kSeeds, previous);
  EXPECT_GT(p.all.summary.ci95_half_width(), 0.02 * p.all.summary.mean);
  // Progress: once per batch, increasing, planned = max_runs.
  ASSERT_EQ(calls.size(), s.runs / 500);
  EXPECT_EQ(calls.back().first, s.runs);
  EXPECT_EQ(calls.front().second, 1'000'000u);
  // Deterministic: the same stop for any thread count.
  options.progress = nullptr;
  support::for_thread_counts([&](int) { expect_identical(simulate_spread(graph(), kSeeds, options), s); });
}

TEST(MonteCarlo, PrecisionModeCapsAtMaxRuns) {
  SimulationOptions options;
  options.precision = 1e-6;
  options.max_runs = 1200;
  options.batch_runs = 500;
  const auto s = simulate_spread(graph(), kSeeds, options);
  EXPECT_EQ(s.runs, 1200u);
  EXPECT_FALSE(s.converged);
}

TEST(MonteCarlo, SafeInsideAnOuterParallelLoop) {
  // Greedy may call estimate_spread from inside a parallel loop over candidates: nested calls must
  // give the same answers as serial ones.
  std::vector<double> expected(16), got(16);
  for (NodeId c = 0; c < 16; ++c)
    expected[c] = estimate_spread(graph(), std::vector<NodeId>{c * 100}, DiffusionModelKind::kLinearThreshold, 200, 3);
  tbb::parallel_for(NodeId{0}, NodeId{16}, [&](NodeId c) {
    got[c] = estimate_spread(graph(), std::vector<NodeId>{c * 100}, DiffusionModelKind::kLinearThreshold, 200, 3);
  });
  EXPECT_EQ(expected, got);
}

TEST(MonteCarlo, ScratchIsResizedForALargerGraphAfterASmallerOne) {
  const auto tiny = support::make_graph(2, {{0, 1, 1.0f}});
  EXPECT_EQ(estimate_spread(tiny, std::vector<NodeId>{0}, DiffusionModelKind::kIndependentCascade, 10, 1), 2.0);
  const double big = estimate_spread(graph(), kSeeds, DiffusionModelKind::kIndependentCascade, 100, 1);
  EXPECT_EQ(estimate_spread(tiny, std::vector<NodeId>{0}, DiffusionModelKind::kLinearThreshold, 10, 1), 2.0);
  EXPECT_EQ(estimate_spread(graph(), kSeeds, DiffusionModelKind::kIndependentCascade, 100, 1), big);
}

TEST(MonteCarlo, ModelNames) {
  EXPECT_EQ(parse_diffusion_model("ic"), DiffusionModelKind::kIndependentCascade);
  EXPECT_EQ(parse_diffusion_model("LT"), DiffusionModelKind::kLinearThreshold);
  EXPECT_EQ(diffusion_model_name(DiffusionModelKind::kLinearThreshold), "lt");
  try {
    parse_diffusion_model("sir");
    FAIL();
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("ic, lt"), std::string::npos) << e.what();
  }
}

TEST(MonteCarlo, BadInput) {
  SimulationOptions options;
  EXPECT_THROW(simulate_spread(graph(), std::vector<NodeId>{}, options), UsageError);
  EXPECT_THROW(simulate_spread(graph(), std::vector<NodeId>{3000}, options), UsageError);
  options.runs = 0;
  EXPECT_THROW(simulate_spread(graph(), kSeeds, options), UsageError);
  options.runs = 10;
  options.precision = -0.1;
  EXPECT_THROW(simulate_spread(graph(), kSeeds, options), UsageError);
  options.precision = 0.1;
  options.max_runs = 0;
  EXPECT_THROW(simulate_spread(graph(), kSeeds, options), UsageError);
  options = SimulationOptions{};
  options.target = {3000};
  EXPECT_THROW(simulate_spread(graph(), kSeeds, options), UsageError);
  EXPECT_THROW(estimate_spread(graph(), std::vector<NodeId>{}, DiffusionModelKind::kIndependentCascade, 10, 1), UsageError);
  EXPECT_THROW(estimate_spread(graph(), kSeeds, DiffusionModelKind::kIndependentCascade, 0, 1), UsageError);
  const std::vector<std::uint8_t> short_mask(10, 1);
  EXPECT_THROW(estimate_spread(graph(), kSeeds, DiffusionModelKind::kIndependentCascade, 10, 1, 0, short_mask),
               UsageError);
}

}  // namespace
}  // namespace kuchikomi
