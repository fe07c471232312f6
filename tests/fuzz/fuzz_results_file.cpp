// Fuzz target: selection and simulation results files (`kuchikomi report sel.h5`), read from an
// in-memory file image by kuchikomi's own HDF5 parser and rendered as the HTML report.
//
// Feeds: the whole input as an HDF5 file image (seeds: select and simulate outputs written by the
// kuchikomi executable, see make_fuzz_corpus.py).
// Must hold: only InputError/UsageError reject; a file that loads renders to a page that is valid
// UTF-8, holds every seed's (escaped) label and never prints a non-finite number in a numeric
// attribute (data-value, SVG coordinates and sizes). Text from the file (labels, model names) may
// spell "NaN"; it is escaped text, not a number, so only attribute values are checked.
#include <algorithm>
#include <cctype>
#include <span>
#include <string_view>

#include "fuzz_support.hpp"
#include "kuchikomi/core/utf8.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/svg_chart.hpp"

namespace {

// True when an attribute that holds numbers (data-value, x, y, ..., points, d) holds nan or inf.
bool non_finite_number_attribute(std::string_view html) {
  static constexpr std::string_view kNumeric[] = {"data-value", "x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r",
                                                   "width", "height", "points", "d", "viewBox"};
  for (std::size_t at = html.find("=\""); at != std::string_view::npos; at = html.find("=\"", at + 2)) {
    std::size_t name_start = at;
    while (name_start > 0 && (std::isalnum(static_cast<unsigned char>(html[name_start - 1])) || html[name_start - 1] == '-'))
      --name_start;
    const std::string_view name = html.substr(name_start, at - name_start);
    if (std::find(std::begin(kNumeric), std::end(kNumeric), name) == std::end(kNumeric)) continue;
    const std::size_t end = html.find('"', at + 2);
    std::string value(html.substr(at + 2, end == std::string_view::npos ? std::string_view::npos : end - at - 2));
    std::transform(value.begin(), value.end(), value.begin(), [](unsigned char c) { return std::tolower(c); });
    if (value.find("nan") != std::string::npos || value.find("inf") != std::string::npos) return true;
  }
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kuchikomi::fuzz::kMaxInput) return -1;
  using namespace kuchikomi;
  fuzz::expect_clean_rejection([&] {
    const ReportData report =
        read_report_data_image(std::span(reinterpret_cast<const std::byte*>(data), size), "fuzz.h5");
    const std::string html = render_html_report(report);
    KUCHIKOMI_FUZZ_CHECK(is_valid_utf8(html));
    KUCHIKOMI_FUZZ_CHECK(!non_finite_number_attribute(html));
    for (const auto& seed : report.seeds) KUCHIKOMI_FUZZ_CHECK(html.find(xml_escape(seed.label)) != std::string::npos);
  });
  return 0;
}
