// Basic index types shared by every stage of the pipeline.
#pragma once
#include <cstdint>
#include <limits>

namespace kuchikomi {

// Dense node id. 32 bits: halves the memory of edge arrays; 4 billion users is enough per graph.
using NodeId = std::uint32_t;
// Edge index into CSR arrays; 64 bits because synthetic graphs go past 4 billion edges.
using EdgeId = std::uint64_t;

inline constexpr NodeId kNoNode = std::numeric_limits<NodeId>::max();

}  // namespace kuchikomi
