// Small graphs shared by the RIS tests (rr_sets, max_coverage, imm, opim_c).
#pragma once
#include <algorithm>
#include <functional>
#include <vector>

#include "support/exact_spread.hpp"
#include "support/graphs.hpp"

namespace kuchikomi::support {

// Two communities joined by weak links; 10 users, 15 edges (2^15 IC worlds). Every node's
// in-probabilities sum to at most 1, so the same graph serves IC and LT.
//
//      .5   .5  .4  .4            .6  .6  .5
//   0 ---> 1,2,3,4          5 ---> 6,7,8
//   1->2 .3   2->4 .2   3->9 .5   6->9 .3   8->9 .2   7->8 .3   9->0 .1   4->5 .1
inline InfluenceGraph two_hubs() {
  return make_graph(10, {{0, 1, .5f}, {0, 2, .5f}, {0, 3, .4f}, {0, 4, .4f}, {5, 6, .6f}, {5, 7, .6f}, {5, 8, .5f},
                         {1, 2, .3f}, {2, 4, .2f}, {3, 9, .5f}, {6, 9, .3f}, {8, 9, .2f}, {7, 8, .3f}, {9, 0, .1f},
                         {4, 5, .1f}});
}

inline double exact_spread(const InfluenceGraph& g, bool lt, std::span<const NodeId> seeds, std::uint32_t max_steps = 0,
                           const std::vector<std::uint8_t>& target = {}) {
  return lt ? exact_lt_spread(g, seeds, max_steps, target) : exact_ic_spread(g, seeds, max_steps, target);
}

// Best exact spread over all k-subsets of the allowed nodes that contain `fixed`.
inline double brute_force_optimum(const InfluenceGraph& g, bool lt, std::uint32_t k, const std::vector<std::uint8_t>& allowed,
                                  const std::vector<NodeId>& fixed = {}, std::uint32_t max_steps = 0,
                                  const std::vector<std::uint8_t>& target = {}) {
  std::vector<NodeId> pool;
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    if (allowed[u]) pool.push_back(u);
  double best = 0;
  std::vector<NodeId> chosen = fixed;
  std::function<void(std::size_t, std::uint32_t)> recurse = [&](std::size_t from, std::uint32_t left) {
    if (left == 0) {
      best = std::max(best, exact_spread(g, lt, chosen, max_steps, target));
      return;
    }
    for (std::size_t i = from; i < pool.size(); ++i) {
      chosen.push_back(pool[i]);
      recurse(i + 1, left - 1);
      chosen.pop_back();
    }
  };
  recurse(0, k);
  return best;
}

}  // namespace kuchikomi::support
