// Tiny graphs for tests, built from (source, target, probability) triples.
#pragma once
#include <initializer_list>
#include <string>
#include <tuple>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi::fixtures {

inline InfluenceGraph make_graph(NodeId n, std::initializer_list<std::tuple<NodeId, NodeId, float>> edges) {
  std::vector<EdgeRecord> records;
  for (auto [u, v, p] : edges) records.push_back({u, v, p, 1.0, 1});
  std::vector<std::string> labels;
  for (NodeId u = 0; u < n; ++u) labels.push_back(std::string("u").append(std::to_string(u)));
  return build_influence_graph(n, std::move(records), std::move(labels), {"test", "test", "const", "", 0, 0, 0});
}

inline InfluenceGraph make_graph(NodeId n, const std::vector<std::tuple<NodeId, NodeId, float>>& edges) {
  std::vector<EdgeRecord> records;
  for (auto [u, v, p] : edges) records.push_back({u, v, p, 1.0, 1});
  std::vector<std::string> labels;
  for (NodeId u = 0; u < n; ++u) labels.push_back(std::string("u").append(std::to_string(u)));
  return build_influence_graph(n, std::move(records), std::move(labels), {"test", "test", "const", "", 0, 0, 0});
}

}  // namespace kuchikomi::fixtures
