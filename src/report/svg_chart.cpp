// Inline SVG line and bar charts (see svg_chart.hpp). Plain string building: the charts are small
// (tens to a few hundred points) and must not depend on any script or external resource.
#include "kuchikomi/report/svg_chart.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "kuchikomi/core/utf8.hpp"

namespace kuchikomi {
namespace {

// Charts never need more ticks than this; the cap also bounds every tick loop.
constexpr std::size_t kMaxTicks = 1000;

constexpr double kLeft = 64, kRight = 18, kTop = 30, kBottom = 46;  // margins around the plot area

// A coordinate with one decimal; never "nan"/"inf" (callers skip non-finite data, this is the net).
std::string coordinate(double value) {
  if (!std::isfinite(value)) value = 0;
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", value);
  return buffer;
}

// Tick label: as many decimals as the tick step needs; 2018 stays "2018", 12345 becomes "12,345".
std::string tick_label(double value, double step) {
  int decimals = 0;
  if (step > 0 && step < 1) decimals = std::min(6, static_cast<int>(std::ceil(-std::log10(step) - 1e-9)));
  if (std::fabs(value) < step * 1e-6) value = 0;  // no "-0"
  if (std::fabs(value) >= 10000) return format_number(value, decimals);
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

struct Axes {
  double x_min, x_max, y_max;
  double left, right, top, bottom;  // plot area in pixels
  double px(double x) const { return left + (x - x_min) / (x_max - x_min) * (right - left); }
  double py(double y) const { return bottom - y / y_max * (bottom - top); }
};

double tick_step(const std::vector<double>& ticks) { return ticks.size() > 1 ? ticks[1] - ticks[0] : 1.0; }

// Frame, grid lines, tick labels and axis titles.
void draw_axes(std::ostringstream& svg, const Axes& a, const std::vector<double>& x_ticks,
               const std::vector<double>& y_ticks, const ChartOptions& options) {
  svg << "<g class=\"grid\" stroke=\"#e3e3e3\" stroke-width=\"1\">";
  for (double y : y_ticks)
    svg << "<line x1=\"" << coordinate(a.left) << "\" x2=\"" << coordinate(a.right) << "\" y1=\"" << coordinate(a.py(y))
        << "\" y2=\"" << coordinate(a.py(y)) << "\"/>";
  svg << "</g>";
  svg << "<g class=\"axis\" font-size=\"11\" fill=\"#444\">";
  for (double y : y_ticks)
    svg << "<text x=\"" << coordinate(a.left - 6) << "\" y=\"" << coordinate(a.py(y) + 4) << "\" text-anchor=\"end\">"
        << tick_label(y, tick_step(y_ticks)) << "</text>";
  for (double x : x_ticks)
    svg << "<text x=\"" << coordinate(a.px(x)) << "\" y=\"" << coordinate(a.bottom + 16)
        << "\" text-anchor=\"middle\">" << tick_label(x, tick_step(x_ticks)) << "</text>";
  svg << "</g>";
  svg << "<path d=\"M" << coordinate(a.left) << " " << coordinate(a.top) << " V" << coordinate(a.bottom) << " H"
      << coordinate(a.right) << "\" fill=\"none\" stroke=\"#888\" stroke-width=\"1\"/>";
  svg << "<g font-size=\"12\" fill=\"#222\">";
  if (!options.x_label.empty())
    svg << "<text x=\"" << coordinate((a.left + a.right) / 2) << "\" y=\"" << coordinate(a.bottom + 36)
        << "\" text-anchor=\"middle\">" << xml_escape(options.x_label) << "</text>";
  if (!options.y_label.empty())
    svg << "<text x=\"" << coordinate(a.left) << "\" y=\"" << coordinate(a.top - 12) << "\" text-anchor=\"start\">"
        << xml_escape(options.y_label) << "</text>";
  svg << "</g>";
}

std::string open_svg(const ChartOptions& options) {
  std::ostringstream svg;
  svg << "<svg class=\"chart\" role=\"img\" width=\"" << options.width << "\" height=\"" << options.height
      << "\" viewBox=\"0 0 " << options.width << " " << options.height << "\">";
  if (!options.title.empty()) svg << "<title>" << xml_escape(options.title) << "</title>";
  return svg.str();
}

// Ticks for [0, high] and the axis top (the last tick, so the grid ends on a labelled line).
std::pair<std::vector<double>, double> y_axis(double high) {
  if (!(high > 0) || !std::isfinite(high)) high = 1;
  auto ticks = nice_ticks(0, high, 5);
  const double step = tick_step(ticks);
  // Bounded, and only while adding a step still moves: near 1e16 a step below one ulp would not.
  while (ticks.back() < high * (1 - 1e-12) && ticks.size() < kMaxTicks) {
    const double next = ticks.back() + step;
    if (!(next > ticks.back())) break;
    ticks.push_back(next);
  }
  return {ticks, ticks.back()};
}

std::vector<double> x_axis_ticks(double low, double high, bool integer_x) {
  auto ticks = nice_ticks(low, high, 6);
  if (integer_x && tick_step(ticks) < 1) {
    ticks.clear();
    for (double x = std::ceil(low); x <= high + 1e-9 && ticks.size() < kMaxTicks; x += 1) {
      if (!ticks.empty() && !(x > ticks.back())) break;  // x + 1 == x beyond 2^53
      ticks.push_back(x);
    }
  }
  return ticks;
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 12), value);
  std::string_view digits = buffer;
  std::string out;
  if (digits.front() == '-') {
    if (digits.find_first_not_of("-0.") != std::string_view::npos) out.push_back('-');  // "-0.00" -> "0.00"
    digits.remove_prefix(1);
  }
  const std::size_t integer_digits = std::min(digits.find('.'), digits.size());
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && i < integer_digits && (integer_digits - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string xml_escape(std::string_view raw) {
  const std::string text = to_valid_utf8(raw);  // labels are bytes from the wild; pages are UTF-8
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        // Control characters other than tab/newline are not allowed in HTML text: show U+FFFD.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n') out += "\xEF\xBF\xBD";
        else out += c;
    }
  }
  return out;
}

std::vector<double> nice_ticks(double low, double high, int target) {
  if (!std::isfinite(low) || !std::isfinite(high)) return {0, 1};
  if (high < low) std::swap(low, high);
  if (high - low <= 0) {
    const double pad = std::fabs(low) > 0 ? std::fabs(low) * 0.5 : 1;
    low -= pad;
    high += pad;
  }
  const double raw = (high - low) / std::max(1, target);
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  const double fraction = raw / magnitude;
  const double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  const double step = nice * magnitude;
  std::vector<double> ticks;
  const double first = std::ceil(low / step - 1e-9) * step;
  for (std::size_t i = 0; first + static_cast<double>(i) * step <= high + step * 1e-9 && i < kMaxTicks; ++i) {
    const double tick = first + static_cast<double>(i) * step;
    if (ticks.empty() || tick > ticks.back()) ticks.push_back(tick);  // steps below one ulp repeat values
  }
  if (ticks.empty()) ticks.push_back(low);
  return ticks;
}

std::string svg_line_chart(const std::vector<ChartSeries>& series, const ChartOptions& options) {
  double x_min = INFINITY, x_max = -INFINITY, y_max = 0;
  for (const auto& s : series)
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) continue;
      x_min = std::min(x_min, s.x[i]);
      x_max = std::max(x_max, s.x[i]);
      y_max = std::max(y_max, s.y[i]);
      if (i < s.high.size() && std::isfinite(s.high[i])) y_max = std::max(y_max, s.high[i]);
    }
  if (!std::isfinite(x_min)) x_min = 0, x_max = 1;
  if (x_max <= x_min) x_min -= 1, x_max += 1;
  const auto x_ticks = x_axis_ticks(x_min, x_max, options.integer_x);
  const double pad = std::max(0.0, options.x_padding) * (x_max - x_min);
  x_min -= pad;
  x_max += pad;
  const auto [y_ticks, y_top] = y_axis(y_max * 1.02);
  const Axes a{x_min, x_max, y_top, kLeft, options.width - kRight, kTop, options.height - kBottom};

  std::ostringstream svg;
  svg << open_svg(options);
  draw_axes(svg, a, x_ticks, y_ticks, options);
  for (const auto& s : series) {
    const std::string color = xml_escape(s.color.empty() ? "#1f77b4" : s.color);
    std::ostringstream path;
    bool pen_down = false;
    svg << "<g class=\"series\">";
    for (std::size_t i = 0; i < std::min(s.x.size(), s.y.size()); ++i) {
      if (!std::isfinite(s.x[i]) || !std::isfinite(s.y[i])) {
        pen_down = false;
        continue;
      }
      path << (pen_down ? " L" : (path.tellp() > 0 ? " M" : "M")) << coordinate(a.px(s.x[i])) << " "
           << coordinate(a.py(s.y[i]));
      pen_down = true;
      if (i < s.low.size() && i < s.high.size() && std::isfinite(s.low[i]) && std::isfinite(s.high[i])) {
        const std::string x = coordinate(a.px(s.x[i]));
        svg << "<path d=\"M" << x << " " << coordinate(a.py(std::max(0.0, s.low[i]))) << " V"
            << coordinate(a.py(s.high[i])) << "\" stroke=\"" << color << "\" stroke-width=\"2\"/>";
      }
      if (s.markers)
        svg << "<circle cx=\"" << coordinate(a.px(s.x[i])) << "\" cy=\"" << coordinate(a.py(s.y[i]))
            << "\" r=\"3.5\" fill=\"" << color << "\"/>";
    }
    if (s.line && path.tellp() > 0)
      svg << "<path d=\"" << path.str() << "\" fill=\"none\" stroke=\"" << color
          << "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>";
    svg << "</g>";
  }
  // Legend across the top right, one entry per named series.
  double legend_x = a.right;
  svg << "<g class=\"legend\" font-size=\"11\" fill=\"#222\">";
  for (auto it = series.rbegin(); it != series.rend(); ++it) {
    if (it->name.empty()) continue;
    const double text_width = 6.2 * static_cast<double>(it->name.size());
    legend_x -= text_width + 26;
    svg << "<path d=\"M" << coordinate(legend_x) << " " << coordinate(kTop - 16) << " h16\" stroke=\""
        << xml_escape(it->color.empty() ? "#1f77b4" : it->color) << "\" stroke-width=\"3\"/>";
    svg << "<text x=\"" << coordinate(legend_x + 20) << "\" y=\"" << coordinate(kTop - 12) << "\">"
        << xml_escape(it->name) << "</text>";
  }
  svg << "</g></svg>";
  return svg.str();
}

