// Linear Threshold (Kempe, Kleinberg, Tardos, KDD 2003, section 2): node v draws a threshold
// theta_v uniformly in [0,1]; v becomes active in round t when the summed weights p(u,v) of its
// in-neighbours active before round t reach theta_v. Weights are the graph's in-probabilities and
// must sum to at most 1 per node (check_applicable), which is what makes LT equivalent to the
// live-edge process "v keeps in-edge (u,v) with probability p(u,v), none with 1 - sum"
// (Kempe et al., Theorem 2.5) that tests/exact_spread.hpp enumerates.
//
// theta_v in run r is to_unit_float(value_at(key_r, m + v)): keyed by node, disjoint from IC's edge
// indexes [0, m), drawn lazily the first time an active in-neighbour touches v, so the result is
// independent of touch order and untouched nodes cost nothing. theta takes the 2^24 values k/2^24;
// v activates when theta < sum (strict), so P(active | sum S) = ceil(S 2^24)/2^24: exactly 0 for
// S = 0, 1 for S >= 1, and within 2^-24 of S otherwise.
//
// Invariant: state[v] is meaningful only when state[v].epoch == the run's epoch; a new run bumps the
// epoch instead of clearing n entries.
//
// Reverse sampling: a reverse random walk — at node v pick one in-edge (u,v) with probability p(u,v)
// (none with 1 - sum), stop on "none" or on revisiting a node. That is exactly the path to the root
// in LT's live-edge world where each node keeps at most one in-edge (Kempe et al. Theorem 2.5); with
// a deadline T the walk stops after T steps (the unique reverse path gives hop distances). The
// in-edge is found by binary search in the node's cumulative in-probabilities (ReverseIndex), so a
// step costs O(log d) instead of a scan of the d in-edges; the choice is the scan's, bit for bit.
// One simulated world here fixes the thresholds, and LT's spread over fixed thresholds is NOT
// submodular in the seed set (only its expectation is).
#pragma once
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/diffusion_model.hpp"

namespace kuchikomi {

struct LinearThreshold {
  static constexpr DiffusionModelKind kKind = DiffusionModelKind::kLinearThreshold;
  static constexpr std::string_view kName = "lt";
  static constexpr std::string_view kShortName = "LT";
  static constexpr std::string_view kDisplayName = "linear threshold";
  static constexpr bool kSubmodularPerWorld = false;
  static constexpr bool kNeedsInSumsAtMostOne = true;
  // Rounding slack for the sum check: WC probabilities are floats that sum to 1 within ~1e-7.
  static constexpr double kSumTolerance = 1e-5;

  struct NodeState {  // 16 bytes: one cache line access per touched node
    std::uint32_t epoch = 0;
    float threshold = 0;
    double sum = 0;  // double: summing many small floats must not drift from the exact sum
  };
  struct Scratch {
    std::vector<NodeState> state;
    std::uint32_t epoch = 0;
  };

  // Throws InputError naming the node whose in-probabilities sum above 1.
  static void check_applicable(const InfluenceGraph& graph);

  static void prepare(Scratch& scratch, const InfluenceGraph& graph) {
    if (scratch.state.size() < graph.num_nodes()) scratch.state.resize(graph.num_nodes());
  }
  static void begin_run(Scratch& scratch, std::uint64_t) {
    if (++scratch.epoch == 0) {
      for (auto& s : scratch.state) s.epoch = 0;
      scratch.epoch = 1;
    }
  }

  static std::uint64_t spread_from(const InfluenceGraph& graph, Scratch& scratch, std::uint64_t key, NodeId u,
                                   ActivationFrontier& frontier) {
    const EdgeId begin = graph.out_offsets[u];
    const EdgeId end = graph.out_offsets[u + 1];
    const EdgeId m = graph.num_edges();
    const NodeId* targets = graph.out_targets.data();
    const float* prob = graph.out_prob.data();
    NodeState* state = scratch.state.data();
    const std::uint32_t epoch = scratch.epoch;
    for (EdgeId e = begin; e < end; ++e) {
      const NodeId v = targets[e];
      if (frontier.is_active(v)) continue;
      NodeState& s = state[v];
      if (s.epoch != epoch) {
        s.epoch = epoch;
        s.threshold = to_unit_float(value_at(key, m + v));
        s.sum = 0;
      }
      s.sum += prob[e];
      if (static_cast<double>(s.threshold) < s.sum) frontier.activate(v);
    }
    return end - begin;
  }

  // What the reverse walk reads besides the graph: per in-edge e of v (the graph's in-edge order),
  // the sum of v's in-probabilities up to and including e, summed in double in that order.
  struct ReverseIndex {
    std::vector<double> cumulative;
  };
  static ReverseIndex build_reverse_index(const InfluenceGraph& graph);

  // Appends one LT RR set (a reverse random walk) rooted at `root`.
  static void sample_reverse(const InfluenceGraph& g, const ReverseIndex& index, NodeId root, RandomStream& rng,
                             std::uint32_t max_steps, ReverseScratch& scratch, std::vector<NodeId>& out) {
    sample_reverse_until(g, index, root, rng, max_steps, scratch, out, nullptr);
  }
  // The same, but the walk stops at the first node u with stop[u] != 0 (stop may be null) and the
  // set is {u} alone: HIST's truncated sets (hist.hpp).
  static void sample_reverse_until(const InfluenceGraph& g, const ReverseIndex& index, NodeId root, RandomStream& rng,
                                   std::uint32_t max_steps, ReverseScratch& scratch, std::vector<NodeId>& out,
                                   const std::uint8_t* stop) {
    const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
    const std::size_t set_begin = out.size();
    if (stop && stop[root]) {
      out.push_back(root);
      return;
    }
    out.push_back(root);
    scratch.stamp[root] = mark;
    NodeId v = root;
    for (std::uint32_t step = 0; max_steps == 0 || step < max_steps; ++step) {
      const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
      if (first == last) break;
      // One uniform draw selects the in-edge whose cumulative probability interval contains it:
      // the first e with x < cumulative[e]; none when x is at or above the node's total.
      const double x = rng.next_double();
      const double* begin = index.cumulative.data() + first;
      const double* end = index.cumulative.data() + last;
      const double* hit = std::upper_bound(begin, end, x);
      if (hit == end) break;  // no live in-edge
      const NodeId chosen = g.in_sources[first + static_cast<EdgeId>(hit - begin)];
      if (scratch.stamp[chosen] == mark) break;  // a cycle
      if (stop && stop[chosen]) {
        out.resize(set_begin);
        out.push_back(chosen);
        return;
      }
      scratch.stamp[chosen] = mark;
      out.push_back(chosen);
      v = chosen;
    }
  }
};

}  // namespace kuchikomi
