// Parallel counting sort of (key, value) items into per-key lists (CSR): the graph builders and the
// plain RR-set index (selection/rr_index.cpp) share it.
//
// The items are split into `chunks` fixed slices; each slice counts into its own histogram and later
// scatters into its own slots, so no atomics are needed and threads never write the same counter
// (atomic counters on the hub keys made two threads slower than one). emit_chunk(c, emit) must call
// emit(key, value) for every item of slice c, in the same order both times it is called. Each key's
// list holds its items in slice order, then in emit order: when the slices are consecutive ranges of
// an ordered input, the lists come out in input order, for any number of slices or threads.
// Memory: sizeof(Counter) bytes per key per slice, none with one slice (slice_count keeps it
// under about 1 GiB).
#pragma once
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/core/thread_limit.hpp"
#include "kuchikomi/core/types.hpp"

namespace kuchikomi::detail {

// offsets[v + 1] holds a count on entry; on exit offsets is the exclusive prefix sum.
inline void prefix_sum(std::vector<EdgeId>& offsets) {
  for (std::size_t i = 1; i < offsets.size(); ++i) offsets[i] += offsets[i - 1];
}

// Counts per key per slice, then positions relative to the key's start: a Counter of 32 bits is
// enough when no key gets 2^32 items (the RR index: a node is in a set at most once, and set ids
// are 32-bit), and halves the histograms. With one slice no histogram is needed at all: the
// offsets themselves count and then serve as the scatter cursors. `histograms` may be passed in
// to be reused across calls.
template <class EmitChunk, class Counter = EdgeId>
void counting_sort(NodeId n, std::size_t chunks, const EmitChunk& emit_chunk, std::vector<EdgeId>& offsets,
                   std::vector<NodeId>& values, std::vector<std::vector<Counter>>* histograms = nullptr) {
  offsets.assign(static_cast<std::size_t>(n) + 1, 0);
  if (chunks <= 1) {
    emit_chunk(0, [&](NodeId key, NodeId) { ++offsets[key + 1]; });
    prefix_sum(offsets);
    detail::assign_large(values, offsets.back(), NodeId{0});
    // offsets[key] walks to the end of key's list, which is where key + 1's list starts...
    emit_chunk(0, [&](NodeId key, NodeId value) { values[offsets[key]++] = value; });
    // ...so shifting by one slot restores the starts.
    std::copy_backward(offsets.begin(), offsets.end() - 1, offsets.end());
    offsets[0] = 0;
    if (histograms) histograms->clear();
    return;
  }
  std::vector<std::vector<Counter>> local;
  std::vector<std::vector<Counter>>& cursor = histograms ? *histograms : local;
  cursor.resize(chunks);
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    cursor[c].assign(n, 0);
    auto& count = cursor[c];
    emit_chunk(c, [&](NodeId key, NodeId) { ++count[key]; });
  });
  // Each slice's counts become its first position inside the key's list; the totals, offsets.
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 4096), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId u = range.begin(); u != range.end(); ++u) {
      EdgeId position = 0;
      for (std::size_t c = 0; c < chunks; ++c) position += std::exchange(cursor[c][u], static_cast<Counter>(position));
      offsets[u + 1] = position;
    }
  });
  prefix_sum(offsets);
  detail::assign_large(values, offsets.back(), NodeId{0});
  tbb::parallel_for(std::size_t{0}, chunks, [&](std::size_t c) {
    auto& next = cursor[c];
    emit_chunk(c, [&](NodeId key, NodeId value) { values[offsets[key] + next[key]++] = value; });
  });
}

// Slices: one per thread, fewer when the per-slice histograms (8 bytes x n each) would pass ~1 GiB.
inline std::size_t slice_count(NodeId n) {
  const auto threads = static_cast<std::size_t>(parallel_width());
  const std::size_t by_memory = std::max<std::size_t>(1, (std::size_t{1} << 27) / (static_cast<std::size_t>(n) + 1));
  return std::min(threads, by_memory);
}

}  // namespace kuchikomi::detail
