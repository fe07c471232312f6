// `kuchikomi graph build` / `graph import` through the real executable: exit codes (0 ok, 1 bad
// data, 2 bad command line), no output left behind on failure, config files, JSON summary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "support/scratch_test.hpp"
#include "support/files.hpp"
#include "support/graphs.hpp"
#include "kuchikomi/io/graph_file.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;
using support::find_edge;
using support::write_file;

struct CliRun {
  int code;
  std::string out;
};

CliRun run(const std::string& args, bool with_stderr = false) {
  const std::string command = std::string(KUCHIKOMI_CLI) + " " + args + (with_stderr ? " 2>&1" : " 2>/dev/null");
  FILE* pipe = popen(command.c_str(), "r");
  CliRun r{-1, {}};
  if (pipe == nullptr) return r;
  char buffer[4096];
  std::size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) r.out.append(buffer, got);
  const int status = pclose(pipe);
  r.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

std::string out_path(const std::string& name) {
  const auto p = support::scratch_dir() / name;
  fs::remove(p);
  return p.string();
}

// Nothing named like the output (including temporaries) exists in its folder.
bool nothing_left(const std::string& path) {
  const std::string stem = fs::path(path).filename().string();
  for (const auto& entry : fs::directory_iterator(fs::path(path).parent_path()))
    if (entry.path().filename().string().rfind(stem, 0) == 0) return false;
  return true;
}

