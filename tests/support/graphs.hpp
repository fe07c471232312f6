// Tiny graphs for tests, built from (source, target, probability) triples, and edge lookup by label.
#pragma once
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi::support {

using Edges = std::vector<std::tuple<NodeId, NodeId, float>>;

// n users labelled u0..u{n-1} and the given edges (weight 1, one interaction each).
inline InfluenceGraph make_graph(NodeId n, const Edges& edges) {
  std::vector<EdgeRecord> records;
  for (auto [u, v, p] : edges) records.push_back({u, v, p, 1.0, 1});
  std::vector<std::string> labels;
  for (NodeId u = 0; u < n; ++u) labels.push_back(std::string("u").append(std::to_string(u)));
  return build_influence_graph(n, std::move(records), std::move(labels), {"test", "test", "const", "", 0, 0, 0});
}

// Forward edge index of source -> target, by label.
inline std::optional<EdgeId> find_edge(const InfluenceGraph& g, const std::string& source, const std::string& target) {
  LabelIndex index(g);
  const auto u = index.find(source);
  const auto v = index.find(target);
  if (!u || !v) return std::nullopt;
  for (EdgeId e = g.out_offsets[*u]; e < g.out_offsets[*u + 1]; ++e)
    if (g.out_targets[e] == *v) return e;
  return std::nullopt;
}

}  // namespace kuchikomi::support
