// Interaction-log parsing: direction, aggregation, quoting, filters and every bad-input case, with
// the exact file:line each error must name.
#include <gtest/gtest.h>

#include "support/files.hpp"
#include "support/graphs.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "support/errors.hpp"

namespace kuchikomi {
namespace {

using support::find_edge;
using support::tiny_community;
using support::write_file;

const ProbabilityModel kWc{};

IngestResult build(const std::string& path, InteractionLogOptions options = {},
                   const ProbabilityModel& model = kWc) {
  return build_graph_from_logs({path}, std::move(options), model, 1);
}

using support::input_error;

TEST(InteractionLog, TinyCommunityDirectionAggregationAndSelfLoops) {
  const IngestResult r = build(tiny_community());
  const InfluenceGraph& g = r.graph;
  g.validate();
  EXPECT_EQ(g.num_nodes(), 6u);
  EXPECT_EQ(g.num_edges(), 9u);
  EXPECT_EQ(r.summary.lines_read, 11u);
  EXPECT_EQ(r.summary.interactions_kept, 11u);
  EXPECT_EQ(r.summary.self_interactions, 1u);
  EXPECT_EQ(g.provenance.self_loops_dropped, 1u);
  EXPECT_EQ(g.provenance.interactions, 10u);
  EXPECT_EQ(g.provenance.source_format, "interaction-log");
  // "bob,alice,like": bob reacted to alice, so alice influences bob, not the other way round.
  ASSERT_TRUE(find_edge(g, "alice", "bob"));
  EXPECT_FALSE(find_edge(g, "bob", "alice"));
  // carol commented on alice twice: one edge, weight 2 + 2, count 2.
  const auto e = find_edge(g, "alice", "carol");
  ASSERT_TRUE(e);
  EXPECT_FLOAT_EQ(g.out_weight[*e], 4.0f);
  EXPECT_EQ(g.out_count[*e], 2u);
  const auto answer = find_edge(g, "bob", "carol");
  ASSERT_TRUE(answer);
  EXPECT_FLOAT_EQ(g.out_weight[*answer], 3.0f);
  // Quoted label with a comma survives intact.
  EXPECT_TRUE(find_edge(g, "dave", "Kim, Lee"));
  EXPECT_TRUE(find_edge(g, "Kim, Lee", "erin"));
  // Labels in first-seen order.
  EXPECT_EQ(g.labels[0], "bob");
  EXPECT_EQ(g.labels[1], "alice");
}

TEST(InteractionLog, QuotingTabsAndWeightColumn) {
  const std::string path = write_file("quoted.csv",
                                      "target\tactor\taction\tweight\n"
                                      "\"a \"\"x\"\" b\"\tc\tlike\t2.5\n"
                                      "c\t\"multi\nline\"\tanswer\t\n"
                                      "c\tZ\tLIKE\t\n");
  const IngestResult r = build(path);
  const auto quoted = find_edge(r.graph, "a \"x\" b", "c");
  ASSERT_TRUE(quoted);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*quoted], 2.5f);  // like (1) x weight column 2.5
  const auto multiline = find_edge(r.graph, "c", "multi\nline");
  ASSERT_TRUE(multiline);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*multiline], 3.0f);  // empty weight cell = 1
  EXPECT_TRUE(find_edge(r.graph, "c", "Z"));             // action names are case-insensitive
  EXPECT_EQ(r.summary.lines_read, 3u);
}

