// HIST (Guo, Wang, Wei, Chen, "Influence Maximization Revisited: Efficient Reverse Reachable Set
// Generation with Bound Tightened", SIGMOD 2020, Sec. 5): OPIM-C's certificate in two phases, for
// settings where RR sets are huge (high probabilities, hubs) and most of them meet a few nodes.
//
// Phase 1, sentinel set (full RR sets, domains kRrSample / kRrSampleFinal, δ/2): rounds of OPIM-C
// (θ doubling from θ0 to θmax at ε/2). Greedy on R1 gives k seeds and σu(OPT_k); for every prefix
// S_b of them σl(S_b) comes from R2 (one pass, prefix coverage). S_b is certified when
//   σl(S_b) / σu(OPT_k) >= 1 - (1-1/k)^b - ε/2,
// the ratio greedy itself would reach after b of k picks. a_u = ln(2·imax/δ1) for the upper bound,
// a_l = ln(2·imax·k/δ1) for the lower bounds (they hold for every b at once). The sentinel set is
// the largest certified prefix of at most ⌈k/4⌉ seeds (at most k-1); phase 1 stops once that is
// ⌈k/4⌉, or at its last round with what it has (possibly b = 0, no sentinel).
//
// Phase 2, IM-Sentinel (δ/2): OPIM-C with S_b added to `include` and k-b picks, on RR sets that are
// truncated as soon as the reverse search meets S_b or an included seed (nothing is truncated when
// b = 0): such a set is stored as
// that one node. For every seed set containing S_b (all the sets phase 2 compares) the coverage of a
// truncated set equals the full set's, so the estimates, greedy and bounds are those of OPIM-C on
// full sets at a fraction of the sampling cost. The upper bound is on OPT_k, the best k-seed set
// (top-k marginal counts, CoverageRequest::bound_k), not on the best extension of S_b. Phase 2's
// samples use their own stream domains (kRrSampleTruncated / ...Check), so they are independent of
// S_b, which is then a fixed include. θ starts at θ0 and doubles up to θmax computed at ε/2.
// Stop: σl(S_b ∪ T)/σu(OPT_k) >= 1-1/e-ε.
//
// Guarantee: w.p. >= 1-δ the reported certified ratio r holds, I(S) >= r·OPT_k. The run stops as
// soon as r >= 1-1/e-ε (the answer is then a (1-1/e-ε)-approximation w.p. >= 1-δ); otherwise it
// says that the target was not reached. Reachability: greedy after the certified S_b reaches on the
// sample at least 1 - (1-1/k)^k - (ε/2)(1-1/k)^(k-b) >= 1-1/e-ε/2 of OPT_k, which leaves ε/2 for the
// sampling error that θmax(ε/2) bounds (the argument of the paper's Sec. 5, not re-derived here).
// Cardinality constraint only (no budget). Spread curve: prefixes inside include ∪ S_b from phase
// 1's R2 (full sets: a truncated set only knows one of its sentinel nodes), the rest from phase 2's R2.
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

struct HistOutcome {
  SelectionResult result;
  std::uint32_t sentinel_size = 0;          // b
  std::uint32_t sentinel_rounds = 0;        // phase-1 rounds
  std::uint64_t sentinel_sets = 0;          // |R1| = |R2| at the end of phase 1
  std::uint64_t truncated_sets = 0;         // |R1'| = |R2'| at the end of phase 2
  double full_mean_size = 0;                // mean RR-set size in phase 1
  double truncated_mean_size = 0;           // mean truncated RR-set size in phase 2
  std::vector<double> phase2_ratios;        // certified ratio of each phase-2 round
};

// Takes a validated problem without a budget (run_selection, algorithms.hpp, validates).
HistOutcome run_hist(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options);
SelectionResult select_hist(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options);

// The registry's check: the target 1-1/e-eps must be positive and there must be no budget.
void check_hist_setting_epsilon(double epsilon, bool budgeted);

}  // namespace kuchikomi
