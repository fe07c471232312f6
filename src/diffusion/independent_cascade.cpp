// The reverse index of the independent cascade model (see independent_cascade.hpp): which nodes have
// equal in-probabilities (geometric jumps over the graph's own in-edges), and the in-edges of the
// others by decreasing probability. Built in parallel over nodes; the result does not depend on the
// thread count (per-node work, ties by source id).
#include "kuchikomi/diffusion/independent_cascade.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kuchikomi {

IndependentCascade::ReverseIndex IndependentCascade::build_reverse_index(const InfluenceGraph& g) {
  const NodeId n = g.num_nodes();
  ReverseIndex index;
  index.log_skip.resize(n);
  auto probabilities_differ = [&](NodeId v) {
    const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
    return std::any_of(g.in_prob.begin() + static_cast<std::ptrdiff_t>(first),
                       g.in_prob.begin() + static_cast<std::ptrdiff_t>(last), [&](float p) { return p != g.in_prob[first]; });
  };
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 4096), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId v = range.begin(); v != range.end(); ++v) {
      const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
      index.log_skip[v] = first == last             ? 0.0
                          : probabilities_differ(v) ? std::numeric_limits<double>::quiet_NaN()
                                                    : std::log1p(-static_cast<double>(g.in_prob[first]));
    }
  });
  // NaN marked the nodes whose in-edges get sorted; their slots now take 1 + the start of those
  // in-edges in the sorted arrays, node by node (serial: one add per node).
  EdgeId sorted = 0;
  for (NodeId v = 0; v < n; ++v) {
    if (!std::isnan(index.log_skip[v])) continue;
    index.log_skip[v] = static_cast<double>(sorted + 1);
    sorted += g.in_offsets[v + 1] - g.in_offsets[v];
  }
  if (sorted == 0) return index;

  index.sorted_source.resize(sorted);
  index.sorted_prob.resize(sorted);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 1024), [&](const tbb::blocked_range<NodeId>& range) {
    std::vector<EdgeId> order;
    for (NodeId v = range.begin(); v != range.end(); ++v) {
      if (!ReverseIndex::differs(index.log_skip[v])) continue;
      const EdgeId begin = ReverseIndex::sorted_start(index.log_skip[v]);
      const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
      order.resize(last - first);
      std::iota(order.begin(), order.end(), first);
      // Decreasing probability; the in-edges are sorted by source, so a stable sort breaks ties by it.
      std::stable_sort(order.begin(), order.end(), [&](EdgeId a, EdgeId b) { return g.in_prob[a] > g.in_prob[b]; });
      for (std::size_t i = 0; i < order.size(); ++i) {
        index.sorted_source[begin + i] = g.in_sources[order[i]];
        index.sorted_prob[begin + i] = g.in_prob[order[i]];
      }
    }
  });
  return index;
}

}  // namespace kuchikomi
