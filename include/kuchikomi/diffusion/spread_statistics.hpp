// Statistics of a Monte Carlo spread estimate (simulate_spread in monte_carlo.hpp): for every user
// and, with a target segment, for the segment alone, the same figures (`Reach`): mean, sd, 95% CI,
// min and max of the users reached per run, their histogram and the mean reach per round.
//
// Everything is computed from exact integer sums (reach counts per run, activations per round summed
// over runs), so the doubles depend on the runs only, never on how they were split among threads.
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"  // uint128_t

namespace kuchikomi {

struct SummaryStatistics {
  double mean = 0, stddev = 0, ci95_low = 0, ci95_high = 0;
  std::uint64_t min = 0, max = 0;
  double ci95_half_width() const { return (ci95_high - ci95_low) / 2; }
};

// z of a two-sided 95% normal confidence interval on the mean.
inline constexpr double kZ95 = 1.959963984540054;

// How far spread went in one population (every user, or the target segment), over all runs.
struct Reach {
  SummaryStatistics summary;                    // users reached per run, seeds included
  std::vector<std::uint64_t> histogram_edges;   // bin i covers [edges[i], edges[i+1])
  std::vector<std::uint64_t> histogram_counts;  // runs per bin
  // Step 0 = the seeds. new_per_step[t] = mean activations in round t; cumulative likewise.
  std::vector<double> new_per_step;
  std::vector<double> cumulative_per_step;
};

struct SpreadStatistics {
  std::uint64_t runs = 0;
  Reach all;                                    // every user
  std::optional<Reach> target;                  // reached users inside the target segment, when given
  std::uint64_t target_size = 0;                // distinct target nodes (0 without a segment)
  std::vector<double> node_probability;         // per node, empty unless requested
  std::uint64_t edges_examined = 0;             // out-edges scanned, summed over all runs
  std::vector<std::uint32_t> run_spread;        // spread of run r at index r (the full distribution)
  bool converged = true;                        // precision mode: false when max_runs stopped it
};

// Mean, sample sd and normal-approximation 95% CI from exact integer sums over `runs` runs
// (min and max are left 0). All zero when runs == 0.
SummaryStatistics summarize(std::uint64_t sum, uint128_t sum_squares, std::uint64_t runs);
// The same from the mean and the exact n * sum(x^2) - (sum x)^2 (>= 0), for sums of signed values
// (paired differences) that do not fit summarize's unsigned sum.
SummaryStatistics summarize_moments(double mean, uint128_t variance_numerator, std::uint64_t runs);

// The Reach of `per_run` (users reached in run r at index r; not empty), whose exact sum and sum of
// squares the caller accumulated, and of `activations_per_step` (activations in round t summed over
// all runs): summary with min and max, a histogram of at most 50 equal-width integer bins over
// [min, max] (unit bins when the range is small) and the per-round means.
Reach describe_reach(std::span<const std::uint32_t> per_run, std::uint64_t sum, uint128_t sum_squares,
                     std::span<const std::uint64_t> activations_per_step);

}  // namespace kuchikomi
