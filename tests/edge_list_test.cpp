// Edge-list import: direction, column layouts, comments, filters, bad lines, gzip, a real SNAP
// file checked against its published counts, and load_graph.
#include <gtest/gtest.h>


#include <fstream>
#include <iterator>

#include "support/files.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "support/errors.hpp"

namespace kuchikomi {
namespace {

using support::find_edge;
using support::write_file;

IngestResult import(const std::string& path, EdgeListOptions options = {}, const std::string& model = "wc") {
  return import_edge_lists({path}, std::move(options), parse_probability_model(model), 1);
}

using support::input_error;

TEST(EdgeList, DefaultDirectionIsReverse) {
  // SNAP temporal meaning: "1 2 t" = user 1 acted on user 2's content, so 2 influences 1.
  const std::string path = write_file("rev.txt", "# comment\n% konect comment\n1 2 100\n1 2 200\n3 1 300\n");
  const IngestResult r = import(path);
  EXPECT_EQ(r.summary.columns, "u,v,t");
  EXPECT_EQ(r.summary.lines_read, 3u);
  const auto e = find_edge(r.graph, "2", "1");
  ASSERT_TRUE(e);
  EXPECT_FALSE(find_edge(r.graph, "1", "2"));
  EXPECT_EQ(r.graph.out_count[*e], 2u);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*e], 2.0f);  // no w column: each line weighs 1
  EXPECT_TRUE(find_edge(r.graph, "1", "3"));
}

TEST(EdgeList, ForwardDirection) {
  const std::string path = write_file("fwd.txt", "0 1\n0 15\n1 0\n");
  EdgeListOptions options;
  options.direction = EdgeDirection::kForward;
  const IngestResult r = import(path, options);
  EXPECT_EQ(r.summary.columns, "u,v");
  EXPECT_TRUE(find_edge(r.graph, "0", "15"));
  EXPECT_FALSE(find_edge(r.graph, "15", "0"));
  EXPECT_EQ(r.graph.num_edges(), 3u);
}

TEST(EdgeList, UndirectedWithCountLine) {
  // NetPHY layout: a "nodes edges" first line, then undirected pairs.
  const std::string path = write_file("phy.txt", "3 2\r\n0 1\r\n1 2\r\n");
  EdgeListOptions options;
  options.direction = EdgeDirection::kBoth;
  options.skip_lines = 1;
  const IngestResult r = import(path, options);
  EXPECT_EQ(r.summary.lines_read, 2u);
  EXPECT_EQ(r.graph.num_nodes(), 3u);
  EXPECT_EQ(r.graph.num_edges(), 4u);
  for (auto [a, b] : {std::pair{"0", "1"}, {"1", "0"}, {"1", "2"}, {"2", "1"}}) EXPECT_TRUE(find_edge(r.graph, a, b));
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "1", "0")], 1.0f);   // WC: 0 hears only 1
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "0", "1")], 0.5f);   // 1 hears 0 and 2
  EXPECT_THROW(parse_edge_direction("sideways"), UsageError);
  EXPECT_EQ(r.graph.provenance.interactions, 4u);  // one record per arc: two per undirected line
}

TEST(EdgeList, InteractionsAreTheRecordsBehindTheKeptEdges) {
  // Undirected lines with weights; --min-weight 2 drops the two light pairs (both arcs each).
  EdgeListOptions options;
  options.direction = EdgeDirection::kBoth;
  options.filters.min_weight = 2;
  const IngestResult r = import(write_file("w3.txt", "1 2 1.0\n3 4 1.0\n5 6 5.0\n7 7 9.0\n"), options);
  EXPECT_EQ(r.graph.num_edges(), 2u);
  EXPECT_EQ(r.summary.edges_below_min_weight, 4u);
  std::uint64_t records = 0;
  for (std::uint32_t c : r.graph.out_count) records += c;
  EXPECT_EQ(r.graph.provenance.interactions, records);
  EXPECT_EQ(records, 2u);
}

