// Every seed-selection algorithm, by name. One file per algorithm under src/selection/; each is
// declared in its family's header (mc_greedy.hpp, imm.hpp, opim_c.hpp, heuristics.hpp).
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// Names accepted by run_selection, in the order shown to users.
const std::vector<std::string>& selection_algorithm_names();
// Validates the problem (k vs candidates, include/exclude overlap, costs) and dispatches.
SelectionResult run_selection(const std::string& algorithm, const InfluenceGraph& g, const SelectionProblem& p,
                              const SelectionOptions& o);

}  // namespace kuchikomi
