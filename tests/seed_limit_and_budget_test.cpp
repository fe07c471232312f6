// -k and --budget together: at most k added seeds within the budget, for every algorithm; checked
// against brute force over every feasible seed set of a tiny graph, and the reason the selection
// stopped (k reached / budget exhausted / no more positive gain) against the state it stopped in.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "support/exact_spread.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

using support::Edges;
using support::make_graph;

// Hub 0 -> 1..8 costs 5; nodes 9, 10, 11 have three followers each (10 and 11 share some with the
// hub) and cost 1; everyone else costs 100. All probabilities 1: the spread of a set is its reach.
InfluenceGraph hub_and_cheap() {
  return make_graph(18, Edges{{0, 1, 1.f}, {0, 2, 1.f}, {0, 3, 1.f}, {0, 4, 1.f}, {0, 5, 1.f}, {0, 6, 1.f},
                              {0, 7, 1.f}, {0, 8, 1.f}, {9, 12, 1.f}, {9, 15, 1.f}, {9, 16, 1.f}, {10, 13, 1.f},
                              {10, 17, 1.f}, {10, 1, 1.f}, {11, 14, 1.f}, {11, 2, 1.f}, {11, 3, 1.f}});
}

SelectionProblem priced(double budget, std::uint32_t max_seeds) {
  SelectionProblem problem;
  problem.costs.assign(18, 100.0);
  problem.costs[0] = 5;
  problem.costs[9] = problem.costs[10] = problem.costs[11] = 1;
  problem.budget = budget;
  problem.max_seeds = max_seeds;
  problem.rng_seed = 3;
  return problem;
}

std::vector<NodeId> added_seeds(const SelectionResult& r) {
  std::vector<NodeId> ids;
  for (const auto& s : r.seeds)
    if (!s.fixed) ids.push_back(s.node);
  return ids;
}

// Probabilities 1: one live-edge world, every edge live.
double reach(const InfluenceGraph& g, const std::vector<NodeId>& seeds) {
  return support::reach_in_world(g, std::vector<std::uint8_t>(g.num_edges(), 1), seeds, 0, {});
}

// The best spread over every set of at most `max_seeds` users (0: any number) within the budget:
// every subset of the users who fit the budget alone.
double brute_force_best(const InfluenceGraph& g, const SelectionProblem& p) {
  std::vector<NodeId> affordable;
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    if (p.costs[u] <= p.budget) affordable.push_back(u);
  EXPECT_LE(affordable.size(), 20u);
  double best = 0;
  for (std::uint32_t mask = 1; mask < (1u << affordable.size()); ++mask) {
    std::vector<NodeId> set;
    double cost = 0;
    for (std::size_t i = 0; i < affordable.size(); ++i)
      if (mask >> i & 1) set.push_back(affordable[i]), cost += p.costs[affordable[i]];
    if (cost > p.budget || (p.max_seeds > 0 && set.size() > p.max_seeds)) continue;
    best = std::max(best, reach(g, set));
  }
  return best;
}

bool budget_capable(const SelectionAlgorithm& a) {
  try {
    a.check_options(a.default_options(), true);
    return true;
  } catch (const UsageError&) {
    return false;
  }
}

SelectionOptions options_for(const SelectionAlgorithm& a) {
  SelectionOptions o = a.default_options();
  o.mc_runs = 20;  // probabilities 1: every simulation is the same
  return o;
}

TEST(SeedLimitAndBudget, BothConstraintsHoldAndGuaranteedAlgorithmsFindTheBruteForceBest) {
  const InfluenceGraph g = hub_and_cheap();
  // With at most 2 seeds the three cheap users (12 reached for 3) are out of reach: the hub alone
  // (9 for 5) beats any two cheap ones (8 for 2).
  const SelectionProblem problem = priced(5.5, 2);
  const double best = brute_force_best(g, problem);
  ASSERT_EQ(best, 9.0);
  ASSERT_EQ(brute_force_best(g, priced(5.5, 0)), 12.0);  // the budget alone
  for (const SelectionAlgorithm& a : selection_algorithms()) {
    if (!budget_capable(a)) continue;
    const SelectionResult r = run_selection(a.name, g, problem, options_for(a));
    const auto ids = added_seeds(r);
    double cost = 0;
    for (NodeId u : ids) cost += problem.costs[u];
    EXPECT_LE(ids.size(), 2u) << a.name;
    EXPECT_LE(cost, problem.budget) << a.name;
    EXPECT_DOUBLE_EQ(cost, r.budget_spent) << a.name;
    if (a.guarantee != GuaranteeKind::kNone) {
      EXPECT_EQ(reach(g, ids), best) << a.name;
      EXPECT_EQ(ids, std::vector<NodeId>{0}) << a.name;
      // One seed of two, and nothing left fits 0.5: the budget stopped it.
      EXPECT_EQ(r.stopped_by, SelectionStop::kBudget) << a.name;
    }
  }
}

