// Increasing 32-bit ids as gaps in LEB128 bytes: id - previous id - 1 (the first one the id itself),
// 7 bits a byte, low bits first, high bit set on every byte but a gap's last. Nearby ids take one
// byte instead of four. The packed RR index (rr_index.hpp) and packed RR sets (rr_sets.hpp) use it;
// both only ever walk a list from its start.
//
// A gap takes 5 bytes only when it is at least 2^28; lists come from this process, never from a
// file, so the decoder trusts its input.
#pragma once
#include <bit>
#include <cstdint>
#include <span>
#include <type_traits>

namespace kuchikomi::gap_code {

inline constexpr std::uint32_t kBeforeFirst = UINT32_MAX;  // "previous id" of a list's first id

// Bytes of one gap, without a loop: one per started 7 bits.
inline std::uint64_t bytes_of(std::uint32_t gap) noexcept {
  return (static_cast<std::uint64_t>(std::bit_width(gap | 1u)) + 6) / 7;
}

// Writes one gap at `out`; returns the byte after it.
inline std::uint8_t* put(std::uint8_t* out, std::uint32_t gap) noexcept {
  while (gap >= 0x80) {
    *out++ = static_cast<std::uint8_t>(gap | 0x80);
    gap >>= 7;
  }
  *out++ = static_cast<std::uint8_t>(gap);
  return out;
}

// Bytes of a whole increasing list, and writing it at `out` (returns the byte after it).
inline std::uint64_t list_bytes(std::span<const std::uint32_t> ids) noexcept {
  std::uint64_t bytes = 0;
  std::uint32_t previous = kBeforeFirst;
  for (std::uint32_t id : ids) {
    bytes += bytes_of(id - previous - 1);
    previous = id;
  }
  return bytes;
}
inline std::uint8_t* put_list(std::span<const std::uint32_t> ids, std::uint8_t* out) noexcept {
  std::uint32_t previous = kBeforeFirst;
  for (std::uint32_t id : ids) {
    out = put(out, id - previous - 1);
    previous = id;
  }
  return out;
}

// Calls f(id) for each id of the list in [p, end). When f returns bool, a false stops the walk and
// makes this return false; otherwise it returns true.
template <class F>
bool for_each_id(const std::uint8_t* p, const std::uint8_t* const end, F&& f) {
  std::uint32_t id = kBeforeFirst;
  while (p != end) {
    std::uint32_t gap = *p++;
    if (gap >= 0x80) {
      gap &= 0x7F;
      unsigned shift = 7;
      std::uint32_t byte;
      do {
        byte = *p++;
        gap |= (byte & 0x7F) << shift;
        shift += 7;
      } while (byte >= 0x80);
    }
    id += gap + 1;
    if constexpr (std::is_same_v<std::invoke_result_t<F&, std::uint32_t>, bool>) {
      if (!f(id)) return false;
    } else {
      f(id);
    }
  }
  return true;
}

}  // namespace kuchikomi::gap_code
