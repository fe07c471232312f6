// The greedy max-coverage loop of max_coverage.hpp, written once over a "coverage state" so that the
// serial state (counts of one collection) and the distributed one (counts summed over MPI ranks,
// distributed_coverage.cpp) run exactly the same picks, tie-breaks and bounds.
//
// State interface:
//   std::vector<std::uint64_t> cover_include(std::span<const NodeId>)  newly covered sets per node, in order
//   std::uint64_t cover(NodeId)   covers every set containing the node; returns how many were new
//   std::uint64_t count(NodeId)   uncovered sets containing the node (over the whole sample)
//   std::uint64_t total()         sets covered so far
//   std::uint64_t sets()          sets in the whole sample (valid after cover_include)
// Counts only decrease, which is what makes the lazy heaps below exact (see max_coverage.hpp).
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <vector>

#include "kuchikomi/selection/max_coverage.hpp"

namespace kuchikomi::detail {

using CountEntry = CoverageHeapEntry;
// Max-heap order: larger count first, then smaller node id (deterministic ties).
struct CountLess {
  bool operator()(const CountEntry& a, const CountEntry& b) const noexcept {
    return a.count != b.count ? a.count < b.count : a.node > b.node;
  }
};

struct RatioEntry {
  double ratio;
  std::uint64_t count;  // count the ratio was computed from (stale when it differs)
  NodeId node;
};
struct RatioLess {
  bool operator()(const RatioEntry& a, const RatioEntry& b) const noexcept {
    return a.ratio != b.ratio ? a.ratio < b.ratio : a.node > b.node;
  }
};

inline constexpr double kBudgetSlack = 1e-9;  // relative slack so that costs summing to the budget fit

// `heap` is the caller's buffer, reused across calls; what it holds on entry does not matter.
template <class State>
CoverageResult run_greedy_coverage(State& state, std::size_t n, const CoverageRequest& request,
                                   std::vector<CountEntry>& heap) {
  if (request.candidate.size() != n) throw std::invalid_argument("greedy_max_coverage: candidate mask size");
  CoverageResult result;
  result.include_gains = state.cover_include(request.include);
  result.sets = state.sets();
  auto cost_of = [&](NodeId u) { return request.costs.empty() ? 1.0 : request.costs[u]; };

  if (request.budget <= 0) {
    result.rule = "greedy";
    // The heap holds the candidates in at least one uncovered set: on a sparse sample of a big graph
    // a small fraction of n. Candidates with nothing to gain are picked only when nothing else is
    // left, by increasing id (the heap's tie rule), from the scan at the end.
    heap.clear();
    for (NodeId u = 0; u < n; ++u)
      if (request.candidate[u] && state.count(u) > 0) heap.push_back({state.count(u), u});
    std::make_heap(heap.begin(), heap.end(), CountLess{});
    // Top-k bound: cov(S_i) + the k largest current marginal counts, minimised over prefixes. The k
    // largest come off the lazy heap itself: a popped entry whose count is current is the largest
    // left (keys are never below current counts), so k fresh pops are the top k, in O(k log n)
    // instead of a scan of all n counts after every pick. They go back on the heap afterwards.
    std::vector<CountEntry> fresh;
    const std::size_t bound_k = request.bound_k > 0 ? request.bound_k : request.k;
    auto prefix_bound = [&] {
      fresh.clear();
      std::uint64_t bound = state.total();
      while (fresh.size() < bound_k && !heap.empty()) {
        std::pop_heap(heap.begin(), heap.end(), CountLess{});
        const CountEntry top = heap.back();
        heap.pop_back();
        const std::uint64_t now = state.count(top.node);
        if (now != top.count) {
          if (now > 0) {
            heap.push_back({now, top.node});
            std::push_heap(heap.begin(), heap.end(), CountLess{});
          }
          continue;
        }
        fresh.push_back(top);
        bound += now;
      }
      for (const CountEntry& entry : fresh) {
        heap.push_back(entry);
        std::push_heap(heap.begin(), heap.end(), CountLess{});
      }
      return bound;
    };
    std::uint64_t bound = request.upper_bound ? prefix_bound() : 0;
    auto pick = [&](NodeId u) {
      result.seeds.push_back(u);
      result.gains.push_back(state.cover(u));
      result.budget_spent += cost_of(u);
      if (request.upper_bound) bound = std::min(bound, prefix_bound());
    };
    while (result.seeds.size() < request.k && !heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), CountLess{});
      const CountEntry top = heap.back();
      heap.pop_back();
      const std::uint64_t now = state.count(top.node);
      if (now != top.count) {  // stale: counts only fall, re-queue with the fresh one (gone at 0)
        if (now > 0) {
          heap.push_back({now, top.node});
          std::push_heap(heap.begin(), heap.end(), CountLess{});
        }
        continue;
      }
      pick(top.node);
    }
    if (result.seeds.size() < request.k) {  // only zero gains left: lowest ids first
      std::vector<NodeId> chosen(result.seeds.begin(), result.seeds.end());
      std::sort(chosen.begin(), chosen.end());
      for (NodeId u = 0; u < n && result.seeds.size() < request.k; ++u)
        if (request.candidate[u] && !std::binary_search(chosen.begin(), chosen.end(), u)) pick(u);
    }
    result.covered = state.total();
    result.coverage_upper_bound = bound;
    return result;
  }

  // Budgeted. Best single affordable seed on top of include (counts right now are exactly that).
  NodeId best_single = kNoNode;
  for (NodeId u = 0; u < n; ++u) {
    if (!request.candidate[u] || cost_of(u) > request.budget * (1 + kBudgetSlack)) continue;
    if (best_single == kNoNode || state.count(u) > state.count(best_single)) best_single = u;
  }
  const std::uint64_t include_total = state.total();
  const std::uint64_t single_gain = best_single == kNoNode ? 0 : state.count(best_single);

  std::vector<RatioEntry> ratio_heap;
  for (NodeId u = 0; u < n; ++u)
    if (request.candidate[u] && cost_of(u) <= request.budget * (1 + kBudgetSlack))
      ratio_heap.push_back({static_cast<double>(state.count(u)) / cost_of(u), state.count(u), u});
  std::make_heap(ratio_heap.begin(), ratio_heap.end(), RatioLess{});
  double spent = 0;
  while (!ratio_heap.empty() && (request.k == 0 || result.seeds.size() < request.k)) {
    std::pop_heap(ratio_heap.begin(), ratio_heap.end(), RatioLess{});
    RatioEntry top = ratio_heap.back();
    ratio_heap.pop_back();
    const double cost = cost_of(top.node);
    if (spent + cost > request.budget * (1 + kBudgetSlack)) continue;  // never affordable again
    const std::uint64_t now = state.count(top.node);
    if (now != top.count) {
      ratio_heap.push_back({static_cast<double>(now) / cost, now, top.node});
      std::push_heap(ratio_heap.begin(), ratio_heap.end(), RatioLess{});
      continue;
    }
    if (now == 0) break;  // nothing left to gain: spending more budget would only waste it
    result.seeds.push_back(top.node);
    result.gains.push_back(state.cover(top.node));
    spent += cost;
  }
  result.rule = "ratio-greedy";
  result.budget_spent = spent;
  result.covered = state.total();
  // The best single seed also stands in when ratio greedy found nothing worth buying.
  if (best_single != kNoNode && (include_total + single_gain > result.covered || result.seeds.empty())) {
    result.rule = "best-single";
    result.seeds = {best_single};
    result.gains = {single_gain};
    result.covered = include_total + single_gain;
    result.budget_spent = cost_of(best_single);
  }
  return result;
}

}  // namespace kuchikomi::detail
