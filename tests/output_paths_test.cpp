// io/output_paths.hpp: one file under two names (the same spelling, another spelling, a symlink, a
// hard link, a file not written yet) is recognised, and every command that writes refuses an output
// that is one of its inputs or another of its outputs: exit 1, both names and the path in the
// message, the input byte for byte as it was, nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

class OutputPaths : public support::ScratchTest {};

TEST_F(OutputPaths, OneFileUnderAnyName) {
  write("a.txt", "a");
  write("b.txt", "b");
  fs::create_directories(dir_ / "sub");
  fs::create_symlink(path("a.txt"), path("link.txt"));
  fs::create_hard_link(path("a.txt"), path("hard.txt"));
  EXPECT_TRUE(same_file(path("a.txt"), path("a.txt")));
  EXPECT_TRUE(same_file(path("a.txt"), path("sub/../a.txt")));
  EXPECT_TRUE(same_file(path("link.txt"), path("a.txt")));
  EXPECT_TRUE(same_file(path("hard.txt"), path("a.txt")));
  EXPECT_FALSE(same_file(path("a.txt"), path("b.txt")));
  // Not written yet: the same path spelled two ways is one file, two paths are two.
  EXPECT_TRUE(same_file(path("new.csv"), path("sub/../new.csv")));
  EXPECT_FALSE(same_file(path("new.csv"), path("new.h5")));
  EXPECT_FALSE(same_file(path("new.csv"), path("a.txt")));
  // Relative against absolute.
  const auto cwd = fs::current_path();
  fs::current_path(dir_);
  EXPECT_TRUE(same_file("a.txt", path("a.txt")));
  EXPECT_TRUE(same_file("./new.csv", path("new.csv")));
  fs::current_path(cwd);
}

TEST_F(OutputPaths, ClashesNameBothSidesAndThePath) {
  write("g.h5", "graph");
  auto message = [](const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) -> std::string {
    try {
      check_output_paths(inputs, outputs);
    } catch (const InputError& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_EQ(message({{"--graph", path("g.h5")}}, {{"--out", path("g.h5")}}),
            path("g.h5") + ": --out is the same file as --graph: writing it would destroy the input");
  EXPECT_EQ(message({{"--graph", path("g.h5")}}, {{"--out", path("s.h5")}, {"--csv", dir_ / "x" / ".." / "s.h5"}}),
            (dir_ / "x" / ".." / "s.h5").string() + ": --csv is the same file as --out ('" + path("s.h5") +
                "'): one output would replace the other");
  EXPECT_EQ(message({{"--graph", path("g.h5")}, {"--target", ""}}, {{"--out", path("s.h5")}, {"--csv", ""}}),
            "no error");  // options not given
}

// The commands, through the real executable.
class CliOutputPaths : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    write_graph_file(support::two_hubs(), path("g.h5"));
    write("users.txt", "u1\n");
    write("log.csv", "actor,target,action\nbob,alice,like\n");
    write("edges.txt", "1 2\n");
    write("build.cfg", "prob = wc\n");
    fs::create_symlink(path("g.h5"), path("link.h5"));
    fs::create_hard_link(path("g.h5"), path("hard.h5"));
    fs::create_directories(dir_ / "sub");
    for (const auto& entry : fs::directory_iterator(dir_))
      if (entry.is_regular_file()) before_[entry.path().filename().string()] = support::slurp(entry.path());
  }
  // Every file as it was, and nothing new.
  void expect_untouched(const std::string& what) const {
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (!entry.is_regular_file() || name == "out.txt" || name == "err.txt") continue;
      ++files;
      ASSERT_TRUE(before_.count(name)) << what << ": new file " << name;
      EXPECT_EQ(support::slurp(entry.path()), before_.at(name)) << what << ": " << name << " changed";
    }
    EXPECT_EQ(files, before_.size()) << what;
  }
  std::map<std::string, std::string> before_;
};