TEST(EdgeList, AutoColumns) {
  // Third field decimal -> weight; four fields -> u,v,w,t (KONECT); commas and tabs separate too.
  const IngestResult weighted = import(write_file("w.txt", "1 2 0.5\n3 2 1.5\n"));
  EXPECT_EQ(weighted.summary.columns, "u,v,w");
  EXPECT_FLOAT_EQ(weighted.graph.out_weight[*find_edge(weighted.graph, "2", "1")], 0.5f);
  const IngestResult konect = import(write_file("k.txt", "1\t2\t4\t1289241911.72836\n1,3,2,1289241941.5\n"));
  EXPECT_EQ(konect.summary.columns, "u,v,w,t");
  EXPECT_FLOAT_EQ(konect.graph.out_weight[*find_edge(konect.graph, "2", "1")], 4.0f);
  input_error([&] { import(write_file("five.txt", "1 2 3 4 5\n")); }, 1);
  // Decimal unix times are times (fb-forum); its first line is a header (NetworkRepository's
  // names), which decides the layout.
  const std::string forum = write_file("forum.txt", "Srcid,dstid,t\n428,538,1084585996.0\n374,538,1084586048.5\n");
  const IngestResult f = import(forum);
  EXPECT_EQ(f.summary.columns, "u,v,t");
  EXPECT_EQ(f.summary.header_lines, 1u);
  EXPECT_TRUE(f.summary.columns_from_header);
  EXPECT_EQ(f.summary.lines_read, 2u);
  EXPECT_EQ(f.summary.bad_lines_skipped, 0u);
  EXPECT_FLOAT_EQ(f.graph.out_weight[*find_edge(f.graph, "538", "428")], 1.0f);
  // Only the first line can be a header; later words are bad lines, and two words are an edge.
  input_error([&] { import(write_file("late.txt", "428 538 1084585996\nSrcid dstid t\n")); }, 2);
  const IngestResult names = import(write_file("names.txt", "alice bob\nbob carol\n"));
  EXPECT_EQ(names.summary.header_lines, 0u);
  EXPECT_TRUE(find_edge(names.graph, "bob", "alice"));
}

TEST(EdgeList, HeaderNamesTheColumns) {
  // A pandas/spreadsheet CSV: the header says the third column is a weight. Guessed from the values
  // (integers), it used to be read as timestamps, every weight 1.
  const IngestResult csv = import(write_file("st.csv", "source,target,weight\na,b,3\nb,c,5\na,b,2\n"));
  EXPECT_EQ(csv.summary.columns, "u,v,w");
  EXPECT_TRUE(csv.summary.columns_from_header);
  EXPECT_FALSE(csv.summary.columns_guessed);
  EXPECT_EQ(csv.summary.header_lines, 1u);
  EXPECT_EQ(csv.summary.lines_read, 3u);
  const auto ba = find_edge(csv.graph, "b", "a");  // default direction reverse: influence target -> source
  ASSERT_TRUE(ba);
  EXPECT_FLOAT_EQ(csv.graph.out_weight[*ba], 5.0f);
  EXPECT_EQ(csv.graph.out_count[*ba], 2u);
  EXPECT_FLOAT_EQ(csv.graph.out_weight[*find_edge(csv.graph, "c", "b")], 5.0f);

  // A comma header makes the rest CSV: labels with blanks, quoted commas and quotes, '#' as data;
  // blank lines skipped; a broken quote is a bad line at its line.
  const IngestResult quoted_csv = import(write_file(
      "quoted.csv", "source,target,weight\nDaftWullie (1837),\"Kim, \"\"K\"\"\",2\n\n#tag , x,1.5\n"));
  EXPECT_EQ(quoted_csv.summary.lines_read, 2u);
  EXPECT_FLOAT_EQ(quoted_csv.graph.out_weight[*find_edge(quoted_csv.graph, "Kim, \"K\"", "DaftWullie (1837)")], 2.0f);
  EXPECT_FLOAT_EQ(quoted_csv.graph.out_weight[*find_edge(quoted_csv.graph, "x", "#tag")], 1.5f);
  const std::string broken = write_file("broken.csv", "# made by hand\nsrc,dst\na,b\n\"c,d\n");
  const std::string msg = input_error([&] { import(broken); }, 4);
  EXPECT_NE(msg.find("unterminated quoted field"), std::string::npos) << msg;
  input_error([&] { import(write_file("empty_id.csv", "src,dst\na,b\n,c\n")); }, 3);

  // Synonyms in any case and order, tabs, a probability column for const-from-file.
  const IngestResult syn = import(write_file("syn.tsv", "TS\tDst\tSRC\tP\tw\n100\tx\ty\t0.25\t7\n"), {},
                                  "const-from-file");
  EXPECT_EQ(syn.summary.columns, "t,v,u,p,w");
  const auto xy = find_edge(syn.graph, "x", "y");
  ASSERT_TRUE(xy);
  EXPECT_FLOAT_EQ(syn.graph.out_weight[*xy], 7.0f);
  EXPECT_FLOAT_EQ(syn.graph.out_prob[*xy], 0.25f);
  // Two-field headers are headers when both are names; from/to and u/v too.
  const IngestResult two = import(write_file("two.txt", "From To\n1 2\n"));
  EXPECT_EQ(two.summary.header_lines, 1u);
  EXPECT_EQ(two.graph.num_nodes(), 2u);
  EXPECT_TRUE(find_edge(two.graph, "2", "1"));
  // A header and explicit columns: the columns win, the header is skipped.
  EdgeListOptions given;
  given.columns = "u,v,t";
  const IngestResult skipped = import(write_file("given.csv", "source,target,weight\n1,2,3\n"), given);
  EXPECT_EQ(skipped.summary.columns, "u,v,t");
  EXPECT_FALSE(skipped.summary.columns_from_header);
  EXPECT_FLOAT_EQ(skipped.graph.out_weight[*find_edge(skipped.graph, "2", "1")], 1.0f);
}

