// Graph export: the exact text of each format on a hand-made graph, round trips through our own
// import (same labelled edges, weights and probabilities, bit for bit), labels a format cannot hold,
// and `graph export` through the executable (exit codes, no partial or clobbered file).
#include <gtest/gtest.h>

#include <filesystem>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_export.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "support/files.hpp"
#include "support/graphs.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

using support::find_edge;
using support::slurp;

// alice -> bob (w 3, p 0.1), alice -> carol (2, 1), bob -> carol (1.25, 0.3); dave has no edge.
InfluenceGraph small_graph(std::vector<std::string> labels = {"alice", "bob", "carol", "dave"}) {
  std::vector<EdgeRecord> edges{{0, 1, 0.1f, 3.0, 2}, {0, 2, 1.0f, 2.0, 1}, {1, 2, 0.3f, 1.25, 1}};
  return build_influence_graph(4, std::move(edges), std::move(labels));
}

class GraphExport : public support::ScratchTest {
 protected:
  std::string export_to(const InfluenceGraph& g, ExportFormat format, const std::string& name,
                        ExportSummary* summary = nullptr) {
    AtomicOutput out(path(name));
    const ExportSummary s = export_graph(g, format, out);
    out.commit();
    if (summary != nullptr) *summary = s;
    return path(name);
  }
  InfluenceGraph import_back(const std::string& file, const std::string& columns = "auto") {
    EdgeListOptions options;
    options.direction = EdgeDirection::kForward;
    options.columns = columns;
    return import_edge_lists({file}, options, parse_probability_model("const-from-file"), 1).graph;
  }
  // Same labelled edges with bit-identical weights and probabilities.
  static void expect_same_edges(const InfluenceGraph& a, const InfluenceGraph& b) {
    ASSERT_EQ(a.num_edges(), b.num_edges());
    for (NodeId u = 0; u < a.num_nodes(); ++u)
      for (EdgeId e = a.out_offsets[u]; e < a.out_offsets[u + 1]; ++e) {
        const auto f = find_edge(b, a.label(u), a.label(a.out_targets[e]));
        ASSERT_TRUE(f) << a.label(u) << " -> " << a.label(a.out_targets[e]);
        EXPECT_EQ(b.out_weight[*f], a.out_weight[e]);
        EXPECT_EQ(b.out_prob[*f], a.out_prob[e]);
      }
  }
};

TEST_F(GraphExport, ExactText) {
  const InfluenceGraph g = small_graph({"alice", "bob", "Kim, \"K\"", "dave"});
  ExportSummary s;
  EXPECT_EQ(slurp(export_to(g, ExportFormat::kCsv, "g.csv", &s)),
            "source,target,weight,probability\n"
            "alice,bob,3,0.100000001\n"
            "alice,\"Kim, \"\"K\"\"\",2,1\n"
            "bob,\"Kim, \"\"K\"\"\",1.25,0.300000012\n");
  EXPECT_EQ(s.nodes, 4u);
  EXPECT_EQ(s.edges, 3u);
  EXPECT_EQ(s.isolated_nodes_left_out, 1u);
  const std::string graphml = slurp(export_to(small_graph({"a&b", "<b>", "c", "d"}), ExportFormat::kGraphml, "g.graphml", &s));
  EXPECT_EQ(s.isolated_nodes_left_out, 0u);
  EXPECT_NE(graphml.find("<graph id=\"influence\" edgedefault=\"directed\">"), std::string::npos) << graphml;
  EXPECT_NE(graphml.find("<node id=\"d\"/>"), std::string::npos) << graphml;
  EXPECT_NE(graphml.find("<edge source=\"a&amp;b\" target=\"&lt;b&gt;\"><data key=\"weight\">3</data>"
                         "<data key=\"probability\">0.100000001</data><data key=\"count\">2</data></edge>"),
            std::string::npos)
      << graphml;
  const std::string edges = slurp(export_to(small_graph(), ExportFormat::kEdgeList, "g.txt"));
  EXPECT_NE(edges.find("\nalice bob 3 0.100000001\nalice carol 2 1\nbob carol 1.25 0.300000012\n"), std::string::npos)
      << edges;
}

