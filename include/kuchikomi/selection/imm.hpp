// IMM: Influence Maximization via Martingales (Tang, Shi, Xiao, SIGMOD 2015).
//
// Phase 1 finds a lower bound LB <= OPT. The paper's Algorithm 2 halves guesses x = n/2^i and
// tests greedy's own coverage on a sample of λ'/x sets, which needs a union bound over all C(n,k)
// seed sets (the ln C(n,k) in λ') because the tested set was chosen on the same sample: on NetHEPT
// that search drew 1.16 M sets, more than the final sample. Here instead (any LB <= OPT w.p.
// >= 1 - n^-ℓ/2 keeps the theorem): two independent samples A (kRrSample) and B (kRrSampleBound)
// of θ_j = 256·2^j sets each; S_j = greedy on A; LB_j = OPIM-C's lower bound on I(S_j) from B
// (Tang et al. 2018, Eq. (7); S_j is independent of B, so no union over seed sets), with
// a = ln(J/δ1), δ1 = n^-ℓ/2 split over the J rounds allowed; I(S_j) <= OPT, so LB = max_j LB_j.
// Stop when LB_j >= 0.95 × B's point estimate of I(S_j) (more sets would raise LB by < 5%), or when
// A and B together reach an eighth of the final θ = λ*/LB (doubling them again would cost more
// than the few percent it takes off θ), or when θ_j reaches λ* (LB = 1).
// Phase 2: θ = λ*/LB; generate a *fresh*, independent collection of exactly θ sets (domain
//   kRrSampleFinal, indexes 0..θ-1) and run greedy once on it. Reusing the phase-1 sets (as the
//   original code did) makes the final sample depend on the stopping rule and breaks the martingale
//   argument (W. Chen, "An Issue in the Martingale Analysis of the Influence Maximization Algorithm
//   IMM", 2018); a fresh sample of θ >= λ*/OPT sets gives the stated (1-1/e-ε) w.p. >= 1 - n^-ℓ/2.
// Constants (ℓ already raised to ℓ(1 + ln2/ln n) so that both phases together fail w.p. <= n^-ℓ):
//   ε' = √2·ε
//   λ' = (2 + 2ε'/3)·(ln C(n,k) + ℓ·ln n + ln log2 n)·n / ε'²   (the paper's phase 1; kept for reference)
//   α  = √(ℓ·ln n + ln 2),  β = √((1-1/e)·(ln C(n,k) + ℓ·ln n + ln 2))
//   λ* = 2n·((1-1/e)·α + β)² / ε²
// With a target segment the spread ranges over |T| instead of n, so the factors n outside the
// logarithms use |T|; the union bounds keep n.
#pragma once
#include <cstdint>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

struct ImmParameters {
  double ell_adjusted = 0;   // ℓ(1 + ln2/ln n)
  double epsilon_prime = 0;  // √2 ε
  double lambda_prime = 0;
  double lambda_star = 0;
};

// `scale` = the spread range (n, or |T| with a target segment); 0 means n.
ImmParameters imm_parameters(double n, double k, double epsilon, double ell, double scale = 0);
// θ = ⌈λ*/LB⌉.
std::uint64_t imm_theta(const ImmParameters& parameters, double lower_bound);

// IMM on the campaign (selection_problem.hpp): the held-out lower bound, then NodeSelection on θ
// fresh RR sets; the guarantee text states the ratio and its probability. Takes a validated problem
// (run_selection, algorithms.hpp, validates once).
SelectionResult select_imm(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options);

}  // namespace kuchikomi
