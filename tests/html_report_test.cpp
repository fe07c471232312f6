// The HTML report writer (report/html_report.hpp, report/svg_chart.hpp) without a browser:
// hostile labels are escaped, every seed and the numbers of the HDF5 file are on the page, charts
// never print non-finite coordinates, and bad input fails with a clear error and no file.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <regex>
#include <sstream>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/selection_report.hpp"
#include "kuchikomi/report/simulation_report.hpp"
#include "kuchikomi/report/svg_chart.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "report/html_text.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

// Labels as the public may choose them: markup, entities, quotes, comment ends, control bytes.
const std::vector<std::string> kHostile = {
    "<script>console.error(\"xss\")</script>",
    "<img src=x onerror=\"console.error('xss')\">",
    "Tom & Jerry \"the cat\" 'o'",
    "</td></tr></table><h1>broken",
    "a&amp;b --> <!-- \x01",
};

InfluenceGraph hostile_graph() {
  InfluenceGraph g = support::two_hubs();
  for (NodeId u = 0; u < g.num_nodes(); ++u) g.labels[u] = kHostile[u % kHostile.size()] + " #" + std::to_string(u);
  return g;
}

using support::occurrences;
using support::slurp;

// Values of data-value="..." inside the rows of the table with this id, row by row.
std::vector<std::vector<double>> table_values(const std::string& html, const std::string& table_id) {
  const auto begin = html.find("<table id=\"" + table_id + "\"");
  const auto end = html.find("</table>", begin);
  EXPECT_NE(begin, std::string::npos) << table_id;
  std::vector<std::vector<double>> rows;
  const std::string table = html.substr(begin, end - begin);
  const std::regex row_re("<tr[^>]*>(.*?)</tr>"), value_re("data-value=\"([^\"]*)\"");
  for (std::sregex_iterator r(table.begin(), table.end(), row_re), stop; r != stop; ++r) {
    const std::string row = (*r)[1];
    std::vector<double> values;
    for (std::sregex_iterator v(row.begin(), row.end(), value_re); v != stop; ++v) values.push_back(std::stod((*v)[1]));
    if (!values.empty()) rows.push_back(values);
  }
  return rows;
}

class HtmlReport : public support::ScratchTest {
 protected:

  // A real selection run on the hostile graph, evaluated like `kuchikomi select` does, saved to sel.h5.
  void write_selection(const std::string& name, bool evaluate = true, std::vector<NodeId> target = {}) {
    const InfluenceGraph g = hostile_graph();
    SelectionProblem problem;
    problem.k = 4;
    problem.rng_seed = 7;
    problem.target = target;
    problem.include = {9};
    SelectionOptions options;
    options.epsilon = 0.3;
    const SelectionResult result = run_selection("opim-c", g, problem, options);
    SelectionRunInfo info;
    info.graph_path = "graphs/<hostile> & \"co\".h5";
    info.command_line = "kuchikomi select --algo opim-c <&>";
    info.config = {{"epsilon", "0.300000"}, {"algo", "opim-c"}};
    if (evaluate) {
      std::vector<NodeId> seeds;
      for (const auto& s : result.seeds) seeds.push_back(s.node);
      SimulationOptions sim;
      sim.runs = 3000;
      sim.rng_seed = 7;
      sim.domain = StreamDomain::kEvaluationRun;
      sim.target = target;
      info.evaluation = simulate_spread(g, seeds, sim);
      info.evaluated = true;
    }
    write_selection_hdf5(path(name), g, problem, result, info);
  }
};

