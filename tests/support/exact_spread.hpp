// Serial verifier: exact expected spread by enumerating every live-edge world (Kempe et al. 2003).
//   IC: each edge is live independently with its probability: 2^m worlds.
//   LT: each node keeps at most one in-edge, edge (u,v) with probability p(u,v), none with
//       1 - sum: prod_v (indeg(v) + 1) worlds. LT's spread distribution equals reachability from
//       the seeds in these worlds (Kempe et al. 2003, Theorem 2.5).
// With `max_steps` > 0 only nodes within that many hops of a seed in the live graph count, which is
// the activation round in both models (Kempe et al. Claim 2.6 holds round by round).
// Meant for graphs of at most ~20 edges.
#pragma once
#include <cstdint>
#include <queue>
#include <span>
#include <stdexcept>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi::support {

// Reachable count (or reachable targets when target_mask is non-empty) in one live-edge world.
inline double reach_in_world(const InfluenceGraph& g, const std::vector<std::uint8_t>& live_forward_edge,
                             std::span<const NodeId> seeds, std::uint32_t max_steps,
                             const std::vector<std::uint8_t>& target_mask) {
  std::vector<std::uint32_t> dist(g.num_nodes(), UINT32_MAX);
  std::queue<NodeId> queue;
  for (NodeId s : seeds)
    if (dist[s] == UINT32_MAX) dist[s] = 0, queue.push(s);
  while (!queue.empty()) {
    NodeId u = queue.front();
    queue.pop();
    if (max_steps > 0 && dist[u] >= max_steps) continue;
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e)
      if (live_forward_edge[e] && dist[g.out_targets[e]] == UINT32_MAX) dist[g.out_targets[e]] = dist[u] + 1, queue.push(g.out_targets[e]);
  }
  double reached = 0;
  for (NodeId v = 0; v < g.num_nodes(); ++v)
    if (dist[v] != UINT32_MAX && (target_mask.empty() || target_mask[v])) reached += 1;
  return reached;
}

inline double exact_ic_spread(const InfluenceGraph& g, std::span<const NodeId> seeds, std::uint32_t max_steps = 0,
                              const std::vector<std::uint8_t>& target_mask = {}) {
  const EdgeId m = g.num_edges();
  if (m > 24) throw std::invalid_argument("exact_ic_spread: too many edges to enumerate");
  std::vector<std::uint8_t> live(m);
  double expected = 0;
  for (std::uint64_t world = 0; world < (std::uint64_t{1} << m); ++world) {
    double probability = 1;
    for (EdgeId e = 0; e < m; ++e) {
      live[e] = (world >> e) & 1;
      probability *= live[e] ? g.out_prob[e] : 1.0 - g.out_prob[e];
    }
    if (probability > 0) expected += probability * reach_in_world(g, live, seeds, max_steps, target_mask);
  }
  return expected;
}

inline double exact_lt_spread(const InfluenceGraph& g, std::span<const NodeId> seeds, std::uint32_t max_steps = 0,
                              const std::vector<std::uint8_t>& target_mask = {}) {
  const NodeId n = g.num_nodes();
  // For each in-edge slot j of v, the forward edge index of (u, v).
  std::vector<EdgeId> forward_of_in(g.num_edges());
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
      const NodeId v = g.out_targets[e];
      for (EdgeId j = g.in_offsets[v]; j < g.in_offsets[v + 1]; ++j)
        if (g.in_sources[j] == u) forward_of_in[j] = e;
    }
  std::vector<EdgeId> choice(n, 0);  // 0 = no in-edge, i = i-th in-edge
  std::vector<std::uint8_t> live(g.num_edges());
  double expected = 0;
  std::uint64_t worlds = 0;
  while (true) {
    if (++worlds > (std::uint64_t{1} << 24)) throw std::invalid_argument("exact_lt_spread: too many worlds");
    double probability = 1;
    std::fill(live.begin(), live.end(), 0);
    for (NodeId v = 0; v < n; ++v) {
      double sum = 0;
      for (EdgeId j = g.in_offsets[v]; j < g.in_offsets[v + 1]; ++j) sum += g.in_prob[j];
      if (choice[v] == 0) probability *= 1.0 - sum;
      else {
        const EdgeId j = g.in_offsets[v] + choice[v] - 1;
        probability *= g.in_prob[j];
        live[forward_of_in[j]] = 1;
      }
    }
    if (probability > 1e-15) expected += probability * reach_in_world(g, live, seeds, max_steps, target_mask);
    NodeId v = 0;  // odometer increment over (indeg(v) + 1)-ary digits
    while (v < n && ++choice[v] > g.in_degree(v)) choice[v++] = 0;
    if (v == n) break;
  }
  return expected;
}

}  // namespace kuchikomi::support