TEST(CliGraphBuild, BuildsTinyCommunity) {
  const std::string out = out_path("tiny.h5");
  const CliRun r = run("graph build --log " + support::tiny_community() + " --out " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  EXPECT_NE(r.out.find("self-interactions dropped 1"), std::string::npos) << r.out;
  const InfluenceGraph g = read_graph_file(out);
  EXPECT_EQ(g.num_nodes(), 6u);
  EXPECT_EQ(g.num_edges(), 9u);
  EXPECT_NEAR(g.out_prob[*find_edge(g, "alice", "carol")], 4.0 / 7, 1e-6);
  EXPECT_EQ(g.provenance.probability_model, "wc");
  EXPECT_NE(g.provenance.command_line.find("graph build"), std::string::npos);
}

TEST(CliGraphBuild, JsonSummary) {
  const std::string out = out_path("tiny_json.h5");
  const CliRun r = run("graph build --json --log " + support::tiny_community() + " --out " + out +
                    " --since 1700000300 --until 1700000700");
  ASSERT_EQ(r.code, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["lines_read"], 11);
  EXPECT_EQ(j["interactions_kept"], 4);
  EXPECT_EQ(j["filtered_by_time"], 7);
  EXPECT_EQ(j["edges"], 4);
  EXPECT_EQ(j["lt_valid"], true);
}

TEST(CliGraphBuild, LtNoteForInvalidProbabilities) {
  const CliRun r = run("graph build --log " + support::tiny_community() + " --prob uniform:0.9 --out " +
                    out_path("lt.h5"));
  ASSERT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("not valid for the LT model"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("'dave'"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--prob wc"), std::string::npos) << r.out;
}

TEST(CliGraphBuild, ConfigFileWeightsMergeWithCommandLine) {
  const std::string config = write_file("weights.cfg",
                                        "# action weights for this community\n"
                                        "action-weight = like=0.5\n"
                                        "action-weight = answer=10\n"
                                        "prob = uniform:0.05\n");
  const std::string out = out_path("cfg.h5");
  const CliRun r = run("graph build --log " + support::tiny_community() + " --config " + config +
                    " --action-weight answer=7 --prob wc --out " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  const InfluenceGraph g = read_graph_file(out);
  EXPECT_FLOAT_EQ(g.out_weight[*find_edge(g, "alice", "bob")], 0.5f);  // like from the config
  EXPECT_FLOAT_EQ(g.out_weight[*find_edge(g, "bob", "carol")], 7.0f);  // command line wins
  EXPECT_EQ(g.provenance.probability_model, "wc");                     // command line wins
  const std::string prob_only = write_file("prob.cfg", "prob = uniform:0.05\n");
  const std::string out2 = out_path("cfg2.h5");
  ASSERT_EQ(run("graph build --log " + support::tiny_community() + " --config " + prob_only + " --out " + out2).code, 0);
  EXPECT_EQ(read_graph_file(out2).provenance.probability_model, "uniform:0.05");
  // A config file with an unknown option is an input problem named by file and line, as is a missing one.
  const std::string bogus = write_file("bogus.cfg", "prob = wc\n# fine so far\nno-such-option = 1\n");
  const CliRun bad = run("graph build --log " + support::tiny_community() + " --config " + bogus + " --out " + out2, true);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find(bogus + ":3: unrecognised option 'no-such-option'"), std::string::npos) << bad.out;
  EXPECT_EQ(run("graph build --log " + support::tiny_community() + " --config /nonexistent.cfg --out " + out2).code, 1);
}

class CliGraphBuildConfig : public support::ScratchTest {};

// A config file is input: a value it gives that the command line would refuse with exit 2 is bad
// input, exit 1, named by file and line (Program_options' config parser keeps no line numbers, and
// value errors used to exit 2 naming neither). The same value on the command line stays exit 2.
TEST_F(CliGraphBuildConfig, BadValuesNameFileAndLine) {
  struct Case {
    std::string text, message;  // message after "FILE:"
  };
  const std::vector<Case> cases{
      {"# seeds\nrng-seed = -5\n", "2: the argument for option 'rng-seed' must be a whole number"},
      {"since = soon\n", "1: since needs unix seconds or an ISO 8601 date/date-time, got 'soon'"},
      {"since = 2023-02-30\n", "1: since needs unix seconds or an ISO 8601 date/date-time, got '2023-02-30'"},
      {"\n\nprob = bogus\n", "3: unknown probability model 'bogus'"},
      {"min-weight = -1\n", "1: min-weight must be >= 0"},
      {"min-weight = 2\nsince = nan\n", "2: since needs unix seconds or an ISO 8601 date/date-time, got 'nan'"},
      {"since = 2023-11-14T22:20:00Z\nuntil = 2023-11-15T07:20:00+09:00\n", "2: since must be earlier than until"},
      {"action-weight = like=1\naction-weight = like\n", "2: an action weight is NAME=WEIGHT"},
      {"action-weight = like=-2\n", "1: action weight for 'like' must be a finite number >= 0"},
      {"since = 10\n# window\nuntil = 5\n", "3: since must be earlier than until"},
      {"prob = wc\nprob = exp:2\n", "2: 'prob' given twice (also on line 1)"},
      {"prob = wc\nno-such-option = 1\n", "2: unrecognised option 'no-such-option'"},
  };
  for (const auto& c : cases) {
    const std::string config = write("bad.cfg", c.text);
    const auto r = kuchikomi("graph build --log " + support::tiny_community() + " --config " + config + " --out " +
                             path("g.h5"));
    EXPECT_EQ(r.code, 1) << c.text << r.err;
    EXPECT_NE(r.err.find(config + ":" + c.message), std::string::npos) << c.text << r.err;
    EXPECT_FALSE(std::filesystem::exists(path("g.h5"))) << c.text;
  }
  // The command line wins over the file (its value is the one used), and its own bad values exit 2.
  const std::string config = write("ok.cfg", "prob = exp:2\nrng-seed = 7\n");
  const auto ok = kuchikomi("graph build --log " + support::tiny_community() + " --config " + config +
                            " --prob uniform:0.1 --out " + path("g.h5"));
  ASSERT_EQ(ok.code, 0) << ok.err;
  const InfluenceGraph g = read_graph_file(path("g.h5"));
  EXPECT_EQ(g.provenance.probability_model, "uniform:0.1");
  EXPECT_EQ(g.provenance.rng_seed, 7u);
  for (const std::string bad : {"--rng-seed -5", "--since soon", "--min-weight -1", "--since nan"})
    EXPECT_EQ(kuchikomi("graph build --log " + support::tiny_community() + " --config " + config + " " + bad +
                        " --out " + path("h.h5"))
                  .code,
              2)
        << bad;
}

// Found by fuzzing: Program_options fills in a message by replacing each %placeholder% until none is
// left, so a config line holding its own ("since = %value%") made graph build loop forever. timeout(1)
// turns such a hang into a failure (exit 124) here.
TEST_F(CliGraphBuildConfig, PlaceholdersInALineDoNotHang) {
  const std::vector<std::pair<std::string, std::string>> cases{
      // Our own message (not Program_options') shows the value as it is: nothing expands it.
      {"since = %value%\n", "1: since needs unix seconds or an ISO 8601 date/date-time, got '%value%'"},
      {"prob = wc\n%canonical_option% = 1\n", "2: unrecognised option '\\%canonical_option\\%'"},
      {"%invalid_line%\n", "1: the options configuration file contains an invalid line '\\%invalid_line\\%'"},
  };
  for (const auto& [text, message] : cases) {
    const std::string config = write("placeholder.cfg", text);
    const int code = support::shell("timeout 60 " + std::string(KUCHIKOMI_CLI) + " graph build --log " +
                                     support::tiny_community() + " --config " + config + " --out " + path("g.h5") +
                                     " 2> " + path("err.txt"));
    EXPECT_EQ(code, 1) << text;
    EXPECT_NE(read("err.txt").find(config + ":" + message), std::string::npos) << read("err.txt");
  }
}

TEST(CliGraphBuild, BadDataExitsOneAndLeavesNoOutput) {
  const std::string bad = write_file("bad.csv", "actor,target,action\na,b,like\na,b,poke\n");
  const std::string out = out_path("bad.h5");
  EXPECT_EQ(run("graph build --log " + bad + " --out " + out).code, 1);
  EXPECT_TRUE(nothing_left(out));
  const std::string self = write_file("self.csv", "actor,target,action\na,a,like\n");
  EXPECT_EQ(run("graph build --log " + self + " --out " + out).code, 1);
  EXPECT_TRUE(nothing_left(out));
  EXPECT_EQ(run("graph build --log /nonexistent/log.csv --out " + out).code, 1);
  EXPECT_TRUE(nothing_left(out));
  EXPECT_EQ(run("graph build --log " + support::tiny_community() + " --out /nonexistent_dir/x.h5").code, 1);
  // With --skip-bad-lines the same log builds, reporting the skipped line.
  const CliRun skipped = run("graph build --skip-bad-lines --json --log " + bad + " --out " + out);
  ASSERT_EQ(skipped.code, 0) << skipped.out;
  const auto j = nlohmann::json::parse(skipped.out);
  EXPECT_EQ(j["bad_lines_skipped"], 1);
  EXPECT_EQ(j["first_bad_lines"][0]["line"], 3);
}

TEST(CliGraphBuild, BadOptionsExitTwo) {
  const std::string log = support::tiny_community();
  const std::string out = out_path("opt.h5");
  EXPECT_EQ(run("graph build --log " + log + " --out " + out + " --prob bogus").code, 2);
  EXPECT_EQ(run("graph build --log " + log + " --out " + out + " --action-weight like").code, 2);
  EXPECT_EQ(run("graph build --log " + log + " --out " + out + " --no-such-flag").code, 2);
  EXPECT_EQ(run("graph build --log " + log).code, 2);
  EXPECT_EQ(run("graph build --out " + out).code, 2);
  EXPECT_EQ(run("graph build --log " + log + " --out " + out + " --since 10 --until 5").code, 2);
  EXPECT_EQ(run("graph build --log " + log + " --out " + out + " --since soon").code, 2);
  EXPECT_TRUE(nothing_left(out));
  EXPECT_EQ(run("graph build --help").code, 0);
}

TEST(CliGraphImport, ExitCodes) {
  const std::string edges = write_file("edges.txt", "1 2 100\n2 3 200\n");
  const std::string out = out_path("imp.h5");
  const CliRun ok = run("graph import --edges " + edges + " --direction forward --out " + out);
  ASSERT_EQ(ok.code, 0) << ok.out;
  EXPECT_TRUE(find_edge(read_graph_file(out), "1", "2"));
  EXPECT_EQ(run("graph import --edges " + edges + " --direction sideways --out " + out).code, 2);
  EXPECT_EQ(run("graph import --edges " + edges + " --columns u,v,zz --out " + out).code, 2);
  const std::string bad = write_file("bad_edges.txt", "1 2 100\n2 3 soon\n");
  const std::string out2 = out_path("imp_bad.h5");
  EXPECT_EQ(run("graph import --edges " + bad + " --out " + out2).code, 1);
  EXPECT_TRUE(nothing_left(out2));
  const CliRun help = run("graph import --help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("reverse (default)"), std::string::npos);
}

TEST(CliGraphImport, SummarySaysWhichWayInfluenceWasTaken) {
  // Each format and direction in its own terms, so nobody flips a graph without noticing.
  const std::string edges = write_file("dir.txt", "1 2 100\n2 3 200\n");
  const std::string graphml = write_file("dir.graphml", "<graphml><graph><node id=\"a\"/><node id=\"b\"/>"
                                                        "<edge source=\"a\" target=\"b\"/></graph></graphml>");
  const std::string undirected = write_file("und.gexf", "<gexf><graph><nodes><node id=\"a\"/><node id=\"b\"/></nodes>"
                                                        "<edges><edge source=\"a\" target=\"b\"/></edges></graph></gexf>");
  struct Case {
    std::string arguments, says;
  };
  const std::vector<Case> cases{
      {"--edges " + edges,
       "u v read as: u acted on v's content, influence v -> u; use --direction forward for influence edges"},
      {"--edges " + edges + " --direction forward", "u v read as the influence edge u -> v (--direction forward)"},
      {"--edges " + edges + " --direction both", "u v read as undirected: influence both ways (--direction both)"},
      {"--edges " + graphml,
       "edge source -> target read as: source acted on target's content, influence target -> source; use "
       "--direction forward for influence edges"},
      {"--edges " + undirected, "undirected graph: each edge gives influence both ways"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.arguments);
    const CliRun r = run("graph import " + c.arguments + " --out " + out_path("dir.h5"));
    ASSERT_EQ(r.code, 0) << r.out;
    EXPECT_NE(r.out.find("direction                 " + c.says + "\n"), std::string::npos) << r.out;
  }
  const CliRun columns = run("graph import --edges " + edges + " --out " + out_path("dir.h5"));
  EXPECT_NE(columns.out.find("u,v,t (guessed from the first line's values"), std::string::npos) << columns.out;
  const CliRun build = run("graph build --log " + support::tiny_community() + " --out " + out_path("dir_log.h5"));
  EXPECT_NE(build.out.find("actor,target read as: actor reacted to target's content, influence target -> actor"),
            std::string::npos)
      << build.out;
  const CliRun json = run("graph import --json --edges " + graphml + " --direction forward --out " + out_path("dir.h5"));
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["direction"], "forward");
  EXPECT_EQ(j["format"], "graphml");
}

}  // namespace
}  // namespace kuchikomi