TEST(SeedLimitAndBudget, BudgetAloneKeepsItsAnswer) {
  const InfluenceGraph g = hub_and_cheap();
  const SelectionProblem problem = priced(5.5, 0);
  for (const SelectionAlgorithm& a : selection_algorithms()) {
    if (!budget_capable(a) || a.guarantee == GuaranteeKind::kNone) continue;
    const SelectionResult r = run_selection(a.name, g, problem, options_for(a));
    auto ids = added_seeds(r);
    std::sort(ids.begin(), ids.end());  // the order of equal-ratio picks differs between algorithms
    EXPECT_EQ(ids, (std::vector<NodeId>{9, 10, 11})) << a.name;
    EXPECT_EQ(reach(g, added_seeds(r)), brute_force_best(g, problem)) << a.name;
  }
}

TEST(SeedLimitAndBudget, StopReasonMatchesTheStateTheSelectionStoppedIn) {
  const InfluenceGraph g = hub_and_cheap();
  for (const SelectionAlgorithm& a : selection_algorithms()) {
    if (!budget_capable(a)) continue;
    // k binds: a budget of 100 buys far more than one seed.
    SelectionResult r = run_selection(a.name, g, priced(100, 1), options_for(a));
    EXPECT_EQ(added_seeds(r).size(), 1u) << a.name;
    EXPECT_EQ(r.stopped_by, SelectionStop::kSeedCount) << a.name;
    // The budget binds: two cheap users spend all of 2, and nobody costs less than 1.
    r = run_selection(a.name, g, priced(2, 5), options_for(a));
    EXPECT_EQ(r.budget_spent, 2.0) << a.name;
    EXPECT_EQ(r.stopped_by, SelectionStop::kBudget) << a.name;
    // Neither: after the hub and the three cheap users nobody adds anyone (budget 200, k 10).
    if (a.guarantee != GuaranteeKind::kNone) {
      r = run_selection(a.name, g, priced(200, 10), options_for(a));
      EXPECT_EQ(reach(g, added_seeds(r)), 18.0) << a.name;
      EXPECT_EQ(r.stopped_by, SelectionStop::kNoGain) << a.name;
    }
  }
}

TEST(SeedLimitAndBudget, StopReasonWithoutABudget) {
  const InfluenceGraph g = hub_and_cheap();
  SelectionProblem problem;
  problem.k = 3;
  for (const SelectionAlgorithm& a : selection_algorithms()) {
    const SelectionResult r = run_selection(a.name, g, problem, options_for(a));
    EXPECT_EQ(r.stopped_by, SelectionStop::kSeedCount) << a.name;
  }
  EXPECT_STREQ(selection_stop_text(SelectionStop::kBudget), "budget exhausted");
  EXPECT_STREQ(selection_stop_key(SelectionStop::kNoGain), "no_gain");
}

// The progress line's hooks (chunks of candidates, picks) report real counts and never change a
// result: the same seeds and gains with and without them.
TEST(SelectionProgress, ReportsCountsAndChangesNothing) {
  Edges edges;
  for (NodeId u = 0; u < 300; ++u) {
    edges.emplace_back(u, (u * 7 + 1) % 300, 0.3f);
    edges.emplace_back(u, (u + 1) % 300, 0.2f);
  }
  const InfluenceGraph g = make_graph(300, edges);
  SelectionProblem problem;
  problem.k = 3;
  for (const char* name : {"greedy", "celf", "celf++"}) {
    SelectionOptions quiet;
    quiet.mc_runs = 40;
    SelectionOptions watched = quiet;
    std::uint64_t chunk_calls = 0, pick_calls = 0, last_pick = 0;
    watched.step_progress = [&](const std::string& stage, std::uint64_t done, std::uint64_t planned) {
      if (stage.find("candidates") != std::string::npos) {
        ++chunk_calls;
        EXPECT_LE(done, planned);
        EXPECT_LE(planned, 300u);
      } else {
        ++pick_calls;
        EXPECT_EQ(planned, 3u);
        EXPECT_EQ(done, last_pick + 1);
        last_pick = done;
      }
    };
    const SelectionResult a = run_selection(name, g, problem, quiet);
    const SelectionResult b = run_selection(name, g, problem, watched);
    ASSERT_EQ(a.seeds.size(), b.seeds.size()) << name;
    for (std::size_t i = 0; i < a.seeds.size(); ++i) {
      EXPECT_EQ(a.seeds[i].node, b.seeds[i].node) << name;
      EXPECT_EQ(a.seeds[i].marginal_gain, b.seeds[i].marginal_gain) << name;
    }
    EXPECT_GE(chunk_calls, 4u) << name;  // 300 candidates in chunks of 64
    EXPECT_EQ(pick_calls, 3u) << name;
  }
}

}  // namespace
}  // namespace kuchikomi
