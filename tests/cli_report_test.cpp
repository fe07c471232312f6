// `kuchikomi report` end to end, checked in a real browser: select on the bundled community (and on
// a graph of hostile user names), write report.html, open it in headless Chromium, and check the
// DOM Chromium built (every seed label as text, every section, no injected elements), the browser
// console (no messages at all: the page has no scripts, so any message is an error such as an SVG
// attribute Chromium could not parse), and a screenshot (a PNG of the right size whose pixels show
// the charts' and bars' colours). Chromium is required: without it these tests fail, never skip.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/scratch_test.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

constexpr int kShotWidth = 1100, kShotHeight = 2600;

using support::occurrences;
using support::slurp;

// How Chromium serialises a text node in --dump-dom (HTML serialisation: & < > and no-break space).
std::string dom_text(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else out += c;
  }
  return out;
}

// The Chromium binary (Debian's package installs /usr/bin/chromium), or "" when there is none.
std::string find_chromium() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(candidate, X_OK) == 0) return candidate;
  return "";
}

// A decoded 8-bit RGB(A) PNG (what Chromium's --screenshot writes): just enough of the format to
// look at the pixels (chunks, zlib, the five row filters; no interlacing, no palettes).
struct Image {
  std::uint32_t width = 0, height = 0, channels = 0;
  std::vector<std::uint8_t> pixels;  // row-major, `channels` bytes per pixel
  std::string error;
};

Image decode_png(const std::string& bytes) {
  Image image;
  const std::string signature = "\x89PNG\r\n\x1a\n";
  if (bytes.compare(0, 8, signature) != 0) return image.error = "not a PNG", image;
  auto be32 = [&](std::size_t at) {
    return (std::uint32_t(std::uint8_t(bytes[at])) << 24) | (std::uint32_t(std::uint8_t(bytes[at + 1])) << 16) |
           (std::uint32_t(std::uint8_t(bytes[at + 2])) << 8) | std::uint32_t(std::uint8_t(bytes[at + 3]));
  };
  std::string compressed;
  int bit_depth = 0, colour_type = 0, interlace = 0;
  for (std::size_t at = 8; at + 12 <= bytes.size();) {
    const std::uint32_t length = be32(at);
    const std::string type = bytes.substr(at + 4, 4);
    if (at + 12 + length > bytes.size()) return image.error = "truncated chunk " + type, image;
    if (type == "IHDR") {
      image.width = be32(at + 8);
      image.height = be32(at + 12);
      bit_depth = std::uint8_t(bytes[at + 16]);
      colour_type = std::uint8_t(bytes[at + 17]);
      interlace = std::uint8_t(bytes[at + 20]);
    } else if (type == "IDAT") {
      compressed += bytes.substr(at + 8, length);
    }
    at += 12 + length;
  }
  if (bit_depth != 8 || (colour_type != 2 && colour_type != 6) || interlace != 0)
    return image.error = "unexpected PNG layout (depth " + std::to_string(bit_depth) + ", colour type " +
                         std::to_string(colour_type) + ")",
           image;
  image.channels = colour_type == 6 ? 4 : 3;
  const std::size_t stride = std::size_t(image.width) * image.channels;
  std::vector<std::uint8_t> raw((stride + 1) * image.height);
  uLongf raw_size = raw.size();
  if (uncompress(raw.data(), &raw_size, reinterpret_cast<const Bytef*>(compressed.data()), compressed.size()) != Z_OK ||
      raw_size != raw.size())
    return image.error = "cannot inflate the image data", image;
  image.pixels.resize(stride * image.height);
  const std::size_t bpp = image.channels;
  for (std::size_t y = 0; y < image.height; ++y) {
    const std::uint8_t filter = raw[y * (stride + 1)];
    const std::uint8_t* in = &raw[y * (stride + 1) + 1];
    std::uint8_t* out = &image.pixels[y * stride];
    const std::uint8_t* up = y ? &image.pixels[(y - 1) * stride] : nullptr;
    for (std::size_t i = 0; i < stride; ++i) {
      const int a = i >= bpp ? out[i - bpp] : 0, b = up ? up[i] : 0, c = (up && i >= bpp) ? up[i - bpp] : 0;
      int predictor = 0;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) / 2; break;
        case 4: {
          const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
          predictor = (pa <= pb && pa <= pc) ? a : pb <= pc ? b : c;
          break;
        }
        default: return image.error = "bad PNG row filter", image;
      }
      out[i] = static_cast<std::uint8_t>(in[i] + predictor);
    }
  }
  return image;
}

