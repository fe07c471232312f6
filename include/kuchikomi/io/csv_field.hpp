// RFC 4180 quoting of one CSV field (the writing side of src/io/csv_reader.hpp): a field holding a
// comma, quote or line break is quoted with its quotes doubled, so labels such as "Kim, Lee" survive
// a spreadsheet round trip; any other field is written as is.
#pragma once
#include <string>

namespace kuchikomi {

inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace kuchikomi
