// One text field of a CSV file the project writes (the selection and experiment CSVs), and the
// reading side of its formula guard. Labels are user-controlled text that spreadsheets open:
//
//  * formula guard (OWASP "CSV injection"): a field that starts with = + - @, a tab or a carriage
//    return is a formula to Excel, LibreOffice and Google Sheets (=HYPERLINK(...), =cmd|...), so it
//    is written with a single quote in front, which spreadsheets show as text. A field that starts
//    with single quotes followed by such a character gets one more, so that csv_unguarded() can
//    always take exactly one off again: "=x" -> "'=x", "'=x" -> "''=x", "'x" and "x-1" unchanged.
//  * then RFC 4180 quoting (the writing side of src/io/csv_reader.hpp): a field holding a comma,
//    quote or line break is quoted with its quotes doubled, so "Kim, Lee" survives a round trip.
//
// For text only: callers write numbers as they are (a negative number is not a formula to guard).
#pragma once
#include <string>
#include <string_view>

namespace kuchikomi {

// True when `text`, after any leading single quotes, starts with = + - @ tab or CR.
inline bool csv_formula_like(std::string_view text) {
  const auto first = text.find_first_not_of('\'');
  return first != std::string_view::npos && std::string_view("=+-@\t\r").find(text[first]) != std::string_view::npos;
}

inline std::string csv_field(const std::string& text) {
  const std::string cell = csv_formula_like(text) ? "'" + text : text;
  if (cell.find_first_of(",\"\n\r") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

// A field as csv_field wrote it, after RFC 4180 unquoting -> the text it was given.
inline std::string csv_unguarded(std::string field) {
  if (field.size() > 1 && field[0] == '\'' && csv_formula_like(std::string_view(field).substr(1))) field.erase(0, 1);
  return field;
}

}  // namespace kuchikomi
