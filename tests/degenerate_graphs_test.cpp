// Graphs where nothing can spread: n users and no edges, and a single user. Every figure is exact
// (a run without edges has no randomness): k seeds reach exactly k users in every run, any k
// distinct users are an optimal answer, and asking for more seeds than users is a clean InputError.
// Every algorithm of the registry is run, so a new one is held to this without a new test.
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/evaluation.hpp"
#include "support/graphs.hpp"
#include "support/scratch_test.hpp"
#include "support/selection.hpp"

namespace kuchikomi {
namespace {

constexpr DiffusionModelKind kModels[] = {DiffusionModelKind::kIndependentCascade,
                                          DiffusionModelKind::kLinearThreshold};

InfluenceGraph edgeless(NodeId n) { return support::make_graph(n, {}); }

// 1, 2, ..., k: the spread of each prefix of k seeds when nobody else can be reached.
std::vector<double> one_per_seed(std::uint32_t k) {
  std::vector<double> curve;
  for (std::uint32_t i = 1; i <= k; ++i) curve.push_back(i);
  return curve;
}

// Every run reaches exactly `reached` users: the seeds, each in round 0.
void expect_exactly(const SpreadStatistics& s, std::uint64_t reached, std::uint64_t runs) {
  EXPECT_EQ(s.runs, runs);
  EXPECT_EQ(s.all.summary.mean, static_cast<double>(reached));
  EXPECT_EQ(s.all.summary.stddev, 0.0);
  EXPECT_EQ(s.all.summary.min, reached);
  EXPECT_EQ(s.all.summary.max, reached);
  EXPECT_EQ(s.all.summary.ci95_low, static_cast<double>(reached));
  EXPECT_EQ(s.all.summary.ci95_high, static_cast<double>(reached));
  EXPECT_EQ(s.run_spread, std::vector<std::uint32_t>(runs, static_cast<std::uint32_t>(reached)));
  ASSERT_FALSE(s.all.cumulative_per_step.empty());
  EXPECT_EQ(s.all.new_per_step[0], static_cast<double>(reached));
  EXPECT_EQ(s.all.cumulative_per_step.back(), static_cast<double>(reached));
  EXPECT_EQ(s.edges_examined, 0u);
}

// Test names may hold letters, digits and '_' only: "celf++" becomes "celf_plus_plus".
std::string test_name(const std::string& algorithm) {
  std::string name;
  for (char c : algorithm) name += c == '+' ? std::string("_plus") : (c == '-' ? std::string("_") : std::string(1, c));
  return name;
}

class EveryAlgorithm : public ::testing::TestWithParam<std::string> {
 protected:
  const SelectionAlgorithm& algorithm() const { return selection_algorithm(GetParam()); }
  SelectionResult select(const InfluenceGraph& g, DiffusionModelKind model, std::uint32_t k) const {
    SelectionProblem problem;
    problem.model = model;
    problem.k = k;
    SelectionOptions options = algorithm().default_options();
    options.mc_runs = 50;  // a run without edges is the same every time
    return run_selection(GetParam(), g, problem, options);
  }
  // The answer for k seeds on a graph of n users without edges: k distinct users, each adding
  // exactly one (Monte Carlo estimates are exact here; RIS estimates are not, but the evaluation,
  // the same yardstick for all, is).
  void expect_optimal(const InfluenceGraph& g, DiffusionModelKind model, std::uint32_t k) const {
    SCOPED_TRACE("k = " + std::to_string(k) + ", " + diffusion_model_name(model));
    SelectionResult r = select(g, model, k);
    ASSERT_EQ(r.seeds.size(), k);
    std::set<NodeId> distinct;
    for (const auto& s : r.seeds) {
      EXPECT_LT(s.node, g.num_nodes());
      EXPECT_FALSE(s.fixed);
      distinct.insert(s.node);
    }
    EXPECT_EQ(distinct.size(), k);
    if (algorithm().family == AlgorithmFamily::kMonteCarloGreedy) {
      EXPECT_EQ(r.estimated_spread, static_cast<double>(k));
      EXPECT_EQ(r.spread_curve, one_per_seed(k));
      for (const auto& s : r.seeds) EXPECT_EQ(s.marginal_gain, 1.0);
    }
    if (algorithm().family == AlgorithmFamily::kReverseSampling) {
      // An RR set is its root alone: the estimate is n x the share of roots among the seeds, a
      // sampled figure, but n exactly when every user is a seed.
      EXPECT_GT(r.rr_sets, 0u);
      ASSERT_EQ(r.spread_curve.size(), k);
      for (std::size_t i = 1; i < k; ++i) EXPECT_LE(r.spread_curve[i - 1], r.spread_curve[i]);
      if (k == g.num_nodes()) { EXPECT_EQ(r.estimated_spread, static_cast<double>(k)); }
      EXPECT_LE(r.estimated_spread, static_cast<double>(g.num_nodes()));
    }
    SelectionProblem problem;
    problem.model = model;
    problem.k = k;
    const SelectionEvaluation evaluation = evaluate_selection(g, problem, r, 300, true);
    expect_exactly(evaluation.statistics, k, 300);
    EXPECT_EQ(evaluation.prefix_spread, one_per_seed(k));
    for (NodeId u = 0; u < g.num_nodes(); ++u)
      EXPECT_EQ(evaluation.statistics.node_probability[u], distinct.count(u) ? 1.0 : 0.0) << "user " << u;
    if (r.curve_from_evaluation) { EXPECT_EQ(r.spread_curve, one_per_seed(k)); }
  }
};

INSTANTIATE_TEST_SUITE_P(Registry, EveryAlgorithm, ::testing::ValuesIn(selection_algorithm_names()),
                         [](const auto& param_info) { return test_name(param_info.param); });

TEST_P(EveryAlgorithm, EdgelessGraphAnyKDistinctUsersReachExactlyK) {
  const InfluenceGraph g = edgeless(6);
  for (DiffusionModelKind model : kModels)
    for (std::uint32_t k : {1u, 3u, 6u}) expect_optimal(g, model, k);
}

TEST_P(EveryAlgorithm, SingleUserIsTheOnlySeedAndReachesOne) {
  const InfluenceGraph g = edgeless(1);
  for (DiffusionModelKind model : kModels) {
    expect_optimal(g, model, 1);
    EXPECT_EQ(select(g, model, 1).seeds.at(0).node, 0u);
  }
}

TEST_P(EveryAlgorithm, MoreSeedsThanUsersIsAnInputError) {
  for (NodeId n : {1u, 4u}) {
    const InfluenceGraph g = edgeless(n);
    for (DiffusionModelKind model : kModels) {
      try {
        select(g, model, n + 1);
        ADD_FAILURE() << "k = " << n + 1 << " of " << n << " users accepted";
      } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find(std::to_string(n + 1)), std::string::npos) << e.what();
      }
    }
  }
}

