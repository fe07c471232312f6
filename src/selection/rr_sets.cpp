// Flat RR-set storage and its node -> sets index (see rr_sets.hpp for the layout and invariants).
#include "kuchikomi/selection/rr_sets.hpp"


#include <cstdio>
#include <limits>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

std::uint64_t RrCollection::total_width() const noexcept {
  std::uint64_t total = 0;
  for (auto w : width) total += w;
  return total;
}

std::uint64_t RrCollection::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + nodes.capacity() * sizeof(NodeId) +
         width.capacity() * sizeof(std::uint64_t);
}

void RrCollection::clear() {
  offsets.assign(1, 0);
  nodes.clear();
  width.clear();
}

std::uint64_t RrIndex::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + sets.capacity() * sizeof(std::uint32_t);
}

RrIndex build_rr_index(const RrCollection& collection, NodeId num_nodes) {
  if (collection.size() > std::numeric_limits<std::uint32_t>::max())
    throw InputError("more than 4 billion RR sets requested; raise epsilon");
  RrIndex index;
  index.offsets.assign(static_cast<std::size_t>(num_nodes) + 1, 0);
  // Serial count + fill keeps each node's list sorted by set id without a sort; the pass is a
  // streaming read of the node array, cheap next to generating the sets.
  for (NodeId u : collection.nodes) ++index.offsets[u + 1];
  for (NodeId u = 0; u < num_nodes; ++u) index.offsets[u + 1] += index.offsets[u];
  index.sets.resize(collection.nodes.size());
  std::vector<std::uint64_t> cursor(index.offsets.begin(), index.offsets.end() - 1);
  const std::uint64_t sets = collection.size();
  for (std::uint64_t i = 0; i < sets; ++i)
    for (std::uint64_t j = collection.offsets[i]; j < collection.offsets[i + 1]; ++j)
      index.sets[cursor[collection.nodes[j]]++] = static_cast<std::uint32_t>(i);
  return index;
}

std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes) noexcept {
  // collection: offsets + width (8 + 8 per set), nodes (4 per entry); index: offsets (8 per node),
  // set ids (4 per entry).
  return (sets + 1) * 16 + entries * 8 + (static_cast<std::uint64_t>(num_nodes) + 1) * 8;
}

}  // namespace kuchikomi
