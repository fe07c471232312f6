// The Monte Carlo greedy framework shared by greedy, CELF and CELF++ (mc_greedy.hpp): the Monte
// Carlo spread evaluator, the counting oracle, the campaign, and `run`: fixed seeds, the pass(es),
// the result and its guarantee.
//
// LT: the diffusion engine draws each node's threshold once per world; spread in one such world is
// NOT submodular in the seed set (only its expectation is), so the (1-1/e) bound holds only in
// expectation, up to sampling error, and the lazy variants may pick differently from plain greedy.
// Which models are submodular per world is the model's trait (DiffusionModelTraits).
//
// Budget (costs): cost-effective lazy forward (Leskovec et al. KDD 2007): one pass maximising gain and
// one maximising gain/cost, each adding the best candidate that still fits the remaining budget, until
// nothing fits or nothing gains; the better of the two is returned ((1-1/e)/2-approximation).
//
// Invariants: fixed seeds (include) come first and every gain is measured on top of them;
// excluded/included nodes are never candidates; a pass never exceeds the budget; output depends only
// on (graph, problem, options), not on the thread count.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>
#include <numbers>
#include <sstream>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "mc_greedy_pass.hpp"

namespace kuchikomi {
namespace mc_greedy {

SpreadEvaluator monte_carlo_evaluator(const InfluenceGraph& graph, const SelectionProblem& problem,
                                      std::uint64_t runs) {
  if (runs == 0) throw UsageError("Monte Carlo greedy needs at least 1 simulation run per estimate");
  check_model_applicable(graph, problem.model);
  auto mask = std::make_shared<std::vector<std::uint8_t>>(target_mask(graph, problem));
  SpreadEvaluator evaluator;
  evaluator.units_per_node = static_cast<double>(runs);
  evaluator.description = "the Monte Carlo estimate over " + std::to_string(runs) + " common worlds";
  const DiffusionModelKind model = problem.model;
  const std::uint64_t seed = problem.rng_seed;
  const std::uint32_t max_steps = problem.max_steps;
  evaluator.total = [&graph, mask, model, runs, seed, max_steps](std::span<const NodeId> seeds) -> std::int64_t {
    if (seeds.empty()) return 0;
    const double mean = estimate_spread(graph, seeds, model, runs, seed, max_steps, *mask);
    // The mean is (sum of integer reach counts) / runs; multiplying back and rounding recovers that sum
    // exactly (its relative error is ~1e-16, far below 0.5 / sum), so gains become exact integers.
    return std::llround(mean * static_cast<double>(runs));
  };
  return evaluator;
}

std::int64_t Oracle::total(std::span<const NodeId> seeds) {
  evaluations_.fetch_add(1, std::memory_order_relaxed);
  return evaluator_->total(seeds);
}

std::vector<std::int64_t> Oracle::totals_with_each(std::span<const NodeId> base, std::span<const NodeId> nodes) {
  std::vector<NodeId> none(nodes.size(), kNoNode);
  return totals_with_pairs(base, none, nodes);
}

std::vector<std::int64_t> Oracle::totals_with_pairs(std::span<const NodeId> base, std::span<const NodeId> extra,
                                                    std::span<const NodeId> nodes) {
  std::vector<std::int64_t> totals(nodes.size());
  // Grain 1: one estimate is thousands of simulations, far above TBB's scheduling cost. Each slot is
  // written by exactly one task, and each estimate is deterministic, so the schedule cannot show.
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, nodes.size(), 1), [&](const tbb::blocked_range<std::size_t>& r) {
    std::vector<NodeId> seeds(base.begin(), base.end());
    for (std::size_t i = r.begin(); i != r.end(); ++i) {
      throw_if_cancelled();
      seeds.resize(base.size());
      if (extra[i] != kNoNode) seeds.push_back(extra[i]);
      seeds.push_back(nodes[i]);
      totals[i] = evaluator_->total(seeds);
    }
  });
  evaluations_.fetch_add(nodes.size(), std::memory_order_relaxed);
  return totals;
}

std::size_t Campaign::limit() const {
  return problem->budgeted() ? static_cast<std::size_t>(-1) : static_cast<std::size_t>(problem->k);
}
double Campaign::cost(NodeId v) const { return seed_cost(*problem, v); }
bool Campaign::fits(double spent, NodeId v) const {
  return !problem->budgeted() || spent + cost(v) <= problem->budget;
}

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* variant_name(Variant variant) {
  switch (variant) {
    case Variant::kGreedy: return "greedy";
    case Variant::kCelf: return "celf";
    case Variant::kCelfPlusPlus: return "celf++";
  }
  return "?";
}

}  // namespace

