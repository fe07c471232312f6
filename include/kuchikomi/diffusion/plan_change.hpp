// What-if for a plan: the same Monte Carlo worlds simulated with the plan as it is and with a
// change (ambassadors dropped or added), and the change in reach per world.
//
// Both seed sets run on run r's world (stream_key(rng_seed, domain, r)), so the difference is paired:
// its 95% CI comes from the spread of the per-run differences d_r = reach_changed(r) - reach_base(r),
// which is much narrower than the two CIs side by side when the plans share most ambassadors. The
// mean difference equals the difference of the two simulations' means exactly (same runs, integer
// sums), as two separate `simulate` commands with the same --rng-seed would give.
#pragma once
#include <span>

#include "kuchikomi/diffusion/monte_carlo.hpp"

namespace kuchikomi {

struct PlanChange {
  SpreadStatistics base, changed;
  SummaryStatistics difference;  // of d_r over the runs (mean, sd, 95% CI, min and max left 0)
};

// Throws UsageError in precision mode (the two plans would stop after different numbers of runs),
// with random seeds per run, or for what simulate_spread refuses.
PlanChange simulate_plan_change(const InfluenceGraph& graph, std::span<const NodeId> base,
                                std::span<const NodeId> changed, const SimulationOptions& options);

// Mean, sample sd and normal 95% CI of (b[r] - a[r]) from exact integer sums. a and b have the same
// length (at most 2^32).
SummaryStatistics paired_difference(std::span<const std::uint32_t> a, std::span<const std::uint32_t> b);

}  // namespace kuchikomi
