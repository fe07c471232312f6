// Reverse-reachable (RR) set collections, stored flat, and the node -> sets index greedy needs.
//
// Storage: one offsets array + one node array, sets concatenated in sample-index order (set i is
// nodes[offsets[i], offsets[i+1])). Flat storage is the point: a vector of vectors costs a heap
// block (and 24 bytes of header) per set, and RIS routinely holds tens of millions of sets.
//
// Index: node u's list holds the ids of the sets containing u, increasing, as 4-byte ids or, when
// memory is tight, gap-coded (rr_index.hpp).
//
// Invariants: offsets.front() == 0, offsets.size() == size() + 1, offsets.back() == nodes.size();
// inside a set, nodes are distinct.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/core/format_bytes.hpp"  // format_bytes for the memory messages of RR-set users

#include "kuchikomi/core/types.hpp"
#include "kuchikomi/selection/rr_index.hpp"

namespace kuchikomi {

struct RrCollection {
  std::vector<std::uint64_t> offsets{0};
  std::vector<NodeId> nodes;

  std::uint64_t size() const noexcept { return offsets.size() - 1; }
  std::span<const NodeId> set(std::uint64_t i) const noexcept {
    return {nodes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i])};
  }
  // Bytes held (capacity, not size: that is what the process actually pays).
  std::uint64_t memory_bytes() const noexcept;
  void clear();
};

// Bytes a collection of `sets` sets with `entries` node entries costs together with its index on a
// graph of `num_nodes` nodes, the index plain or (an estimate) packed: what max_memory_bytes is
// compared against.
std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes,
                                 bool packed_index = false) noexcept;

}  // namespace kuchikomi
