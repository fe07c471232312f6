// Text helpers shared by the HTML report's sections: escaping, rounded numbers for people and the
// exact value beside them (data-value attributes, so tests and scrapers need not parse rounded text).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "kuchikomi/report/svg_chart.hpp"

namespace kuchikomi::html {

inline std::string esc(std::string_view text) { return xml_escape(text); }

inline std::string fmt(double value, int digits = 2) { return format_number(value, digits); }
inline std::string fmt_count(std::uint64_t value) { return fmt(static_cast<double>(value), 0); }
// "n/a" for a share that is not finite (a crafted file), never "n/a%" or "inf%".
inline std::string percent(double fraction, int digits = 1) {
  return std::isfinite(fraction) ? fmt(100.0 * fraction, digits) + "%" : std::string("n/a");
}

// The exact value for data-value attributes (round-trips a double); empty when not finite, so that
// "nan" or "inf" never reaches a number attribute, whichever cell or section writes it.
inline std::string exact(double value) {
  if (!std::isfinite(value)) return {};
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  return buffer;
}

// A value that is not finite (a metric undefined on its data, or a crafted file) shows as n/a with an
// empty data-value: "nan" or "inf" never reaches a number attribute.
inline std::string num_cell(double value, int digits = 2) {
  if (!std::isfinite(value)) return "<td class=\"num\" data-value=\"\">n/a</td>";
  return "<td class=\"num\" data-value=\"" + exact(value) + "\">" + fmt(value, digits) + "</td>";
}

inline std::string percent_cell(double fraction, int digits = 1) {
  return "<td class=\"num\" data-value=\"" + exact(fraction) + "\">" + percent(fraction, digits) + "</td>";
}

inline std::string model_name(const std::string& model) {
  if (model == "ic") return "independent cascade (IC)";
  if (model == "lt") return "linear threshold (LT)";
  return model;
}

}  // namespace kuchikomi::html
