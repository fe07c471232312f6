// Maximum-likelihood IC probabilities by expectation maximisation: Saito, Nakano, Kimura,
// "Prediction of information diffusion probabilities for independent cascade model", KES 2008.
//
// Saito et al. observe discrete rounds: v, activated at round t+1, had parents D = its in-neighbours
// activated at round t, and each of them tried once. We use the continuous-time form: v's parents
// are its potential parents (in-neighbours who adopted earlier, within the window W), and u's
// trial on v failed when v did not follow within W (learning/cascade_evidence.hpp). On integer
// rounds with W = 1 this is exactly the paper's model. Then, with P_o = 1 - Π_{w in parents(o)}
// (1 - p_w) the chance that observation o (an adoption with parents) happened, S+_e the
// observations edge e is a parent in and S-_e its failed trials, the log-likelihood is
//
//   L(p) = Σ_o log P_o + Σ_e |S-_e| log(1 - p_e)
//
// (initiators' adoptions do not depend on p: an outside source started them) and each EM step is
//
//   p_e <- p_e / (|S+_e| + |S-_e|) · Σ_{o in S+_e} 1 / P_o.
//
// Start: p_e = |S+_e| / (|S+_e| + |S-_e|) (the Bernoulli estimate on trials). Edges with trials but
// no success converge to 0 in one step; an edge with S-_e = ∅ may go to 1. L never decreases.
// Stop: when no probability moved by more than `tolerance` in one step (converged), or after
// `max_iterations` steps. Near a maximum on the boundary (an edge whose successes are better
// explained by a co-parent: its MLE is 0) EM is slow, |Δp| ~ p², so the default 1e-6 leaves such
// edges near 1e-3 and may take a few thousand steps. Each step is two parallel passes (observations, then edges; each sum in
// a fixed order), so the result is the same for any thread count. Evidence: |S+_e| + |S-_e| > 0.
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"
#include "kuchikomi/learning/edge_estimates.hpp"

namespace kuchikomi {

struct EmOptions {
  double tolerance = 1e-6;            // on max_e |p_e(new) - p_e(old)|
  std::uint32_t max_iterations = 10'000;
};

struct EmResult {
  EdgeEstimates estimates;            // numerator: expected successes Σ_{o in S+_e} p_e / P_o
  std::uint32_t iterations = 0;       // EM steps taken
  bool converged = false;
  double last_change = 0;             // max_e |Δp_e| of the last step
  std::vector<double> log_likelihood; // L before each step, then at the result (iterations + 1 values)
};

// Throws UsageError when tolerance <= 0 or max_iterations == 0.
EmResult em_estimates(const InfluenceGraph& graph, const CascadeEvidence& evidence, const EmOptions& options);

// L(p) for given edge probabilities (the formula above), for tests and the summary.
double ic_log_likelihood(const CascadeEvidence& evidence, const std::vector<double>& probability);

}  // namespace kuchikomi
