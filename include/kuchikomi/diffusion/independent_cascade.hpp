// Independent Cascade (Kempe, Kleinberg, Tardos, KDD 2003, section 2): when u becomes active in
// round t it gets exactly one chance to activate each inactive out-neighbour v in round t+1,
// succeeding with probability p(u,v), independently of everything else.
//
// The coin of forward edge e in run r is to_unit_float(value_at(key_r, e)) < out_prob[e]. Because
// the coin belongs to the edge (not to "the k-th draw"), run r is exactly the live-edge world
// {e : coin_e < p_e} of Kempe et al.'s Claim 2.3, the same for every seed set (common random
// numbers for greedy), and independent of the order the frontier is processed in.
// 24-bit uniforms: p = 0 never fires, p = 1 always does; the bias is below 2^-24 per edge.
#pragma once
#include <cstdint>
#include <string_view>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/diffusion_model.hpp"

namespace kuchikomi {

struct IndependentCascade {
  static constexpr DiffusionModelKind kKind = DiffusionModelKind::kIndependentCascade;
  static constexpr std::string_view kName = "ic";
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
};

}  // namespace kuchikomi