TEST(XmlEscape, EscapesMarkupQuotesAndControlBytes) {
  EXPECT_EQ(xml_escape("plain Zoë 東京"), "plain Zoë 東京");
  EXPECT_EQ(xml_escape("<a href=\"x\">'&'</a>"), "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  EXPECT_EQ(xml_escape("a&amp;b"), "a&amp;amp;b");  // already-escaped text stays literal
  EXPECT_EQ(xml_escape(std::string("x\x01y\tz", 5)), "x\xEF\xBF\xBDy\tz");
}

TEST(FormatNumber, GroupsThousandsAndNeverShowsMinusZero) {
  EXPECT_EQ(format_number(1234567.891, 2), "1,234,567.89");
  EXPECT_EQ(format_number(-1234.5, 1), "-1,234.5");
  EXPECT_EQ(format_number(999.999, 2), "1,000.00");
  EXPECT_EQ(format_number(123, 0), "123");
  EXPECT_EQ(format_number(-0.001, 2), "0.00");
  EXPECT_EQ(format_number(NAN, 2), "n/a");
}

TEST(NiceTicks, RoundStepsThatCoverTheRange) {
  for (const auto& [low, high] : std::vector<std::pair<double, double>>{{0, 1}, {0, 7.3}, {0, 186}, {3, 3}, {0, 0.04}, {12, 98765}}) {
    const auto ticks = nice_ticks(low, high, 5);
    ASSERT_GE(ticks.size(), 2u) << low << " " << high;
    const double step = ticks[1] - ticks[0];
    const double mantissa = step / std::pow(10.0, std::floor(std::log10(step) + 1e-9));
    EXPECT_TRUE(std::fabs(mantissa - 1) < 1e-6 || std::fabs(mantissa - 2) < 1e-6 || std::fabs(mantissa - 5) < 1e-6)
        << "step " << step;
    EXPECT_LE(ticks.size(), 12u);
    if (high > low) {
      EXPECT_GE(ticks.front(), low - 1e-9);
      EXPECT_LE(ticks.back(), high + 1e-9);
      EXPECT_GT(ticks.back() + step, high);  // no room for another tick: the range is covered
    }
  }
}

TEST(SvgChart, NeverPrintsNonFiniteCoordinates) {
  ChartSeries s{"a<b", "#123456", {0, 1, 2, 3}, {1, NAN, INFINITY, 2}, {0, 0, 0, NAN}, {2, 2, 2, 3}, true, true};
  ChartOptions options;
  options.title = "t & \"q\"";
  const std::string svg = svg_line_chart({s}, options) + svg_line_chart({}, options) +
                          svg_histogram({0, 1, NAN}, {5, NAN}, "#000", options) + svg_histogram({}, {}, "", options);
  for (const char* bad : {"nan", "inf", "NaN"}) EXPECT_EQ(svg.find(bad), std::string::npos) << bad;
  EXPECT_NE(svg.find("a&lt;b"), std::string::npos);
  EXPECT_NE(svg.find("<title>t &amp; &quot;q&quot;</title>"), std::string::npos);
  EXPECT_EQ(occurrences(svg, "<svg"), 4u);
  EXPECT_EQ(occurrences(svg, "</svg>"), 4u);
}

TEST_F(HtmlReport, EscapesEveryHostileLabelAndShowsEverySeed) {
  write_selection("sel.h5");
  const auto file = hdf5::open_file(path("sel.h5"));
  const auto labels = file.open_group("seeds").read_strings("label");
  ASSERT_EQ(labels.size(), 5u);  // 1 included + k = 4
  const std::string html = render_html_report(read_report_data(path("sel.h5")));

  // Nothing hostile survives as markup: the page has no scripts, images, comments or extra headings.
  EXPECT_EQ(occurrences(html, "<script"), 0u);
  EXPECT_EQ(occurrences(html, "<img"), 0u);
  EXPECT_EQ(occurrences(html, "<!--"), 0u);
  EXPECT_EQ(occurrences(html, "<h1>"), 1u);
  EXPECT_EQ(occurrences(html, "\x01"), 0u);
  EXPECT_EQ(occurrences(html, "<table"), occurrences(html, "</table>"));
  // Every seed, escaped, in its table row (rank order), and the raw label nowhere.
  const std::regex row_re("<tr class=\"seed[^\"]*\" data-rank=\"(\\d+)\" data-id=\"(\\d+)\"><td class=\"num\">\\d+</td>"
                          "<td class=\"user\">([^<]*)");
  std::vector<std::string> shown;
  for (std::sregex_iterator r(html.begin(), html.end(), row_re), stop; r != stop; ++r) shown.push_back((*r)[3]);
  ASSERT_EQ(shown.size(), labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) {
    EXPECT_EQ(shown[i], xml_escape(labels[i])) << i;
    if (labels[i].find_first_of("<>&\"'") != std::string::npos) { EXPECT_EQ(html.find(labels[i]), std::string::npos); }
  }
  // Settings text from the file is escaped too.
  EXPECT_NE(html.find("graphs/&lt;hostile&gt; &amp; &quot;co&quot;.h5"), std::string::npos);
  EXPECT_NE(html.find("--algo opim-c &lt;&amp;&gt;"), std::string::npos);
  // The included seed is marked.
  EXPECT_EQ(occurrences(html, "<span class=\"tag\">included</span>"), 1u);
}

TEST_F(HtmlReport, NumbersMatchTheHdf5File) {
  write_selection("sel.h5");
  const auto file = hdf5::open_file(path("sel.h5"));
  const auto seeds = file.open_group("seeds");
  const auto gains = seeds.read<double>("marginal_gain"), costs = seeds.read<double>("cost"),
             curve = seeds.read<double>("spread_curve");
  const auto evaluation = file.open_group("evaluation");
  const std::string html = render_html_report(read_report_data(path("sel.h5")));

  const auto rows = table_values(html, "seeds-table");
  ASSERT_EQ(rows.size(), gains.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 3u);
    EXPECT_EQ(rows[i][0], gains[i]);  // %.17g round-trips a double exactly
    EXPECT_EQ(rows[i][1], costs[i]);
    EXPECT_EQ(rows[i][2], curve[i]);
  }
  // Headline: mean and CI of the independent evaluation, rounded as shown.
  char expected[128];
  std::snprintf(expected, sizeof expected, "95%% CI %.1f &ndash; %.1f", evaluation.double_attribute("ci95_low"),
                evaluation.double_attribute("ci95_high"));
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  std::snprintf(expected, sizeof expected, "<div class=\"big\">%.1f</div>", evaluation.double_attribute("mean"));
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  // The community share is part of the same (everyone) figure, not a second headline.
  std::snprintf(expected, sizeof expected, "<div class=\"small\">%.1f%% of the community's 10 users; 95%% CI",
                100 * evaluation.double_attribute("mean") / 10);
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  // Reach over time: the step table holds the stored curves.
  const auto steps = table_values(html, "steps-table");
  const auto fresh = evaluation.read<double>("new_per_step"), cumulative = evaluation.read<double>("cumulative_per_step");
  ASSERT_EQ(steps.size(), cumulative.size());
  for (std::size_t t = 0; t < steps.size(); ++t) {
    EXPECT_EQ(steps[t][0], fresh[t]);
    EXPECT_EQ(steps[t][1], cumulative[t]);
  }
  EXPECT_EQ(cumulative.front(), 5.0);  // step 0 = the five seeds
  // Who is reached: the stored top users (non-seeds, most likely first), probabilities exact.
  const auto top = evaluation.open_group("top_reached");
  const auto probability = top.read<double>("probability");
  const auto top_ids = top.read<std::uint32_t>("id");
  ASSERT_GE(probability.size(), 1u);
  ASSERT_LE(probability.size(), 5u);  // 10 users - 5 seeds
  for (std::uint32_t id : top_ids)
    for (std::uint32_t seed : seeds.read<std::uint32_t>("id")) EXPECT_NE(id, seed);
  EXPECT_TRUE(std::is_sorted(probability.rbegin(), probability.rend()));
  // The audience summary counts the same users the file counts.
  std::snprintf(expected, sizeof expected, "<strong>%lld</strong> users besides the ambassadors",
                static_cast<long long>(evaluation.int_attribute("users_reached_p50")));
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  std::size_t over_half = 0;
  for (double p : probability) over_half += p >= 0.5;
  EXPECT_EQ(evaluation.int_attribute("users_reached_p50"), static_cast<std::int64_t>(over_half));  // all non-seeds stored
  const auto reached = table_values(html, "reached-table");
  ASSERT_EQ(reached.size(), probability.size());
  for (std::size_t i = 0; i < reached.size(); ++i) EXPECT_EQ(reached[i][0], probability[i]);
  // Settings: algorithm, epsilon, certified ratio, RR sets.
  EXPECT_NE(html.find("<dd id=\"setting-algorithm\">opim-c</dd>"), std::string::npos);
  std::snprintf(expected, sizeof expected, "%.4f (proved", file.double_attribute("approximation_ratio"));
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  EXPECT_NE(html.find("<dt>Epsilon</dt><dd>0.3</dd>"), std::string::npos);
  for (const char* section : {"headline", "ambassadors", "spread-curve", "reach-over-time", "reached", "distribution",
                              "settings"})
    EXPECT_NE(html.find(std::string("id=\"") + section + "\""), std::string::npos) << section;
}

