// Boost CSR view of the influence graph (see boost_view.hpp). Both directions come out sorted by
// source straight from our CSR arrays (the reverse one from the in-edge arrays), so Boost's
// "edges are sorted" constructor applies and no sort is needed.
#include "boost_view.hpp"

#include <utility>
#include <vector>

namespace kuchikomi {

BoostCsrGraph to_boost_csr(const InfluenceGraph& graph, BoostEdgeDirection direction) {
  const NodeId n = graph.num_nodes();
  std::vector<std::pair<NodeId, NodeId>> edges;
  edges.reserve(graph.num_edges());
  if (direction == BoostEdgeDirection::kForward) {
    for (NodeId u = 0; u < n; ++u)
      for (EdgeId e = graph.out_offsets[u]; e < graph.out_offsets[u + 1]; ++e) edges.emplace_back(u, graph.out_targets[e]);
  } else {
    for (NodeId v = 0; v < n; ++v)
      for (EdgeId j = graph.in_offsets[v]; j < graph.in_offsets[v + 1]; ++j) edges.emplace_back(v, graph.in_sources[j]);
  }
  return BoostCsrGraph(boost::edges_are_sorted, edges.begin(), edges.end(), n, edges.size());
}

}  // namespace kuchikomi
