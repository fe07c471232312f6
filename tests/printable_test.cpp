// core/printable.hpp: control characters in text from files are shown escaped, valid UTF-8 is not;
// and every text output of the commands that shows a label (select's table, simulate's summary,
// graph info's users, graph build's bad lines and LT note, error messages quoting a label or a line)
// goes through it, while JSON keeps the label's bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

TEST(Printable, ControlCharactersAreEscapedValidUtf8IsNot) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"plain (26)", "plain (26)"},
      {"Zo\xC3\xAB \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80", "Zo\xC3\xAB \xE6\x9D\xB1\xE4\xBA\xAC \xF0\x9F\x98\x80"},
      {"\x1b[2J\x1b]2;owned\x07", "\\x1b[2J\\x1b]2;owned\\x07"},
      {std::string("a\0b", 3), "a\\x00b"},
      {"tab\there\nline\r", "tab\\x09here\\x0aline\\x0d"},
      {"del\x7f", "del\\x7f"},
      {"c1 \xC2\x9B" "31m \xC2\x85", "c1 \\u009b31m \\u0085"},   // C1 controls, UTF-8 encoded
      {"nbsp\xC2\xA0", "nbsp\xC2\xA0"},                              // U+00A0 is not a control
      {"lone \x9b" "31m", "lone \\x9b31m"},                          // 8-bit CSI, not UTF-8
      {"\xC0\xAF", "\\xc0\\xaf"},                                    // overlong '/'
      {"\xED\xA0\x80", "\\xed\\xa0\\x80"},                           // a surrogate
      {"\xF4\x90\x80\x80", "\\xf4\\x90\\x80\\x80"},                  // past U+10FFFF
      {"cut \xE6\x9D", "cut \\xe6\\x9d"},                            // truncated sequence
      {"back\\slash", "back\\slash"},
      // Bidirectional formatting characters (Trojan Source): RLO, PDF, LRI, PDI, RLM, ALM.
      {"admin\xE2\x80\xAEtxt.exe\xE2\x80\xAC", "admin\\u202etxt.exe\\u202c"},
      {"\xE2\x81\xA6x\xE2\x81\xA9 \xE2\x80\x8F \xD8\x9C", "\\u2066x\\u2069 \\u200f \\u061c"},
      {"\xE2\x80\x8D zwj \xE2\x80\xAF", "\xE2\x80\x8D zwj \xE2\x80\xAF"},  // U+200D, U+202F: not bidi controls
      {"", ""},
  };
  for (const auto& [text, shown] : cases) EXPECT_EQ(printable(text), shown) << shown;
}

// Whether `text` holds a raw control byte a terminal would act on.
bool has_raw_control(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') continue;  // the output's own line breaks
    if (c < 0x20 || c == 0x7F || c == 0x9B) return true;
    if (c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) >= 0x80 &&
        static_cast<unsigned char>(text[i + 1]) <= 0x9F)
      return true;
  }
  return false;
}

class CliPrintable : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    InfluenceGraph g = support::make_graph(4, {{0, 1, 0.6f}, {2, 1, 0.6f}, {0, 3, 0.5f}, {3, 2, 0.5f}});
    g.labels = {kTitle, kClear, "c1\xC2\x9B" "31m", "plain"};
    write_graph_file(g, path("g.h5"));
  }
  void expect_clean(const support::Result& r, const std::string& what) const {
    EXPECT_FALSE(has_raw_control(r.out)) << what << "\n" << r.out;
    EXPECT_FALSE(has_raw_control(r.err)) << what << "\n" << r.err;
  }
  const std::string kTitle = "\x1b]2;owned\x07";
  const std::string kClear = "\x1b[2J\x1b[H";
};

