// Paired what-if simulation (plan_change.hpp).
#include "kuchikomi/diffusion/plan_change.hpp"

#include <cmath>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

SummaryStatistics paired_difference(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b) {
  if (a.size() != b.size()) throw UsageError("paired difference of runs of different lengths");
  const std::uint64_t runs = a.size();
  if (runs == 0) return {};
  // Exact: |sum| < 2^64 and n * sum(d^2) < 2^128 for n <= 2^32 and |d| < 2^32.
  __extension__ using int128_t = __int128;
  int128_t sum = 0;
  uint128_t sum_squares = 0;
  for (std::size_t r = 0; r < runs; ++r) {
    const std::int64_t d = static_cast<std::int64_t>(b[r]) - static_cast<std::int64_t>(a[r]);
    sum += d;
    sum_squares += static_cast<uint128_t>(static_cast<std::uint64_t>(d < 0 ? -d : d)) * static_cast<std::uint64_t>(d < 0 ? -d : d);
  }
  const uint128_t abs_sum = static_cast<uint128_t>(sum < 0 ? -sum : sum);
  return summarize_moments(static_cast<double>(static_cast<long double>(sum) / static_cast<long double>(runs)),
                           static_cast<uint128_t>(runs) * sum_squares - abs_sum * abs_sum, runs);
}

PlanChange simulate_plan_change(const InfluenceGraph& graph, std::span<const NodeId> base,
                                std::span<const NodeId> changed, const SimulationOptions& options) {
  if (options.precision > 0)
    throw UsageError("a what-if needs a fixed number of runs: in precision mode the two plans would stop after "
                     "different numbers of runs and no longer share their worlds");
  if (options.random_seed_count > 0) throw UsageError("a what-if changes a given seed set, not random seeds per run");
  PlanChange change;
  change.base = simulate_spread(graph, base, options);
  change.changed = simulate_spread(graph, changed, options);
  change.difference = paired_difference(change.base.run_spread, change.changed.run_spread);
  return change;
}

}  // namespace kuchikomi
