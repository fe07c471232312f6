// Shared helpers of the RIS algorithms (see ris_common.hpp).
#include "kuchikomi/selection/ris_common.hpp"

#include <algorithm>
#include <cmath>

#include "kuchikomi/selection/campaign.hpp"

namespace kuchikomi {

double log_binomial(double n, double k) {
  if (k <= 0 || k >= n) return 0.0;
  return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1);
}

RisSample ris_sample(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                     StreamDomain domain, std::vector<std::uint8_t> stop) {
  RrSamplerConfig config;
  config.model = problem.model;
  config.max_steps = problem.max_steps;
  config.roots = problem.target;
  config.rng_seed = problem.rng_seed;
  config.domain = domain;
  config.max_memory_bytes = options.max_memory_bytes;
  config.stop = std::move(stop);
  return RisSample(graph, std::move(config), ris_communicator(options));
}

std::uint32_t ris_seed_count(const InfluenceGraph& graph, const SelectionProblem& problem) {
  if (!problem.budgeted()) return problem.k;
  const auto mask = candidate_mask(graph, problem);
  std::vector<double> costs;
  for (NodeId u = 0; u < graph.num_nodes(); ++u)
    if (mask[u]) costs.push_back(seed_cost(problem, u));
  std::sort(costs.begin(), costs.end());
  double spent = 0;
  std::uint32_t count = 0;
  for (double c : costs) {
    if (spent + c > problem.budget * (1 + 1e-9)) break;
    spent += c;
    ++count;
  }
  if (problem.max_seeds > 0) count = std::min(count, problem.max_seeds);
  return std::max<std::uint32_t>(count, 1);
}

CoverageRequest ris_coverage_request(const SelectionProblem& problem, std::span<const std::uint8_t> candidate,
                                     bool upper_bound) {
  CoverageRequest request;
  request.candidate = candidate;
  request.include = problem.include;
  request.k = problem.budgeted() ? problem.max_seeds : problem.k;
  request.costs = problem.costs;
  request.budget = problem.budget;
  request.upper_bound = upper_bound;
  return request;
}

void fill_seeds_from_prefix_coverage(SelectionResult& result, const SelectionProblem& problem,
                                     std::span<const NodeId> ranked, std::span<const std::uint64_t> prefix,
                                     std::uint64_t sets, double scale) {
  result.seeds.clear();
  result.spread_curve.clear();
  const double per_set = sets ? scale / static_cast<double>(sets) : 0.0;
  std::uint64_t before = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const bool fixed = i < problem.include.size();
    result.seeds.push_back({ranked[i], static_cast<double>(prefix[i] - before) * per_set, seed_cost(problem, ranked[i]), fixed});
    result.spread_curve.push_back(static_cast<double>(prefix[i]) * per_set);
    before = prefix[i];
  }
  result.estimated_spread = result.spread_curve.empty() ? 0.0 : result.spread_curve.back();
  result.budget_spent = 0;
  for (const auto& seed : result.seeds)
    if (!seed.fixed) result.budget_spent += seed.cost;
}

void fill_seeds_from_spread_curve(SelectionResult& result, const SelectionProblem& problem,
                                  std::span<const NodeId> ranked, std::span<const double> curve) {
  result.seeds.clear();
  result.spread_curve.clear();
  double before = 0;
  for (std::size_t i = 0; i < ranked.size(); ++i) {
    const bool fixed = i < problem.include.size();
    result.seeds.push_back({ranked[i], curve[i] - before, seed_cost(problem, ranked[i]), fixed});
    result.spread_curve.push_back(curve[i]);
    before = curve[i];
  }
  result.estimated_spread = result.spread_curve.empty() ? 0.0 : result.spread_curve.back();
  result.budget_spent = 0;
  for (const auto& seed : result.seeds)
    if (!seed.fixed) result.budget_spent += seed.cost;
}

Communicator& ris_communicator(const SelectionOptions& options) {
  return options.communicator ? *options.communicator : serial_communicator();
}

void ris_record_memory(SelectionResult& result, Communicator& comm, std::uint64_t local_peak,
                       std::initializer_list<RrLayout> layouts) {
  // Peak bytes and the most packed layout, each the largest over the ranks (ranks choose layouts
  // for their own shares), in one reduction.
  const RrLayout layout = layouts.size() ? std::max(layouts) : RrLayout::kPlain;
  std::uint64_t largest[2] = {local_peak, static_cast<std::uint64_t>(layout)};
  std::uint64_t sum = local_peak;
  if (comm.distributed()) {
    comm.allreduce_max(largest);
    comm.allreduce_sum({&sum, 1});
  }
  result.rr_memory_bytes = largest[0];
  result.rr_layout = rr_layout_name(static_cast<RrLayout>(largest[1]));
  if (!comm.distributed()) return;
  auto& d = result.distribution;
  d.ranks = comm.size();
  d.rr_memory_sum = sum;
  d.reductions = comm.stats().reductions;
  d.dense_bytes = comm.stats().largest;
  d.greedy_rounds = comm.stats().gathers;
  d.round_bytes = comm.stats().gathered;
  d.bytes = comm.stats().bytes;
}

std::string ris_setting_text(const SelectionProblem& problem) {
  std::string text(diffusion_model_traits(problem.model).short_name);
  if (problem.max_steps > 0) text += ", deadline " + std::to_string(problem.max_steps) + " steps";
  if (!problem.target.empty())
    text += ", spread counted in a " + std::to_string(problem.target.size()) + "-user target segment";
  if (!problem.include.empty())
    text += ", on top of " + std::to_string(problem.include.size()) + " included seeds (bound is for the whole set)";
  return text;
}

}  // namespace kuchikomi
