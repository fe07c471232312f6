// The linear threshold model's reverse index (see linear_threshold.hpp).
#include "kuchikomi/diffusion/linear_threshold.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>


namespace kuchikomi {

LinearThreshold::ReverseIndex LinearThreshold::build_reverse_index(const InfluenceGraph& g) {
  ReverseIndex index;
  index.cumulative.resize(g.num_edges());
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, g.num_nodes(), 4096), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId v = range.begin(); v != range.end(); ++v) {
      double sum = 0;
      for (EdgeId e = g.in_offsets[v]; e < g.in_offsets[v + 1]; ++e) index.cumulative[e] = sum += g.in_prob[e];
    }
  });
  return index;
}

}  // namespace kuchikomi
