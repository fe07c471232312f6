#include "kuchikomi/graph/influence_graph.hpp"

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace kuchikomi {

void InfluenceGraph::rebuild_reverse() {
  const NodeId n = num_nodes();
  const EdgeId m = num_edges();
  in_offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  for (EdgeId e = 0; e < m; ++e) ++in_offsets[out_targets[e] + 1];
  for (NodeId v = 0; v < n; ++v) in_offsets[v + 1] += in_offsets[v];
  in_sources.resize(m);
  in_prob.resize(m);
  std::vector<EdgeId> cursor(in_offsets.begin(), in_offsets.end() - 1);
  // Sources are visited in increasing order, so each in-list comes out sorted by source.
  for (NodeId u = 0; u < n; ++u) {
    for (EdgeId e = out_offsets[u]; e < out_offsets[u + 1]; ++e) {
      const EdgeId slot = cursor[out_targets[e]]++;
      in_sources[slot] = u;
      in_prob[slot] = out_prob[e];
    }
  }
}

void InfluenceGraph::validate() const {
  const NodeId n = num_nodes();
  const EdgeId m = num_edges();
  auto fail = [](const std::string& what) { throw std::logic_error("invalid influence graph: " + what); };
  if (in_offsets.size() != out_offsets.size()) fail("forward and reverse offsets differ in length");
  if (out_prob.size() != m || in_sources.size() != m || in_prob.size() != m) fail("edge arrays differ in length");
  if (!out_weight.empty() && out_weight.size() != m) fail("weight array length");
  if (!out_count.empty() && out_count.size() != m) fail("count array length");
  if (!labels.empty() && labels.size() != n) fail("label count differs from node count");
  if (n == 0) return;
  if (out_offsets.front() != 0 || out_offsets.back() != m) fail("forward offsets do not span the edges");
  if (in_offsets.front() != 0 || in_offsets.back() != m) fail("reverse offsets do not span the edges");
  for (NodeId u = 0; u < n; ++u) {
    if (out_offsets[u] > out_offsets[u + 1] || in_offsets[u] > in_offsets[u + 1]) fail("offsets decrease");
    for (EdgeId e = out_offsets[u]; e < out_offsets[u + 1]; ++e) {
      if (out_targets[e] >= n) fail("target out of range");
      if (out_targets[e] == u) fail("self-loop");
      if (e > out_offsets[u] && out_targets[e] <= out_targets[e - 1]) fail("out-edges not strictly sorted");
      if (!(out_prob[e] >= 0.0f && out_prob[e] <= 1.0f)) fail("probability outside [0,1]");
    }
  }
  InfluenceGraph copy;
  copy.out_offsets = out_offsets;
  copy.out_targets = out_targets;
  copy.out_prob = out_prob;
  copy.rebuild_reverse();
  if (copy.in_offsets != in_offsets || copy.in_sources != in_sources || copy.in_prob != in_prob)
    fail("reverse arrays do not mirror the forward arrays");
}

std::pair<NodeId, double> InfluenceGraph::max_in_probability_sum() const {
  std::pair<NodeId, double> best{kNoNode, 0.0};
  for (NodeId v = 0; v < num_nodes(); ++v) {
    double sum = 0.0;
    for (EdgeId e = in_offsets[v]; e < in_offsets[v + 1]; ++e) sum += in_prob[e];
    if (std::isnan(sum)) return {v, sum};  // fails every "sum <= 1" check; nothing is worse
    if (best.first == kNoNode || sum > best.second) best = {v, sum};
  }
  return best;
}

InfluenceGraph build_influence_graph(NodeId num_nodes, std::vector<EdgeRecord> edges, std::vector<std::string> labels,
                                     GraphProvenance provenance) {
  std::uint64_t self_loops = 0;
  std::erase_if(edges, [&](const EdgeRecord& e) {
    if (e.source >= num_nodes || e.target >= num_nodes)
      throw std::out_of_range("edge endpoint outside the node range");
    const bool loop = e.source == e.target;
    self_loops += loop ? 1 : 0;
    return loop;
  });
  tbb::parallel_sort(edges.begin(), edges.end(), [](const EdgeRecord& a, const EdgeRecord& b) {
    return a.source != b.source ? a.source < b.source : a.target < b.target;
  });
  // Merge duplicates in place.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (kept > 0 && edges[kept - 1].source == edges[i].source && edges[kept - 1].target == edges[i].target) {
      EdgeRecord& into = edges[kept - 1];
      into.weight += edges[i].weight;
      into.count += edges[i].count;
      into.probability = 1.0f - (1.0f - into.probability) * (1.0f - edges[i].probability);
    } else {
      edges[kept++] = edges[i];
    }
  }
  edges.resize(kept);

  InfluenceGraph g;
  g.out_offsets.assign(static_cast<std::size_t>(num_nodes) + 1, 0);
  g.out_targets.resize(kept);
  g.out_prob.resize(kept);
  g.out_weight.resize(kept);
  g.out_count.resize(kept);
  for (std::size_t e = 0; e < kept; ++e) {
    ++g.out_offsets[edges[e].source + 1];
    g.out_targets[e] = edges[e].target;
    g.out_prob[e] = edges[e].probability;
    g.out_weight[e] = static_cast<float>(edges[e].weight);
    g.out_count[e] = edges[e].count;
  }
  for (NodeId u = 0; u < num_nodes; ++u) g.out_offsets[u + 1] += g.out_offsets[u];
  g.labels = std::move(labels);
  g.provenance = std::move(provenance);
  g.provenance.self_loops_dropped += self_loops;
  g.rebuild_reverse();
  return g;
}

}  // namespace kuchikomi
