// The node -> sets index in its two encodings (see rr_index.hpp for the layouts, the choice
// between them and how each is built).
#include "kuchikomi/selection/rr_index.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <limits>
#include <string>

#include "core/parallel_counting_sort.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/format_bytes.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/core/thread_limit.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {
namespace {

constexpr std::uint32_t kNone = gap_code::kBeforeFirst;  // no set yet: the first gap is the id itself

// Slices of the plain build's counting sort: no more than there are entries per node, so a small
// sample on a large graph is not dominated by zeroing and scanning per-slice counters.
std::size_t plain_slices(const RrCollection& collection, NodeId num_nodes) {
  const std::uint64_t entries_per_node = collection.entries() / std::max<NodeId>(num_nodes, 1);
  return std::min<std::uint64_t>({detail::slice_count(num_nodes), std::max<std::uint64_t>(collection.size(), 1),
                                  std::max<std::uint64_t>(entries_per_node, 1)});
}

// Plain: a parallel counting sort over consecutive ranges of sets (core/parallel_counting_sort.hpp),
// so each node's list comes out by increasing set id for any thread count.
void build_plain(const RrCollection& collection, NodeId num_nodes, std::size_t slices, RrIndex::Arrays& out,
                 RrIndexScratch& scratch) {
  const std::uint64_t sets = collection.size();
  detail::counting_sort(
      num_nodes, slices,
      [&](std::size_t c, auto&& emit) {
        for (std::uint64_t i = sets * c / slices; i < sets * (c + 1) / slices; ++i)
          collection.for_each_node(i, [&](NodeId u) { emit(u, static_cast<NodeId>(i)); });
      },
      out.offsets, out.ids, &scratch.histograms);
}

// Calls visit(v, own, set id) for every entry, sets in order: v is the entry's node when it lies
// in [first, first + width) (own), else `spare`, a slot of this range's own past the nodes
// (64-bit: num_nodes + spare offset may pass NodeId's range) that absorbs the update. Selecting
// the slot instead of branching on ownership keeps the loop free of a branch that mispredicts on
// every other entry with two ranges. The visitors hold raw pointers: their byte stores may alias
// anything, and would otherwise reload every vector's data pointer per entry.
template <bool kFiltered, class Visit>
void for_entries_of(const RrCollection& collection, NodeId first, NodeId width, std::uint64_t spare, Visit visit) {
  const std::uint64_t sets = collection.size();
  for (std::uint64_t i = 0; i < sets; ++i) {
    const auto id = static_cast<std::uint32_t>(i);
    collection.for_each_node(i, [&](NodeId u) {
      const bool own = !kFiltered || u - first < width;
      visit(own ? std::uint64_t{u} : spare, own, id);
    });
  }
}

// Packed: pass 1 sizes every list (tracking each node's last id), the exact total is checked
// against the budget, pass 2 writes the gaps. Threads split the nodes into ranges; each walks
// every set for its own nodes' entries.
void build_packed(const RrCollection& collection, NodeId num_nodes, std::uint64_t budget, RrIndex::Arrays& out,
                  RrIndexScratch& scratch) {
  const std::uint64_t entries = collection.entries();
  // Each range walks every set, so ranges pay only when there are many entries.
  const std::uint64_t ranges =
      std::clamp<std::uint64_t>(entries >> 16, 1,
                                std::min<std::uint64_t>(parallel_width(), std::max<NodeId>(num_nodes, 1)));
  // Slot num_nodes + kSpareStride * (r + 1) of the per-node arrays is range r's spare, two cache
  // lines from any other written slot (a shared line would bounce between the threads on half the
  // entries); the spares are dropped at the end.
  constexpr std::size_t kSpareStride = 16;
  const std::size_t slots_needed = std::size_t{num_nodes} + (ranges > 1 ? kSpareStride * (ranges + 1) : 0);
  out.offsets.assign(slots_needed + 1, 0);
  std::uint64_t* const next = out.offsets.data() + 1;  // u's bytes, then u's write cursor
  scratch.slots.assign(slots_needed, RrIndexBuildSlot{kNone, 0});
  RrIndexBuildSlot* const slots = scratch.slots.data();
  auto for_ranges = [&](auto visit) {
    if (ranges == 1) return for_entries_of<false>(collection, 0, num_nodes, 0, visit);
    tbb::parallel_for(std::uint64_t{0}, ranges, [&](std::uint64_t r) {
      const auto first = static_cast<NodeId>(num_nodes * r / ranges);
      const auto width = static_cast<NodeId>(num_nodes * (r + 1) / ranges) - first;
      for_entries_of<true>(collection, first, width, std::uint64_t{num_nodes} + kSpareStride * (r + 1), visit);
    });
  };
  for_ranges([slots, next](std::uint64_t v, bool, std::uint32_t id) {
    ++slots[v].count;
    next[v] += gap_code::bytes_of(id - slots[v].last - 1);
    slots[v].last = id;
  });
  std::uint64_t list_bytes = 0;
  for (NodeId u = 0; u < num_nodes; ++u) list_bytes += next[u];
  const std::uint64_t needed = list_bytes + out.offsets.size() * 8 + std::uint64_t{num_nodes} * 4 +
                               scratch.slots.size() * sizeof(RrIndexBuildSlot);
  if (needed > budget)
    throw RrIndexOverBudget("the RR-set index needs about " + format_bytes(needed) + " for " + std::to_string(entries) +
                         " entries even packed, over the " + format_bytes(budget) +
                         " the memory cap leaves beside the RR sets; raise the memory cap or epsilon",
                     {"max-memory", "epsilon"});
  out.counts.resize(num_nodes);
  for (NodeId u = 0; u < num_nodes; ++u) {
    out.counts[u] = slots[u].count;
    slots[u].last = kNone;
  }
  // Byte lengths become starts (next[u] = start of u); at the end of pass 2 next[u] is u's end,
  // the start of u + 1: the final offsets, with no shift needed. Each spare writes into 8 bytes of
  // its own past the lists, and never advances.
  std::uint64_t start = 0;
  for (NodeId u = 0; u < num_nodes; ++u) start += std::exchange(next[u], start);
  for (std::size_t v = num_nodes; v < slots_needed; ++v) next[v] = start + 8 * (v - num_nodes);
  detail::assign_large(out.bytes, start + 8 * (slots_needed - num_nodes), std::uint8_t{0});
  std::uint8_t* const bytes = out.bytes.data();
  for_ranges([slots, next, bytes](std::uint64_t v, bool own, std::uint32_t id) {
    const std::uint64_t at = next[v];
    const auto end = static_cast<std::uint64_t>(gap_code::put(bytes + at, id - slots[v].last - 1) - bytes);
    next[v] = own ? end : at;
    slots[v].last = id;
  });
  out.offsets.resize(std::size_t{num_nodes} + 1);
  out.bytes.resize(list_bytes);
}

}  // namespace

