// A short fingerprint of an influence graph's content: users, their labels, edges and edge
// probabilities (not where the file lives or how it was named). Results files record it, so
// `report a.h5 b.h5` can tell whether two plans were made on the same graph.
#pragma once
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// 16 hex digits of a 64-bit hash (SplitMix64 mixing, not a cryptographic digest: it tells honest
// files apart, it does not prove anything against a forger). O(n + m).
std::string graph_fingerprint(const InfluenceGraph& graph);

}  // namespace kuchikomi
