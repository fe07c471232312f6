// Heuristic baselines against hand-computed answers: degree, degree discount, PageRank (vs a hand-rolled
// power iteration of Boost's formula), random; campaign constraints for all of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <tuple>
#include <vector>

#include <boost/graph/graph_traits.hpp>
#include <boost/range/iterator_range.hpp>

#include "kuchikomi/core/errors.hpp"
#include "graph/boost_view.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/heuristics.hpp"
#include "support/graphs.hpp"
#include "support/selection.hpp"

namespace kuchikomi {
namespace {

using support::make_graph;
using support::Edges;
using support::Selector;
using support::seed_ids;
const std::vector<std::pair<const char*, Selector>> kHeuristics = {
    {"degree", select_degree}, {"degree-discount", select_degree_discount}, {"pagerank", select_pagerank},
    {"random", select_random}};

// Undirected (both directions) with uniform p = 0.1:
//
//        1 ─┐            0: 1 2 3 4        (degree 4)
//   4 ─ 0 ─ 2 ─ 5 ─ 6    5: 1 2 3 6        (degree 4)
//        3 ─┘            1, 2, 3: 0 and 5  (degree 2);  4: 0;  6: 5
InfluenceGraph two_hubs() {
  Edges edges;
  for (auto [u, v] : std::vector<std::pair<NodeId, NodeId>>{{0, 1}, {0, 2}, {0, 3}, {0, 4}, {5, 1}, {5, 2}, {5, 3}, {5, 6}}) {
    edges.emplace_back(u, v, 0.1f);
    edges.emplace_back(v, u, 0.1f);
  }
  return make_graph(7, edges);
}

TEST(Degree, RanksByOutProbabilitySumTiesByLowestId) {
  // 0 -> 1, 2 (.5 each) = 1.0;  3 -> 0 (.9) = 0.9;  4 -> 1, 2, 3 (.2 each) = 0.6;  2 -> 1 (1.0) = 1.0.
  const auto g = make_graph(5, Edges{{0, 1, .5f}, {0, 2, .5f}, {3, 0, .9f}, {4, 1, .2f}, {4, 2, .2f}, {4, 3, .2f},
                                     {2, 1, 1.f}});
  SelectionProblem problem;
  problem.k = 4;
  const auto r = select_degree(g, problem, {});
  EXPECT_EQ(seed_ids(r), (std::vector<NodeId>{0, 2, 3, 4}));
  EXPECT_NEAR(r.seeds[2].marginal_gain, 0.9, 1e-6);
  EXPECT_EQ(r.guarantee, "none (heuristic)");
  EXPECT_EQ(r.approximation_ratio, 0);
}

TEST(DegreeDiscount, HandComputedOnTwoHubs) {
  // Round 1: reach = 1 + 0.1 * degree: 0 and 5 tie at 1.4 -> 0.
  // Round 2: 1..4 now have P = 0.9 and lost 0 as a follower: 1: 0.9 * (1 + 0.1) = 0.99, 4: 0.9 * 1 = 0.9;
  //          5 is untouched: 1.4 -> 5.
  // Round 3: 1, 2, 3: 0.81 * 1 = 0.81; 4: 0.9; 6: 0.9 * 1 = 0.9 -> 4 (tie with 6, lowest id).
  // (Chen et al.'s dd for t = 1: 1 + p * (d - 2t - (d - t) t p) = 1 + 0.1 * (2 - 2 - 0.1) = 0.99 for node 1.)
  // Plain degree would take 0, 5, 1 instead: the discount is what moves node 4 ahead.
  const auto g = two_hubs();
  SelectionProblem problem;
  problem.k = 3;
  const auto r = select_degree_discount(g, problem, {});
  ASSERT_EQ(seed_ids(r), (std::vector<NodeId>{0, 5, 4}));
  EXPECT_NEAR(r.seeds[0].marginal_gain, 1.4, 1e-6);
  EXPECT_NEAR(r.seeds[1].marginal_gain, 1.4, 1e-6);
  EXPECT_NEAR(r.seeds[2].marginal_gain, 0.9, 1e-6);
  EXPECT_EQ(seed_ids(select_degree(g, problem, {})), (std::vector<NodeId>{0, 5, 1}));

  // Included seeds discount their neighbours first: with 0 fixed, 5 then 4 (as above).
  problem.k = 2;
  problem.include = {0};
  const auto fixed = select_degree_discount(g, problem, {});
  EXPECT_EQ(seed_ids(fixed), (std::vector<NodeId>{0, 5, 4}));
  EXPECT_TRUE(fixed.seeds[0].fixed);
}

// Boost's PageRank by hand: r <- (1 - d) + d * sum over in-links w -> v of r(w) / outdeg(w), from 1/n.
std::vector<double> power_iteration(const InfluenceGraph& g) {
  const NodeId n = g.num_nodes();
  // Reversed graph: an influence edge u -> v is a link v -> u; outdeg in reversed = in-degree.
  std::vector<double> r(n, 1.0 / n), next(n);
  for (int it = 0; it < 50; ++it) {
    std::fill(next.begin(), next.end(), 1 - 0.85);
    for (NodeId v = 0; v < n; ++v)
      for (EdgeId j = g.in_offsets[v]; j < g.in_offsets[v + 1]; ++j)
        next[g.in_sources[j]] += 0.85 * r[v] / static_cast<double>(g.in_degree(v));
    r.swap(next);
  }
  return r;
}

TEST(PageRank, ReversedGraphTopNodeAndHandRolledIteration) {
  // 3 influences 0, 1, 2, 4 (everyone listens to 3); 0 -> 1 -> 2 -> 0 a cycle; 4 -> 5.
  // On the reversed graph every listener links to 3, so 3 is the clear top; plain forward PageRank
  // would instead favour the cycle members who are pointed at.
  const auto g = make_graph(6, Edges{{3, 0, .1f}, {3, 1, .1f}, {3, 2, .1f}, {3, 4, .1f}, {0, 1, .1f}, {1, 2, .1f},
                                     {2, 0, .1f}, {4, 5, .1f}});
  SelectionProblem problem;
  problem.k = 6;
  const auto r = select_pagerank(g, problem, {});
  ASSERT_EQ(r.seeds.size(), 6u);
  EXPECT_EQ(r.seeds[0].node, 3u);
  const auto expected = power_iteration(g);
  for (const auto& s : r.seeds) EXPECT_NEAR(s.marginal_gain, expected[s.node], 1e-12) << s.node;
  for (std::size_t i = 1; i < r.seeds.size(); ++i) EXPECT_GE(r.seeds[i - 1].marginal_gain, r.seeds[i].marginal_gain);
  EXPECT_EQ(std::max_element(expected.begin(), expected.end()) - expected.begin(), 3);

  problem.k = 1;
  problem.exclude = {3};
  const auto without = select_pagerank(g, problem, {});
  EXPECT_EQ(without.seeds[0].node, r.seeds[1].node);
}

TEST(BoostView, ForwardAndReverseEdgesMatch) {
  const auto g = make_graph(4, Edges{{0, 1, .5f}, {0, 2, .5f}, {2, 3, .5f}, {3, 0, .5f}});
  std::set<std::pair<NodeId, NodeId>> forward, reverse;
  const auto f = to_boost_csr(g, BoostEdgeDirection::kForward);
  const auto r = to_boost_csr(g, BoostEdgeDirection::kReverse);
  EXPECT_EQ(num_vertices(f), 4u);
  EXPECT_EQ(num_edges(r), 4u);
  for (auto e : boost::make_iterator_range(edges(f))) forward.emplace(source(e, f), target(e, f));
  for (auto e : boost::make_iterator_range(edges(r))) reverse.emplace(target(e, r), source(e, r));
  const std::set<std::pair<NodeId, NodeId>> expected{{0, 1}, {0, 2}, {2, 3}, {3, 0}};
  EXPECT_EQ(forward, expected);
  EXPECT_EQ(reverse, expected);
}

TEST(Random, DeterministicUniformAndNeverExcluded) {
  const auto g = two_hubs();
  SelectionProblem problem;
  problem.k = 3;
  problem.exclude = {2, 5};
  problem.rng_seed = 42;
  const auto a = select_random(g, problem, {});
  EXPECT_EQ(seed_ids(a), seed_ids(select_random(g, problem, {})));
  // Over many seeds: distinct, never excluded, every candidate about equally often (k/5 = 60%).
  std::map<NodeId, int> count;
  bool differs = false;
  for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
    problem.rng_seed = seed;
    const auto nodes = seed_ids(select_random(g, problem, {}));
    ASSERT_EQ(std::set<NodeId>(nodes.begin(), nodes.end()).size(), 3u);
    differs |= nodes != seed_ids(a);
    for (NodeId v : nodes) ++count[v];
  }
  EXPECT_TRUE(differs);
  EXPECT_EQ(count.count(2), 0u);
  EXPECT_EQ(count.count(5), 0u);
  EXPECT_EQ(count.size(), 5u);
  for (auto [v, c] : count) EXPECT_NEAR(c, 600, 80) << v;  // sd ~ 15.5
}

TEST(AllHeuristics, IncludeFirstExcludeNeverBudgetRespected) {
  const auto g = two_hubs();
  for (auto [name, select] : kHeuristics) {
    SelectionProblem problem;
    problem.k = 2;
    problem.include = {6};
    problem.exclude = {0};
    const auto r = select(g, problem, {});
    ASSERT_EQ(r.seeds.size(), 3u) << name;
    EXPECT_EQ(r.seeds[0].node, 6u);
    EXPECT_TRUE(r.seeds[0].fixed);
    for (std::size_t i = 1; i < r.seeds.size(); ++i) {
      EXPECT_FALSE(r.seeds[i].fixed);
      EXPECT_NE(r.seeds[i].node, 0u) << name;
      EXPECT_NE(r.seeds[i].node, 6u) << name;
    }
    EXPECT_EQ(r.guarantee, "none (heuristic)");

    SelectionProblem budget;
    budget.costs = {3, 1, 1, 1, 1, 2.5, 1};
    budget.budget = 3.5;
    const auto b = select(g, budget, {});
    double spent = 0;
    for (const auto& s : b.seeds) spent += budget.costs[s.node];
    EXPECT_LE(spent, 3.5) << name;
    EXPECT_DOUBLE_EQ(spent, b.budget_spent) << name;
    EXPECT_FALSE(b.seeds.empty()) << name;
  }
}

// What the data make impossible is an InputError (exit 1 on the command line); a request wrong
// whatever the graph is a UsageError (exit 2).
TEST(AllHeuristics, ImpossibleRequestsSayWhoseFaultItIs) {
  const auto g = two_hubs();  // 7 users
  // The heuristics take a validated problem: run_selection checks it once before dispatching.
  for (const auto& heuristic : kHeuristics) {
    const char* name = heuristic.first;
    auto select_checked = [name](const InfluenceGraph& graph, const SelectionProblem& problem) {
      return run_selection(name, graph, problem, {});
    };
    SelectionProblem too_many;
    too_many.k = 6;
    too_many.exclude = {0, 1};  // 5 candidates left
    EXPECT_THROW(select_checked(g, too_many), InputError) << name;
    SelectionProblem both;
    both.k = 1;
    both.include = {3};
    both.exclude = {3};
    EXPECT_THROW(select_checked(g, both), InputError) << name;
    SelectionProblem unaffordable;
    unaffordable.costs = {3, 3, 3, 3, 3, 3, 3};
    unaffordable.budget = 2;
    EXPECT_THROW(select_checked(g, unaffordable), InputError) << name;
    EXPECT_THROW(select_checked(InfluenceGraph{}, SelectionProblem{}), InputError) << name;  // no users
    SelectionProblem none;
    none.k = 0;
    EXPECT_THROW(select_checked(g, none), UsageError) << name;
    SelectionProblem outside;
    outside.exclude = {7};
    EXPECT_THROW(select_checked(g, outside), UsageError) << name;
  }
}

TEST(Degree, BudgetTakesScorePerCost) {
  // two_hubs scores: 0, 5: 0.4; 1, 2, 3: 0.2; 4, 6: 0.1. Per unit of cost: 1, 2: 0.2; 0, 3, 4, 5, 6:
  // 0.1 (exact ties: the costs are powers of two). Walk: 1, 2 (spent 2); 0 does not fit (6 > 4.5);
  // 3 fits (spent 4); 4, 5, 6 do not. Plain top-3 by score would be 0, 5, 1.
  const auto g = two_hubs();
  SelectionProblem problem;
  problem.costs = {4, 1, 1, 2, 1, 4, 1};
  problem.budget = 4.5;
  const auto r = select_degree(g, problem, {});
  EXPECT_EQ(seed_ids(r), (std::vector<NodeId>{1, 2, 3}));
  EXPECT_DOUBLE_EQ(r.budget_spent, 4.0);
}

}  // namespace
}  // namespace kuchikomi
