// Reverse-reachable (RR) set collections, stored flat, and the node -> sets index greedy needs.
//
// Storage: one offsets array + one node array, sets concatenated in sample-index order (set i is
// nodes[offsets[i], offsets[i+1])). Flat storage is the point: a vector of vectors costs a heap
// block (and 24 bytes of header) per set, and RIS routinely holds tens of millions of sets.
//
// Index: node u's list holds the ids of the sets containing u, increasing (a parallel counting
// sort over consecutive ranges of sets, core/parallel_counting_sort.hpp: the same for any thread
// count).
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

// Node -> ids of the sets containing it (CSR). Set ids are 32-bit: halves the index, and more than
// 4 billion RR sets would not fit in memory anyway (checked when building).
struct RrIndex {
  std::vector<std::uint64_t> offsets;  // num_nodes + 1
  std::vector<std::uint32_t> sets;
  std::span<const std::uint32_t> sets_of(NodeId u) const noexcept {
    return {sets.data() + offsets[u], static_cast<std::size_t>(offsets[u + 1] - offsets[u])};
  }
  std::uint64_t memory_bytes() const noexcept;
};

// Builds the index; set ids within a node's list are increasing. Parallel counting per node range.
RrIndex build_rr_index(const RrCollection& collection, NodeId num_nodes);
// The same into `index`, reusing its memory and the counting sort's `histograms` (RisSample keeps
// both across rounds, so a rebuilt index does not fault in fresh n-sized arrays).
void build_rr_index(const RrCollection& collection, NodeId num_nodes, RrIndex& index,
                    std::vector<std::vector<std::uint32_t>>& histograms);

// Bytes a collection of `sets` sets with `entries` node entries costs together with its index on a
// graph of `num_nodes` nodes: what max_memory_bytes is compared against.
std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes) noexcept;

}  // namespace kuchikomi