// Pixels within 6 per channel of an sRGB colour (anti-aliased edges excluded, solid fills counted).
std::size_t pixels_of(const Image& image, int r, int g, int b) {
  std::size_t count = 0;
  for (std::size_t i = 0; i + 2 < image.pixels.size(); i += image.channels)
    if (std::abs(image.pixels[i] - r) <= 6 && std::abs(image.pixels[i + 1] - g) <= 6 && std::abs(image.pixels[i + 2] - b) <= 6)
      ++count;
  return count;
}

class CliReport : public support::ScratchTest {
 protected:
  // Runs `kuchikomi ARGS`; stdout -> out.txt, stderr -> err.txt.
  int cli(const std::string& arguments) const { return kuchikomi(arguments).code; }
  std::string err() const { return read("err.txt"); }

  // Opens `html` in headless Chromium; returns the serialised DOM, fills `console` with every
  // console line Chromium logged. Fails the test (no skip) when Chromium is missing or fails.
  std::string open_in_chromium(const std::string& html, std::vector<std::string>& console,
                               const std::string& screenshot = "") {
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
      ADD_FAILURE() << "Chromium not found (/usr/bin/chromium): the report test needs a real browser; install Debian's "
                       "chromium package (scripts/install_deps.sh does)";
      return "";
    }
    const std::string profile = path("chromium-profile");
    const std::string common = "timeout 120 " + chromium +
                               " --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions"
                               " --enable-logging=stderr --v=0 --user-data-dir=" + profile + " ";
    const std::string url = "file://" + fs::absolute(html).string();
    const int rc = support::shell(common + "--dump-dom " + url + " > " + path("dom.html") + " 2> " + path("chromium.log"));
    EXPECT_EQ(rc, 0) << "chromium failed:\n" << slurp(path("chromium.log"));
    std::istringstream log(slurp(path("chromium.log")));
    for (std::string line; std::getline(log, line);)
      if (line.find(":CONSOLE") != std::string::npos || line.find("Uncaught") != std::string::npos)
        console.push_back(line);
    if (!screenshot.empty()) {
      const int shot = support::shell(common + "--hide-scrollbars --window-size=" + std::to_string(kShotWidth) + "," +
                                     std::to_string(kShotHeight) + " --screenshot=" + screenshot + " " + url + " > " +
                                     path("shot.log") + " 2>&1");
      EXPECT_EQ(shot, 0) << slurp(path("shot.log"));
    }
    return slurp(path("dom.html"));
  }
};

