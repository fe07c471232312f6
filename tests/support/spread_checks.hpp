// Monte Carlo against exact values (exact_spread.hpp, closed forms), within bounds derived from the
// variance of the runs.
//
// Tolerance: |mean - exact| <= z * sd / sqrt(N), sd the sample standard deviation of the N runs and
// z = 4.4: a two-sided normal tail of about 1.1e-5 per comparison (CLT; N = 200,000 runs on graphs
// of at most ~20 edges, where the normal approximation is very good). With a few dozen comparisons
// in a file a spurious failure has probability below 3e-4, and the seeds are fixed, so the outcome
// is reproducible. A slack of 1e-6 covers the 24-bit quantisation of coins and thresholds (< 2^-24
// per edge or node).
#pragma once
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"

namespace kuchikomi::support {

inline constexpr double kZ = 4.4;
inline constexpr std::uint64_t kExactCheckRuns = 200'000;

// kExactCheckRuns runs of `model` from `seeds` (deadline, stream and target segment as given).
inline SpreadStatistics simulate_for_check(const InfluenceGraph& g, DiffusionModelKind model,
                                           const std::vector<NodeId>& seeds, std::uint32_t max_steps,
                                           std::uint64_t rng_seed, std::vector<NodeId> target = {}) {
  SimulationOptions options;
  options.model = model;
  options.runs = kExactCheckRuns;
  options.rng_seed = rng_seed;
  options.max_steps = max_steps;
  options.target = std::move(target);
  return simulate_spread(g, seeds, options);
}

inline double tolerance(const SummaryStatistics& s, std::uint64_t runs) {
  return kZ * s.stddev / std::sqrt(static_cast<double>(runs)) + 1e-6;
}

// The spread over every user matches `exact`.
inline void expect_matches(const SpreadStatistics& s, double exact) {
  EXPECT_NEAR(s.all.summary.mean, exact, tolerance(s.all.summary, s.runs)) << "sd " << s.all.summary.stddev;
}

}  // namespace kuchikomi::support
