// Every seed-selection algorithm, by name. One file per algorithm under src/selection/.
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// Monte Carlo greedy family (Kempe et al. 2003; Leskovec et al. 2007; Goyal et al. 2011).
SelectionResult select_greedy(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_celf(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_celf_plus_plus(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
// Reverse influence sampling (Tang et al. 2015; Tang et al. 2018).
SelectionResult select_imm(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_opim_c(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
// Heuristics (no guarantee).
SelectionResult select_degree(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_degree_discount(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_pagerank(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_random(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);

// Names accepted by run_selection, in the order shown to users.
const std::vector<std::string>& selection_algorithm_names();
// Validates the problem (k vs candidates, include/exclude overlap, costs) and dispatches.
SelectionResult run_selection(const std::string& algorithm, const InfluenceGraph& g, const SelectionProblem& p,
                              const SelectionOptions& o);

}  // namespace kuchikomi