TEST(InteractionLog, LineNumbersCountPhysicalLinesAfterMultilineFields) {
  // The bad row starts on physical line 6: header, row, 2-line quoted row, blank line, bad row.
  const std::string path = write_file("lines.csv",
                                      "actor,target,action\n"
                                      "a,b,like\n"
                                      "\"c\nd\",b,like\n"
                                      "\n"
                                      "e,b\n");
  const std::string msg = input_error([&] { build(path); }, 6);
  EXPECT_NE(msg.find(path + ":6:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("expected 3 fields"), std::string::npos) << msg;
}

TEST(InteractionLog, BadInputsNameTheLine) {
  struct Case {
    const char* name;
    std::string body;
    std::uint64_t line;
    const char* says;
  };
  const std::string h = "actor,target,action,timestamp,weight\n";
  const std::vector<Case> cases{
      {"missing_column", h + "a,b,like,1,1\na,b,like\n", 3, "found 3"},
      {"non_numeric_weight", h + "a,b,like,1,1\na,b,like,1,1\na,b,like,1,heavy\n", 4, "'heavy' is not a number"},
      {"negative_weight", h + "a,b,like,1,-2\n", 2, "negative weight"},
      {"non_numeric_timestamp", h + "a,b,like,yesterday,1\n", 2, "timestamp 'yesterday'"},
      {"unknown_action", h + "a,b,like,1,1\na,b,poke,1,1\n", 3, "unknown action 'poke'"},
      {"empty_actor", h + ",b,like,1,1\n", 2, "empty actor"},
      {"unterminated_quote", h + "a,b,like,1,1\n\"a,b,like,1,1\n", 3, "unterminated quoted field"},
      {"junk_after_quote", h + "\"a\"x,b,like,1,1\n", 2, "after a closing quote"},
      {"header_without_action", "actor,target,when\na,b,1\n", 1, "lacks column(s) action"},
      {"duplicate_header", "actor,target,action,actor\n", 1, "twice"},
      {"empty_file", "", 0, "empty file"},
      {"only_blank_lines", "\n\n", 0, "empty file"},
      {"only_self_interactions", h + "a,a,like,1,1\n", 0, "no edges left"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = write_file(std::string(c.name) + ".csv", c.body);
    const std::string msg = input_error([&] { build(path); }, c.line);
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
  }
}

TEST(InteractionLog, UnknownActionListsKnownOnesUnlessGivenAWeight) {
  const std::string path = write_file("poke.csv", "actor,target,action\na,b,poke\n");
  const std::string msg = input_error([&] { build(path); }, 2);
  EXPECT_NE(msg.find("answer=3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("like=1"), std::string::npos) << msg;
  EXPECT_NE(msg.find("give it an action weight, e.g. poke=W"), std::string::npos) << msg;
  InteractionLogOptions options;
  options.action_weights.set("poke", 0.25);
  const IngestResult r = build(path, options);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "b", "a")], 0.25f);
}

TEST(InteractionLog, ProbabilityColumnValidatedForConstFromFile) {
  const ProbabilityModel constant = parse_probability_model("const-from-file");
  const std::string bad = write_file("prob_bad.csv", "actor,target,action,probability\na,b,like,0.5\nb,c,like,1.5\n");
  const std::string msg = input_error([&] { build(bad, {}, constant); }, 3);
  EXPECT_NE(msg.find("outside [0,1]"), std::string::npos) << msg;
  const std::string none = write_file("prob_none.csv", "actor,target,action\na,b,like\n");
  input_error([&] { build(none, {}, constant); }, 1);
  const std::string good = write_file("prob_good.csv", "actor,target,action,probability\na,b,like,0.5\na,b,like,0.5\nb,c,like,0.2\n");
  const IngestResult r = build(good, {}, constant);
  // Repeated pairs combine as independent chances: 1 - 0.5 * 0.5.
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "b", "a")], 0.75f);
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "c", "b")], 0.2f);
}

TEST(InteractionLog, MissingFile) {
  const std::string path = support::scratch_dir().string() + "/does_not_exist.csv";
  const std::string msg = input_error([&] { build(path); }, 0);
  EXPECT_NE(msg.find("does_not_exist.csv"), std::string::npos);
}

TEST(InteractionLog, SkipBadLinesCountsAndReportsThem) {
  const std::string path = write_file("skip.csv",
                                      "actor,target,action,timestamp\n"
                                      "a,b,like,1\n"
                                      "a,b,like,notatime\n"
                                      "c,b,comment,2\n"
                                      "x,y\n"
                                      "d,b,poke,3\n");
  InteractionLogOptions options;
  options.filters.skip_bad_lines = true;
  const IngestResult r = build(path, options);
  EXPECT_EQ(r.summary.lines_read, 5u);
  EXPECT_EQ(r.summary.bad_lines_skipped, 3u);
  ASSERT_EQ(r.summary.first_bad_lines.size(), 3u);
  EXPECT_EQ(r.summary.first_bad_lines[0].line, 3u);
  EXPECT_EQ(r.summary.first_bad_lines[1].line, 5u);
  EXPECT_EQ(r.summary.first_bad_lines[2].line, 6u);
  EXPECT_EQ(r.graph.num_edges(), 2u);
  EXPECT_EQ(r.graph.num_nodes(), 3u);  // users of skipped lines are not created
}

