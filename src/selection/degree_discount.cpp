// Degree discount (Chen, Wang, Yang, "Efficient influence maximization in social networks", KDD 2009),
// generalised to directed graphs with per-edge probabilities.
//
// Chen et al.'s DegreeDiscountIC (undirected, uniform p) approximates the gain of v by its one-hop
// expected reach  (1-p)^t_v * (1 + (d_v - t_v) p)  (t_v = seed neighbours) and ranks by its
// first-order form dd_v = d_v - 2 t_v - (d_v - t_v) t_v p. We rank by the exact one-hop reach with
// the graph's own probabilities:
//     reach_v = P_v * (1 + D_v),
//     P_v = prod over seeds s with an edge s -> v of (1 - p(s,v))   (v not yet activated by a seed),
//     D_v = sum over out-edges v -> w, w not a seed, of p(v,w)       (whom v would still reach).
// Initially reach_v = 1 + (out-probability sum), i.e. the degree heuristic; with uniform p on a
// symmetric graph reach_v = 1 + p * dd_v exactly while t_v <= 1, and to first order in p beyond.
// Picking seed s multiplies P_w by (1 - p(s,w)) for its out-neighbours and removes p(x,s) from D_x for
// its in-neighbours; fixed seeds (include) are applied first. Scores only decrease, so a max-heap with
// lazy deletion (stale versions skipped) finds the best in O((n + m) log n).
// Ties by lowest id; budget: reach per cost among nodes that still fit (heuristic_support.hpp).
// Reported marginal_gain is reach_v at the time v was picked. No guarantee.
#include <queue>

#include "heuristic_support.hpp"
#include "kuchikomi/selection/heuristics.hpp"

namespace kuchikomi {

namespace {

struct Entry {
  double key;
  NodeId node;
  std::uint32_t version;
};
struct WorseEntry {
  bool operator()(const Entry& a, const Entry& b) const {
    return a.key < b.key || (a.key == b.key && a.node > b.node);
  }
};

}  // namespace

SelectionResult select_degree_discount(const InfluenceGraph& g, const SelectionProblem& p,
                                       const SelectionOptions& /*o*/) {
  const auto start = std::chrono::steady_clock::now();
  const NodeId n = g.num_nodes();
  std::vector<double> not_reached(n, 1.0);  // P_v
  std::vector<double> out_sum(n, 0.0);      // D_v
  std::vector<std::uint8_t> seed(n, 0);
  std::vector<std::uint32_t> version(n, 0);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) out_sum[u] += g.out_prob[e];
  auto reach = [&](NodeId v) { return not_reached[v] * (1.0 + out_sum[v]); };

  // Apply seed s: discount its neighbours, return the nodes whose score changed.
  auto apply = [&](NodeId s, std::vector<NodeId>& touched) {
    seed[s] = 1;
    for (EdgeId e = g.out_offsets[s]; e < g.out_offsets[s + 1]; ++e) {
      not_reached[g.out_targets[e]] *= 1.0 - static_cast<double>(g.out_prob[e]);
      touched.push_back(g.out_targets[e]);
    }
    for (EdgeId j = g.in_offsets[s]; j < g.in_offsets[s + 1]; ++j) {
      out_sum[g.in_sources[j]] -= g.in_prob[j];
      touched.push_back(g.in_sources[j]);
    }
  };

  SelectionResult result = heuristics::begin_result("degree-discount", p);
  std::vector<NodeId> touched;
  for (NodeId s : p.include) apply(s, touched);
  const auto candidate = candidate_mask(g, p);
  std::priority_queue<Entry, std::vector<Entry>, WorseEntry> heap;
  for (NodeId v = 0; v < n; ++v)
    if (candidate[v]) heap.push({heuristics::key(p, v, reach(v)), v, 0});

  std::size_t added = 0;
  while (!heap.empty() && added < p.seed_limit()) {
    const Entry top = heap.top();
    heap.pop();
    if (seed[top.node] || top.version != version[top.node]) continue;  // picked, or a stale score
    if (!heuristics::fits(result, p, top.node)) continue;               // budget only shrinks: drop
    heuristics::add_seed(result, p, top.node, reach(top.node));
    ++added;
    touched.clear();
    apply(top.node, touched);
    for (NodeId v : touched)
      if (candidate[v] && !seed[v]) heap.push({heuristics::key(p, v, reach(v)), v, ++version[v]});
  }
  result.phase_seconds.emplace_back("selection", heuristics::seconds_since(start));
  return result;
}

}  // namespace kuchikomi
