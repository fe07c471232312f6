// Degree heuristic: seeds are the nodes with the largest out-probability sum.
//
// Score of u = sum of p(u, v) over u's out-edges = the expected number of users u activates directly
// (IC, one step). Chosen over the raw out-degree or the interaction weight because it is what the
// diffusion models see: under weighted cascade a message to someone who hears from hundreds of others
// counts little. Ties by lowest id; budget: score per cost (heuristic_support.hpp). No guarantee.
// The reported marginal_gain is the score.
#include "heuristic_support.hpp"
#include "kuchikomi/selection/heuristics.hpp"

namespace kuchikomi {

SelectionResult select_degree(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& /*o*/) {
  const auto start = std::chrono::steady_clock::now();
  std::vector<double> score(g.num_nodes(), 0.0);
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) score[u] += g.out_prob[e];
  SelectionResult result = heuristics::begin_result("degree", p);
  heuristics::pick_by_score(g, p, score, result);
  result.phase_seconds.emplace_back("selection", heuristics::seconds_since(start));
  return result;
}

}  // namespace kuchikomi
