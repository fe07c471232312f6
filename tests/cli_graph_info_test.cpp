// `kuchikomi graph info` and `kuchikomi graph generate` end to end: exit codes and JSON contents.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "support/scratch_test.hpp"
#include "support/graphs.hpp"

using namespace kuchikomi;
namespace fs = std::filesystem;

namespace {

class GraphCliTest : public support::ScratchTest {};

//   a --0.5--> b --1.0--> c        d --0.2--> a        e isolated
void write_tiny(const std::string& file) {
  write_graph_file(support::make_graph(5, {{0, 1, 0.5f}, {1, 2, 1.0f}, {3, 0, 0.2f}}), file);
}

}  // namespace

TEST_F(GraphCliTest, TextTableOnAGoodFile) {
  write_tiny(path("g.h5"));
  const auto r = kuchikomi("graph info " + path("g.h5"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("nodes"), std::string::npos);
  EXPECT_NE(r.out.find("valid for LT"), std::string::npos);
  EXPECT_NE(r.out.find("u0"), std::string::npos);  // a top user by label
}

TEST_F(GraphCliTest, JsonHasTheRightCounts) {
  write_tiny(path("g.h5"));
  const auto r = kuchikomi("graph info " + path("g.h5") + " --json --top 2");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nodes"], 5);
  EXPECT_EQ(j["edges"], 3);
  EXPECT_EQ(j["isolated_nodes"], 1);
  EXPECT_EQ(j["weak_components"]["count"], 2);
  EXPECT_EQ(j["weak_components"]["largest"], 4);
  EXPECT_DOUBLE_EQ(j["out_degree"]["max"].get<double>(), 1.0);
  EXPECT_EQ(j["probability"]["exactly_one"], 1);
  EXPECT_EQ(j["probability"]["bins"].size(), 10u);
  EXPECT_EQ(j["lt"]["valid"], true);
  EXPECT_EQ(j["lt"]["label"], "u2");  // c: in-probability 1.0
  ASSERT_EQ(j["top_in_weight"].size(), 2u);
  EXPECT_EQ(j["top_in_weight"][0]["label"], "u0");  // a, b, c each have in-weight 1 -> lowest id first
  EXPECT_EQ(j["provenance"]["probability_model"], "const");
}

TEST_F(GraphCliTest, RawEdgeListIsImportedOnTheFly) {
  // Default import direction is "reverse": `u v` means u acted on v, so the edges are 2->1 and 3->2.
  write("edges.txt", "1 2\n2 3\n");
  const auto r = kuchikomi("graph info " + path("edges.txt") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["nodes"], 3);
  EXPECT_EQ(j["edges"], 2);
  EXPECT_EQ(j["provenance"]["probability_model"], "wc");
}

TEST_F(GraphCliTest, MissingFileOrNotAGraphExitsOne) {
  auto r = kuchikomi("graph info " + path("missing.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("missing.h5"), std::string::npos) << r.err;

  {
    auto file = hdf5::create_file(path("other.h5"));
    file.write("x", std::vector<double>{1.0});
  }
  r = kuchikomi("graph info " + path("other.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a kuchikomi graph"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST_F(GraphCliTest, BadCommandLineExitsTwo) {
  write_tiny(path("g.h5"));
  EXPECT_EQ(kuchikomi("graph info " + path("g.h5") + " --bogus").code, 2);
  EXPECT_EQ(kuchikomi("graph info " + path("g.h5") + " --top many").code, 2);
  EXPECT_EQ(kuchikomi("graph info").code, 2);
  EXPECT_EQ(kuchikomi("graph info --help").code, 0);
}

TEST_F(GraphCliTest, GenerateThenInfoAgree) {
  const auto gen = kuchikomi("graph generate --kind rmat --nodes 1000 --edges 8000 --rng-seed 3 --out " + path("r.h5") + " --json");
  ASSERT_EQ(gen.code, 0) << gen.err;
  const auto g = nlohmann::json::parse(gen.out);
  EXPECT_EQ(g["nodes"], 1000);
  EXPECT_EQ(g["edges_requested"], 8000);
  EXPECT_LE(g["edges"].get<int>(), 8000);
  EXPECT_EQ(g["edges"].get<int>() + g["self_loops_dropped"].get<int>() + g["duplicates_merged"].get<int>(), 8000);

  const auto info = kuchikomi("graph info " + path("r.h5") + " --json");
  ASSERT_EQ(info.code, 0) << info.err;
  const auto j = nlohmann::json::parse(info.out);
  EXPECT_EQ(j["edges"], g["edges"]);
  EXPECT_EQ(j["nodes"], 1000);
  EXPECT_EQ(j["provenance"]["probability_model"], "wc");
  EXPECT_EQ(j["provenance"]["rng_seed"], 3);
  EXPECT_EQ(j["lt"]["valid"], true);  // wc: in-probabilities sum to 1

  // Same seed, same file contents (the graph arrays, not the timestamp).
  ASSERT_EQ(kuchikomi("graph generate --kind rmat --nodes 1000 --edges 8000 --rng-seed 3 --out " + path("r2.h5")).code, 0);
  EXPECT_EQ(read_graph_file(path("r.h5")).out_targets, read_graph_file(path("r2.h5")).out_targets);

  const auto pl = kuchikomi("graph generate --kind powerlaw --nodes 2000 --edges 10000 --exponent 2.5 --rng-seed 1 --prob "
                      "uniform:0.1 --out " + path("p.h5") + " --json");
  ASSERT_EQ(pl.code, 0) << pl.err;
  const auto p = read_graph_file(path("p.h5"));
  EXPECT_EQ(p.num_nodes(), 2000u);
  EXPECT_FLOAT_EQ(p.out_prob.front(), 0.1f);
}

TEST_F(GraphCliTest, GenerateRejectsBadRequests) {
  const std::string out = " --out " + path("x.h5");
  EXPECT_EQ(kuchikomi("graph generate --kind rmat --nodes 100 --edges 10 --rng-seed 1").code, 2);  // no --out
  EXPECT_EQ(kuchikomi("graph generate --kind tree --nodes 100 --edges 10 --rng-seed 1" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind rmat --nodes 0 --edges 10 --rng-seed 1" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind rmat --nodes 100 --edges 10 --rng-seed 1 --rmat-a 0.9" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind powerlaw --nodes 100 --edges 10 --rng-seed 1 --exponent 0.5" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind rmat --nodes 100 --edges 10 --rng-seed 1 --prob bogus" + out).code, 2);
  EXPECT_FALSE(fs::exists(path("x.h5")));
  const auto r = kuchikomi("graph generate --kind rmat --nodes 100 --edges 10 --rng-seed 1 --out " + path("no/dir/x.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
}
