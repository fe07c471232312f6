// Shared machinery of the Monte Carlo greedy family: plain greedy (greedy.cpp), CELF (celf.cpp) and
// CELF++ (celf_plus_plus.cpp). The three differ only in *which* marginal gains they re-evaluate; the
// spread oracle, the campaign constraints, the budget rule and the result are common, and live here
// and in greedy.cpp.
//
// Exactness: spreads are handled as integer totals ("units"): for Monte Carlo, the number of nodes
// (or target nodes) reached summed over the R common worlds. Marginal gains are then exact integer
// differences, so when sigma over the fixed worlds is submodular (IC: reachability in fixed live-edge
// worlds) a stale CELF bound is never below the fresh gain, not even by a rounding error, and the
// lazy variants pick exactly the seeds plain greedy picks (same tie rule: lowest node id).
#pragma once
#include <atomic>
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

// Counts evaluations; evaluates many candidates in parallel (each result is deterministic, so the
// parallel order does not matter).
class Oracle {
 public:
  explicit Oracle(const SpreadEvaluator& evaluator) : evaluator_(&evaluator) {}
  std::int64_t total(std::span<const NodeId> seeds);
  // totals of base ∪ {v} for each v in `nodes`, in the order of `nodes`.
  std::vector<std::int64_t> totals_with_each(std::span<const NodeId> base, std::span<const NodeId> nodes);
  // totals of base ∪ {extra[i], nodes[i]} (extra[i] == kNoNode: just base ∪ {nodes[i]}).
  std::vector<std::int64_t> totals_with_pairs(std::span<const NodeId> base, std::span<const NodeId> extra,
                                              std::span<const NodeId> nodes);
  std::uint64_t evaluations() const { return evaluations_.load(); }

 private:
  const SpreadEvaluator* evaluator_;
  std::atomic<std::uint64_t> evaluations_{0};
};

// Unit-cost: maximise the gain; cost-benefit: maximise gain / cost (Leskovec et al. 2007, CEF).
enum class Rule { kUnitCost, kCostBenefit };

// Everything one greedy pass needs to know about the campaign.
struct Campaign {
  const SelectionProblem* problem = nullptr;
  std::vector<NodeId> fixed;               // problem.include, in order
  std::vector<std::uint8_t> candidate;     // per node: may be added
  std::int64_t base_total = 0;             // spread of `fixed`
  std::function<void(const std::string&)> progress;
  const InfluenceGraph* graph = nullptr;   // for labels in progress messages

  // How many seeds a pass adds at most: k, or unbounded under a budget.
  std::size_t limit() const;
  double cost(NodeId v) const;
  // Whether v still fits: always without a budget, else spent + cost <= budget.
  bool fits(double spent, NodeId v) const;
};

// The selection key; gains are exact integers < 2^53, so the double is exact for unit cost and
// monotone in the gain for cost-benefit, which is all the lazy bounds need.
inline double score(std::int64_t gain, double cost, Rule rule) {
  return rule == Rule::kUnitCost ? static_cast<double>(gain) : static_cast<double>(gain) / cost;
}
// Strict order "a is a better pick than b": higher score, then lower id.
inline bool better(double score_a, NodeId a, double score_b, NodeId b) {
  return score_a > score_b || (score_a == score_b && a < b);
}

struct PassResult {
  std::vector<NodeId> picked;
  std::vector<std::int64_t> gains;
  std::int64_t total = 0;  // spread of fixed ∪ picked
  double spent = 0;
};

// One greedy pass under one rule; each variant must return the same picks when sigma is submodular.
PassResult greedy_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& stats);
PassResult celf_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& stats);
PassResult celf_plus_plus_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& stats);

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
