// The Monte Carlo greedy family: plain greedy (greedy.cpp), CELF (celf.cpp) and CELF++
// (celf_plus_plus.cpp). The three differ only in *which* marginal gains they re-evaluate; the spread
// oracle, the campaign constraints, the budget rule and the result are common (mc_greedy.cpp, and the
// private src/selection/mc_greedy_pass.hpp that the passes share). Public here: the three algorithms
// and `run` with a pluggable spread evaluator (tests give an exact one, benchmarks read the counters).
//
// Exactness: spreads are handled as integer totals ("units"): for Monte Carlo, the number of nodes
// (or target nodes) reached summed over the R common worlds. Marginal gains are then exact integer
// differences, so when sigma over the fixed worlds is submodular (IC: reachability in fixed live-edge
// worlds) a stale CELF bound is never below the fresh gain, not even by a rounding error, and the
// lazy variants pick exactly the seeds plain greedy picks (same tie rule: lowest node id).
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi::mc_greedy {

enum class Variant { kGreedy, kCelf, kCelfPlusPlus };

// Spread of a seed set in integer units; `units_per_node` converts back to expected nodes.
// Must be deterministic and safe to call from several threads at once.
struct SpreadEvaluator {
  std::function<std::int64_t(std::span<const NodeId>)> total;
  double units_per_node = 1.0;
  std::string description;  // e.g. "Monte Carlo estimate over 1000 common worlds"
};

// estimate_spread with problem.model / rng_seed / max_steps / target and `runs` runs, as units.
SpreadEvaluator monte_carlo_evaluator(const InfluenceGraph& graph, const SelectionProblem& problem,
                                      std::uint64_t runs);

struct Stats {
  std::uint64_t spread_evaluations = 0;  // calls of the evaluator (each = one full MC estimate)
  std::uint64_t lookahead_hits = 0;      // CELF++: re-evaluations saved by mg2
};

// The whole algorithm: fixed seeds, one pass (k) or two passes (budget: unit-cost and cost-benefit,
// the better kept), result with gains, curve, guarantee and timings. `evaluator` == nullptr uses
// monte_carlo_evaluator(graph, problem, options.mc_runs). The problem must be validated
// (validate_problem, campaign.hpp); run_selection does that once.
SelectionResult run(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                    Variant variant, const SpreadEvaluator* evaluator = nullptr, Stats* stats = nullptr);

}  // namespace kuchikomi::mc_greedy

namespace kuchikomi {

// Monte Carlo greedy (Kempe, Kleinberg, Tardos 2003), CELF (Leskovec et al. 2007) and CELF++ (Goyal,
// Lu, Lakshmanan 2011) on options.mc_runs common worlds. Each takes a validated problem (run_selection,
// algorithms.hpp, validates once).
SelectionResult select_greedy(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_celf(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);
SelectionResult select_celf_plus_plus(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o);

}  // namespace kuchikomi
