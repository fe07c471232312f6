// IMM — Tang, Shi, Xiao, "Influence Maximization in Near-Linear Time: A Martingale Approach",
// SIGMOD 2015, with the fresh final sample of W. Chen (arXiv:1808.09363, 2018) and a held-out
// lower bound in phase 1 (OPIM-C's, Tang et al. 2018) instead of the paper's guess-and-test search.
// Invariants: the final collection has exactly θ sets drawn from domain kRrSampleFinal with indexes
// 0..θ-1, independent of everything phase 1 did; seeds never include an excluded node; included
// seeds are covered before the first pick. Formulas and reasoning: imm.hpp.
#include "kuchikomi/selection/imm.hpp"

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

// Phase 1: the first size of the two bound samples, and when their lower bound is close enough to
// the point estimate to stop (imm.hpp).
constexpr std::uint64_t kFirstBoundSets = 256;
constexpr double kBoundShare = 0.95;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}
}  // namespace

ImmParameters imm_parameters(double n, double k, double epsilon, double ell, double scale) {
  if (!(epsilon > 0 && epsilon < 1)) throw UsageError("epsilon must be in (0, 1)");
  if (!(ell > 0)) throw UsageError("ell must be positive");
  if (scale <= 0) scale = n;
  const double log_n = std::log(std::max(n, 2.0));
  ImmParameters p;
  p.ell_adjusted = ell * (1 + std::log(2.0) / log_n);
  const double l = p.ell_adjusted;
  p.epsilon_prime = std::sqrt(2.0) * epsilon;
  const double ep = p.epsilon_prime;
  const double log_binom = log_binomial(n, k);
  p.lambda_prime = (2 + 2 * ep / 3) * (log_binom + l * log_n + std::log(std::log2(std::max(n, 2.0)))) * scale / (ep * ep);
  const double alpha = std::sqrt(l * log_n + std::log(2.0));
  const double beta = std::sqrt(kOneMinusInvE * (log_binom + l * log_n + std::log(2.0)));
  p.lambda_star = 2 * scale * std::pow(kOneMinusInvE * alpha + beta, 2) / (epsilon * epsilon);
  return p;
}

std::uint64_t imm_theta(const ImmParameters& parameters, double lower_bound) {
  return static_cast<std::uint64_t>(std::ceil(parameters.lambda_star / std::max(lower_bound, 1e-300)));
}

SelectionResult select_imm(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options) {
  const NodeId n = graph.num_nodes();
  const auto candidate = candidate_mask(graph, problem);
  RisSample phase1 = ris_sample(graph, problem, options, StreamDomain::kRrSample);
  const double scale = phase1.scale();
  const std::uint32_t k = ris_seed_count(graph, problem);
  const ImmParameters params = imm_parameters(n, k, options.epsilon, options.ell, scale);
  const auto request = ris_coverage_request(problem, candidate, false);
  auto say = [&](const std::string& message) {
    if (options.progress) options.progress(message);
  };
  SelectionResult result;
  result.algorithm = "imm";

  // Phase 1: LB = the best held-out lower bound on the spread of a greedy set (imm.hpp).
  auto start = std::chrono::steady_clock::now();
  RisSample bound_sample = ris_sample(graph, problem, options, StreamDomain::kRrSampleBound);
  const double log_n = std::log(std::max<double>(n, 2.0));
  const std::uint64_t cap = std::max<std::uint64_t>(imm_theta(params, 1.0), kFirstBoundSets);
  const auto rounds = static_cast<std::uint32_t>(
      std::max(1.0, std::ceil(std::log2(static_cast<double>(cap) / static_cast<double>(kFirstBoundSets)))) + 1);
  const double a = std::log(static_cast<double>(rounds)) + params.ell_adjusted * log_n;  // δ1 = n^-ℓ/2 over the rounds
  double lower_bound = 1;
  std::uint64_t sets = kFirstBoundSets;
  for (std::uint32_t round = 1; round <= rounds; ++round, sets *= 2) {
    phase1.grow_to(sets, bound_sample.memory_bytes());
    bound_sample.grow_to(sets, phase1.memory_bytes());
    const CoverageResult cover = phase1.max_coverage(request);
    std::vector<NodeId> chosen(problem.include.begin(), problem.include.end());
    chosen.insert(chosen.end(), cover.seeds.begin(), cover.seeds.end());
    const double covered = static_cast<double>(bound_sample.covered(chosen));
    const double per_set = scale / static_cast<double>(sets);
    lower_bound = std::max(lower_bound, opim_lower_bound(covered, a, per_set));
    say("IMM lower bound, round " + std::to_string(round) + ": " + std::to_string(sets) + " + " +
        std::to_string(sets) + " RR sets, spread of the greedy set >= " + std::to_string(lower_bound) +
        " (estimate " + std::to_string(covered * per_set) + ")");
    if (lower_bound >= kBoundShare * covered * per_set || 16 * sets >= imm_theta(params, lower_bound) || sets >= cap)
      break;
  }
  const double mean_size = phase1.mean_set_size();
  const std::uint64_t peak = phase1.peak_bytes() + bound_sample.peak_bytes();
  phase1.release();  // its sets must not feed the final selection
  bound_sample.release();
  result.phase_seconds.emplace_back("lower bound", seconds_since(start));

  // Phase 2: θ = λ* / LB fresh sets (Chen 2018), then NodeSelection on them.
  const std::uint64_t theta = std::max<std::uint64_t>(imm_theta(params, lower_bound), 1);
  RisSample final_sample = ris_sample(graph, problem, options, StreamDomain::kRrSampleFinal);
  final_sample.check_memory(theta, mean_size);
  say("IMM: LB = " + std::to_string(lower_bound) + ", generating " + std::to_string(theta) + " fresh RR sets");
  start = std::chrono::steady_clock::now();
  final_sample.grow_to(theta);
  result.phase_seconds.emplace_back("final sampling", seconds_since(start));
  start = std::chrono::steady_clock::now();
  const CoverageResult cover = final_sample.max_coverage(request);

  std::vector<NodeId> ranked(problem.include.begin(), problem.include.end());
  ranked.insert(ranked.end(), cover.seeds.begin(), cover.seeds.end());
  fill_seeds_from_prefix_coverage(result, problem, ranked, final_sample.prefix_coverage(ranked), cover.sets, scale);
  result.phase_seconds.emplace_back("final selection", seconds_since(start));
  result.rr_sets = cover.sets;
  ris_record_memory(result, final_sample.communicator(), std::max(peak, final_sample.peak_bytes()),
                    {phase1.layout(), bound_sample.layout(), final_sample.layout()});

  std::ostringstream text;
  text.precision(4);
  if (!problem.budgeted()) {
    result.approximation_ratio = std::max(0.0, kOneMinusInvE - options.epsilon);
    text << "(1-1/e-eps) = " << result.approximation_ratio << "-approximation of the best " << problem.k
         << "-seed set w.p. >= 1 - 1/n^" << options.ell << " (IMM, eps = " << options.epsilon << "; "
         << ris_setting_text(problem) << ")";
  } else {
    // IMM's martingale bound is proven for the cardinality constraint only; say what still holds.
    result.approximation_ratio = 0;
    text << "budgeted: ratio greedy vs best single seed (rule used: " << cover.rule
         << ") is a (1-1/e)/2-approximation of the best affordable set on the " << theta
         << " sampled RR sets, sized as IMM for up to " << k
         << " seeds; IMM's probabilistic bound is not proven for budgets, so no ratio is certified ("
         << ris_setting_text(problem) << ")";
  }
  result.guarantee = text.str();
  return result;
}

}  // namespace kuchikomi
