// Flat RR-set storage (see rr_sets.hpp for the layout and invariants).
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

std::uint64_t RrCollection::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + nodes.capacity() * sizeof(NodeId);
}

void RrCollection::clear() {
  offsets.assign(1, 0);
  nodes.clear();
}

std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes, bool packed_index) noexcept {
  // collection: offsets (8 per set), nodes (4 per entry); then the index
  return (sets + 1) * 8 + entries * 4 +
         (packed_index ? rr_packed_index_bytes_estimate(entries, num_nodes) : rr_plain_index_bytes(entries, num_nodes));
}

}  // namespace kuchikomi
