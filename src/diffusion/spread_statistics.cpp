// Summaries, histograms and per-round curves of Monte Carlo spread (spread_statistics.hpp).
#include "kuchikomi/diffusion/spread_statistics.hpp"

#include <algorithm>
#include <cmath>

namespace kuchikomi {
namespace {

void histogram(std::span<const std::uint32_t> values, std::uint64_t min, std::uint64_t max,
               std::vector<std::uint64_t>& edges, std::vector<std::uint64_t>& counts) {
  const std::uint64_t range = max - min + 1;
  const std::uint64_t width = (range + 49) / 50;
  const std::uint64_t bins = (range + width - 1) / width;
  edges.resize(bins + 1);
  for (std::uint64_t i = 0; i <= bins; ++i) edges[i] = min + i * width;
  counts.assign(bins, 0);
  for (std::uint32_t v : values) ++counts[(v - min) / width];
}

}  // namespace

SummaryStatistics summarize(std::uint64_t sum, uint128_t sum_squares, std::uint64_t runs) {
  if (runs == 0) return {};
  // n * sum(x^2) - (sum x)^2 >= 0, exact in 128 bits (runs <= 2^32 and x < 2^32 keep it < 2^128).
  return summarize_moments(static_cast<double>(sum) / static_cast<double>(runs),
                           static_cast<uint128_t>(runs) * sum_squares - static_cast<uint128_t>(sum) * sum, runs);
}

SummaryStatistics summarize_moments(double mean, uint128_t numerator, std::uint64_t runs) {
  SummaryStatistics s;
  if (runs == 0) return s;
  s.mean = mean;
  if (runs > 1) {
    const long double variance = static_cast<long double>(numerator) /
                                 (static_cast<long double>(runs) * static_cast<long double>(runs - 1));
    s.stddev = static_cast<double>(std::sqrt(variance));
  }
  const double half = kZ95 * s.stddev / std::sqrt(static_cast<double>(runs));
  s.ci95_low = s.mean - half;
  s.ci95_high = s.mean + half;
  return s;
}

Reach describe_reach(std::span<const std::uint32_t> per_run, std::uint64_t sum, uint128_t sum_squares,
                     std::span<const std::uint64_t> activations_per_step) {
  Reach reach;
  if (per_run.empty()) return reach;
  reach.summary = summarize(sum, sum_squares, per_run.size());
  const auto [lo, hi] = std::minmax_element(per_run.begin(), per_run.end());
  reach.summary.min = *lo;
  reach.summary.max = *hi;
  histogram(per_run, reach.summary.min, reach.summary.max, reach.histogram_edges, reach.histogram_counts);
  const double runs = static_cast<double>(per_run.size());
  reach.new_per_step.resize(activations_per_step.size());
  reach.cumulative_per_step.resize(activations_per_step.size());
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < activations_per_step.size(); ++i) {
    total += activations_per_step[i];
    reach.new_per_step[i] = static_cast<double>(activations_per_step[i]) / runs;
    reach.cumulative_per_step[i] = static_cast<double>(total) / runs;
  }
  return reach;
}

}  // namespace kuchikomi
