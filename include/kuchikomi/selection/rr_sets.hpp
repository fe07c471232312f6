// Reverse-reachable (RR) set collections, stored flat, and the node -> sets index greedy needs.
//
// Storage: one offsets array, sets concatenated in sample-index order, in one of two layouts:
//  - plain (the default): set i is nodes[offsets[i], offsets[i + 1]), in the order it was drawn
//    (its root first).
//  - packed, when memory is tight (the sampler decides, rr_sampler.hpp): each set's nodes sorted
//    and gap-coded (gap_code.hpp), bytes[offsets[i], offsets[i + 1]): about 1.5-1.9 bytes per
//    entry instead of 4 on the graphs of experiments/RESULTS.md. Nothing reads a set's order, only
//    its members, so greedy, coverage counts and the index are the same either way.
// Flat storage is the point: a vector of vectors costs a heap block (and 24 bytes of header) per
// set, and RIS routinely holds tens of millions of sets. for_each_node / any_node read both
// layouts; set() only the plain one.
//
// Index: node u's list holds the ids of the sets containing u, increasing, as 4-byte ids or, when
// memory is tight, gap-coded (rr_index.hpp).
//
// Invariants: offsets.front() == 0, offsets.size() == size() + 1, offsets.back() == nodes.size()
// (plain) or bytes.size() (packed); inside a set, nodes are distinct.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/core/format_bytes.hpp"  // format_bytes for the memory messages of RR-set users

#include "kuchikomi/core/types.hpp"
#include "kuchikomi/selection/gap_code.hpp"
#include "kuchikomi/selection/rr_index.hpp"

namespace kuchikomi {

struct RrCollection {
  std::vector<std::uint64_t> offsets{0};
  std::vector<NodeId> nodes;       // plain
  std::vector<std::uint8_t> bytes;  // packed
  std::uint64_t packed_entries = 0;
  bool packed = false;

  std::uint64_t size() const noexcept { return offsets.size() - 1; }
  // Node entries over all sets.
  std::uint64_t entries() const noexcept { return packed ? packed_entries : nodes.size(); }
  // Set i in the plain layout (its root first).
  std::span<const NodeId> set(std::uint64_t i) const noexcept {
    return {nodes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  // Calls f(node) for each node of set i, either layout (local pointers: f's byte stores may
  // alias anything and would otherwise reload the vectors' data pointers per node).
  template <class F>
  void for_each_node(std::uint64_t i, F&& f) const {
    const std::uint64_t begin = offsets[i], end = offsets[i + 1];
    if (packed) {
      gap_code::for_each_id(bytes.data() + begin, bytes.data() + end, f);
      return;
    }
    const NodeId* const members = nodes.data();
    for (std::uint64_t j = begin; j < end; ++j) f(members[j]);
  }
  // Whether pred(node) holds for some node of set i (stops at the first).
  template <class Pred>
  bool any_node(std::uint64_t i, Pred&& pred) const {
    const std::uint64_t begin = offsets[i], end = offsets[i + 1];
    if (packed)
      return !gap_code::for_each_id(bytes.data() + begin, bytes.data() + end, [&](NodeId u) { return !pred(u); });
    const NodeId* const members = nodes.data();
    for (std::uint64_t j = begin; j < end; ++j)
      if (pred(members[j])) return true;
    return false;
  }
  // Converts a plain collection to the packed layout in place (sorting each set); the node array
  // is freed. Nothing to do when already packed.
  void pack();
  // Bytes held (capacity, not size: that is what the process actually pays), and those in use
  // (the sampler reserves ahead, and an untouched tail costs address space, not memory).
  std::uint64_t memory_bytes() const noexcept;
  std::uint64_t used_bytes() const noexcept;
  void clear();
};

// Sorts `members` (one set) and appends it gap-coded to `out`; returns the bytes appended.
std::uint64_t append_packed_set(std::span<NodeId> members, std::vector<std::uint8_t>& out);

// How a sample is to be held, from the fastest layout to the smallest.
enum class RrLayout { kPlain, kPackedIndex, kPackedSetsAndIndex };
// "plain", "packed index", "packed sets and index" (SelectionResult::rr_layout).
const char* rr_layout_name(RrLayout layout) noexcept;

// Bytes per entry of packed sets, for estimates before any are packed: above every graph measured
// (1.5-1.9, experiments/RESULTS.md). A packed collection's own ratio replaces it.
inline constexpr double kPackedSetBytesPerEntry = 2.2;

// Bytes a collection of `sets` sets with `entries` node entries costs together with its index on a
// graph of `num_nodes` nodes in `layout` (packed parts estimated: set entries at
// `set_bytes_per_entry`, the index as rr_packed_index_bytes_estimate): what max_memory_bytes is
// compared against.
std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes,
                                 RrLayout layout = RrLayout::kPlain,
                                 double set_bytes_per_entry = kPackedSetBytesPerEntry) noexcept;

}  // namespace kuchikomi
