// Synthetic influence graphs for scaling experiments: R-MAT and Chung-Lu power-law.
//
//   R-MAT (Chakrabarti, Zhan, Faloutsos, "R-MAT: A Recursive Model for Graph Mining", SDM 2004):
//     each edge descends log2(N') levels of the adjacency matrix (N' = N rounded up to a power of
//     two), choosing quadrant a (top-left), b (top-right), c (bottom-left) or d = 1-a-b-c at each
//     level; rows are sources. Optional noise (the paper's smoothing, sec. 3): at every level each
//     of a, b, c, d is multiplied by an independent factor in [1-noise, 1+noise] and renormalised.
//     N need not be a power of two: an edge with an endpoint >= N is redrawn from the same stream
//     (acceptance >= a per try), so the graph has exactly N nodes and is R-MAT conditioned on them.
//     Low ids are the hubs (no id permutation).
//   Power-law (Chung & Lu, "Connected components in random graphs with given expected degree
//     sequences", Ann. Comb. 2002; directed): source and target of each edge are drawn
//     independently with probability proportional to w_i = ∫_{i+1}^{i+2} x^-α dx, α = 1/(γ-1), by
//     inverting the continuous CDF (O(1) per draw, no table). Expected degree of node i is
//     M * w_i / Σw, so P(degree >= d) falls as d^-(γ-1): degree exponent γ. Node 0 is the largest hub.
//
// Both draw edge e from its own stream stream_key(rng_seed, kGraphGeneration, e), so generation is a
// parallel loop over edges whose result does not depend on the thread count. Self-loops are dropped
// (counted in provenance.self_loops_dropped) and repeated pairs kept once, so the graph has at most
// M edges; every kept edge has interaction weight 1 and count 1 and probability 0 until
// assign_probabilities (--prob) sets it. Labels are implicit ("0".."N-1").
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct RmatParameters {
  double a = 0.57, b = 0.19, c = 0.19;  // d = 1 - a - b - c
  double noise = 0.0;                   // in [0, 1)
};

// Throw UsageError for N < 1 (or N >= 2^32 - 1), a, b, c, d outside [0, 1] or a = 0, noise outside
// [0, 1), gamma <= 1.
InfluenceGraph generate_rmat(NodeId num_nodes, EdgeId num_edges, std::uint64_t rng_seed,
                             const RmatParameters& params = {});
InfluenceGraph generate_powerlaw(NodeId num_nodes, EdgeId num_edges, std::uint64_t rng_seed, double gamma = 2.1);

// The generators' CSR build: (source << 32 | target) pairs -> unit-weight graph with self-loops
// dropped and duplicates merged into one edge. Parallel counting sort by source, then a parallel
// sort of each (short) adjacency list, so it is O(m) plus small sorts and the result is the same
// for any thread count. Much faster than build_influence_graph, which sorts 32-byte records.
InfluenceGraph build_unit_graph(NodeId num_nodes, std::vector<std::uint64_t> pairs, GraphProvenance provenance);

}  // namespace kuchikomi
