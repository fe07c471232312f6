// Goyal et al.'s partial credits (formula in learning/partial_credit.hpp).
#include "kuchikomi/learning/partial_credit.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace kuchikomi {

EdgeEstimates partial_credit_estimates(const InfluenceGraph& g, const CascadeEvidence& ev) {
  EdgeEstimates out;
  out.resize(g.num_edges());
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, g.num_nodes(), 1024), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u)
      for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
        double credit = 0;  // summed over e's observations in ascending order: the same bits every run
        for (std::uint64_t k = ev.edge_offsets[e]; k < ev.edge_offsets[e + 1]; ++k) {
          const std::uint64_t o = ev.edge_observations[k];
          credit += 1.0 / static_cast<double>(ev.parent_offsets[o + 1] - ev.parent_offsets[o]);
        }
        out.numerator[e] = credit;
        out.denominator[e] = ev.node_adoptions[u];
        out.probability[e] = ev.node_adoptions[u] > 0 ? credit / ev.node_adoptions[u] : 0.0;
      }
  });
  return out;
}

}  // namespace kuchikomi