TEST_F(CliOutputPaths, EveryCommandRefusesToWriteOverItsInputsOrItself) {
  struct Case {
    std::string args, message;
  };
  const std::string g = path("g.h5"), u = path("users.txt");
  const std::string sel = "select --algo degree -k 1 --evaluate-runs 10 ";
  const std::string sim = "simulate --model ic --runs 10 ";
  const std::vector<Case> cases{
      {sel + "--graph " + g + " --out " + g, g + ": --out is the same file as --graph"},
      {sel + "--graph " + g + " --out " + path("s.h5") + " --csv " + g, g + ": --csv is the same file as --graph"},
      {sel + "--graph " + g + " --out " + path("s.csv") + " --csv " + path("s.csv"),
       path("s.csv") + ": --csv is the same file as --out: one output would replace the other"},
      {sel + "--graph " + g + " --json --csv " + path("sub/../s.csv") + " --out " + path("s.csv"),
       path("sub/../s.csv") + ": --csv is the same file as --out ('" + path("s.csv") + "')"},
      {sel + "--graph " + g + " --out " + path("link.h5"), path("link.h5") + ": --out is the same file as --graph ('" + g},
      {sel + "--graph " + g + " --out " + path("hard.h5"), path("hard.h5") + ": --out is the same file as --graph ('" + g},
      {sel + "--graph " + g + " --out " + path("sub/../g.h5"), "--out is the same file as --graph"},
      {sel + "--graph " + g + " --exclude " + u + " --csv " + u, u + ": --csv is the same file as --exclude"},
      {sel + "--graph " + g + " --include " + u + " --out " + u, u + ": --out is the same file as --include"},
      {sel + "--graph " + g + " --target " + u + " --out " + u, u + ": --out is the same file as --target"},
      {sel + "--graph " + g + " --costs " + u + " --budget 2 --out " + u, u + ": --out is the same file as --costs"},
      {sim + "--graph " + g + " --seeds u1 --out " + g, g + ": --out is the same file as --graph"},
      {sim + "--graph " + g + " --seeds-file " + u + " --out " + u, u + ": --out is the same file as --seeds-file"},
      {sim + "--graph " + g + " --seeds u1 --target " + u + " --out " + u, u + ": --out is the same file as --target"},
      {"graph build --log " + path("log.csv") + " --out " + path("log.csv"), "--out is the same file as --log"},
      {"graph build --log " + path("edges.txt") + " --log " + path("log.csv") + " --out " + path("log.csv"),
       "--out is the same file as --log"},
      {"graph build --log " + path("log.csv") + " --config " + path("build.cfg") + " --out " + path("build.cfg"),
       "--out is the same file as --config"},
      {"graph import --edges " + path("edges.txt") + " --out " + path("edges.txt"), "--out is the same file as --edges"},
      {"report " + g + " --out " + path("link.h5"), "--out is the same file as RESULTS"},
  };
  for (const auto& c : cases) {
    const auto r = kuchikomi(c.args);
    EXPECT_EQ(r.code, 1) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    expect_untouched(c.args);
  }
}

TEST_F(CliOutputPaths, ExperimentResultsNeverReplaceTheIniOrAGraph) {
  // `output = .` beside an edge list called results.csv: the results CSV would replace the graph.
  write("results.csv", "1 2\n2 3\n");
  const auto ini = write("grid.ini", "output = .\n[grid]\nalgorithms = degree\nk = 1\n[graph.e]\npath = results.csv\n");
  before_["results.csv"] = read("results.csv");
  before_["grid.ini"] = read("grid.ini");
  auto r = kuchikomi("experiment run " + ini + " --quiet");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("results.csv: results.csv is the same file as graph e"), std::string::npos) << r.err;
  expect_untouched("experiment, graph");
  // An .ini called results.h5 in its own results folder.
  const auto named = write("results.h5", "[grid]\nalgorithms = degree\nk = 1\n[graph.g]\npath = g.h5\n");
  before_["results.h5"] = read("results.h5");
  r = kuchikomi("experiment run " + named + " --output " + dir_.string() + " --quiet");
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("results.h5 is the same file as the experiment file"), std::string::npos) << r.err;
  expect_untouched("experiment, ini");
}

}  // namespace
}  // namespace kuchikomi