TEST(EdgeList, UnknownHeaderNamesAreAnError) {
  const std::string path = write_file("unknown.csv", "# exported\nsource,target,kind\na,b,like\n");
  const std::string msg = input_error([&] { import(path); }, 2);
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  EXPECT_NE(msg.find("'kind'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("source|src|srcid|u|from"), std::string::npos) << msg;
  EXPECT_NE(msg.find("probability|prob|p"), std::string::npos) << msg;
  EdgeListOptions skip;
  skip.filters.skip_bad_lines = true;  // a layout error, not a bad line: never skipped
  input_error([&] { import(path, skip); }, 2);
  input_error([&] { import(write_file("twice.csv", "src,source,w\na,b,1\n")); }, 1);
  input_error([&] { import(write_file("notarget.csv", "src,w,t\na,1,2\n")); }, 1);
}

TEST(EdgeList, HeaderlessThreeColumnsAreGuessedAndSaySo) {
  // networkx write_weighted_edgelist with integer weights: "a b 3". Without a header the third
  // integer field stays a time, as before, and the summary says the layout was guessed.
  const IngestResult r = import(write_file("nx.txt", "a b 3\na c 2\nb c 5\n"));
  EXPECT_EQ(r.summary.columns, "u,v,t");
  EXPECT_TRUE(r.summary.columns_guessed);
  EXPECT_EQ(r.summary.direction, "reverse");
  EXPECT_FALSE(import(write_file("nx2.txt", "a b\n")).summary.columns_guessed);
}

TEST(EdgeList, ExplicitColumns) {
  const std::string path = write_file("cols.txt", "x 1 2 7\nx 2 3 9\n");
  EdgeListOptions options;
  options.columns = "-,u,v,w";
  const IngestResult r = import(path, options);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "3", "2")], 9.0f);
  EXPECT_THROW(check_edge_columns("u,v,q"), UsageError);
  EXPECT_THROW(check_edge_columns("u,u,v"), UsageError);
  EXPECT_THROW(check_edge_columns("u,w"), UsageError);
  EXPECT_NO_THROW(check_edge_columns("u,v,w,t"));
  EXPECT_THROW(parse_edge_direction("backward"), UsageError);
}

