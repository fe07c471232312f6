// Node -> ids of the RR sets containing it: the inverted index greedy max coverage walks.
//
// Two encodings of node u's increasing set ids, chosen per build by the memory the cap leaves for
// the index (gap coding "where it pays", issue 16):
//  - plain: 4-byte ids, ids[offsets[u], offsets[u + 1]). The fastest to build and walk; used
//    whenever it fits. Built by a parallel counting sort over consecutive ranges of sets
//    (core/parallel_counting_sort.hpp), so each list comes out in set order for any thread count.
//  - packed: gaps in LEB128 bytes (gap_code.hpp), bytes[offsets[u], offsets[u + 1]), with
//    per-node counts beside. On RIS samples a node is in many nearby sets, so gaps are small:
//    1.8-2.2 bytes per entry instead of 4 on NetHEPT, Epinions, a power-law graph and R-MAT
//    (experiments/RESULTS.md). Used when the plain index would pass the cap: where packing is the
//    smaller (several entries per node, as in any sample large enough to strain memory), a run
//    that would be refused then fits, with the same seeds. Built in two passes over the sets
//    (sizes, tracking each node's last id, then bytes) straight into the final arrays, with no
//    4-byte-per-entry intermediate; its exact size is known after the first pass, before the
//    lists are allocated (only its per-node arrays exist then), and a budget it passes is refused
//    then. Threads split the nodes into ranges and each walks every set for its own nodes'
//    entries (the same bytes for any thread count; it scales worse than the counting sort, which
//    is why plain stays the default).
// Greedy only ever walks a node's list from the start, so neither needs random access into it.
#pragma once
#include <cstdint>
#include <limits>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/types.hpp"
#include "kuchikomi/selection/gap_code.hpp"

namespace kuchikomi {

struct RrCollection;

// Per-node state while building a packed index: the last set id seen and the entries so far.
struct RrIndexBuildSlot {
  std::uint32_t last;
  std::uint32_t count;
};

// Buffers a build reuses (RisSample keeps one across rounds, so a rebuilt index does not fault in
// fresh n-sized arrays): the plain build's per-slice counters, the packed build's node slots.
struct RrIndexScratch {
  std::vector<std::vector<std::uint32_t>> histograms;
  std::vector<RrIndexBuildSlot> slots;
  std::uint64_t memory_bytes() const noexcept;
};

class RrIndex {
 public:
  bool empty() const noexcept { return arrays_.offsets.empty(); }
  bool packed() const noexcept { return packed_; }
  NodeId num_nodes() const noexcept { return static_cast<NodeId>(arrays_.offsets.size() - 1); }
  // Sets containing u.
  std::uint32_t count(NodeId u) const noexcept {
    return packed_ ? arrays_.counts[u] : static_cast<std::uint32_t>(arrays_.offsets[u + 1] - arrays_.offsets[u]);
  }
  // Calls f(set id) for every set containing u, by increasing id.
  template <class F>
  void for_each_set(NodeId u, F&& f) const {
    const std::uint64_t begin = arrays_.offsets[u], end = arrays_.offsets[u + 1];
    // Local pointers: f's byte stores (greedy's covered flags) may alias anything, and would
    // otherwise reload the vectors' data pointers per id.
    if (!packed_) {
      const std::uint32_t* const ids = arrays_.ids.data();
      for (std::uint64_t i = begin; i < end; ++i) f(ids[i]);
      return;
    }
    gap_code::for_each_id(arrays_.bytes.data() + begin, arrays_.bytes.data() + end, f);
  }
  // u's list decoded (tests, diagnostics).
  std::vector<std::uint32_t> sets_of(NodeId u) const;
  // Bytes of the lists alone, and everything held (capacity: what the process pays).
  std::uint64_t list_bytes() const noexcept {
    return packed_ ? arrays_.bytes.size() : arrays_.ids.size() * sizeof(std::uint32_t);
  }
  std::uint64_t memory_bytes() const noexcept;

  struct Arrays {
    std::vector<std::uint64_t> offsets;  // num_nodes + 1 positions: into ids (plain), bytes (packed)
    std::vector<std::uint32_t> ids;      // plain
    std::vector<std::uint32_t> counts;   // packed: num_nodes
    std::vector<std::uint8_t> bytes;     // packed
  };

 private:
  friend void build_rr_index(const RrCollection&, NodeId, RrIndex&, RrIndexScratch&, std::uint64_t);
  bool packed_ = false;
  Arrays arrays_;
};

// The budget error of build_rr_index: a caller that can free memory (pack the sets) may retry.
class RrIndexOverBudget : public InputError {
 public:
  using InputError::InputError;
};

// Builds the index of `collection` (set ids are 32-bit: more than 4 billion sets is an InputError).
RrIndex build_rr_index(const RrCollection& collection, NodeId num_nodes);
// The same into `index`, reusing its memory and `scratch`, within `budget` bytes for the index and
// its scratch: plain when that fits, else packed; RrIndexOverBudget (settings max-memory,
// epsilon), and an empty index, when even that does not.
void build_rr_index(const RrCollection& collection, NodeId num_nodes, RrIndex& index, RrIndexScratch& scratch,
                    std::uint64_t budget = std::numeric_limits<std::uint64_t>::max());

// Bytes of a plain index of `entries` entries over `num_nodes` nodes (exact, but for capacity).
std::uint64_t rr_plain_index_bytes(std::uint64_t entries, NodeId num_nodes) noexcept;
// What a packed one is expected to take, to decide before sampling whether a sample fits at all:
// kPackedIndexBytesPerEntry per entry is above every graph measured (1.8-2.2 under WC, 1.1 with
// uniform p = 0.05 on Epinions, experiments/RESULTS.md). Not a bound: the
// build checks the exact size against its budget.
inline constexpr double kPackedIndexBytesPerEntry = 2.5;
std::uint64_t rr_packed_index_bytes_estimate(std::uint64_t entries, NodeId num_nodes) noexcept;

}  // namespace kuchikomi
