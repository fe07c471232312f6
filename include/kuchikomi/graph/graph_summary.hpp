// What a graph looks like at a glance (`kuchikomi graph info`): size, degree and weight
// distributions, the probability histogram, whether LT can run on it, weak connectivity and the
// most active users.
//
// Definitions (all on the directed influence graph as stored):
//   * isolated node: no in-edges and no out-edges;
//   * out-weight / in-weight of a user: summed interaction weight (out_weight) of its out-/in-edges,
//     i.e. how much it acts on others / is acted on; graphs without weights count 1 per edge;
//   * median: of n values, the middle one for odd n, the mean of the two middle ones for even n;
//   * probability histogram: 10 bins [0, 0.1), [0.1, 0.2), ..., [0.9, 1.0] with bin edges taken as
//     the float nearest to k/10 (so a stored 0.7f falls in [0.7, 0.8)); exact 0 and exact 1 are
//     counted separately as well (they are also in the first / last bin);
//   * LT validity: the largest sum of in-probabilities over nodes must be <= 1 (+1e-5 for float
//     rounding: weighted cascade sums to 1 only up to float error);
//   * weakly connected components: edge directions ignored; computed with a union-find on the CSR
//     arrays (union by size, path halving), O(m α(n)) and no copy of the graph, which is why it is
//     used instead of Boost.Graph's connected_components (that needs an undirected adjacency graph
//     built first, doubling memory on large graphs).
// Top-N lists are sorted by value descending, ties by node id ascending, so they are deterministic.
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct DistributionStats {
  double mean = 0.0;
  double median = 0.0;
  double max = 0.0;
};

struct ProbabilityHistogram {
  std::array<std::uint64_t, 10> bins{};  // bins[k] counts p in [k/10, (k+1)/10), the last one closed
  std::uint64_t exactly_zero = 0;
  std::uint64_t exactly_one = 0;
  double mean = 0.0;
  double min = 0.0;
  double max = 0.0;
};

struct RankedUser {
  NodeId node = kNoNode;
  std::string label;
  double value = 0.0;
};

struct GraphSummary {
  std::uint64_t nodes = 0;
  std::uint64_t edges = 0;
  std::uint64_t isolated_nodes = 0;
  GraphProvenance provenance;  // includes self_loops_dropped and the probability model
  DistributionStats out_degree, in_degree, out_weight, in_weight;
  ProbabilityHistogram probability;
  NodeId max_in_probability_node = kNoNode;  // kNoNode for a graph without nodes
  double max_in_probability_sum = 0.0;
  bool lt_valid = true;
  std::uint64_t weak_components = 0;
  std::uint64_t largest_weak_component = 0;
  std::vector<RankedUser> top_out_weight;
  std::vector<RankedUser> top_in_weight;
};

// Computes the summary; `top_n` users per ranking (fewer if the graph is smaller).
GraphSummary summarize_graph(const InfluenceGraph& graph, std::size_t top_n = 10);

}  // namespace kuchikomi
