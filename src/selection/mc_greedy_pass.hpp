// What one greedy pass of the Monte Carlo greedy family works with (private to src/selection): the
// counting spread oracle, the campaign constraints, the selection rule and the pass result. Plain
// greedy (greedy.cpp), CELF (celf.cpp) and CELF++ (celf_plus_plus.cpp) each implement one pass;
// mc_greedy.cpp runs them (mc_greedy.hpp). Gains are exact integer units (see mc_greedy.hpp).
#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/mc_greedy.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi::mc_greedy {

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
  // Called between chunks of one totals_with_* batch with (done, planned) candidates, from the
  // calling thread; every estimate is deterministic, so chunking cannot change a total.
  std::function<void(std::uint64_t, std::uint64_t)> batch_progress;

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
  std::function<void(std::size_t)> picked;  // after each pick, with the number picked (may be empty)
  const InfluenceGraph* graph = nullptr;   // for labels in progress messages
  void report_pick(std::size_t count) const {
    if (picked) picked(count);
  }

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

}  // namespace kuchikomi::mc_greedy
