// Flat RR-set storage (see rr_sets.hpp for the layout and invariants).
#include "kuchikomi/selection/rr_sets.hpp"

#include <algorithm>

namespace kuchikomi {

std::uint64_t RrCollection::memory_bytes() const noexcept {
  return offsets.capacity() * sizeof(std::uint64_t) + nodes.capacity() * sizeof(NodeId) + bytes.capacity();
}

std::uint64_t RrCollection::used_bytes() const noexcept {
  return offsets.size() * sizeof(std::uint64_t) + nodes.size() * sizeof(NodeId) + bytes.size();
}

void RrCollection::clear() {
  offsets.assign(1, 0);
  nodes.clear();
  bytes.clear();
  packed_entries = 0;
  packed = false;
}

std::uint64_t append_packed_set(std::span<NodeId> members, std::vector<std::uint8_t>& out) {
  std::sort(members.begin(), members.end());
  const std::uint64_t length = gap_code::list_bytes(members);
  const std::size_t at = out.size();
  out.resize(at + length);
  gap_code::put_list(members, out.data() + at);
  return length;
}

void RrCollection::pack() {
  if (packed) return;
  // Sort each set and size it, then allocate the bytes exactly: a growing buffer would hold up to
  // twice what the sets need, at the moment memory is tightest.
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < size(); ++i) {
    const std::span<NodeId> members(nodes.data() + offsets[i], static_cast<std::size_t>(offsets[i + 1] - offsets[i]));
    std::sort(members.begin(), members.end());
    total += gap_code::list_bytes(members);
  }
  std::vector<std::uint8_t> packed_bytes(total);
  std::uint8_t* out = packed_bytes.data();
  for (std::uint64_t i = 0; i < size(); ++i) {
    const std::span<const NodeId> members(nodes.data() + offsets[i],
                                          static_cast<std::size_t>(offsets[i + 1] - offsets[i]));
    offsets[i] = static_cast<std::uint64_t>(out - packed_bytes.data());
    out = gap_code::put_list(members, out);
  }
  offsets.back() = total;
  packed_entries = nodes.size();
  nodes = {};
  bytes = std::move(packed_bytes);
  packed = true;
}

const char* rr_layout_name(RrLayout layout) noexcept {
  switch (layout) {
    case RrLayout::kPlain: return "plain";
    case RrLayout::kPackedIndex: return "packed index";
    case RrLayout::kPackedSetsAndIndex: return "packed sets and index";
  }
  return "plain";
}

std::uint64_t rr_memory_estimate(std::uint64_t sets, std::uint64_t entries, NodeId num_nodes, RrLayout layout,
                                 double set_bytes_per_entry) noexcept {
  const auto packed_entries = static_cast<std::uint64_t>(set_bytes_per_entry * static_cast<double>(entries));
  const std::uint64_t members = layout == RrLayout::kPackedSetsAndIndex ? packed_entries : entries * 4;
  const std::uint64_t index = layout == RrLayout::kPlain ? rr_plain_index_bytes(entries, num_nodes)
                                                         : rr_packed_index_bytes_estimate(entries, num_nodes);
  return (sets + 1) * 8 + members + index;  // offsets (8 per set), members, index
}

}  // namespace kuchikomi
