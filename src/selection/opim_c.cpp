// OPIM-C — Tang, Tang, Xiao, Yuan, SIGMOD 2018 (see opim_c.hpp for the bounds and why they hold).
// Invariants: R1 and R2 come from different stream domains (independent); both have the same size
// each round; the certified ratio is computed from R2 coverage of the set chosen on R1 only.
#include "kuchikomi/selection/opim_c.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/ris_common.hpp"

namespace kuchikomi {
namespace {
constexpr double kOneMinusInvE = 1.0 - 1.0 / 2.718281828459045;
// until_stable: at most 8x the sample that reached the target (IMM's is 13-33x OPIM-C's).
constexpr std::uint32_t kMaxRoundsPastTarget = 3;
}

double opim_target_ratio(double epsilon, bool budgeted) {
  const double best_ratio = budgeted ? kOneMinusInvE / 2 : kOneMinusInvE;
  if (best_ratio - epsilon <= 0)
    throw UsageError("OPIM-C aims at a (" + std::string(budgeted ? "(1-1/e)/2" : "1-1/e") +
                         " - epsilon)-approximation, so epsilon must be below " + std::to_string(best_ratio).substr(0, 5) +
                         (budgeted ? " with a budget" : "") + " (got " + std::to_string(epsilon) + ")",
                     {"epsilon"});
  return best_ratio - epsilon;
}

OpimParameters opim_parameters(double n, double k, double epsilon, double delta, double scale) {
  if (!(epsilon > 0 && epsilon < 1)) throw UsageError("epsilon must be in (0, 1)");
  if (!(delta > 0 && delta < 1)) throw UsageError("delta must be in (0, 1)");
  if (scale <= 0) scale = n;
  OpimParameters p;
  const double log6 = std::log(6.0 / delta);
  const double root = kOneMinusInvE * std::sqrt(log6) + std::sqrt(kOneMinusInvE * (log_binomial(n, k) + log6));
  p.theta_max = 2 * scale * root * root / (epsilon * epsilon * k);
  p.theta_zero = p.theta_max * epsilon * epsilon * k / scale;
  p.rounds = static_cast<std::uint32_t>(std::max(1.0, std::ceil(std::log2(p.theta_max / p.theta_zero))));
  p.a = std::log(3.0 * p.rounds / delta);
  return p;
}

double opim_upper_bound(double coverage_upper, double a, double per_set) {
  return std::pow(std::sqrt(coverage_upper + a / 2) + std::sqrt(a / 2), 2) * per_set;
}

double opim_lower_bound(double coverage, double a, double per_set) {
  const double root = std::max(0.0, std::sqrt(coverage + 2 * a / 9) - std::sqrt(a / 2));
  return std::max(0.0, (root * root - a / 18) * per_set);
}

OpimOutcome run_opim_c(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                       const OpimControl& control) {
  const NodeId n = graph.num_nodes();
  const auto candidate = candidate_mask(graph, problem);
  // Two independent samples: R1 chooses, R2 checks (different stream domains).
  RisSample r1 = ris_sample(graph, problem, options, StreamDomain::kRrSample);
  RisSample r2 = ris_sample(graph, problem, options, StreamDomain::kRrSampleFinal);
  const double scale = r1.scale();
  const std::uint32_t k = ris_seed_count(graph, problem);
  const double delta = options.delta > 0 ? options.delta : 1.0 / std::max<double>(n, 2.0);
  OpimParameters params = opim_parameters(n, k, options.epsilon, delta, scale);
  std::uint64_t sets = control.initial_sets > 0 ? control.initial_sets
                                                : static_cast<std::uint64_t>(std::ceil(params.theta_zero));
  std::uint32_t rounds = params.rounds;
  if (control.fixed_rounds > 0) {
    rounds = control.fixed_rounds;
    params.a = std::log(3.0 * rounds / delta);  // δ is split over the rounds actually allowed
  } else if (control.initial_sets > 0) {
    rounds = static_cast<std::uint32_t>(std::max(1.0, std::ceil(std::log2(params.theta_max / static_cast<double>(sets)))));
    params.a = std::log(3.0 * rounds / delta);
  }
  const bool budgeted = problem.budgeted();
  const double target_ratio = opim_target_ratio(options.epsilon, budgeted);
  const auto request = ris_coverage_request(problem, candidate, !budgeted);
  const double a = params.a;

  OpimOutcome outcome;
  SelectionResult& result = outcome.result;
  result.algorithm = "opim-c";
  CoverageResult cover;
  std::vector<NodeId> previous;  // until_stable: the last round's set
  std::uint32_t rounds_past_target = 0;
  std::uint64_t peak = 0;
  double sampling_seconds = 0, selection_seconds = 0;
  for (std::uint32_t round = 1; round <= rounds; ++round, sets *= 2) {
    auto start = std::chrono::steady_clock::now();
    r1.grow_to(sets, r2.memory_bytes());
    r2.grow_to(sets, r1.memory_bytes());
    sampling_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    start = std::chrono::steady_clock::now();
    // S* = NodeSelection(R1, k), with the upper bound on OPT's coverage from the same greedy run.
    cover = r1.max_coverage(request);
    peak = std::max(peak, r1.memory_bytes() + r2.memory_bytes());
    const double upper_cov = budgeted ? static_cast<double>(cover.covered) / (kOneMinusInvE / 2)
                                      : static_cast<double>(cover.coverage_upper_bound);
    std::vector<NodeId> chosen(problem.include.begin(), problem.include.end());
    chosen.insert(chosen.end(), cover.seeds.begin(), cover.seeds.end());
    const double lower_cov = static_cast<double>(r2.covered(chosen));
    // σl(S*) from R2 and σu(OPT) from R1 (Tang et al. 2018, Eq. (6) and (7)).
    const double per_set = scale / static_cast<double>(sets);
    const double upper = opim_upper_bound(upper_cov, a, per_set);
    const double lower = opim_lower_bound(lower_cov, a, per_set);
    const double ratio = upper > 0 ? std::min(1.0, lower / upper) : 0.0;
    outcome.rounds.push_back({sets, lower, upper, ratio});
    selection_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (options.progress)
      options.progress("OPIM-C round " + std::to_string(round) + ": " + std::to_string(sets) +
                       " RR sets per collection, certified ratio " + std::to_string(ratio));
    if (control.fixed_rounds == 0 && ratio >= target_ratio) {
      if (!control.until_stable) break;
      if (!previous.empty()) {
        // Both sets on the current R2 (independent of either choice): the difference, against the
        // spread of its noise, sqrt(#sets covered by exactly one of them).
        const double before = static_cast<double>(r2.covered(previous));
        std::vector<NodeId> both = chosen;
        both.insert(both.end(), previous.begin(), previous.end());
        const double either = static_cast<double>(r2.covered(both));
        const double gain = lower_cov - before;
        const double disagree = 2 * either - lower_cov - before;
        if (options.progress)
          options.progress("OPIM-C until stable: the new set covers " + std::to_string(gain) +
                           " more check sets (standard error " + std::to_string(std::sqrt(disagree)) + ")");
        if (gain <= 0) break;
      }
      if (rounds_past_target == kMaxRoundsPastTarget) break;
      previous = std::move(chosen);
      ++rounds_past_target;
    }
  }
  result.phase_seconds.emplace_back("sampling", sampling_seconds);
  result.phase_seconds.emplace_back("selection and bounds", selection_seconds);

  // Seeds, gains and spread curve from R2: independent of the choice, so unbiased estimates.
  std::vector<NodeId> ranked(problem.include.begin(), problem.include.end());
  ranked.insert(ranked.end(), cover.seeds.begin(), cover.seeds.end());
  fill_seeds_from_prefix_coverage(result, problem, ranked, r2.prefix_coverage(ranked), r2.size(), scale);
  result.rr_sets = r1.size() + r2.size();
  ris_record_memory(result, r1.communicator(), peak, {r1.layout(), r2.layout()});
  result.approximation_ratio = outcome.rounds.back().ratio;
  std::ostringstream text;
  text.precision(4);
  text << "certified ratio " << result.approximation_ratio << " (spread of the chosen set >= "
       << result.approximation_ratio << " x optimum) w.p. >= 1 - " << delta << " (OPIM-C, eps = " << options.epsilon
       << ", target " << target_ratio << (result.approximation_ratio >= target_ratio ? " reached" : " not reached")
       << " after " << outcome.rounds.size() << " rounds";
  if (control.until_stable)
    text << ", of which " << rounds_past_target << " past the target while the chosen set still improved";
  text << "; " << ris_setting_text(problem);
  if (budgeted) text << "; budgeted: ratio greedy vs best single seed, rule used: " << cover.rule;
  text << ")";
  result.guarantee = text.str();
  return outcome;
}

SelectionResult select_opim_c(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options) {
  return run_opim_c(graph, problem, options, {}).result;
}

SelectionResult select_opim_c_until_stable(const InfluenceGraph& graph, const SelectionProblem& problem,
                                           const SelectionOptions& options) {
  OpimControl control;
  control.until_stable = true;
  return run_opim_c(graph, problem, options, control).result;
}

}  // namespace kuchikomi
