// Goyal et al.'s Bernoulli and Jaccard estimators (formulas in learning/bernoulli_jaccard.hpp).
#include "kuchikomi/learning/bernoulli_jaccard.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

namespace kuchikomi {
namespace {

// Calls estimate(u, v, e) for every edge, parallel over source nodes.
template <class Estimate>
EdgeEstimates per_edge(const InfluenceGraph& g, Estimate estimate) {
  EdgeEstimates out;
  out.resize(g.num_edges());
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, g.num_nodes(), 1024), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u)
      for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
        const auto [numerator, denominator] = estimate(u, g.out_targets[e], e);
        out.numerator[e] = numerator;
        out.denominator[e] = denominator;
        out.probability[e] = denominator > 0 ? numerator / static_cast<double>(denominator) : 0.0;
      }
  });
  return out;
}

}  // namespace

EdgeEstimates bernoulli_estimates(const InfluenceGraph& g, const CascadeEvidence& ev) {
  return per_edge(g, [&](NodeId u, NodeId, EdgeId e) {
    return std::pair<double, std::uint32_t>(ev.propagations[e], ev.node_adoptions[u]);
  });
}

EdgeEstimates jaccard_estimates(const InfluenceGraph& g, const CascadeEvidence& ev) {
  return per_edge(g, [&](NodeId u, NodeId v, EdgeId e) {
    const std::uint64_t either = std::uint64_t{ev.node_adoptions[u]} + ev.node_adoptions[v] - ev.co_adoptions[e];
    return std::pair<double, std::uint32_t>(ev.propagations[e], static_cast<std::uint32_t>(either));
  });
}

}  // namespace kuchikomi
