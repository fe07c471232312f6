// Byte counts as people read them in messages and reports ("192.0 KiB", "1.25 GiB").
#pragma once
#include <cstdint>
#include <string>

namespace kuchikomi {

// B below 1 KiB, then KiB and MiB with one decimal, GiB with two.
std::string format_bytes(std::uint64_t bytes);

}  // namespace kuchikomi
