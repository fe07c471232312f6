// Graph summary for `kuchikomi graph info` (definitions in graph/graph_summary.hpp). Every pass is a
// linear scan of the flat CSR arrays; the only non-linear parts are the median (nth_element, O(n))
// and the top-N selection (partial_sort, O(n log N)).
#include "kuchikomi/graph/graph_summary.hpp"

#include <algorithm>
#include <numeric>

namespace kuchikomi {
namespace {

DistributionStats describe(std::vector<double> values) {
  DistributionStats stats;
  if (values.empty()) return stats;
  const std::size_t n = values.size();
  stats.mean = std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(n);
  stats.max = *std::max_element(values.begin(), values.end());
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(n / 2);
  std::nth_element(values.begin(), middle, values.end());
  stats.median = *middle;
  if (n % 2 == 0) stats.median = (stats.median + *std::max_element(values.begin(), middle)) / 2.0;
  return stats;
}

std::vector<RankedUser> top_users(const InfluenceGraph& graph, const std::vector<double>& value, std::size_t top_n) {
  std::vector<NodeId> order(value.size());
  std::iota(order.begin(), order.end(), NodeId{0});
  const auto count = std::min(top_n, order.size());
  std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(count), order.end(),
                    [&](NodeId a, NodeId b) { return value[a] != value[b] ? value[a] > value[b] : a < b; });
  std::vector<RankedUser> users;
  for (std::size_t i = 0; i < count; ++i) users.push_back({order[i], graph.label(order[i]), value[order[i]]});
  return users;
}

// Bin k holds p in [edge_k, edge_{k+1}) with edge_k the float nearest to k/10.
std::size_t probability_bin(float p) {
  static const auto edges = [] {
    std::array<float, 11> e{};
    for (int k = 0; k <= 10; ++k) e[static_cast<std::size_t>(k)] = static_cast<float>(k / 10.0);
    return e;
  }();
  const auto it = std::upper_bound(edges.begin() + 1, edges.end() - 1, p);
  return static_cast<std::size_t>(it - edges.begin()) - 1;
}

// Union-find over node ids: union by size, path halving.
class DisjointSets {
 public:
  explicit DisjointSets(NodeId n) : parent_(n), size_(n, 1) { std::iota(parent_.begin(), parent_.end(), NodeId{0}); }
  NodeId find(NodeId x) {
    while (parent_[x] != x) {
      parent_[x] = parent_[parent_[x]];
      x = parent_[x];
    }
    return x;
  }
  void unite(NodeId a, NodeId b) {
    a = find(a);
    b = find(b);
    if (a == b) return;
    if (size_[a] < size_[b]) std::swap(a, b);
    parent_[b] = a;
    size_[a] += size_[b];
  }
  NodeId size_of_root(NodeId root) const { return size_[root]; }

 private:
  std::vector<NodeId> parent_;
  std::vector<NodeId> size_;
};

}  // namespace

GraphSummary summarize_graph(const InfluenceGraph& graph, std::size_t top_n) {
  GraphSummary s;
  const NodeId n = graph.num_nodes();
  const EdgeId m = graph.num_edges();
  s.nodes = n;
  s.edges = m;
  s.provenance = graph.provenance;
  const bool weighted = graph.out_weight.size() == m;

  std::vector<double> out_degree(n), in_degree(n), out_weight(n, 0.0), in_weight(n, 0.0);
  DisjointSets components(n);
  for (NodeId u = 0; u < n; ++u) {
    out_degree[u] = static_cast<double>(graph.out_degree(u));
    in_degree[u] = static_cast<double>(graph.in_degree(u));
    if (graph.out_degree(u) == 0 && graph.in_degree(u) == 0) ++s.isolated_nodes;
    for (EdgeId e = graph.out_offsets[u]; e < graph.out_offsets[u + 1]; ++e) {
      const NodeId v = graph.out_targets[e];
      const double w = weighted ? graph.out_weight[e] : 1.0;
      out_weight[u] += w;
      in_weight[v] += w;
      components.unite(u, v);
    }
  }
  s.out_degree = describe(out_degree);
  s.in_degree = describe(in_degree);
  s.top_out_weight = top_users(graph, out_weight, top_n);
  s.top_in_weight = top_users(graph, in_weight, top_n);
  s.out_weight = describe(std::move(out_weight));
  s.in_weight = describe(std::move(in_weight));

  for (NodeId u = 0; u < n; ++u) {
    if (components.find(u) != u) continue;
    ++s.weak_components;
    s.largest_weak_component = std::max<std::uint64_t>(s.largest_weak_component, components.size_of_root(u));
  }

  ProbabilityHistogram& h = s.probability;
  double sum = 0.0;
  h.min = m == 0 ? 0.0 : 1.0;
  for (const float p : graph.out_prob) {
    ++h.bins[probability_bin(p)];
    h.exactly_zero += p == 0.0f ? 1 : 0;
    h.exactly_one += p == 1.0f ? 1 : 0;
    sum += p;
    h.min = std::min<double>(h.min, p);
    h.max = std::max<double>(h.max, p);
  }
  h.mean = m == 0 ? 0.0 : sum / static_cast<double>(m);

  const auto [node, in_sum] = graph.max_in_probability_sum();
  s.max_in_probability_node = node;
  s.max_in_probability_sum = in_sum;
  s.lt_valid = in_sum <= 1.0 + 1e-5;
  return s;
}

}  // namespace kuchikomi