SelectionResult run(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                    Variant variant, const SpreadEvaluator* evaluator, Stats* stats_out) {
  SpreadEvaluator monte_carlo;
  if (evaluator == nullptr) {
    monte_carlo = monte_carlo_evaluator(graph, problem, options.mc_runs);
    evaluator = &monte_carlo;
  }
  const double units = evaluator->units_per_node;
  Oracle oracle(*evaluator);
  Stats stats;
  SelectionResult result;
  result.algorithm = variant_name(variant);

  // Fixed seeds first; their gains are the steps of the prefix spreads.
  auto start = std::chrono::steady_clock::now();
  Campaign campaign;
  campaign.problem = &problem;
  campaign.graph = &graph;
  campaign.fixed = problem.include;
  campaign.candidate = candidate_mask(graph, problem);
  campaign.progress = options.progress;
  std::int64_t previous = 0;
  for (std::size_t i = 0; i < problem.include.size(); ++i) {
    const std::int64_t total = oracle.total(std::span<const NodeId>(problem.include.data(), i + 1));
    result.seeds.push_back({problem.include[i], static_cast<double>(total - previous) / units,
                            seed_cost(problem, problem.include[i]), true});
    result.spread_curve.push_back(static_cast<double>(total) / units);
    previous = total;
  }
  campaign.base_total = previous;
  result.phase_seconds.emplace_back("fixed seeds", seconds_since(start));

  auto pass_with = [&](Rule rule) {
    if (options.progress)
      options.progress(std::string(result.algorithm) + ": " +
                       (rule == Rule::kUnitCost ? "unit-cost" : "cost-benefit") + " pass");
    switch (variant) {
      case Variant::kGreedy: return greedy_pass(oracle, campaign, rule, stats);
      case Variant::kCelf: return celf_pass(oracle, campaign, rule, stats);
      case Variant::kCelfPlusPlus: return celf_plus_plus_pass(oracle, campaign, rule, stats);
    }
    return PassResult{};
  };
  start = std::chrono::steady_clock::now();
  PassResult best = pass_with(Rule::kUnitCost);
  result.phase_seconds.emplace_back(problem.budgeted() ? "unit-cost pass" : "selection", seconds_since(start));
  if (problem.budgeted()) {
    start = std::chrono::steady_clock::now();
    PassResult benefit = pass_with(Rule::kCostBenefit);
    result.phase_seconds.emplace_back("cost-benefit pass", seconds_since(start));
    if (benefit.total > best.total) best = std::move(benefit);  // ties keep the unit-cost answer
  }

  std::int64_t running = campaign.base_total;
  for (std::size_t i = 0; i < best.picked.size(); ++i) {
    running += best.gains[i];
    result.seeds.push_back({best.picked[i], static_cast<double>(best.gains[i]) / units,
                            seed_cost(problem, best.picked[i]), false});
    result.spread_curve.push_back(static_cast<double>(running) / units);
  }
  result.estimated_spread = static_cast<double>(best.total) / units;
  result.budget_spent = best.spent;

  stats.spread_evaluations = oracle.evaluations();
  const double one_minus_inv_e = 1.0 - 1.0 / std::numbers::e;
  std::ostringstream text;
  const DiffusionModelTraits& model = diffusion_model_traits(problem.model);
  if (model.submodular_per_world) {
    result.approximation_ratio = problem.budgeted() ? one_minus_inv_e / 2 : one_minus_inv_e;
    text << (problem.budgeted() ? "(1-1/e)/2-approximation (cost-effective lazy forward: better of unit-cost and "
                                  "cost-benefit greedy)"
                                : "(1-1/e)-approximation")
         << " of " << evaluator->description << " (monotone submodular under " << model.short_name
         << "); versus the true expected spread up to sampling error";
    if (variant != Variant::kGreedy) text << "; lazy evaluation is exact: same seeds as plain greedy";
  } else {
    result.approximation_ratio = 0;
    text << "no certified bound: " << model.short_name
         << " spread in one simulated world is not submodular, so greedy's (1-1/e) holds only in expectation, up "
            "to sampling error, of "
         << evaluator->description;
    if (variant != Variant::kGreedy) text << "; lazy evaluation is exact only in expectation (may differ from plain greedy)";
  }
  text << "; " << stats.spread_evaluations << " spread evaluations";
  if (variant == Variant::kCelfPlusPlus) text << " (" << stats.lookahead_hits << " saved by look-ahead)";
  result.guarantee = text.str();
  if (stats_out) *stats_out = stats;
  return result;
}

}  // namespace mc_greedy

}  // namespace kuchikomi
