// `kuchikomi graph build` / `graph import` through the real executable: exit codes (0 ok, 1 bad
// data, 2 bad command line), no output left behind on failure, config files, JSON summary.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "ingest_test_support.hpp"
#include "kuchikomi/io/graph_file.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;
using ingest_test::find_edge;
using ingest_test::write_file;

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
  const auto p = ingest_test::scratch_dir() / name;
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
  const CliRun r = run("graph build --log " + ingest_test::tiny_community() + " --out " + out);
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
  const CliRun r = run("graph build --json --log " + ingest_test::tiny_community() + " --out " + out +
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
  const CliRun r = run("graph build --log " + ingest_test::tiny_community() + " --prob uniform:0.9 --out " +
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
  const CliRun r = run("graph build --log " + ingest_test::tiny_community() + " --config " + config +
                    " --action-weight answer=7 --prob wc --out " + out);
  ASSERT_EQ(r.code, 0) << r.out;
  const InfluenceGraph g = read_graph_file(out);
  EXPECT_FLOAT_EQ(g.out_weight[*find_edge(g, "alice", "bob")], 0.5f);  // like from the config
  EXPECT_FLOAT_EQ(g.out_weight[*find_edge(g, "bob", "carol")], 7.0f);  // command line wins
  EXPECT_EQ(g.provenance.probability_model, "wc");                     // command line wins
  const std::string prob_only = write_file("prob.cfg", "prob = uniform:0.05\n");
  const std::string out2 = out_path("cfg2.h5");
  ASSERT_EQ(run("graph build --log " + ingest_test::tiny_community() + " --config " + prob_only + " --out " + out2).code, 0);
  EXPECT_EQ(read_graph_file(out2).provenance.probability_model, "uniform:0.05");
  // A config file with an unknown option is an input problem named by file and line, as is a missing one.
  const std::string bogus = write_file("bogus.cfg", "prob = wc\n# fine so far\nno-such-option = 1\n");
  const CliRun bad = run("graph build --log " + ingest_test::tiny_community() + " --config " + bogus + " --out " + out2, true);
  EXPECT_EQ(bad.code, 1);
  EXPECT_NE(bad.out.find(bogus + ":3: unrecognised option 'no-such-option'"), std::string::npos) << bad.out;
  EXPECT_EQ(run("graph build --log " + ingest_test::tiny_community() + " --config /nonexistent.cfg --out " + out2).code, 1);
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
  EXPECT_EQ(run("graph build --log " + ingest_test::tiny_community() + " --out /nonexistent_dir/x.h5").code, 1);
  // With --skip-bad-lines the same log builds, reporting the skipped line.
  const CliRun skipped = run("graph build --skip-bad-lines --json --log " + bad + " --out " + out);
  ASSERT_EQ(skipped.code, 0) << skipped.out;
  const auto j = nlohmann::json::parse(skipped.out);
  EXPECT_EQ(j["bad_lines_skipped"], 1);
  EXPECT_EQ(j["first_bad_lines"][0]["line"], 3);
}

TEST(CliGraphBuild, BadOptionsExitTwo) {
  const std::string log = ingest_test::tiny_community();
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

}  // namespace
}  // namespace kuchikomi
