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
// Reverse sampling (Borgs et al., SODA 2014): a reverse BFS from the root in which every in-edge of
// an expanded node is live with its probability, independently; the set is every node that reaches
// the root over live edges, so Pr[the set meets S] = I(S)/n. With a deadline T only nodes within T
// reverse hops are kept: in a live-edge world a node's activation round is its hop distance from
// the seeds (Kempe et al. Claim 2.6), and BFS levels are exactly those distances, so depth-bounded
// sets are exact for deadlines. Per live-edge world the reach of S is a coverage function, hence
// submodular.
//
// Which in-edges are live is drawn by subset sampling (Guo, Wang, Wei, Chen, "Influence Maximization
// Revisited: Efficient Reverse Reachable Set Generation with Bound Tightened", SIGMOD 2020), not by
// a coin per edge, so a node of in-degree d costs O(1 + expected live in-edges) instead of O(d):
//   * all in-edges of v have the same probability p (weighted cascade on unit weights, uniform):
//     the gaps between live edges are geometric, skip = floor(ln U / ln(1-p)), U uniform in (0, 1];
//   * they differ (weighted WC, trivalency, exp, learned): the in-edges are visited by decreasing
//     probability (ReverseIndex keeps that order); from position i the next candidate is found by a
//     geometric jump with the envelope q = p_i and accepted with probability p_j / q. Each edge is
//     then a candidate with probability q and accepted with p_j / q, i.e. live with probability p_j,
//     independently (the jump process is memoryless, so restarting it with a smaller envelope after
//     each candidate is exact);
//   * probabilities of kCoinProbability or more are flipped one by one: a coin is cheaper than a
//     logarithm when most edges are live anyway.
// The distribution of RR sets is the one of a coin per edge (tested: per-node hit frequencies).
#pragma once
#include <cmath>
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

  // Below this probability live in-edges are found by geometric jumps; at or above it, by coins.
  static constexpr float kCoinProbability = 0.2f;

  // What the reverse sampler reads besides the graph's reverse CSR, built once per graph.
  struct ReverseIndex {
    // One double per node says how its in-edges are drawn (a separate array of starts would cost
    // 8 more bytes per node):
    //   <= 0: all have the same probability p, and this is ln(1 - p) (0 for p = 0 or no in-edge,
    //         -inf for p = 1);
    //   >  0: they differ, and this is 1 + the position of the node's first in-edge in the sorted
    //         arrays below (an integer, exact in a double below 2^53); there are in-degree of them.
    std::vector<double> log_skip;
    // In-edges of the nodes whose probabilities differ, node by node, each node's by decreasing
    // probability. Empty when every node has equal in-probabilities.
    std::vector<NodeId> sorted_source;
    std::vector<float> sorted_prob;
    static bool differs(double log_skip) noexcept { return log_skip > 0.0; }
    static EdgeId sorted_start(double log_skip) noexcept { return static_cast<EdgeId>(log_skip) - 1; }
  };
  static ReverseIndex build_reverse_index(const InfluenceGraph& graph);

  // Appends one RR set rooted at `root` to `out` (which doubles as the BFS queue).
  static void sample_reverse(const InfluenceGraph& g, const ReverseIndex& index, NodeId root, RandomStream& rng,
                             std::uint32_t max_steps, ReverseScratch& scratch, std::vector<NodeId>& out) {
    reverse_bfs<false>(g, index, root, rng, max_steps, scratch, out, nullptr);
  }
  // The same, but the BFS stops at the first node u with stop[u] != 0 and the set is {u} alone
  // (HIST's sets truncated at the sentinel set, hist.hpp): every set containing a stop node is
  // covered by any seed set holding all stop nodes, whatever else it contains.
  static void sample_reverse_until(const InfluenceGraph& g, const ReverseIndex& index, NodeId root, RandomStream& rng,
                                   std::uint32_t max_steps, ReverseScratch& scratch, std::vector<NodeId>& out,
                                   const std::uint8_t* stop) {
    reverse_bfs<true>(g, index, root, rng, max_steps, scratch, out, stop);
  }

 private:
  template <bool kStop>
  static void reverse_bfs(const InfluenceGraph& g, const ReverseIndex& index, NodeId root, RandomStream& rng,
                          std::uint32_t max_steps, ReverseScratch& scratch, std::vector<NodeId>& out,
                          const std::uint8_t* stop) {
    const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
    const std::size_t begin = out.size();
    if constexpr (kStop) {
      if (stop[root]) {
        out.push_back(root);
        return;
      }
    }
    out.push_back(root);
    scratch.stamp[root] = mark;
    // Returns true when u is a stop node: the set is then {u} and the BFS ends.
    auto visit = [&](NodeId u) {
      if (scratch.stamp[u] != mark) {
        scratch.stamp[u] = mark;
        if constexpr (kStop) {
          if (stop[u]) {
            out.resize(begin);
            out.push_back(u);
            return true;
          }
        }
        out.push_back(u);
      }
      return false;
    };
    // A uniform in (0, 1], whose logarithm is finite.
    auto open_unit = [&] { return 1.0 - rng.next_double(); };
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
      if (first == last) continue;
      const double log_skip = index.log_skip[v];
      if (log_skip == 0.0) continue;  // p = 0: no in-edge is ever live
      if (ReverseIndex::differs(log_skip)) {  // differing probabilities, by decreasing probability
        EdgeId i = ReverseIndex::sorted_start(log_skip);
        const EdgeId end = i + (last - first);
        for (; i < end && index.sorted_prob[i] >= kCoinProbability; ++i)
          if (rng.next_float() < index.sorted_prob[i] && visit(index.sorted_source[i])) return;
        while (i < end) {
          const float envelope = index.sorted_prob[i];
          if (envelope <= 0.0f) break;  // the rest are 0 too
          const double skip = std::floor(std::log(open_unit()) / std::log1p(-static_cast<double>(envelope)));
          if (skip >= static_cast<double>(end - i)) break;
          i += static_cast<EdgeId>(skip);
          if (rng.next_double() * envelope < index.sorted_prob[i] && visit(index.sorted_source[i])) return;
          ++i;
        }
      } else if (g.in_prob[first] >= kCoinProbability) {  // equal and large: a coin each
        const float p = g.in_prob[first];
        for (EdgeId e = first; e < last; ++e)
          if (rng.next_float() < p && visit(g.in_sources[e])) return;
      } else {  // equal and small: geometric jumps over the in-edge list
        const EdgeId degree = last - first;
        for (EdgeId j = 0;;) {
          const double skip = std::floor(std::log(open_unit()) / log_skip);
          if (skip >= static_cast<double>(degree - j)) break;
          j += static_cast<EdgeId>(skip);
          if (visit(g.in_sources[first + j])) return;
          if (++j >= degree) break;
        }
      }
    }
  }
};

}  // namespace kuchikomi