TEST_F(HtmlReport, TargetSegmentAndSkippedEvaluation) {
  write_selection("target.h5", true, {6, 7, 8, 9});
  const std::string html = render_html_report(read_report_data(path("target.h5")));
  const auto evaluation = hdf5::open_file(path("target.h5")).open_group("evaluation");
  // The segment's figure comes first, labelled as the segment's, with its share of the segment.
  char expected[512];
  std::snprintf(expected, sizeof expected,
                "<div class=\"big\">%.1f</div><div class=\"what\"><strong>segment</strong>: target users expected to be "
                "reached (the plan's goal)</div><div class=\"small\">%.1f%% of the 4 users in the segment",
                evaluation.double_attribute("target_mean"), 100 * evaluation.double_attribute("target_mean") / 4);
  EXPECT_NE(html.find(expected), std::string::npos) << expected;
  EXPECT_LT(html.find("id=\"card-target\""), html.find("id=\"card-reach\""));
  EXPECT_NE(html.find("<strong>everyone</strong>: people expected to be reached, in and out of the segment"),
            std::string::npos);
  EXPECT_NE(html.find("target users reached"), std::string::npos);

  write_selection("plain.h5", false);
  const std::string plain = render_html_report(read_report_data(path("plain.h5")));
  EXPECT_NE(plain.find("no independent evaluation was run"), std::string::npos);
  EXPECT_EQ(table_values(plain, "seeds-table").size(), 5u);
  EXPECT_EQ(plain.find("id=\"distribution\""), std::string::npos);
}