TEST_F(GraphExport, OurImportReadsEveryFormatBack) {
  const InfluenceGraph g = small_graph();
  expect_same_edges(g, import_back(export_to(g, ExportFormat::kCsv, "g.csv")));  // header: u,v,w,p
  expect_same_edges(g, import_back(export_to(g, ExportFormat::kEdgeList, "g.txt"), "u,v,w,p"));
  const InfluenceGraph x = import_back(export_to(g, ExportFormat::kGraphml, "g.graphml"));
  expect_same_edges(g, x);
  EXPECT_EQ(x.labels, g.labels);  // node order and the isolated user kept
  EXPECT_EQ(x.out_targets, g.out_targets);
  // Through the graph file too, labels with blanks and ampersands.
  const InfluenceGraph named = small_graph({"DaftWullie (1837)", "Kim & Lee", "x\ty", "dave"});
  write_graph_file(named, path("named.h5"));
  const InfluenceGraph back = import_back(export_to(read_graph_file(path("named.h5")), ExportFormat::kGraphml, "n.graphml"));
  EXPECT_EQ(back.labels, named.labels);
  expect_same_edges(named, back);
  // CSV quotes what needs quoting, and the header makes our reader read it as CSV.
  const InfluenceGraph csv_named = small_graph({"DaftWullie (1837)", "Kim, \"K\"", "#tag", "dave"});
  expect_same_edges(csv_named, import_back(export_to(csv_named, ExportFormat::kCsv, "n.csv")));
}

TEST_F(GraphExport, LabelsAFormatCannotHold) {
  // An edge list splits at blanks: refused, naming the label, and nothing is left behind.
  const InfluenceGraph spaced = small_graph({"alice", "Blue (26)", "carol", "dave"});
  try {
    export_to(spaced, ExportFormat::kEdgeList, "bad.txt");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("'Blue (26)'"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(std::filesystem::exists(path("bad.txt")));
  // XML 1.0 holds no control characters: replaced by U+FFFD and counted.
  ExportSummary s;
  const InfluenceGraph control = small_graph({"bell\x07", "bob", "carol", "dave"});
  const InfluenceGraph back = import_back(export_to(control, ExportFormat::kGraphml, "c.graphml", &s));
  EXPECT_EQ(s.labels_replaced, 1u);
  EXPECT_EQ(back.labels[0], "bell\xEF\xBF\xBD");
  // ... unless two labels become one that way.
  EXPECT_THROW(export_to(small_graph({"a\x01", "a\x02", "c", "d"}), ExportFormat::kGraphml, "d.graphml"), InputError);
  EXPECT_THROW(parse_export_format("xml"), UsageError);
}

TEST_F(GraphExport, Command) {
  const std::string graph = path("g.h5");
  write_graph_file(small_graph({"alice", "Blue (26)", "carol", "dave"}), graph);
  auto r = kuchikomi("graph export " + graph + " --format graphml --out " + path("g.graphml"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("3 influence edges source -> target"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("--direction forward"), std::string::npos) << r.out;
  // Read back by graph import, as the export says.
  r = kuchikomi("graph import --edges " + path("g.graphml") + " --direction forward --prob const-from-file --out " +
                path("back.h5"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("edge source -> target read as the influence edge source -> target"), std::string::npos) << r.out;
  expect_same_edges(read_graph_file(graph), read_graph_file(path("back.h5")));
  // Bad format, missing options: exit 2. Output = input: exit 1, the graph untouched.
  EXPECT_EQ(kuchikomi("graph export " + graph + " --format xml --out " + path("x")).code, 2);
  EXPECT_EQ(kuchikomi("graph export " + graph + " --out " + path("x")).code, 2);
  const std::string before = slurp(graph);
  r = kuchikomi("graph export " + graph + " --format csv --out " + graph);
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(slurp(graph), before);
  // A label an edge list cannot hold: exit 1, no file.
  r = kuchikomi("graph export " + graph + " --format edgelist --out " + path("e.txt"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("Blue (26)"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(path("e.txt")));
}

TEST_F(GraphExport, NetworkxReadsOurGraphsAndWeReadTheirs) {
  // tests/networkx_formats.py: networkx's GraphML, GEXF and CSV through import and export, read back
  // by networkx with every edge, weight and probability. Debian's python3-networkx lives under
  // /usr/bin/python3, which a pyenv or venv python3 may hide.
  std::string python;
  for (const char* candidate : {"/usr/bin/python3", "python3"})
    if (support::shell(std::string(candidate) + " -c 'import networkx' > /dev/null 2>&1") == 0) {
      python = candidate;
      break;
    }
  if (python.empty()) GTEST_SKIP() << "no python3 with networkx (Debian: python3-networkx)";
  const int code = support::shell(python + " " + KUCHIKOMI_SOURCE_DIR "/tests/networkx_formats.py " + KUCHIKOMI_CLI +
                                  " " + dir_.string() + " > " + path("py.txt") + " 2>&1");
  EXPECT_EQ(code, 0) << slurp(path("py.txt"));
}

}  // namespace
}  // namespace kuchikomi
