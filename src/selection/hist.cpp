// HIST — Guo, Wang, Wei, Chen, SIGMOD 2020 (see hist.hpp for the phases, bounds and guarantee).
// Invariants: phase 1's two samples and phase 2's two samples come from four different stream
// domains; the sentinel set depends on phase 1 only, so it is a fixed include for phase 2; every
// phase-2 certificate compares a lower bound from R2' with an upper bound on OPT_k (k seeds, not
// k - b) from R1'; sentinel nodes are never picked again.
#include "kuchikomi/selection/hist.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/opim_c.hpp"
#include "kuchikomi/selection/ris_common.hpp"

namespace kuchikomi {
namespace {

constexpr double kOneMinusInvE = 1.0 - 1.0 / 2.718281828459045;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Largest sentinel phase 1 looks for: a quarter of the seeds (as the paper's code starts with), and
// always at least one pick left for phase 2.
std::uint32_t sentinel_cap(std::uint32_t k) { return k <= 1 ? 0 : std::min(k - 1, (k + 3) / 4); }

}  // namespace

void check_hist_setting_epsilon(double epsilon, bool budgeted) {
  if (budgeted) throw UsageError("hist picks k seeds; it has no budgeted variant (use opim-c or imm with --budget)");
  opim_target_ratio(epsilon, false);
}

HistOutcome run_hist(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options) {
  check_hist_setting_epsilon(options.epsilon, problem.budgeted());
  const NodeId n = graph.num_nodes();
  const std::uint32_t k = problem.k;
  const double delta = options.delta > 0 ? options.delta : 1.0 / std::max<double>(n, 2.0);
  const double half_delta = delta / 2, half_epsilon = options.epsilon / 2;
  const double target_ratio = opim_target_ratio(options.epsilon, false);
  auto say = [&](const std::string& message) {
    if (options.progress) options.progress(message);
  };
  const auto candidate = candidate_mask(graph, problem);
  HistOutcome outcome;
  SelectionResult& result = outcome.result;
  result.algorithm = "hist";
  std::uint64_t peak = 0;

  // Phase 1: the sentinel set, certified on full RR sets.
  auto start = std::chrono::steady_clock::now();
  std::vector<NodeId> sentinel;
  std::vector<double> sentinel_curve;  // spread of include ∪ S_j, j = 0.., from phase 1's R2
  const std::uint32_t cap = sentinel_cap(k);
  if (cap > 0) {
    RisSample r1 = ris_sample(graph, problem, options, StreamDomain::kRrSample);
    RisSample r2 = ris_sample(graph, problem, options, StreamDomain::kRrSampleFinal);
    const double scale = r1.scale();
    const OpimParameters params = opim_parameters(n, k, half_epsilon, half_delta, scale);
    const double a_upper = std::log(2.0 * params.rounds / half_delta);
    const double a_lower = std::log(2.0 * params.rounds * k / half_delta);
    const auto request = ris_coverage_request(problem, candidate, true);
    auto sets = static_cast<std::uint64_t>(std::ceil(params.theta_zero));
    for (std::uint32_t round = 1; round <= params.rounds; ++round, sets *= 2) {
      r1.grow_to(sets, r2.memory_bytes());
      r2.grow_to(sets, r1.memory_bytes());
      const CoverageResult cover = r1.max_coverage(request);
      std::vector<NodeId> ranked(problem.include.begin(), problem.include.end());
      ranked.insert(ranked.end(), cover.seeds.begin(), cover.seeds.end());
      const auto prefix = r2.prefix_coverage(ranked);
      peak = std::max(peak, r1.memory_bytes() + r2.memory_bytes());
      const double per_set = scale / static_cast<double>(sets);
      const double upper = opim_upper_bound(static_cast<double>(cover.coverage_upper_bound), a_upper, per_set);
      // Largest certified prefix of at most `cap` picks: σl(S_b)/σu(OPT_k) >= 1-(1-1/k)^b-ε/2 (a
      // target at or below 0 holds for any set).
      std::uint32_t best = 0;
      const std::uint32_t limit = std::min<std::uint32_t>(cap, static_cast<std::uint32_t>(cover.seeds.size()));
      for (std::uint32_t b = 1; b <= limit; ++b) {
        const double lower = opim_lower_bound(static_cast<double>(prefix[problem.include.size() + b - 1]), a_lower, per_set);
        const double target_b = 1 - std::pow(1 - 1.0 / k, b) - half_epsilon;
        if (target_b <= 0 || lower >= target_b * upper) best = b;
      }
      sentinel.assign(cover.seeds.begin(), cover.seeds.begin() + best);
      sentinel_curve.clear();
      for (std::size_t i = 0; i < problem.include.size() + best; ++i)
        sentinel_curve.push_back(static_cast<double>(prefix[i]) * per_set);
      outcome.sentinel_rounds = round;
      outcome.sentinel_sets = sets;
      outcome.full_mean_size = r1.mean_set_size();
      say("HIST sentinel round " + std::to_string(round) + ": " + std::to_string(sets) +
          " RR sets per collection, sentinel set of " + std::to_string(best) + " certified");
      if (best == cap) break;
    }
    result.rr_sets += r1.size() + r2.size();
    peak = std::max({peak, r1.peak_bytes() + r2.peak_bytes()});
  }
  outcome.sentinel_size = static_cast<std::uint32_t>(sentinel.size());
  result.phase_seconds.emplace_back("sentinel set", seconds_since(start));

  // Phase 2: k - b more seeds on RR sets truncated at include ∪ S_b. Without a sentinel nothing is
  // truncated (the sets then also serve the spread curve of the included seeds).
  SelectionProblem rest = problem;
  rest.include.insert(rest.include.end(), sentinel.begin(), sentinel.end());
  rest.k = k - outcome.sentinel_size;
  std::vector<std::uint8_t> stop;
  if (!sentinel.empty()) {
    stop.assign(n, 0);
    for (NodeId u : rest.include) stop[u] = 1;
  }
  auto candidate_rest = candidate;
  for (NodeId u : sentinel) candidate_rest[u] = 0;
  RisSample r1 = ris_sample(graph, rest, options, StreamDomain::kRrSampleTruncated, stop);
  RisSample r2 = ris_sample(graph, rest, options, StreamDomain::kRrSampleTruncatedCheck, std::move(stop));
  const double scale = r1.scale();
  const OpimParameters params = opim_parameters(n, k, half_epsilon, half_delta, scale);
  const double a = std::log(3.0 * params.rounds / half_delta);
  auto request = ris_coverage_request(rest, candidate_rest, true);
  request.bound_k = k;  // σu is on the best k-seed set, not on the best extension of S_b
  CoverageResult cover;
  double ratio = 0, sampling_seconds = 0, selection_seconds = 0;
  auto sets = static_cast<std::uint64_t>(std::ceil(params.theta_zero));
  for (std::uint32_t round = 1; round <= params.rounds; ++round, sets *= 2) {
    start = std::chrono::steady_clock::now();
    r1.grow_to(sets, r2.memory_bytes());
    r2.grow_to(sets, r1.memory_bytes());
    sampling_seconds += seconds_since(start);
    start = std::chrono::steady_clock::now();
    cover = r1.max_coverage(request);
    peak = std::max(peak, r1.memory_bytes() + r2.memory_bytes());
    std::vector<NodeId> chosen(rest.include.begin(), rest.include.end());
    chosen.insert(chosen.end(), cover.seeds.begin(), cover.seeds.end());
    const double per_set = scale / static_cast<double>(sets);
    const double upper = opim_upper_bound(static_cast<double>(cover.coverage_upper_bound), a, per_set);
    const double lower = opim_lower_bound(static_cast<double>(r2.covered(chosen)), a, per_set);
    ratio = upper > 0 ? std::min(1.0, lower / upper) : 0.0;
    outcome.phase2_ratios.push_back(ratio);
    selection_seconds += seconds_since(start);
    say("HIST IM-sentinel round " + std::to_string(round) + ": " + std::to_string(sets) +
        " truncated RR sets per collection, certified ratio " + std::to_string(ratio));
    if (ratio >= target_ratio) break;
  }
  outcome.truncated_sets = r1.size();
  outcome.truncated_mean_size = r1.mean_set_size();
  result.phase_seconds.emplace_back("IM-sentinel sampling", sampling_seconds);
  result.phase_seconds.emplace_back("IM-sentinel selection and bounds", selection_seconds);

  std::vector<NodeId> ranked(rest.include.begin(), rest.include.end());
  ranked.insert(ranked.end(), cover.seeds.begin(), cover.seeds.end());
  const auto prefix = r2.prefix_coverage(ranked);
  const double per_set = scale / static_cast<double>(r2.size());
  std::vector<double> curve(ranked.size());
  for (std::size_t i = 0; i < ranked.size(); ++i)
    curve[i] = !sentinel.empty() && i + 1 < rest.include.size() ? sentinel_curve[i]
                                                                 : static_cast<double>(prefix[i]) * per_set;
  fill_seeds_from_spread_curve(result, problem, ranked, curve);
  result.rr_sets += r1.size() + r2.size();
  ris_record_memory(result, r1.communicator(), std::max(peak, r1.peak_bytes() + r2.peak_bytes()),
                    {r1.layout(), r2.layout()});
  result.approximation_ratio = ratio;

  std::ostringstream text;
  text.precision(4);
  text << "certified ratio " << ratio << " (spread of the chosen set >= " << ratio << " x optimum) w.p. >= 1 - "
       << delta << " (HIST, eps = " << options.epsilon << ", target " << target_ratio
       << (ratio >= target_ratio ? " reached" : " not reached") << "; sentinel set of " << outcome.sentinel_size
       << " seeds certified on " << outcome.sentinel_sets << " full RR sets, then " << rest.k << " seeds on "
       << outcome.truncated_sets << " RR sets truncated at it; " << ris_setting_text(problem) << ")";
  result.guarantee = text.str();
  return outcome;
}

SelectionResult select_hist(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options) {
  return run_hist(graph, problem, options).result;
}

}  // namespace kuchikomi
