// Allocating and first-touching large flat arrays (graph arrays, generator buffers) on huge pages.
//
// On virtual machines each 4 KiB page fault costs microseconds; first-touching the hundreds of MB of
// fresh arrays a 10M-edge graph needs was a third of the generation time and two thirds of a graph
// file load. Reserving, advising
// MADV_HUGEPAGE (transparent huge pages in "madvise" mode, the common default) and only then filling
// cuts the faults 512-fold. The advice is a hint: where it is refused, nothing changes.
#pragma once
#include <sys/mman.h>

#include <cstdint>
#include <vector>

namespace kuchikomi::detail {

// The old contents are dropped first, and a buffer too small is freed before the new one is
// allocated: reserve() on a cleared vector would hold both at once (an RR index rebuilt after its
// sample doubled held 1.5x its lists).
template <class T>
void assign_large(std::vector<T>& v, std::size_t count, T value) {
  if (v.capacity() < count) v = std::vector<T>();
  v.clear();
  v.reserve(count);
  const std::size_t bytes = count * sizeof(T);
  constexpr std::uintptr_t kHuge = std::uintptr_t{1} << 21;
  const auto begin = (reinterpret_cast<std::uintptr_t>(v.data()) + kHuge - 1) & ~(kHuge - 1);
  const auto end = (reinterpret_cast<std::uintptr_t>(v.data()) + bytes) & ~(kHuge - 1);
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
  v.assign(count, value);
}

}  // namespace kuchikomi::detail