// Monte Carlo simulation on the same graphs: exact figures, for fixed seeds, random seeds per run
// and precision mode (whose CI is 0 wide after the first batch).
TEST(DegenerateSimulation, EdgelessGraphReachesExactlyTheSeeds) {
  const InfluenceGraph g = edgeless(5);
  for (DiffusionModelKind model : kModels) {
    SCOPED_TRACE(diffusion_model_name(model));
    SimulationOptions options;
    options.model = model;
    options.runs = 700;
    options.target = {2, 3};
    const std::vector<NodeId> seeds{0, 2, 4, 2};  // a repeated seed counts once
    const SpreadStatistics s = simulate_spread(g, seeds, options);
    expect_exactly(s, 3, 700);
    EXPECT_EQ(s.node_probability, (std::vector<double>{1, 0, 1, 0, 1}));
    ASSERT_TRUE(s.target);
    EXPECT_EQ(s.target->summary.mean, 1.0);  // 2 is a seed, 3 is never reached
    EXPECT_EQ(s.target->summary.stddev, 0.0);
    EXPECT_EQ(estimate_spread(g, seeds, model, 700, 1), 3.0);
    EXPECT_EQ(estimate_prefix_spreads(g, seeds, model, 700, 1), (std::vector<double>{1, 2, 3, 3}));

    SimulationOptions random = options;
    random.target.clear();
    random.random_seed_count = 4;
    expect_exactly(simulate_spread(g, {}, random), 4, 700);

    SimulationOptions precision = options;
    precision.precision = 0.01;
    precision.batch_runs = 200;
    const SpreadStatistics p = simulate_spread(g, seeds, precision);
    EXPECT_TRUE(p.converged);
    expect_exactly(p, 3, 200);
  }
}

TEST(DegenerateSimulation, SingleUserReachesOneAndMoreRandomSeedsIsAnInputError) {
  const InfluenceGraph g = edgeless(1);
  for (DiffusionModelKind model : kModels) {
    SCOPED_TRACE(diffusion_model_name(model));
    SimulationOptions options;
    options.model = model;
    options.runs = 300;
    const std::vector<NodeId> seed{0};
    const SpreadStatistics s = simulate_spread(g, seed, options);
    expect_exactly(s, 1, 300);
    EXPECT_EQ(s.node_probability, std::vector<double>{1.0});
    options.random_seed_count = 1;
    expect_exactly(simulate_spread(g, {}, options), 1, 300);
    options.random_seed_count = 2;
    EXPECT_THROW(simulate_spread(g, {}, options), InputError);
  }
}

// Through the executable: `simulate` on a graph file without edges prints the exact spread, and
// `select` asking for more seeds than users exits 1 with a message and no output file.
class DegenerateCli : public support::ScratchTest {};

TEST_F(DegenerateCli, SimulateIsExactAndSelectRefusesMoreSeedsThanUsers) {
  write_graph_file(edgeless(4), path("g.h5"));
  const support::Result r =
      kuchikomi("simulate --graph " + path("g.h5") + " --model lt --seeds u0,u3 --runs 500 --json --out " + path("sim.h5"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);
  EXPECT_EQ(json["spread"]["mean"], 2.0);
  EXPECT_EQ(json["spread"]["stddev"], 0.0);
  EXPECT_EQ(json["spread"]["min"], 2);
  EXPECT_EQ(json["spread"]["max"], 2);
  EXPECT_EQ(json["runs"], 500);

  const support::Result too_many =
      kuchikomi("select --graph " + path("g.h5") + " --algo celf -k 5 --out " + path("sel.h5"));
  EXPECT_EQ(too_many.code, 1) << too_many.err;
  EXPECT_NE(too_many.err.find('5'), std::string::npos) << too_many.err;
  EXPECT_FALSE(std::filesystem::exists(path("sel.h5")));
}

}  // namespace
}  // namespace kuchikomi
