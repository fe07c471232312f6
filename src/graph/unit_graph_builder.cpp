// Parallel CSR build for generated graphs (see build_unit_graph in graph/generators.hpp).
//
// Counting sort by source over fixed slices of the input (one histogram per slice, no atomics), then
// each list is sorted and deduplicated: the sorted unique set is the same whatever the slicing or
// schedule. The reverse direction is built the same way from the final forward arrays. Memory peak:
// 8 bytes/pair input + 4 + 4 bytes/edge of targets + 8 bytes/node per slice.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <utility>

#include "core/parallel_counting_sort.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/graph/generators.hpp"

namespace kuchikomi {
namespace {

using detail::counting_sort;
using detail::prefix_sum;
using detail::slice_count;

constexpr std::size_t kGrain = 1 << 14;

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
  const std::size_t chunks = slice_count(n);

  // 1. Counting sort by source (self-loops skipped and counted).
  const std::uint64_t self_loops = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, total, kGrain), std::uint64_t{0},
      [&](const tbb::blocked_range<std::size_t>& range, std::uint64_t loops) {
        for (std::size_t i = range.begin(); i != range.end(); ++i) loops += (pairs[i] >> 32) == (pairs[i] & 0xFFFFFFFFULL);
        return loops;
      },
      std::plus<>());
  std::vector<EdgeId> offsets;
  std::vector<NodeId> scattered;
  counting_sort(
      n, chunks,
      [&](std::size_t c, auto&& emit) {
        for (std::size_t i = total * c / chunks; i < total * (c + 1) / chunks; ++i) {
          const auto u = static_cast<NodeId>(pairs[i] >> 32);
          const auto v = static_cast<NodeId>(pairs[i]);
          if (u != v) emit(u, v);
        }
      },
      offsets, scattered);
  pairs = {};  // release 8 bytes/pair before the next allocations

  // 2. Sort and deduplicate each list; the unique degree goes into unique_offsets[u + 1].
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
  detail::assign_large(g.out_targets, m, NodeId{0});
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 256), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u)
      std::copy_n(scattered.begin() + static_cast<std::ptrdiff_t>(offsets[u]), unique_offsets[u + 1] - unique_offsets[u],
                  g.out_targets.begin() + static_cast<std::ptrdiff_t>(unique_offsets[u]));
  });
  scattered = {};
  g.out_offsets = std::move(unique_offsets);

  // 3. Reverse direction: counting sort of the final edges by target, sliced by edge index.
  counting_sort(
      n, chunks,
      [&](std::size_t c, auto&& emit) {
        const EdgeId begin = m * c / chunks, end = m * (c + 1) / chunks;
        // The source of edge `begin`: the last node whose out-list starts at or before it.
        NodeId u = static_cast<NodeId>(std::upper_bound(g.out_offsets.begin(), g.out_offsets.end(), begin) -
                                       g.out_offsets.begin() - 1);
        for (EdgeId e = begin; e < end; ++e) {
          while (g.out_offsets[u + 1] <= e) ++u;
          emit(g.out_targets[e], u);
        }
      },
      g.in_offsets, g.in_sources);
  sort_lists(g.in_offsets, g.in_sources);

  detail::assign_large(g.out_prob, m, 0.0f);
  detail::assign_large(g.in_prob, m, 0.0f);
  detail::assign_large(g.out_weight, m, 1.0f);
  detail::assign_large(g.out_count, m, 1u);
  g.provenance = std::move(provenance);
  g.provenance.self_loops_dropped += self_loops;
  return g;
}

}  // namespace kuchikomi
