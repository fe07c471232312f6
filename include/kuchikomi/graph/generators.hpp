// Synthetic influence graphs: R-MAT and Chung-Lu power-law for scaling experiments, the
// configuration model for checks against exact percolation results.
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
//
//   Configuration model (Molloy & Reed, Random Struct. Alg. 6, 1995; Newman, Strogatz & Watts,
//     Phys. Rev. E 64, 026118, 2001): an undirected random graph with a given degree distribution
//     p_k, the graph whose outbreak sizes under bond percolation (IC with one uniform p) Newman,
//     Phys. Rev. E 66, 016128 (2002) solves with generating functions. Node v's degree is drawn by
//     inverse CDF from p_k with value 0 of stream_key(rng_seed, kGraphGeneration, v) (parallel,
//     thread-count independent). An odd stub total is made even by redrawing the last node's degree
//     from p_k conditioned on the parity that fits (value 1 of its stream): the same law as redrawing
//     until the parity fits, without the loop. The stubs are shuffled by one serial Fisher-Yates pass
//     on the stream stream_key(rng_seed, kGraphWiring, 0) and consecutive stubs paired; a pair {a, b}
//     gives the arcs a -> b and b -> a. Self-loops are dropped and multi-edges merged: this is the
//     "erased" configuration model, which removes O(1) edges in all for distributions with finite
//     <k^2> (about (<k^2>-<k>)/(2<k>) loops and ((<k^2>-<k>)/<k>)^2 / 2 repeated pairs), so its
//     degree law tends to p_k. provenance.interactions counts the arcs drawn (the stub total) and
//     self_loops_dropped the arcs dropped, two per self-loop.
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

// Degree law of a configuration-model graph. Spelled "poisson:MEAN" (p_k = e^-c c^k / k!, k >= 0,
// MEAN = c > 0) or "powerlaw-cutoff:TAU,KAPPA" (p_k = C k^-TAU e^(-k/KAPPA) for k >= 1, p_0 = 0, any
// real TAU, KAPPA > 0; the family of Newman 2001/2002).
struct DegreeDistribution {
  enum class Kind { kPoisson, kPowerLawCutoff };
  Kind kind = Kind::kPoisson;
  double mean = 0.0;   // poisson: c; the default 0 is no distribution and is rejected
  double tau = 0.0;    // powerlaw-cutoff exponent
  double kappa = 0.0;  // powerlaw-cutoff cutoff
  std::string text() const;  // canonical spelling, parsed back to the same values
};

// Throws UsageError naming the accepted spellings for empty or malformed text, MEAN <= 0, KAPPA <= 0.
DegreeDistribution parse_degree_distribution(const std::string& text);

// p_0 .. p_K: the table the generator samples from, cut at the smallest K whose tail mass beyond K is
// below 1e-15 (by a geometric bound on the ratio of successive terms) and normalised to sum 1.
// Throws UsageError for invalid parameters or when K would pass 2^24 (a MEAN or KAPPA that large).
std::vector<double> degree_pmf(const DegreeDistribution& distribution);

// Erased configuration model (see above) on N nodes; throws UsageError for N < 1 (or N >= 2^32 - 1),
// an invalid distribution, or one with mass on odd degrees only when N is odd (no even stub total).
InfluenceGraph generate_configuration_model(NodeId num_nodes, const DegreeDistribution& distribution,
                                            std::uint64_t rng_seed);

// The generators' CSR build: (source << 32 | target) pairs -> unit-weight graph with self-loops
// dropped and duplicates merged into one edge. Parallel counting sort by source, then a parallel
// sort of each (short) adjacency list, so it is O(m) plus small sorts and the result is the same
// for any thread count. Much faster than build_influence_graph, which sorts 32-byte records.
InfluenceGraph build_unit_graph(NodeId num_nodes, std::vector<std::uint64_t> pairs, GraphProvenance provenance);

}  // namespace kuchikomi
