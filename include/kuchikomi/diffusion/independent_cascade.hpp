// Independent Cascade (Kempe, Kleinberg, Tardos, KDD 2003, section 2): when u becomes active in
// round t it gets exactly one chance to activate each inactive out-neighbour v in round t+1,
// succeeding with probability p(u,v), independently of everything else.
//
// The coin of forward edge e in run r is to_unit_float(value_at(key_r, e)) < out_prob[e]. Because
// the coin belongs to the edge (not to "the k-th draw"), run r is exactly the live-edge world
// {e : coin_e < p_e} of Kempe et al.'s Claim 2.3, the same for every seed set (common random
// numbers for greedy), and independent of the order the frontier is processed in.
// 24-bit uniforms: p = 0 never fires, p = 1 always does; the bias is below 2^-24 per edge.
//
// Reverse sampling (Borgs et al., SODA 2014): a reverse BFS from the root that flips the coin of
// every in-edge it examines once; the set is every node that reaches the root over live edges, so
// Pr[the set meets S] = I(S)/n. With a deadline T only nodes within T reverse hops are kept: in a
// live-edge world a node's activation round is its hop distance from the seeds (Kempe et al. Claim
// 2.6), and BFS levels are exactly those distances, so depth-bounded sets are exact for deadlines.
// Per live-edge world the reach of S is a coverage function, hence submodular.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/diffusion_model.hpp"

namespace kuchikomi {

struct IndependentCascade {
  static constexpr DiffusionModelKind kKind = DiffusionModelKind::kIndependentCascade;
  static constexpr std::string_view kName = "ic";
  static constexpr std::string_view kShortName = "IC";
  static constexpr std::string_view kDisplayName = "independent cascade";
  static constexpr bool kSubmodularPerWorld = true;
  static constexpr bool kNeedsInSumsAtMostOne = false;
  struct Scratch {};  // IC keeps no per-node state: the engine's active marks are enough

  static void check_applicable(const InfluenceGraph&) {}  // any probabilities in [0,1] are fine
  static void prepare(Scratch&, const InfluenceGraph&) {}
  static void begin_run(Scratch&, std::uint64_t) {}

  static std::uint64_t spread_from(const InfluenceGraph& graph, Scratch&, std::uint64_t key, NodeId u,
                                   ActivationFrontier& frontier) {
    const EdgeId begin = graph.out_offsets[u];
    const EdgeId end = graph.out_offsets[u + 1];
    const NodeId* targets = graph.out_targets.data();
    const float* prob = graph.out_prob.data();
    for (EdgeId e = begin; e < end; ++e) {
      // Coin first: it touches only sequential arrays; the random access to v's mark is paid only
      // for live edges (most edges are dead at typical probabilities). Same outcome either way.
      if (to_unit_float(value_at(key, e)) < prob[e]) {
        const NodeId v = targets[e];
        if (!frontier.is_active(v)) frontier.activate(v);
      }
    }
    return end - begin;
  }

  // Appends one RR set rooted at `root` to `out` (which doubles as the BFS queue); returns the
  // number of in-edges examined.
  static std::uint64_t sample_reverse(const InfluenceGraph& g, NodeId root, RandomStream& rng, std::uint32_t max_steps,
                                      ReverseScratch& scratch, std::vector<NodeId>& out) {
    const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
    const std::size_t begin = out.size();
    out.push_back(root);
    scratch.stamp[root] = mark;
    std::uint64_t width = 0;
    std::size_t head = begin;
    std::uint32_t level = 0;
    std::size_t level_end = out.size();  // BFS levels delimit hop distance for deadlines
    while (head < out.size()) {
      if (head == level_end) {
        ++level;
        level_end = out.size();
      }
      if (max_steps > 0 && level >= max_steps) break;  // nodes at depth T are not expanded
      const NodeId v = out[head++];
      const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
      width += last - first;
      for (EdgeId e = first; e < last; ++e) {
        if (rng.next_float() < g.in_prob[e]) {
          const NodeId u = g.in_sources[e];
          if (scratch.stamp[u] != mark) {
            scratch.stamp[u] = mark;
            out.push_back(u);
          }
        }
      }
    }
    return width;
  }
};

}  // namespace kuchikomi