std::string svg_histogram(const std::vector<double>& edges, const std::vector<double>& counts, const std::string& color,
                          const ChartOptions& options) {
  const std::size_t bins = edges.size() > 1 ? std::min(counts.size(), edges.size() - 1) : 0;
  double x_min = bins ? edges.front() : 0, x_max = bins ? edges[bins] : 1, y_max = 0;
  for (std::size_t i = 0; i < bins; ++i)
    if (std::isfinite(counts[i])) y_max = std::max(y_max, counts[i]);
  if (!std::isfinite(x_min) || !std::isfinite(x_max) || x_max <= x_min) x_min = 0, x_max = 1;
  const auto [y_ticks, y_top] = y_axis(y_max * 1.02);
  const Axes a{x_min, x_max, y_top, kLeft, options.width - kRight, kTop, options.height - kBottom};
  std::ostringstream svg;
  svg << open_svg(options);
  draw_axes(svg, a, x_axis_ticks(x_min, x_max, options.integer_x), y_ticks, options);
  svg << "<g class=\"bars\" fill=\"" << xml_escape(color.empty() ? "#1f77b4" : color) << "\">";
  for (std::size_t i = 0; i < bins; ++i) {
    if (!std::isfinite(counts[i]) || !(counts[i] > 0) || !std::isfinite(edges[i]) || !std::isfinite(edges[i + 1]))
      continue;
    const double x0 = a.px(edges[i]), x1 = a.px(edges[i + 1]), y = a.py(counts[i]);
    svg << "<rect x=\"" << coordinate(x0) << "\" y=\"" << coordinate(y) << "\" width=\""
        << coordinate(std::max(0.5, x1 - x0 - 1)) << "\" height=\"" << coordinate(std::max(0.0, a.bottom - y))
        << "\"/>";
  }
  svg << "</g></svg>";
  return svg.str();
}

}  // namespace kuchikomi
