// `kuchikomi report a.h5 b.h5 c.h5`: the comparison page opened in headless Chromium (skipped when
// there is none) holds every plan's ambassadors and the counts of the files; plans on different
// graphs are refused with both files named and no page written.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <set>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/plan_comparison.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

std::string chromium_binary() {
  for (const char* candidate : {"/usr/bin/chromium", "/usr/bin/chromium-browser"})
    if (::access(candidate, X_OK) == 0) return candidate;
  return "";
}

// Text as Chromium serialises it inside an element.
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

class PlanComparison : public support::ScratchTest {
 protected:
  void make_plans() {
    const std::string graph = "--graph " + path("q.h5");
    ASSERT_EQ(kuchikomi("graph build --log " + support::quantum_community() + " --out " + path("q.h5")).code, 0);
    ASSERT_EQ(kuchikomi("select " + graph + " --algo imm -k 6 --evaluate-runs 2000 --out " + path("a.h5") + " --quiet").code, 0);
    ASSERT_EQ(kuchikomi("select " + graph + " --algo degree -k 4 --evaluate-runs 2000 --out " + path("b.h5") + " --quiet").code,
              0);
    write("plan.txt", "DaftWullie (1837)\nBlue (26)\n");
    ASSERT_EQ(kuchikomi("simulate " + graph + " --model ic --seeds-file " + path("plan.txt") + " --runs 2000 --out " +
                        path("c.h5") + " --quiet")
                  .code,
              0);
  }
};

TEST_F(PlanComparison, PageInChromiumShowsEveryPlansAmbassadors) {
  make_plans();
  const auto r = kuchikomi("report " + path("a.h5") + " " + path("b.h5") + " " + path("c.h5") + " --out " + path("cmp.html"));
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string chromium = chromium_binary();
  if (chromium.empty()) GTEST_SKIP() << "no Chromium (/usr/bin/chromium): the page is not opened in a browser";
  const int rc = support::shell("timeout 120 " + chromium +
                                " --headless --no-sandbox --disable-gpu --no-first-run --disable-extensions --user-data-dir=" +
                                path("profile") + " --dump-dom file://" + fs::absolute(path("cmp.html")).string() + " > " +
                                path("dom.html") + " 2> " + path("chromium.log"));
  ASSERT_EQ(rc, 0) << read("chromium.log");
  const std::string dom = read("dom.html");

  std::set<std::string> everyone;
  for (const char* file : {"a.h5", "b.h5", "c.h5"}) {
    SCOPED_TRACE(file);
    const auto labels = hdf5::open_file(path(file)).open_group("seeds").read_strings("label");
    ASSERT_FALSE(labels.empty());
    const auto table = dom.find("id=\"ambassadors-table\"");
    ASSERT_NE(table, std::string::npos);
    for (const auto& label : labels) {
      EXPECT_NE(dom.find("<td class=\"user\">" + dom_text(label) + "</td>", table), std::string::npos) << label;
      everyone.insert(label);
    }
  }
  // One row per distinct ambassador, one per plan, one chart line per plan.
  const std::regex ambassador_row("<tr class=\"ambassador");
  EXPECT_EQ(static_cast<std::size_t>(std::distance(std::sregex_iterator(dom.begin(), dom.end(), ambassador_row),
                                                   std::sregex_iterator())),
            everyone.size());
  for (const char* plan : {"A", "B", "C"})
    EXPECT_NE(dom.find("<tr class=\"plan\" data-plan=\"" + std::string(plan) + "\""), std::string::npos) << plan;
  for (const char* section : {"plans", "ambassadors-compared", "curves", "reached-difference"})
    EXPECT_NE(dom.find("id=\"" + std::string(section) + "\""), std::string::npos) << section;
  EXPECT_NE(dom.find("<svg"), std::string::npos);

  // "Likely reached by A and not B" is counted from the files' per-user probabilities.
  const auto pa = hdf5::open_file(path("a.h5")).open_group("evaluation").read<double>("node_probability");
  const auto pb = hdf5::open_file(path("b.h5")).open_group("evaluation").read<double>("node_probability");
  ASSERT_EQ(pa.size(), pb.size());
  std::size_t a_only = 0, b_only = 0;
  for (std::size_t v = 0; v < pa.size(); ++v) {
    a_only += pa[v] >= 0.5 && pb[v] < 0.5;
    b_only += pb[v] >= 0.5 && pa[v] < 0.5;
  }
  EXPECT_NE(dom.find("id=\"difference-A-B\" data-a-only=\"" + std::to_string(a_only) + "\" data-b-only=\"" +
                     std::to_string(b_only) + "\""),
            std::string::npos);
}

TEST_F(PlanComparison, RefusesPlansOnDifferentGraphs) {
  make_plans();
  ASSERT_EQ(kuchikomi("select --graph " + support::tiny_community() + " --algo imm -k 2 --out " + path("t.h5") + " --quiet").code,
            0);
  const auto r = kuchikomi("report " + path("a.h5") + " " + path("t.h5") + " --out " + path("cmp.html"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("different graph"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path("t.h5")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path("a.h5")), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("cmp.html")));
  // The same graph file loaded twice is the same graph, whatever the files are called.
  fs::copy_file(path("q.h5"), path("q-copy.h5"));
  ASSERT_EQ(kuchikomi("select --graph " + path("q-copy.h5") + " --algo degree -k 3 --out " + path("d.h5") + " --quiet").code, 0);
  EXPECT_EQ(kuchikomi("report " + path("a.h5") + " " + path("d.h5") + " --out " + path("cmp.html")).code, 0);
}

TEST(PlanComparisonData, SameGraphByFingerprintOrBySize) {
  ReportData a, b;
  a.source_path = "a.h5";
  b.source_path = "b.h5";
  a.graph_nodes = b.graph_nodes = 10;
  a.graph_edges = b.graph_edges = 20;
  a.graph_fingerprint = "0123456789abcdef";
  b.graph_fingerprint = "0123456789abcdee";
  EXPECT_THROW(check_same_graph({a, b}), InputError);
  b.graph_fingerprint = a.graph_fingerprint;
  EXPECT_NO_THROW(check_same_graph({a, b}));
  b.graph_fingerprint.clear();  // an older file: users, links and probability model must agree
  EXPECT_NO_THROW(check_same_graph({a, b}));
  b.graph_edges = 21;
  EXPECT_THROW(check_same_graph({a, b}), InputError);
}

}  // namespace
}  // namespace kuchikomi