TEST(InteractionLog, SinceInclusiveUntilExclusive) {
  InteractionLogOptions options;
  options.filters.since = 1700000300;
  options.filters.until = 1700000700;
  const IngestResult r = build(tiny_community(), options);
  // Rows 3..6 (timestamps 1700000300..1700000600) survive.
  EXPECT_EQ(r.summary.interactions_kept, 4u);
  EXPECT_EQ(r.summary.filtered_by_time, 7u);
  EXPECT_EQ(r.graph.num_edges(), 4u);
  const auto e = find_edge(r.graph, "alice", "carol");
  ASSERT_TRUE(e);
  EXPECT_EQ(r.graph.out_count[*e], 1u);  // the 1700000200 comment was before --since
  EXPECT_TRUE(find_edge(r.graph, "alice", "dave"));   // 1700000600 kept
  EXPECT_FALSE(find_edge(r.graph, "bob", "dave"));    // 1700000700 == until: excluded
  EXPECT_EQ(r.graph.num_nodes(), 4u);                 // only users of kept rows
}

TEST(InteractionLog, TimeFilterNeedsTimestamps) {
  const std::string path = write_file("notime.csv", "actor,target,action\na,b,like\n");
  InteractionLogOptions options;
  options.filters.since = 5;
  input_error([&] { build(path, options); }, 1);
  const std::string empty_cell = write_file("emptytime.csv", "actor,target,action,timestamp\na,b,like,1\na,c,like,\n");
  input_error([&] { build(empty_cell, options); }, 3);
}

TEST(InteractionLog, MinWeightAppliesAfterAggregation) {
  InteractionLogOptions options;
  options.filters.min_weight = 2.0;
  const IngestResult r = build(tiny_community(), options);
  // Weight-1 edges alice->bob, alice->dave, bob->dave, erin->alice go; alice->carol (2+2) stays.
  EXPECT_EQ(r.summary.edges_below_min_weight, 4u);
  EXPECT_EQ(r.graph.num_edges(), 5u);
  EXPECT_TRUE(find_edge(r.graph, "alice", "carol"));
  EXPECT_FALSE(find_edge(r.graph, "erin", "alice"));
  EXPECT_EQ(r.graph.provenance.interactions, 10u - 4u);
  // A pair of two 1-weight likes reaches 2 only once aggregated.
  const std::string path = write_file("two_likes.csv", "actor,target,action\na,b,like\na,b,like\nc,b,like\n");
  const IngestResult twice = build(path, options);
  EXPECT_EQ(twice.graph.num_edges(), 1u);
  EXPECT_FLOAT_EQ(twice.graph.out_weight[0], 2.0f);
}

TEST(InteractionLog, SeveralLogsShareUserIds) {
  const std::string first = write_file("part1.csv", "actor,target,action\nb,a,like\n");
  const std::string second = write_file("part2.csv", "target,action,actor\na,comment,b\nb,answer,c\n");
  const IngestResult r = build_graph_from_logs({first, second}, {}, kWc, 1);
  EXPECT_EQ(r.graph.num_nodes(), 3u);
  EXPECT_EQ(r.graph.num_edges(), 2u);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "a", "b")], 3.0f);  // like 1 + comment 2
  EXPECT_EQ(r.summary.files.size(), 2u);
}

TEST(InteractionLog, BundledQuantumCommunity) {
  const IngestResult r = build(support::quantum_community());
  EXPECT_EQ(r.summary.lines_read, 4462u);
  EXPECT_EQ(r.summary.self_interactions, 1174u);  // as counted in the shared datasets README
  EXPECT_EQ(r.graph.num_nodes(), 402u);
  EXPECT_TRUE(r.summary.lt_valid);
}

}  // namespace
}  // namespace kuchikomi