TEST_F(HtmlReport, SimulationFilesToo) {
  const InfluenceGraph g = hostile_graph();
  SimulationRecord record;
  record.graph_path = "g.h5";
  record.model = "ic";
  record.seeds = {0, 5};
  record.rng_seed = 3;
  SimulationOptions sim;
  sim.runs = 1000;
  const auto stats = simulate_spread(g, record.seeds, sim);
  write_simulation_file(path("sim.h5"), g, record, stats);
  const ReportData data = read_report_data(path("sim.h5"));
  EXPECT_FALSE(data.is_selection);
  ASSERT_EQ(data.seeds.size(), 2u);
  // The file's figures come back as written.
  EXPECT_EQ(data.all.summary.mean, stats.all.summary.mean);
  EXPECT_EQ(data.all.summary.stddev, stats.all.summary.stddev);
  EXPECT_EQ(data.all.summary.ci95_low, stats.all.summary.ci95_low);
  EXPECT_EQ(data.all.histogram_edges, stats.all.histogram_edges);
  EXPECT_EQ(data.all.histogram_counts, stats.all.histogram_counts);
  EXPECT_EQ(data.all.cumulative_per_step, stats.all.cumulative_per_step);
  EXPECT_EQ(data.all.new_per_step, stats.all.new_per_step);
  EXPECT_FALSE(data.target.has_value());
  const std::string html = render_html_report(data);
  EXPECT_NE(html.find(xml_escape(g.label(0))), std::string::npos);
  EXPECT_NE(html.find(xml_escape(g.label(5))), std::string::npos);
  EXPECT_EQ(table_values(html, "reached-table").size(), 8u);  // all non-seeds are reachable
}

