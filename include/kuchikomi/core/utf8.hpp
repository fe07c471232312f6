// UTF-8 checks for text that comes from the wild (user labels are whatever bytes a log held).
// Outputs that must be valid UTF-8 (JSON, HTML) replace invalid sequences with U+FFFD and say so;
// outputs that keep bytes (HDF5, CSV, lists) keep them as they are.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kuchikomi {

// Length of the well-formed sequence starting at text[i], or 0 if none starts there (Unicode
// Table 3-7: the allowed second byte depends on the first).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) noexcept;

// True when `text` is well-formed UTF-8 (RFC 3629: no overlong forms, surrogates or code points
// above U+10FFFF).
bool is_valid_utf8(std::string_view text) noexcept;
// `text` with every maximal invalid subsequence replaced by U+FFFD (the W3C/Unicode practice).
std::string to_valid_utf8(std::string_view text);

}  // namespace kuchikomi
