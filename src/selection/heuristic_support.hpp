// Shared pieces of the heuristic baselines (degree.cpp, degree_discount.cpp, pagerank.cpp, random.cpp).
//
// Every heuristic answers like the guaranteed algorithms: fixed seeds (include) first, never an
// excluded node, at most k added seeds or, under a budget, added seeds whose total cost fits.
// Budget rule ("score per cost"): candidates are ranked by score / cost (ties: lowest id) and taken in
// that order, skipping any that no longer fit the remaining budget; the cheap-but-good come first.
// Heuristics do not estimate spread: SelectedSeed::marginal_gain carries the heuristic's own score
// (documented per heuristic), spread_curve stays empty and estimated_spread 0 — evaluate the seed set
// with simulate_spread to compare it with the others.
#pragma once
#include <algorithm>
#include <chrono>
#include <numeric>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi::heuristics {

inline constexpr const char* kNoGuarantee = "none (heuristic)";

// A result holding the fixed seeds (score 0: a heuristic does not rate what it did not choose).
inline SelectionResult begin_result(const std::string& algorithm, const SelectionProblem& problem) {
  SelectionResult result;
  result.algorithm = algorithm;
  result.guarantee = kNoGuarantee;
  // Say so when the choice cannot see part of the problem (the evaluation still counts it).
  if (!problem.target.empty()) result.guarantee += "; the ranking ignores the target segment";
  if (problem.max_steps > 0) result.guarantee += "; the ranking ignores the deadline";
  for (NodeId u : problem.include) result.seeds.push_back({u, 0.0, seed_cost(problem, u), true});
  return result;
}

// Appends an added seed and accounts its cost.
inline void add_seed(SelectionResult& result, const SelectionProblem& problem, NodeId v, double score) {
  result.seeds.push_back({v, score, seed_cost(problem, v), false});
  result.budget_spent += seed_cost(problem, v);
}

// Whether v fits the remaining budget (always, without a budget).
inline bool fits(const SelectionResult& result, const SelectionProblem& problem, NodeId v) {
  return !problem.budgeted() || result.budget_spent + seed_cost(problem, v) <= problem.budget;
}

// The ranking key: the score, or score per cost under a budget.
inline double key(const SelectionProblem& problem, NodeId v, double score) {
  return problem.budgeted() ? score / seed_cost(problem, v) : score;
}

// Static scores: rank candidates by key (desc, ties by lowest id), take the top k, or under a budget
// walk the ranking and take every candidate that still fits.
inline void pick_by_score(const InfluenceGraph& graph, const SelectionProblem& problem, std::span<const double> score,
                          SelectionResult& result) {
  const auto candidate = candidate_mask(graph, problem);
  std::vector<NodeId> order;
  for (NodeId v = 0; v < graph.num_nodes(); ++v)
    if (candidate[v]) order.push_back(v);
  std::vector<double> keys(graph.num_nodes(), 0.0);
  for (NodeId v : order) keys[v] = key(problem, v, score[v]);
  std::stable_sort(order.begin(), order.end(), [&](NodeId a, NodeId b) { return keys[a] > keys[b]; });
  std::size_t added = 0;
  for (NodeId v : order) {
    if (added == problem.seed_limit()) break;
    if (!fits(result, problem, v)) continue;
    add_seed(result, problem, v, score[v]);
    ++added;
  }
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace kuchikomi::heuristics
