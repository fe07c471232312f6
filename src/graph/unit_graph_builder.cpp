// Parallel CSR build for generated graphs (see build_unit_graph in graph/generators.hpp).
//
// Counting sort by source with atomic counters and atomic cursors: the order in which threads fill
// a node's slots is arbitrary, but each list is then sorted and deduplicated, and the sorted unique
// set is the same whatever the schedule. The reverse direction is built the same way from the final
// forward arrays. Memory peak: 8 bytes/pair input + 4 + 4 bytes/edge of targets.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <atomic>

#include "kuchikomi/graph/generators.hpp"

namespace kuchikomi {
namespace {

constexpr std::size_t kGrain = 1 << 14;

using Counter = std::atomic_ref<EdgeId>;

// offsets[v + 1] holds a count on entry; on exit offsets is the exclusive prefix sum.
void prefix_sum(std::vector<EdgeId>& offsets) {
  for (std::size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
}

// Sorts each list [offsets[u], offsets[u+1]) of `values` in parallel over nodes.
void sort_lists(const std::vector<EdgeId>& offsets, std::vector<NodeId>& values) {
  const NodeId n = static_cast<NodeId>(offsets.size() - 1);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 256), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u)
      std::sort(values.begin() + static_cast<std::ptrdiff_t>(offsets[u]),
                values.begin() + static_cast<std::ptrdiff_t>(offsets[u + 1]));
  });
}

}  // namespace

InfluenceGraph build_unit_graph(NodeId num_nodes, std::vector<std::uint64_t> pairs, GraphProvenance provenance) {
  const NodeId n = num_nodes;
  const std::size_t total = pairs.size();

  // 1. Out-degree counts (self-loops skipped and counted).
  std::vector<EdgeId> offsets(static_cast<std::size_t>(n) + 1, 0);
  const std::uint64_t self_loops = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, total, kGrain), std::uint64_t{0},
      [&](const tbb::blocked_range<std::size_t>& range, std::uint64_t loops) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) {
          const auto u = static_cast<NodeId>(pairs[i] >> 32);
          const auto v = static_cast<NodeId>(pairs[i]);
          if (u == v) ++loops;
          else Counter(offsets[u + 1]).fetch_add(1, std::memory_order_relaxed);
        }
        return loops;
      },
      std::plus<>());
  prefix_sum(offsets);

  // 2. Scatter targets into their source's slots.
  std::vector<NodeId> scattered(offsets.back());
  {
    std::vector<EdgeId> cursor(offsets.begin(), offsets.end() - 1);
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, total, kGrain), [&](const tbb::blocked_range<std::size_t>& range) {
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        const auto u = static_cast<NodeId>(pairs[i] >> 32);
        const auto v = static_cast<NodeId>(pairs[i]);
        if (u != v) scattered[Counter(cursor[u]).fetch_add(1, std::memory_order_relaxed)] = v;
      }
    });
  }
  pairs = {};  // release 8 bytes/pair before the next allocations

  // 3. Sort and deduplicate each list; unique degree goes into degree[u + 1].
  std::vector<EdgeId> unique_offsets(static_cast<std::size_t>(n) + 1, 0);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 256), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u) {
      const auto begin = scattered.begin() + static_cast<std::ptrdiff_t>(offsets[u]);
      const auto end = scattered.begin() + static_cast<std::ptrdiff_t>(offsets[u + 1]);
      std::sort(begin, end);
      unique_offsets[u + 1] = static_cast<EdgeId>(std::unique(begin, end) - begin);
    }
  });
  prefix_sum(unique_offsets);
  const EdgeId m = unique_offsets.back();

  InfluenceGraph g;
  g.out_targets.resize(m);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 256), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u)
      std::copy_n(scattered.begin() + static_cast<std::ptrdiff_t>(offsets[u]), unique_offsets[u + 1] - unique_offsets[u],
                  g.out_targets.begin() + static_cast<std::ptrdiff_t>(unique_offsets[u]));
  });
  scattered = {};
  g.out_offsets = std::move(unique_offsets);

  // 4. Reverse direction: counting sort of the final edges by target.
  g.in_offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  tbb::parallel_for(tbb::blocked_range<EdgeId>(0, m, kGrain), [&](const tbb::blocked_range<EdgeId>& range) {
    for (EdgeId e = range.begin(); e != range.end(); ++e)
      Counter(g.in_offsets[g.out_targets[e] + 1]).fetch_add(1, std::memory_order_relaxed);
  });
  prefix_sum(g.in_offsets);
  g.in_sources.resize(m);
  {
    std::vector<EdgeId> cursor(g.in_offsets.begin(), g.in_offsets.end() - 1);
    tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 256), [&](const tbb::blocked_range<NodeId>& range) {
      for (NodeId u = range.begin(); u != range.end(); ++u)
        for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e)
          g.in_sources[Counter(cursor[g.out_targets[e]]).fetch_add(1, std::memory_order_relaxed)] = u;
    });
  }
  sort_lists(g.in_offsets, g.in_sources);

  g.out_prob.assign(m, 0.0f);
  g.in_prob.assign(m, 0.0f);
  g.out_weight.assign(m, 1.0f);
  g.out_count.assign(m, 1u);
  g.provenance = std::move(provenance);
  g.provenance.self_loops_dropped += self_loops;
  return g;
}

}  // namespace kuchikomi
