// Inline SVG charts for the HTML report: line charts (with optional error whiskers) and bar charts
// on linear axes with round-number ticks ("nice numbers", Heckbert, Graphics Gems I, 1990).
// The output is a self-contained <svg> element: no scripts, no external fonts or stylesheets, and
// every coordinate is a finite number (a NaN in an attribute is a console error in browsers).
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kuchikomi {

// Escapes & < > " ' so any text is safe inside HTML/SVG text and quoted attribute values.
std::string xml_escape(std::string_view text);

// value with `decimals` decimals and thousands separated by commas: 12345.6 -> "12,345.6".
// Non-finite values print as "n/a"; "-0" prints as "0".
std::string format_number(double value, int decimals);

// Round tick values covering [low, high] (about `target` of them, steps of 1, 2 or 5 x 10^k).
std::vector<double> nice_ticks(double low, double high, int target = 5);

struct ChartSeries {
  std::string name;        // legend text (escaped by the chart)
  std::string color;       // CSS colour, e.g. "#1f77b4"
  std::vector<double> x, y;
  std::vector<double> low, high;  // optional whiskers (same length as y), e.g. a 95% CI
  bool markers = false;    // draw a dot at every point
  bool line = true;        // join the points
};

struct ChartOptions {
  std::string title;       // accessible name (<title>), escaped
  std::string x_label, y_label;
  int width = 920, height = 320;
  bool integer_x = false;  // x ticks at whole numbers only (seeds, steps)
  double x_padding = 0;    // extra room on both x ends, as a fraction of the x range (end markers)
};

// Line chart of one or more series; the y axis starts at 0. Non-finite points are skipped.
std::string svg_line_chart(const std::vector<ChartSeries>& series, const ChartOptions& options);

// Vertical bars: bar i spans [edges[i], edges[i+1]) on the x axis and has height counts[i].
std::string svg_histogram(const std::vector<double>& edges, const std::vector<double>& counts, const std::string& color,
                          const ChartOptions& options);

}  // namespace kuchikomi
