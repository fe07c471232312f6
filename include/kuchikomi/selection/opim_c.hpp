// OPIM-C (Tang, Tang, Xiao, Yuan, "Online Processing Algorithms for Influence Maximization",
// SIGMOD 2018): RIS with an a-posteriori certificate instead of a worst-case sample size.
//
// Two independent collections R1 (domain kRrSample) and R2 (domain kRrSampleFinal) of equal size θ,
// starting at θ0 = θmax·ε²k/n and doubling each round up to
//   θmax = 2n·((1-1/e)·√ln(6/δ) + √((1-1/e)(ln C(n,k) + ln(6/δ))))² / (ε²k).
// Each round: S* = greedy on R1; an upper bound on OPT from R1 and a lower bound on I(S*) from R2:
//   σu = (√(Λu + a/2) + √(a/2))² · n/θ      (Λu: top-k bound of max_coverage.hpp, <= cov/(1-1/e))
//   σl = ((√(Λ2 + 2a/9) - √(a/2))² - a/18) · n/θ   (Λ2 = coverage of S* on R2)
// with a = ln(3·imax/δ), δ split over the imax = ⌈log2(θmax/θ0)⌉ rounds and over the two bounds
// plus the θmax fallback. No ln C(n,k) term is needed in a: the upper bound concerns the fixed
// optimal set S° (Λ_R1(S°) <= Λu holds deterministically), and S* is independent of R2.
// Stop when σl/σu >= 1-1/e-ε or after the last round; σl/σu is the certified ratio, valid w.p. >= 1-δ.
// Budgeted: greedy is ratio greedy + best single, whose coverage is >= (1-1/e)/2 of the optimum on R1,
// so Λu = cov/((1-1/e)/2) and the stop target is (1-1/e)/2 - ε.
// With a target segment, n outside logarithms becomes |T| (the spread range).
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

struct OpimParameters {
  double theta_max = 0;
  double theta_zero = 0;
  std::uint32_t rounds = 0;  // imax
  double a = 0;              // ln(3·imax/δ)
};
OpimParameters opim_parameters(double n, double k, double epsilon, double delta, double scale = 0);

// The ratio OPIM-C stops at: 1-1/e-eps, or (1-1/e)/2-eps with a budget. Throws UsageError when it
// is not positive (the run would stop at once, certifying nothing).
double opim_target_ratio(double epsilon, bool budgeted);

// The two bounds of a round (Tang et al. 2018, Eq. (6) and (7)), in spread units (per_set = scale/θ):
// σu from an upper bound on OPT's coverage of the chooser sample, σl from the coverage of the chosen
// set on an independent sample; each fails w.p. <= e^-a. HIST (hist.hpp) uses them too.
double opim_upper_bound(double coverage_upper, double a, double per_set);
double opim_lower_bound(double coverage, double a, double per_set);

// Knobs for experiments and tests; zero values mean "as in the paper".
struct OpimControl {
  std::uint64_t initial_sets = 0;  // θ0 override
  std::uint32_t fixed_rounds = 0;  // > 0: run exactly this many doubling rounds, ignoring the stop rule
  // Quality at speed (registered as opim-c-until-stable): once the target ratio is certified, keep
  // doubling both samples while the newly chosen set covers more of the (grown) check sample R2
  // than the previous round's set did, for at most 3 doublings (8x the sample that reached the
  // target) and never past imax. A one-standard-error threshold stopped too early: each doubling
  // gains ~0.5% of spread, below the noise of one comparison, yet three of them close most of the
  // gap to IMM. The answer is the last round's set with that round's certificate: every round's
  // bounds are already in OPIM-C's union over imax rounds, so it stays valid w.p. >= 1-δ.
  bool until_stable = false;
};

struct OpimRound {
  std::uint64_t sets = 0;  // |R1| = |R2|
  double lower = 0;        // σl(S*)
  double upper = 0;        // σu(OPT)
  double ratio = 0;        // certified σl/σu
};

struct OpimOutcome {
  SelectionResult result;
  std::vector<OpimRound> rounds;
};

// OPIM-C with the default control: stops once the certified ratio reaches 1-1/e-epsilon. Both take
// a validated problem (run_selection, algorithms.hpp, validates once).
SelectionResult select_opim_c(const InfluenceGraph& graph, const SelectionProblem& problem,
                              const SelectionOptions& options);
SelectionResult select_opim_c_until_stable(const InfluenceGraph& graph, const SelectionProblem& problem,
                                           const SelectionOptions& options);
OpimOutcome run_opim_c(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                       const OpimControl& control);

}  // namespace kuchikomi
