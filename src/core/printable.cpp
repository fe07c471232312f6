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
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

}  // namespace kuchikomi
