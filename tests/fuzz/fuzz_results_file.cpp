// Fuzz target: selection and simulation results files (`kuchikomi report sel.h5`), read from an
// in-memory file image by kuchikomi's own HDF5 parser and rendered as the HTML report.
//
// Feeds: the whole input as an HDF5 file image (seeds: select and simulate outputs written by the
// kuchikomi executable, see make_fuzz_corpus.py).
// Must hold: only InputError/UsageError reject; a file that loads renders to a page that is valid
// UTF-8, holds every seed's (escaped) label and never prints a non-finite coordinate.
#include <span>

#include "fuzz_support.hpp"
#include "kuchikomi/core/utf8.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/svg_chart.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kuchikomi::fuzz::kMaxInput) return -1;
  using namespace kuchikomi;
  fuzz::expect_clean_rejection([&] {
    const ReportData report =
        read_report_data_image(std::span(reinterpret_cast<const std::byte*>(data), size), "fuzz.h5");
    const std::string html = render_html_report(report);
    KUCHIKOMI_FUZZ_CHECK(is_valid_utf8(html));
    KUCHIKOMI_FUZZ_CHECK(html.find("NaN") == std::string::npos && html.find("inf\"") == std::string::npos);
    for (const auto& seed : report.seeds) KUCHIKOMI_FUZZ_CHECK(html.find(xml_escape(seed.label)) != std::string::npos);
  });
  return 0;
}
