// IMM: Influence Maximization via Martingales (Tang, Shi, Xiao, SIGMOD 2015).
//
// Phase 1 (sampling, Alg. 2): find a lower bound LB of OPT: for i = 1 .. log2(n)-1, with x = n/2^i,
//   grow the collection to θ_i = λ'/x sets, run greedy max coverage; stop at the first i where
//   n·F_R(S_i) >= (1+ε')·x and set LB = n·F_R(S_i)/(1+ε'); LB = 1 when no i passes.
// Phase 2: θ = λ*/LB; generate a *fresh*, independent collection of exactly θ sets (domain
//   kRrSampleFinal, indexes 0..θ-1) and run greedy once on it. Reusing the phase-1 sets (as the
//   original code did) makes the final sample depend on the stopping rule and breaks the martingale
//   argument (W. Chen, "An Issue in the Martingale Analysis of the Influence Maximization Algorithm
//   IMM", 2018); a fresh sample restores the stated (1-1/e-ε) guarantee w.p. >= 1 - 1/n^ℓ.
// Constants (ℓ already raised to ℓ(1 + ln2/ln n) so that both phases together fail w.p. <= n^-ℓ):
//   ε' = √2·ε
//   λ' = (2 + 2ε'/3)·(ln C(n,k) + ℓ·ln n + ln log2 n)·n / ε'²
//   α  = √(ℓ·ln n + ln 2),  β = √((1-1/e)·(ln C(n,k) + ℓ·ln n + ln 2))
//   λ* = 2n·((1-1/e)·α + β)² / ε²
// With a target segment the spread ranges over |T| instead of n, so the factors n outside the
// logarithms (and the LB search range) use |T|; the union bounds keep n.
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

// IMM on the campaign (selection_problem.hpp): the lower-bound search, then NodeSelection on θ fresh
// RR sets; the guarantee text states the ratio and its probability. Takes a validated problem
// (run_selection, algorithms.hpp, validates once).
SelectionResult select_imm(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options);

}  // namespace kuchikomi
