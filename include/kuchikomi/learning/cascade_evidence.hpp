// What the training cascades say about every edge: the counts all four learning methods are
// formulas over, gathered in one pass.
//
// For an item, let t_x be the time user x adopted it (undefined if x never did), and W the window
// (--window; infinite when not given). For an edge u -> v:
//   * u is a potential parent of v's adoption when t_u < t_v <= t_u + W: u adopted first and v
//     followed within the window, so u may have caused it (Goyal et al. 2010's "action propagated
//     from u to v"; Saito et al. 2008's parent set, with the round t-1 generalised to the window);
//   * u's adoption was a trial of the edge unless v had already adopted (t_v <= t_u): a trial
//     succeeded when u is a potential parent of v, and failed otherwise (v never adopted, or only
//     after the window closed);
//   * an adoption with no potential parent is an initiator's (an outside source started it).
//
// Counts per node u: A_u = training items u adopted. Per edge e = u -> v (forward CSR index):
//   propagations[e] = items with u a potential parent of v        (A_{u2v}; Saito's |S+_{u,v}|)
//   co_adoptions[e] = items both u and v adopted, in any order      (A_{u&v})
//   trials[e]       = A_u - items with t_v <= t_u                   (Saito's |S+_{u,v}| + |S-_{u,v}|)
// and the parent sets themselves (observations), in both directions: observation o = one adoption
// with at least one potential parent, parents(o) = the edges u -> v of its potential parents; and
// per edge, the observations it is a parent in (ascending), which EM and partial credit sum over.
//
// Cost: for each adoption of v, its adopting in-neighbours are found either by scanning v's
// in-edges (cost in-degree) or, when the item has fewer adopters than that, by a binary search of v
// among each adopter's sorted out-edges; Σ min(in-degree, adopters · log). Parallel over items in
// fixed blocks; counters are integers added atomically and lists concatenated in block order, so the
// result does not depend on the thread count.
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/adoption_data.hpp"

namespace kuchikomi {

inline constexpr double kNoWindow = std::numeric_limits<double>::infinity();

struct CascadeEvidence {
  double window = kNoWindow;
  std::vector<std::uint32_t> node_adoptions;  // A_u, per node
  std::vector<std::uint32_t> propagations;    // per forward edge
  std::vector<std::uint32_t> co_adoptions;    // per forward edge
  std::vector<std::uint32_t> trials;          // per forward edge
  // Observations: adoptions with at least one potential parent.
  std::vector<std::uint64_t> parent_offsets;  // observations + 1
  std::vector<EdgeId> parent_edges;           // forward edge ids, the parents of each observation
  std::vector<NodeId> observation_user;       // the adopter of each observation (v)
  // Transpose: edge e is a parent in observations edge_observations[edge_offsets[e], edge_offsets[e+1]).
  std::vector<std::uint64_t> edge_offsets;    // edges + 1
  std::vector<std::uint64_t> edge_observations;

  std::uint64_t items = 0;
  std::uint64_t adoptions = 0;
  std::uint64_t initiators = 0;  // adoptions with no potential parent
  std::uint64_t observations() const noexcept { return observation_user.size(); }
};

// Throws UsageError when window <= 0 (or NaN).
CascadeEvidence collect_evidence(const InfluenceGraph& graph, const Cascades& cascades, double window = kNoWindow);

// For each in-edge slot of the reverse CSR, the index of the same edge in the forward CSR.
std::vector<EdgeId> reverse_to_forward(const InfluenceGraph& graph);

// Per adoption of `cascades` (flat index as in Cascades::users): 1 when no in-neighbour of the
// adopter adopted the item earlier (within `window`): the initiators, whom validation seeds.
std::vector<std::uint8_t> initiator_flags(const InfluenceGraph& graph, const Cascades& cascades, double window);

}  // namespace kuchikomi
