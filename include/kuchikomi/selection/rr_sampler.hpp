// Generates random reverse-reachable (RR) sets (Borgs, Brautbar, Chayes, Lucier, SODA 2014).
//
//   IC: reverse BFS from a root, flipping the coin of every in-edge examined once; the set is every
//       node that reaches the root over live edges. Pr[set i meets S] = I(S)/n.
//   LT: reverse random walk: at node v pick one in-edge (u,v) with probability p(u,v) (none with
//       1 - sum), stop on "none" or on revisiting a node — exactly a path in LT's live-edge world
//       where each node keeps at most one in-edge (Kempe et al. 2003, Thm 2.5).
//   Deadline T (max_steps > 0): only nodes within T reverse hops of the root. In a live-edge world
//       the activation round of a node is its hop distance from the seeds (Kempe et al. Claim 2.6),
//       and BFS (IC) / the unique reverse path (LT) find exactly those distances, so depth-bounded
//       sets are exact RR sets for the deadline spread.
//   Target segment: the root is drawn uniformly from the segment, so Pr[set meets S] = I_T(S)/|T|
//       and the spread estimate scales by |T| (scale()) instead of n.
//
// Determinism: sample i draws every coin from RandomStream(stream_key(rng_seed, domain, i)); samples
// are generated in parallel blocks keyed by index and concatenated in index order, so the
// collection is identical for any thread count.
// Memory: before appending each chunk the projected bytes (rr_memory_estimate, plus memory already
// held elsewhere) are compared with max_memory_bytes; over the cap, an InputError says how much the
// run needs instead of the OS killing the process.
#pragma once
#include <cstdint>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

struct RrSamplerConfig {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint32_t max_steps = 0;          // 0 = no deadline
  std::vector<NodeId> roots;            // target segment; empty = every node is a possible root
  std::uint64_t rng_seed = 1;
  StreamDomain domain = StreamDomain::kRrSample;
  std::uint64_t max_memory_bytes = 0;   // 0 = no cap
  // Local sample j is global sample index_offset + j * index_stride: a rank of a distributed run
  // (communicator.hpp) draws exactly its share of the serial sample.
  std::uint64_t index_offset = 0;
  std::uint64_t index_stride = 1;
};

class RrSampler {
 public:
  RrSampler(const InfluenceGraph& graph, RrSamplerConfig config);

  // Appends samples with indexes collection.size() .. count-1 (nothing when already that large).
  // `other_bytes`: memory held by other collections at the same time, counted against the cap.
  void extend(RrCollection& collection, std::uint64_t count, std::uint64_t other_bytes = 0) const;

  // Throws the memory InputError when `sets` sets of `mean_size` nodes would not fit the cap:
  // lets IMM fail before generating its final collection rather than part way through.
  void check_memory(std::uint64_t sets, double mean_size, std::uint64_t other_bytes = 0) const;

  // n, or |target| when rooting in the segment: spread = scale() * covered / sets.
  double scale() const noexcept;
  const RrSamplerConfig& config() const noexcept { return config_; }

 private:
  const InfluenceGraph* graph_;
  RrSamplerConfig config_;
};

}  // namespace kuchikomi
