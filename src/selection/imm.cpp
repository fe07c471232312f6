// IMM — Tang, Shi, Xiao, "Influence Maximization in Near-Linear Time: A Martingale Approach",
// SIGMOD 2015, with the fresh final sample of W. Chen (arXiv:1808.09363, 2018).
// Invariants: the final collection has exactly θ sets drawn from domain kRrSampleFinal with indexes
// 0..θ-1, independent of everything phase 1 did; seeds never include an excluded node; included
// seeds are covered before the first pick. Formulas and reasoning: imm.hpp.
#include "kuchikomi/selection/imm.hpp"

#include <chrono>
#include <cmath>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/ris_common.hpp"

namespace kuchikomi {
namespace {
constexpr double kOneMinusInvE = 1.0 - 1.0 / 2.718281828459045;

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

  // Phase 1 (Algorithm 2, Sampling): a lower bound LB on OPT by halving guesses x = scale / 2^i.
  auto start = std::chrono::steady_clock::now();
  double lower_bound = 1;
  for (int i = 1; i <= static_cast<int>(std::log2(scale)) - 1; ++i) {
    const double x = scale / std::pow(2.0, i);
    phase1.grow_to(static_cast<std::uint64_t>(std::ceil(params.lambda_prime / x)));
    const CoverageResult cover = phase1.max_coverage(request);
    const double estimate = scale * cover.fraction();
    say("IMM phase 1, i = " + std::to_string(i) + ": " + std::to_string(cover.sets) + " RR sets, estimate " +
        std::to_string(estimate));
    if (estimate >= (1 + params.epsilon_prime) * x) {
      lower_bound = estimate / (1 + params.epsilon_prime);
      break;
    }
  }
  const double mean_size = phase1.mean_set_size();
  std::uint64_t peak = phase1.peak_bytes();
  phase1.release();  // its sets must not feed the final selection
  result.phase_seconds.emplace_back("lower-bound search", seconds_since(start));

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
  ris_record_memory(result, final_sample.communicator(), std::max(peak, final_sample.peak_bytes()));

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
