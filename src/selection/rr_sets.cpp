// Flat RR-set storage and its node -> sets index (see rr_sets.hpp for the layout and invariants).
#include "kuchikomi/selection/rr_sets.hpp"


#include <cstdio>
#include <limits>

#include "core/parallel_counting_sort.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

std::uint64_t RrCollection::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + nodes.capacity() * sizeof(NodeId);
}

void RrCollection::clear() {
  offsets.assign(1, 0);
  nodes.clear();
}

std::uint64_t RrIndex::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + sets.capacity() * sizeof(std::uint32_t);
}

RrIndex build_rr_index(const RrCollection& collection, NodeId num_nodes) {
  RrIndex index;
  std::vector<std::vector<std::uint32_t>> histograms;
  build_rr_index(collection, num_nodes, index, histograms);
  return index;
}

void build_rr_index(const RrCollection& collection, NodeId num_nodes, RrIndex& index,
                    std::vector<std::vector<std::uint32_t>>& histograms) {
  if (collection.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError("more than 4 billion RR sets requested; raise epsilon");
  const std::uint64_t sets = collection.size();
  // A slice costs a 4-byte counter per node: no more slices than there are entries per node, so a
  // small sample on a large graph is not dominated by zeroing and scanning histograms.
  const std::uint64_t entries_per_node = collection.nodes.size() / std::max<NodeId>(num_nodes, 1);
  const std::size_t slices = std::min<std::uint64_t>(
      {detail::slice_count(num_nodes), std::max<std::uint64_t>(sets, 1), std::max<std::uint64_t>(entries_per_node, 1)});
  // Slices are consecutive ranges of sets, so each node's list comes out by increasing set id.
  detail::counting_sort(
      num_nodes, slices,
      [&](std::size_t c, auto&& emit) {
        for (std::uint64_t i = sets * c / slices; i < sets * (c + 1) / slices; ++i)
          for (std::uint64_t j = collection.offsets[i]; j < collection.offsets[i + 1]; ++j)
            emit(collection.nodes[j], static_cast<NodeId>(i));
      },
      index.offsets, index.sets, &histograms);
}

std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes) noexcept {
  // collection: offsets (8 per set), nodes (4 per entry); index: offsets (8 per node), set ids (4 per
  // entry).
  return (sets + 1) * 8 + entries * 8 + (static_cast<std::uint64_t>(num_nodes) + 1) * 8;
}

}  // namespace kuchikomi