TEST(EdgeList, StringAndNumericIdsAgree) {
  // "007" is not canonical, so it stays a separate string label; "7" and 7 are one node.
  const std::string path = write_file("ids.txt", "alice 7\n7 bob\n007 7\n");
  const IngestResult r = import(path);
  EXPECT_EQ(r.graph.num_nodes(), 4u);
  EXPECT_TRUE(find_edge(r.graph, "7", "alice"));
  EXPECT_TRUE(find_edge(r.graph, "bob", "7"));
  EXPECT_TRUE(find_edge(r.graph, "7", "007"));
}

TEST(EdgeList, BadLinesNameTheLine) {
  struct Case {
    const char* name;
    std::string body;
    std::string columns;
    std::uint64_t line;
    const char* says;
  };
  const std::vector<Case> cases{
      {"missing_column", "1 2 5\n# c\n3 4 6\n5\n", "auto", 4, "missing column"},
      {"too_many", "1 2 5\n3 4 6 7\n", "auto", 2, "too many fields"},
      {"bad_timestamp", "1 2 5\n3 4 later\n", "auto", 2, "timestamp 'later'"},
      {"bad_weight", "1 2 0.5\n3 4 heavy\n", "u,v,w", 2, "weight 'heavy'"},
      {"negative_weight", "1 2 -1 100\n", "auto", 1, "negative weight"},
      {"prob_outside", "1 2 0.5\n\n2 3 1.01\n", "u,v,p", 3, "outside [0,1]"},
      {"prob_not_number", "1 2 x\n", "u,v,p", 1, "probability 'x'"},
      {"only_comments", "# nothing\n", "auto", 0, "no edges left"},
      {"only_self_loops", "1 1\n2 2\n", "auto", 0, "no edges left"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = write_file(std::string(c.name) + ".txt", c.body);
    EdgeListOptions options;
    options.columns = c.columns;
    const std::string msg = input_error([&] { import(path, options); }, c.line);
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
  }
  input_error([&] { import(support::scratch_dir().string() + "/missing.txt"); }, 0);
}

TEST(EdgeList, SkipBadLines) {
  const std::string path = write_file("skip.txt", "1 2 10\n3 x\n2 3 notime\n3 4 30\n5\n");
  EdgeListOptions options;
  options.filters.skip_bad_lines = true;
  const IngestResult r = import(path, options);
  // Line 2 lacks the t column (layout u,v,t from line 1), line 3 has a bad time, line 5 one field.
  EXPECT_EQ(r.summary.bad_lines_skipped, 3u);
  ASSERT_EQ(r.summary.first_bad_lines.size(), 3u);
  EXPECT_EQ(r.summary.first_bad_lines[0].line, 2u);
  EXPECT_EQ(r.summary.first_bad_lines[1].line, 3u);
  EXPECT_EQ(r.summary.first_bad_lines[2].line, 5u);
  EXPECT_EQ(r.graph.num_edges(), 2u);
}

TEST(EdgeList, TimeWindowAndMinWeight) {
  const std::string path = write_file("time.txt", "1 2 100\n1 2 150\n3 2 200\n4 2 300\n");
  EdgeListOptions options;
  options.filters.since = 100;
  options.filters.until = 300;
  options.filters.min_weight = 2;
  const IngestResult r = import(path, options);
  EXPECT_EQ(r.summary.filtered_by_time, 1u);  // 300 == until is out
  EXPECT_EQ(r.summary.edges_below_min_weight, 1u);  // 3->2 has weight 1
  EXPECT_EQ(r.graph.num_edges(), 1u);
  EXPECT_TRUE(find_edge(r.graph, "2", "1"));
  EdgeListOptions no_time;
  no_time.filters.since = 1;
  input_error([&] { import(write_file("untimed.txt", "1 2\n"), no_time); }, 0);
}

TEST(EdgeList, CollegeMsgGzipMatchesPublishedCounts) {
  // SNAP CollegeMsg: 59,835 temporal lines, 1,899 nodes, 20,296 static edges. The file has no
  // self-loops, so the static edge count survives self-loop removal unchanged.
  const IngestResult r = import(support::shared_dataset("CollegeMsg/CollegeMsg.txt.gz"));
  EXPECT_EQ(r.summary.lines_read, 59835u);
  EXPECT_EQ(r.summary.columns, "u,v,t");
  EXPECT_EQ(r.summary.self_interactions, 0u);
  EXPECT_EQ(r.graph.num_nodes(), 1899u);
  EXPECT_EQ(r.graph.num_edges(), 20296u);
  std::uint64_t interactions = 0;
  for (auto c : r.graph.out_count) interactions += c;
  EXPECT_EQ(interactions, 59835u);
  r.graph.validate();
}

TEST(EdgeList, TruncatedGzipIsAnError) {
  const std::string source = support::shared_dataset("CollegeMsg/CollegeMsg.txt.gz");
  std::ifstream in(source, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  const std::string path = write_file("truncated.txt.gz", bytes.substr(0, bytes.size() / 2));
  EXPECT_TRUE(is_gzip_file(path));
  EXPECT_THROW(read_text_input(path), InputError);
}

TEST(EdgeList, AggregationIsIdenticalForAnyThreadCount) {
  // Many repeats of few pairs with fractional weights: float sums would differ if the merge order
  // followed the parallel sort's schedule.
  std::string text;
  std::uint64_t x = 12345;
  for (int i = 0; i < 60000; ++i) {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    text += std::to_string((x >> 33) % 40) + " " + std::to_string((x >> 45) % 40) + " 0." +
            std::to_string((x >> 20) % 997 + 1) + " " + std::to_string(static_cast<double>((x >> 13) % 1000) / 1000.0) + "\n";
  }
  const std::string path = write_file("threads.txt", text);
  EdgeListOptions options;
  options.columns = "u,v,w,p";
  const InfluenceGraph one = support::expect_same_for_thread_counts(
      [&] { return import(path, options, "const-from-file").graph; },
      [](const InfluenceGraph& a, const InfluenceGraph& b) {
        EXPECT_EQ(a.out_targets, b.out_targets);
        EXPECT_EQ(a.out_weight, b.out_weight);
        EXPECT_EQ(a.out_prob, b.out_prob);
        EXPECT_EQ(a.out_count, b.out_count);
      });
  EXPECT_GT(one.num_edges(), 1000u);
}

TEST(EdgeList, LoadGraphReadsEdgeListsAndGraphFiles) {
  const std::string edges = write_file("load.txt", "1 2\n3 2\n");
  const InfluenceGraph imported = load_graph(edges, "uniform:0.3");
  EXPECT_EQ(imported.num_edges(), 2u);
  EXPECT_FLOAT_EQ(imported.out_prob[0], 0.3f);
  EXPECT_TRUE(find_edge(imported, "2", "1"));  // import defaults: reverse direction
  const std::string h5 = (support::scratch_dir() / "load.h5").string();
  write_graph_file(imported, h5);
  const InfluenceGraph reread = load_graph(h5);
  EXPECT_EQ(reread.out_targets, imported.out_targets);
  EXPECT_EQ(reread.labels, imported.labels);
  EXPECT_THROW(load_graph(support::scratch_dir().string() + "/nope.txt"), InputError);
  // An interaction log is recognised by its header: the bundled tiny log, influence target -> actor.
  const InfluenceGraph log = load_graph(KUCHIKOMI_SOURCE_DIR "/graphs/tiny_community.csv");
  const InfluenceGraph built = build_graph_from_logs({KUCHIKOMI_SOURCE_DIR "/graphs/tiny_community.csv"}, {},
                                                     parse_probability_model("wc"), 0)
                                   .graph;
  EXPECT_EQ(log.labels, built.labels);
  EXPECT_EQ(log.out_targets, built.out_targets);
  EXPECT_EQ(log.out_prob, built.out_prob);
  // A header that only mentions the words is not a log header: an edge list with a header line,
  // whose names it does not know.
  support::expect_input_error([&] { load_graph(write_file("almost.txt", "actors targets w\n1 2 3\n")); }, "almost.txt",
                              "unknown column(s) 'actors', 'targets'");
  EXPECT_TRUE(find_edge(load_graph(write_file("almost2.txt", "src target w\n1 2 3\n")), "2", "1"));
}

}  // namespace
}  // namespace kuchikomi