TEST_F(CliPrintable, TextOutputsEscapeLabelsAndJsonKeepsThem) {
  const std::string g = path("g.h5");
  const auto select = kuchikomi("select --graph " + g + " --algo degree -k 3 --evaluate-runs 100 --out " + path("sel.h5"));
  ASSERT_EQ(select.code, 0) << select.err;
  expect_clean(select, "select");
  EXPECT_NE(select.out.find("\\x1b]2;owned\\x07"), std::string::npos) << select.out;
  EXPECT_NE(select.out.find("c1\\u009b31m"), std::string::npos) << select.out;

  const auto simulate = kuchikomi("simulate --graph " + g + " --model ic --runs 100 --seeds plain --out " + path("s.h5"));
  ASSERT_EQ(simulate.code, 0) << simulate.err;
  expect_clean(simulate, "simulate");
  EXPECT_NE(simulate.out.find("\\u009b31m"), std::string::npos) << simulate.out;  // reached users

  write("seeds.txt", kTitle + "\n");
  const auto seeded = kuchikomi("simulate --graph " + g + " --model ic --runs 10 --seeds-file " + path("seeds.txt") +
                                " --out " + path("s2.h5"));
  ASSERT_EQ(seeded.code, 0) << seeded.err;
  expect_clean(seeded, "simulate seeds");
  EXPECT_NE(seeded.out.find("seeds (1): \\x1b]2;owned\\x07"), std::string::npos) << seeded.out;

  const auto info = kuchikomi("graph info " + g);
  ASSERT_EQ(info.code, 0) << info.err;
  expect_clean(info, "graph info");
  EXPECT_NE(info.out.find("\\x1b[2J"), std::string::npos) << info.out;

  // JSON keeps the bytes (as JSON escapes, which a JSON reader turns back into them).
  const auto json = kuchikomi("select --graph " + g + " --algo degree -k 3 --evaluate-runs 0 --json");
  ASSERT_EQ(json.code, 0) << json.err;
  std::vector<std::string> users;
  const auto parsed = nlohmann::json::parse(json.out);
  for (const auto& s : parsed["seeds"]) users.push_back(s["user"].get<std::string>());
  EXPECT_NE(std::find(users.begin(), users.end(), kTitle), users.end()) << json.out;
}

TEST_F(CliPrintable, ErrorMessagesAndIngestReportsEscapeWhatTheyQuote) {
  const std::string g = path("g.h5");
  write("unknown.txt", "plain\n\x1b[31mnobody\n");
  const auto unknown = kuchikomi("simulate --graph " + g + " --model ic --seeds-file " + path("unknown.txt") + " --out " +
                                 path("s.h5"));
  EXPECT_EQ(unknown.code, 1);
  expect_clean(unknown, "unknown user");
  EXPECT_NE(unknown.err.find("unknown.txt:2: unknown user '\\x1b[31mnobody'"), std::string::npos) << unknown.err;

  write("both.txt", kClear + "\n");
  const auto both = kuchikomi("select --graph " + g + " --algo degree -k 1 --include " + path("both.txt") +
                              " --exclude " + path("both.txt") + " --json");
  EXPECT_EQ(both.code, 1);
  expect_clean(both, "include and exclude");
  EXPECT_NE(both.err.find("user '\\x1b[2J\\x1b[H' is both included and excluded (--include, --exclude)"), std::string::npos) << both.err;

  const auto lt = kuchikomi("simulate --graph " + g + " --model lt --seeds plain --out " + path("s.h5"));
  EXPECT_EQ(lt.code, 1);
  expect_clean(lt, "LT");
  EXPECT_NE(lt.err.find("user '\\x1b[2J\\x1b[H' has 2 in-edges"), std::string::npos) << lt.err;

  // graph build: a bad line's text (skipped and reported) and the LT note name hostile users.
  write("log.csv", "actor,target,action\n\x1b[2Jeve,bob,like\n\x1b[2Jeve,\x1b]2;x\x07,like\nbob,carol,\x1b[5mpoke\n");
  const auto built = kuchikomi("graph build --log " + path("log.csv") + " --skip-bad-lines --prob uniform:0.9 --out " +
                               path("b.h5"));
  ASSERT_EQ(built.code, 0) << built.err;
  expect_clean(built, "graph build");
  EXPECT_NE(built.out.find("unknown action '\\x1b[5mpoke'"), std::string::npos) << built.out;
  EXPECT_NE(built.out.find("user '\\x1b[2Jeve'"), std::string::npos) << built.out;  // LT: eve's in-edges sum 1.8
  const auto failed = kuchikomi("graph build --log " + path("log.csv") + " --out " + path("c.h5"));
  EXPECT_EQ(failed.code, 1);
  expect_clean(failed, "graph build, bad line");
  EXPECT_NE(failed.err.find("log.csv:4: unknown action '\\x1b[5mpoke'"), std::string::npos) << failed.err;
}

}  // namespace
}  // namespace kuchikomi