std::vector<std::uint32_t> RrIndex::sets_of(NodeId u) const {
  std::vector<std::uint32_t> ids;
  ids.reserve(count(u));
  for_each_set(u, [&](std::uint32_t id) { ids.push_back(id); });
  return ids;
}

std::uint64_t RrIndex::memory_bytes() const noexcept {
  return arrays_.offsets.capacity() * sizeof(std::uint64_t) + arrays_.counts.capacity() * sizeof(std::uint32_t) +
         arrays_.ids.capacity() * sizeof(std::uint32_t) + arrays_.bytes.capacity();
}

std::uint64_t RrIndexScratch::memory_bytes() const noexcept {
  std::uint64_t bytes = slots.capacity() * sizeof(RrIndexBuildSlot);
  for (const auto& h : histograms) bytes += h.capacity() * sizeof(std::uint32_t);
  return bytes;
}

RrIndex build_rr_index(const RrCollection& collection, NodeId num_nodes) {
  RrIndex index;
  RrIndexScratch scratch;
  build_rr_index(collection, num_nodes, index, scratch);
  return index;
}

void build_rr_index(const RrCollection& collection, NodeId num_nodes, RrIndex& index, RrIndexScratch& scratch,
                    std::uint64_t budget) {
  if (collection.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError("more than 4 billion RR sets requested; raise epsilon");
  // Plain whenever it fits: sliced (parallel) when its per-slice counters fit too, else on one
  // slice, which needs none. Packed otherwise; it fits only where it is the smaller (several
  // entries per node), which its exact size, checked before the lists are allocated, tells.
  std::size_t slices = plain_slices(collection, num_nodes);
  const std::uint64_t plain = rr_plain_index_bytes(collection.entries(), num_nodes);
  if (slices > 1 && plain + slices * std::uint64_t{num_nodes} * 4 > budget) slices = 1;
  index.packed_ = plain > budget;
  // Hand the other encoding's arrays back before building: a rebuild must not hold both.
  RrIndex::Arrays& a = index.arrays_;
  try {
    if (index.packed_) {
      a.ids = {};
      scratch.histograms = {};
      build_packed(collection, num_nodes, budget, a, scratch);
    } else {
      a.counts = {};
      a.bytes = {};
      scratch.slots = {};
      build_plain(collection, num_nodes, slices, a, scratch);
    }
  } catch (...) {
    index = RrIndex{};
    throw;
  }
}

std::uint64_t rr_plain_index_bytes(std::uint64_t entries, NodeId num_nodes) noexcept {
  return (std::uint64_t{num_nodes} + 1) * 8 + entries * 4;
}

std::uint64_t rr_packed_index_bytes_estimate(std::uint64_t entries, NodeId num_nodes) noexcept {
  // offsets, counts and the build's slots per node; the lists
  return (std::uint64_t{num_nodes} + 1) * 8 + std::uint64_t{num_nodes} * (4 + sizeof(RrIndexBuildSlot)) +
         static_cast<std::uint64_t>(kPackedIndexBytesPerEntry * static_cast<double>(entries));
}

}  // namespace kuchikomi