TEST_F(CliReport, BundledCommunityReportRendersInChromium) {
  ASSERT_EQ(cli("graph build --log " + std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/quantum_community.csv --out " +
                path("q.h5")),
            0)
      << err();
  ASSERT_EQ(cli("select --graph " + path("q.h5") + " --algo imm -k 10 --epsilon 0.3 --evaluate-runs 2000 --out " +
                path("sel.h5") + " --quiet"),
            0)
      << err();
  ASSERT_EQ(cli("report " + path("sel.h5") + " --out " + path("report.html")), 0) << err();
  EXPECT_NE(slurp(path("out.txt")).find("wrote " + path("report.html")), std::string::npos);

  const std::string html = slurp(path("report.html"));
  // Self-contained: nothing to fetch (no scripts, stylesheets, images, fonts or frames).
  for (const char* external : {"<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "href="})
    EXPECT_EQ(html.find(external), std::string::npos) << external;

  std::vector<std::string> console;
  const std::string dom = open_in_chromium(path("report.html"), console, path("shot.png"));
  ASSERT_FALSE(dom.empty());
  for (const auto& line : console) ADD_FAILURE() << "browser console: " << line;
  // Every seed, in rank order, as text of the seeds table.
  const auto labels = hdf5::open_file(path("sel.h5")).open_group("seeds").read_strings("label");
  ASSERT_EQ(labels.size(), 10u);
  const auto table = dom.find("id=\"seeds-table\"");
  ASSERT_NE(table, std::string::npos);
  std::size_t at = table;
  for (const auto& label : labels) {
    const auto found = dom.find("<td class=\"user\">" + dom_text(label) + "</td>", at);
    EXPECT_NE(found, std::string::npos) << label;
    if (found != std::string::npos) at = found;
  }
  for (const char* section : {"headline", "summary", "ambassadors", "spread-curve", "reach-over-time", "reached",
                              "distribution", "settings"})
    EXPECT_NE(dom.find(std::string("<section") + (std::string(section) == "headline" ? " class=\"cards\"" : "") +
                       " id=\"" + section + "\""),
              std::string::npos)
        << section;
  EXPECT_EQ(occurrences(dom, "<svg"), 3u);  // spread curve, reach over time, distribution
  EXPECT_EQ(occurrences(dom, "<tr class=\"reached\""), 20u);

  // The screenshot: right size, and the charts and bars were painted in their colours.
  const Image image = decode_png(slurp(path("shot.png")));
  ASSERT_TRUE(image.error.empty()) << image.error;
  EXPECT_EQ(image.width, static_cast<std::uint32_t>(kShotWidth));
  EXPECT_EQ(image.height, static_cast<std::uint32_t>(kShotHeight));
  const std::size_t total = std::size_t(image.width) * image.height;
  EXPECT_LT(pixels_of(image, 0xf4, 0xf6, 0xf8) + pixels_of(image, 0xff, 0xff, 0xff), total * 98 / 100)
      << "the page looks blank";
  EXPECT_GT(pixels_of(image, 0x1f, 0x6f, 0xb4), 2000u) << "no chart (blue) pixels: the SVG was not drawn";
  EXPECT_GT(pixels_of(image, 0x2e, 0x8b, 0x57), 2000u) << "no 'who is reached' bars (green)";
}

TEST_F(CliReport, HostileUserNamesStayText) {
  InfluenceGraph g = support::two_hubs();
  const std::vector<std::string> hostile = {"<script>console.error(\"xss\")</script>",
                                            "<img src=x onerror=\"console.error('xss')\">", "Tom & Jerry \"cat\" 'o'",
                                            "</td></tr></table><h1>broken", "a&amp;b --> <!-- <svg onload=alert(1)>"};
  for (NodeId u = 0; u < g.num_nodes(); ++u) g.labels[u] = hostile[u % hostile.size()] + " #" + std::to_string(u);
  write_graph_file(g, path("g.h5"));
  ASSERT_EQ(cli("select --graph " + path("g.h5") + " --algo celf -k 6 --mc-runs 300 --evaluate-runs 2000 --out " +
                path("sel.h5") + " --quiet"),
            0)
      << err();
  ASSERT_EQ(cli("report " + path("sel.h5") + " --out " + path("report.html") + " --title '<b>Campaign & co</b>'"), 0)
      << err();
  std::vector<std::string> console;
  const std::string dom = open_in_chromium(path("report.html"), console);
  ASSERT_FALSE(dom.empty());
  for (const auto& line : console) ADD_FAILURE() << "browser console (a label ran as code?): " << line;
  EXPECT_EQ(occurrences(dom, "<script"), 0u);
  EXPECT_EQ(occurrences(dom, "<img"), 0u);
  EXPECT_EQ(occurrences(dom, "<b>"), 0u);
  EXPECT_EQ(occurrences(dom, "<h1>"), 1u);
  EXPECT_EQ(occurrences(dom, "<svg"), 3u);
  EXPECT_NE(dom.find("<h1>&lt;b&gt;Campaign &amp; co&lt;/b&gt;</h1>"), std::string::npos);
  const auto labels = hdf5::open_file(path("sel.h5")).open_group("seeds").read_strings("label");
  ASSERT_EQ(labels.size(), 6u);
  for (const auto& label : labels)
    EXPECT_EQ(occurrences(dom, "<td class=\"user\">" + dom_text(label) + "</td>"), 1u) << label;
  // The table is still one table of six seed rows (no label closed it early).
  EXPECT_EQ(occurrences(dom, "<tr class=\"seed"), 6u);
}

TEST_F(CliReport, ErrorsExitCodesAndNoPartialFile) {
  EXPECT_EQ(cli("report --help"), 0);
  EXPECT_NE(slurp(path("out.txt")).find("kuchikomi report RESULTS.h5 [MORE.h5 ...] --out report.html"), std::string::npos);
  EXPECT_EQ(cli("report"), 2);                                 // no results file
  EXPECT_EQ(cli("report " + path("x.h5")), 2);                 // no --out
  EXPECT_EQ(cli("report " + path("x.h5") + " --out " + path("r.html") + " --top abc"), 2);
  EXPECT_EQ(cli("report " + path("x.h5") + " --out " + path("r.html") + " --top 0"), 2);
  EXPECT_EQ(cli("report " + path("x.h5") + " --out " + path("r.html") + " --top 101"), 2);
  EXPECT_NE(err().find("--top must be between 1 and 100"), std::string::npos) << err();
  std::ofstream(path("x.h5")) << "hello\n";
  EXPECT_EQ(cli("report " + path("x.h5") + " --out " + path("r.html")), 1);
  EXPECT_NE(err().find(path("x.h5") + ": not an HDF5 file"), std::string::npos) << err();
  // A graph file is HDF5 but not a results file.
  write_graph_file(support::two_hubs(), path("g.h5"));
  EXPECT_EQ(cli("report " + path("g.h5") + " --out " + path("r.html")), 1);
  EXPECT_NE(err().find("is not a selection or simulation result"), std::string::npos) << err();
  EXPECT_EQ(cli("report " + path("missing.h5") + " --out " + path("r.html")), 1);
  EXPECT_NE(err().find("missing.h5"), std::string::npos);
  ASSERT_EQ(cli("select --graph " + path("g.h5") + " --algo degree -k 2 --evaluate-runs 100 --out " + path("sel.h5") +
                " --quiet"),
            0)
      << err();
  EXPECT_EQ(cli("report " + path("sel.h5") + " --out " + path("nowhere/r.html")), 1);
  EXPECT_NE(err().find("does not exist"), std::string::npos) << err();
  EXPECT_FALSE(fs::exists(path("r.html")));
  for (const auto& entry : fs::directory_iterator(dir_))
    EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
  // A simulation result is accepted too.
  ASSERT_EQ(cli("simulate --graph " + path("g.h5") + " --model ic --seeds u0,u5 --runs 500 --out " + path("sim.h5") + " --quiet"), 0)
      << err();
  EXPECT_EQ(cli("report " + path("sim.h5") + " --out " + path("sim.html") + " --quiet"), 0) << err();
  EXPECT_EQ(slurp(path("out.txt")), "");
  EXPECT_NE(slurp(path("sim.html")).find("<td class=\"user\">u5</td>"), std::string::npos);
  // One with random seeds per run has no set to show: refused, saying why, no file left.
  ASSERT_EQ(cli("simulate --graph " + path("g.h5") + " --model ic --random-seeds 1 --runs 100 --out " + path("rnd.h5") +
                " --quiet"),
            0)
      << err();
  EXPECT_EQ(cli("report " + path("rnd.h5") + " --out " + path("rnd.html")), 1);
  EXPECT_NE(err().find("random seed user(s) per run"), std::string::npos) << err();
  EXPECT_FALSE(fs::exists(path("rnd.html")));
}

TEST_F(CliReport, HeuristicReportsSayWhereTheirNumbersComeFrom) {
  write_graph_file(support::two_hubs(), path("g.h5"));
  ASSERT_EQ(cli("select --graph " + path("g.h5") + " --algo degree -k 3 --evaluate-runs 0 --out " + path("sel.h5") +
                " --quiet"),
            0)
      << err();
  ASSERT_EQ(cli("report " + path("sel.h5") + " --out " + path("r.html") + " --quiet"), 0) << err();
  const std::string html = read("r.html");
  EXPECT_NE(html.find("reach not estimated"), std::string::npos);
  EXPECT_EQ(html.find("algorithm's estimate"), std::string::npos);  // no made-up curve or figure
  EXPECT_EQ(occurrences(html, "<td class=\"user\">"), 3u);

  // Evaluated, the heuristic's gains and curve are the evaluation's: the page says so and draws one curve.
  ASSERT_EQ(cli("select --graph " + path("g.h5") + " --algo degree -k 3 --evaluate-runs 500 --out " + path("sel2.h5") +
                " --quiet"),
            0)
      << err();
  ASSERT_EQ(cli("report " + path("sel2.h5") + " --out " + path("r2.html") + " --quiet"), 0) << err();
  const std::string evaluated = read("r2.html");
  EXPECT_NE(evaluated.find("Both are measured by the independent Monte Carlo evaluation"), std::string::npos);
  EXPECT_EQ(evaluated.find("own estimates"), std::string::npos);
  EXPECT_EQ(evaluated.find("s estimate"), std::string::npos);  // no "algorithm's estimate" legend
}

}  // namespace
}  // namespace kuchikomi
