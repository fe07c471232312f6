#include "kuchikomi/core/printable.hpp"

#include <cstdio>

#include "kuchikomi/core/utf8.hpp"

namespace kuchikomi {
namespace {

void append_escape(std::string& out, const char* format, unsigned value) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, format, value);
  out += buffer;
}

// The code point of the valid UTF-8 sequence of `length` bytes at text[i].
char32_t code_point(std::string_view text, std::size_t i, std::size_t length) {
  const auto byte = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  switch (length) {
    case 1: return byte(0);
    case 2: return (byte(0) & 0x1F) << 6 | (byte(1) & 0x3F);
    case 3: return (byte(0) & 0x0F) << 12 | (byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    default: return (byte(0) & 0x07) << 18 | (byte(1) & 0x3F) << 12 | (byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
  }
}

// Unicode's bidirectional formatting characters (marks, embeddings, overrides, isolates): a label
// holding U+202E shows the rest of the line reversed ("Trojan Source", CVE-2021-42574), so a user
// name could make a table row read as something else.
bool bidi_control(char32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

}  // namespace

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto b = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0 || b < 0x20 || b == 0x7F) {
      append_escape(out, "\\x%02x", b);
      ++i;
    } else if (b == 0xC2 && static_cast<unsigned char>(text[i + 1]) <= 0x9F) {  // C1 control
      append_escape(out, "\\u%04x", static_cast<unsigned char>(text[i + 1]));
      i += 2;
    } else if (const char32_t c = code_point(text, i, length); bidi_control(c)) {
      append_escape(out, "\\u%04x", static_cast<unsigned>(c));
      i += length;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace kuchikomi
