// Seed-selection heuristics: fast rankings without a guarantee, the baselines the guaranteed
// algorithms are judged against. Each answers like the others (include first, never an excluded
// node, at most k seeds or within the budget) and reports its own score as marginal_gain; its
// spread is measured by the evaluation (selection/evaluation.hpp). One file per heuristic.
// Each takes a validated problem (validate_problem, campaign.hpp): run_selection (algorithms.hpp)
// validates once before it dispatches.
#pragma once
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// Highest out-probability sum (expected direct reach).
SelectionResult select_degree(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
// Chen, Wang, Yang, KDD 2009: degree discounted by already-chosen neighbours.
SelectionResult select_degree_discount(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
// PageRank on the reversed influence graph (Boost.Graph).
SelectionResult select_pagerank(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
// Uniform sample (seeded).
SelectionResult select_random(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);

}  // namespace kuchikomi
