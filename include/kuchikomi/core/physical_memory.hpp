// The machine's physical memory: the default ceiling for what a file may make kuchikomi allocate
// (graph files, decompressed text), so a crafted file is refused with a message instead of
// exhausting memory.
#pragma once
#include <cstdint>

namespace kuchikomi {

// Bytes of RAM, or UINT64_MAX when the system does not say.
std::uint64_t physical_memory_bytes() noexcept;

}  // namespace kuchikomi
