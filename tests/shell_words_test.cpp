// Recorded command lines (provenance in graph and results files) must run again as they were: a
// POSIX shell (/bin/sh) splits each recorded line back into exactly the original arguments, for
// arguments with blanks, quotes of both kinds, $, `, \, *, ~, newlines, non-ASCII and empty ones;
// also through the real executable (graph build records its command line, graph info shows it).
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/shell_words.hpp"

namespace kuchikomi {
namespace {

class ShellWordsTest : public support::ScratchTest {
 protected:
  // The arguments /bin/sh makes of `line` (its first word, the program, dropped).
  std::vector<std::string> reparse(const std::string& line) const {
    const std::string file = write("line.txt", line);
    const std::string command = "/bin/sh -c 'eval \"set -- $(cat \"$1\")\"; shift; printf \"%s\\0\" \"$@\"' sh " + file;
    FILE* pipe = ::popen(command.c_str(), "r");
    EXPECT_NE(pipe, nullptr);
    std::string out;
    char buffer[4096];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
    EXPECT_EQ(::pclose(pipe), 0) << line;
    std::vector<std::string> args;
    for (std::size_t start = 0, end; (end = out.find('\0', start)) != std::string::npos; start = end + 1)
      args.push_back(out.substr(start, end - start));
    return args;
  }
};

TEST_F(ShellWordsTest, PlainWordsStayAsTheyAre) {
  EXPECT_EQ(shell_quoted("--graph"), "--graph");
  EXPECT_EQ(shell_quoted("q.h5"), "q.h5");
  EXPECT_EQ(shell_quoted("uniform:0.05"), "uniform:0.05");
  EXPECT_EQ(shell_quoted("a,b"), "a,b");
  EXPECT_EQ(shell_quoted(""), "''");
  EXPECT_EQ(shell_quoted("A (1),B (2)"), "'A (1),B (2)'");
  EXPECT_EQ(shell_quoted("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_command_line("kuchikomi simulate", {"--seeds", "A (1),B (2)"}), "kuchikomi simulate --seeds 'A (1),B (2)'");
}

TEST_F(ShellWordsTest, TheShellReadsBackTheSameArguments) {
  const std::vector<std::vector<std::string>> cases{
      {"--seeds", "A (1),B (2)"},
      {"--seeds", "\"Kim, Lee\",bob"},
      {"it's", "'", "''", "\"", "\\", "\\'", "'\\''"},
      {"", "x", ""},
      {"$HOME", "${PATH}", "$(echo no)", "`echo no`", "*", "?", "[a]", "~", "~root", "a~b", "#not a comment", "!"},
      {"two\nlines", "tab\there", " leading", "trailing ", "a;b", "a|b", "a&b", "a>b", "<", "(", ")", "{", "}"},
      {"Ünïcödé 口コミ", "\x1b[2J", "\xff\xfe"},
      {"--prob", "uniform:0.05", "-k", "5", "--out", "/tmp/a b/c.h5", "--x=y", "-"},
  };
  for (const auto& args : cases) {
    const std::string line = shell_command_line("kuchikomi", args);
    EXPECT_EQ(reparse(line), args) << line;
  }
}

TEST_F(ShellWordsTest, TheExecutableRecordsALineThatRunsAgain) {
  const std::string log = write("a log's name.csv", "actor,target,action\nx,y,reply\ny,z,like\n");
  const std::vector<std::string> args{"--log", log, "--out", path("g h.h5"), "--action-weight", "like=2", "--prob",
                                      "uniform:0.5"};
  std::string command = "graph build";
  for (const auto& a : args) command.append(" ").append(shell_quoted(a));
  ASSERT_EQ(kuchikomi(command).code, 0) << read("err.txt");
  ASSERT_EQ(kuchikomi("graph info " + shell_quoted(path("g h.h5")) + " --json").code, 0) << read("err.txt");
  const std::string recorded = nlohmann::json::parse(read("out.txt"))["provenance"]["command_line"];
  EXPECT_EQ(recorded.rfind("kuchikomi graph build ", 0), 0u) << recorded;
  std::vector<std::string> expected{"graph", "build"};
  expected.insert(expected.end(), args.begin(), args.end());
  EXPECT_EQ(reparse(recorded), expected) << recorded;
}

}  // namespace
}  // namespace kuchikomi
