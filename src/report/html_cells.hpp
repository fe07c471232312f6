// Small pieces of HTML shared by the report's sections kept in their own files (plan explanation,
// plan comparison, model band): escaped text, rounded numbers with their exact value in a
// data-value attribute (tests and scrapers read that, never the rounded text).
#pragma once
#include <cstdio>
#include <string>
#include <string_view>

#include "kuchikomi/report/svg_chart.hpp"

namespace kuchikomi::html {

inline std::string esc(std::string_view text) { return xml_escape(text); }
inline std::string fmt(double value, int digits = 2) { return format_number(value, digits); }
inline std::string percent(double fraction, int digits = 1) { return fmt(100.0 * fraction, digits) + "%"; }

// A double that round-trips (%.17g).
inline std::string exact(double value) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

inline std::string num_cell(double value, int digits = 2) {
  return "<td class=\"num\" data-value=\"" + exact(value) + "\">" + fmt(value, digits) + "</td>";
}

inline std::string percent_cell(double fraction, int digits = 1) {
  return "<td class=\"num\" data-value=\"" + exact(fraction) + "\">" + percent(fraction, digits) + "</td>";
}

}  // namespace kuchikomi::html