TEST_F(HtmlReport, BadInputIsAClearErrorAndLeavesNoFile) {
  auto message = [&](const std::string& input, const std::string& out) -> std::string {
    try {
      write_html_report(input, out);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  std::ofstream(path("text.h5")) << "not hdf5\n";
  EXPECT_NE(message(path("text.h5"), path("r.html")).find("not an HDF5 file"), std::string::npos);
  EXPECT_NE(message(path("missing.h5"), path("r.html")).find("missing.h5"), std::string::npos);
  hdf5::create_file(path("other.h5")).set_attribute("format", "something-else");
  EXPECT_NE(message(path("other.h5"), path("r.html")).find("format 'something-else'"), std::string::npos);
  hdf5::create_file(path("bare.h5"));
  EXPECT_NE(message(path("bare.h5"), path("r.html")).find("not a kuchikomi results file"), std::string::npos);
  {
    // A selection file with a dataset missing, and one with mismatched lengths.
    write_selection("sel.h5", false);
    for (const std::string broken : {"gain", "length"}) {
      const auto f = hdf5::create_file(path(broken + ".h5"));
      f.set_attribute("format", "kuchikomi-selection");
      f.set_attribute("algorithm", "imm");
      f.set_attribute("model", "ic");
      const auto seeds = f.create_group("seeds");
      seeds.write_strings("label", {"a", "b"});
      seeds.write("id", std::vector<std::uint32_t>{0, 1});
      seeds.write("cost", std::vector<double>{1, 1});
      seeds.write("spread_curve", std::vector<double>{1, 2});
      if (broken == "length") seeds.write("marginal_gain", std::vector<double>{1});
    }
  }
  EXPECT_NE(message(path("gain.h5"), path("r.html")).find("missing dataset /seeds/marginal_gain"), std::string::npos);
  EXPECT_NE(message(path("length.h5"), path("r.html")).find("/seeds/marginal_gain has 1 values, expected 2"),
            std::string::npos);
  EXPECT_FALSE(fs::exists(path("r.html")));
  EXPECT_NE(message(path("sel.h5"), path("no/such/folder/r.html")).find("does not exist"), std::string::npos);
  EXPECT_NE(message(path("sel.h5"), path("sel.h5")).find("the report is the same file as the results file"),
            std::string::npos);
  // Nothing but the inputs is left in the folder (no temporaries either).
  for (const auto& entry : fs::directory_iterator(dir_)) EXPECT_EQ(entry.path().extension(), ".h5") << entry.path();

  write_html_report(path("sel.h5"), path("r.html"));
  EXPECT_NE(slurp(path("r.html")).find("</html>"), std::string::npos);
}

}  // namespace
}  // namespace kuchikomi

namespace kuchikomi {
namespace {

// Issue 11, finding 6: a results file with histogram edges near 1e16 (where adding 1 changes
// nothing) made the tick loops spin forever. Every chart must finish, with finite coordinates.
TEST(SvgChartHostileRanges, HugeOrDegenerateRangesTerminate) {
  ChartOptions integer_axis;
  integer_axis.integer_x = true;
  for (const std::vector<double>& edges : std::vector<std::vector<double>>{
           {1e16, 1e16 + 2}, {1e300, 1.0000001e300}, {9007199254740992.0, 9007199254740994.0}, {0, 1e-300}, {5, 5}}) {
    const std::string svg = svg_histogram(edges, {7}, "#000", integer_axis);
    EXPECT_EQ(svg.find("nan"), std::string::npos) << edges[0];
    EXPECT_LT(occurrences(svg, "<text"), 2200u) << edges[0];
    ChartSeries s;
    s.x = edges;
    s.y = {1e16, 1e16 + 2};
    EXPECT_FALSE(svg_line_chart({s}, integer_axis).empty());
  }
  EXPECT_LE(nice_ticks(1e16, 1e16 + 2).size(), 1000u);
}

TEST(SvgChartHostileRanges, LabelsThatAreNotUtf8BecomeValidText) {
  const std::string escaped = xml_escape("a\xff<b");
  EXPECT_EQ(escaped, "a\xef\xbf\xbd&lt;b");
}

// Shares and values that are not finite (a crafted results file) show as n/a with an empty
// data-value, in every cell helper: the results_file fuzz target found "inf" in a percent cell.
TEST(HtmlText, NonFiniteNumbersNeverReachAnAttribute) {
  for (double bad : {std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity(),
                     -std::numeric_limits<double>::infinity()}) {
    EXPECT_EQ(html::exact(bad), "");
    EXPECT_EQ(html::percent(bad), "n/a");
    EXPECT_EQ(html::percent_cell(bad), "<td class=\"num\" data-value=\"\">n/a</td>");
    EXPECT_EQ(html::num_cell(bad), "<td class=\"num\" data-value=\"\">n/a</td>");
  }
  EXPECT_EQ(html::percent_cell(0.25), "<td class=\"num\" data-value=\"0.25\">25.0%</td>");
  EXPECT_EQ(html::exact(0.1), "0.10000000000000001");
}

}  // namespace
}  // namespace kuchikomi
