// GraphML and GEXF import: networkx's writers' output (inline, as networkx 3 writes it), direction,
// undirected graphs, labels, attribute defaults, bad values, and hostile XML (DTDs, entity bombs,
// deep nesting, malformed documents) refused with the file and line.
#include <gtest/gtest.h>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

using support::find_edge;
using support::input_error;
using support::write_file;

IngestResult import(const std::string& path, EdgeListOptions options = {}, const std::string& model = "wc") {
  return import_edge_lists({path}, std::move(options), parse_probability_model(model), 1);
}

EdgeListOptions forward() {
  EdgeListOptions o;
  o.direction = EdgeDirection::kForward;
  return o;
}

// nx.DiGraph: a->b (weight 3, probability 0.5), a->c (2), b->c (5); nx.write_graphml.
const char* const kGraphml = R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
  <key id="d1" for="edge" attr.name="probability" attr.type="double" />
  <key id="d0" for="edge" attr.name="weight" attr.type="long" />
  <graph edgedefault="directed">
    <node id="a" />
    <node id="b" />
    <node id="c" />
    <edge source="a" target="b">
      <data key="d0">3</data>
      <data key="d1">0.5</data>
    </edge>
    <edge source="a" target="c">
      <data key="d0">2</data>
    </edge>
    <edge source="b" target="c">
      <data key="d0">5</data>
    </edge>
  </graph>
</graphml>
)";

// The same graph through nx.write_gexf.
const char* const kGexf = R"(<?xml version='1.0' encoding='utf-8'?>
<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">
  <meta lastmodifieddate="2026-11-24">
    <creator>NetworkX 3.6.1</creator>
  </meta>
  <graph defaultedgetype="directed" mode="static" name="">
    <attributes mode="static" class="edge">
      <attribute id="0" title="probability" type="double" />
    </attributes>
    <nodes>
      <node id="a" label="a" />
      <node id="b" label="b" />
      <node id="c" label="c" />
    </nodes>
    <edges>
      <edge source="a" target="b" id="0" weight="3">
        <attvalues>
          <attvalue for="0" value="0.5" />
        </attvalues>
      </edge>
      <edge source="a" target="c" id="1" weight="2" />
      <edge source="b" target="c" id="2" weight="5" />
    </edges>
  </graph>
</gexf>
)";

void expect_abc(const IngestResult& r, bool reverse) {
  const InfluenceGraph& g = r.graph;
  EXPECT_EQ(g.num_nodes(), 3u);
  EXPECT_EQ(g.num_edges(), 3u);
  EXPECT_EQ(g.labels, (std::vector<std::string>{"a", "b", "c"}));  // declaration order
  const auto edge = [&](const char* s, const char* t) { return reverse ? find_edge(g, t, s) : find_edge(g, s, t); };
  ASSERT_TRUE(edge("a", "b") && edge("a", "c") && edge("b", "c"));
  EXPECT_FLOAT_EQ(g.out_weight[*edge("a", "b")], 3.0f);
  EXPECT_FLOAT_EQ(g.out_weight[*edge("a", "c")], 2.0f);
  EXPECT_FLOAT_EQ(g.out_weight[*edge("b", "c")], 5.0f);
  EXPECT_EQ(r.summary.lines_read, 3u);
  EXPECT_EQ(r.summary.undirected_edges, 0u);
}

TEST(GraphXml, NetworkxGraphmlAndGexfGiveTheSameGraph) {
  const std::string graphml = write_file("abc.graphml", kGraphml);
  const std::string gexf = write_file("abc.gexf", kGexf);
  // Default direction reverse, as for edge lists: source acted on target, influence target -> source.
  const IngestResult r = import(graphml);
  EXPECT_EQ(r.summary.format, "graphml");
  EXPECT_EQ(r.summary.direction, "reverse");
  expect_abc(r, true);
  const IngestResult f = import(graphml, forward());
  expect_abc(f, false);
  const IngestResult x = import(gexf, forward());
  EXPECT_EQ(x.summary.format, "gexf");
  expect_abc(x, false);
  EXPECT_EQ(x.graph.out_weight, f.graph.out_weight);
  EXPECT_EQ(x.graph.out_targets, f.graph.out_targets);
  // Edge-list options do not apply to XML: an error rather than ignored.
  EdgeListOptions columns = forward();
  columns.columns = "u,v,w";
  input_error([&] { import(gexf, columns); }, 0);
  // load_graph (any --graph argument) recognises the XML too.
  EXPECT_EQ(load_graph(gexf).num_edges(), 3u);
}

TEST(GraphXml, ProbabilitiesFromTheFile) {
  std::string text = kGraphml;
  const std::string ac = "<data key=\"d0\">2</data>";
  text.replace(text.find(ac), ac.size(), ac + "<data key=\"d1\">0.25</data>");
  const std::string both_p = write_file("p.graphml", text);
  // b->c has no probability: an error at its line for const-from-file.
  const std::string msg = input_error([&] { import(both_p, forward(), "const-from-file"); }, 16);
  EXPECT_NE(msg.find("no probability"), std::string::npos) << msg;
  EdgeListOptions skip = forward();
  skip.filters.skip_bad_lines = true;
  const IngestResult r = import(both_p, skip, "const-from-file");
  EXPECT_EQ(r.summary.bad_lines_skipped, 1u);
  EXPECT_EQ(r.graph.num_edges(), 2u);
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "a", "b")], 0.5f);
  EXPECT_FLOAT_EQ(r.graph.out_prob[*find_edge(r.graph, "a", "c")], 0.25f);
  // GEXF attvalues with a declared <default>.
  const std::string gexf = write_file("d.gexf", R"(<gexf><graph defaultedgetype="directed">
<attributes class="edge"><attribute id="p" title="Probability" type="double"><default>0.125</default></attribute></attributes>
<nodes><node id="1" label="x"/><node id="2" label="y"/><node id="3" label="z"/></nodes>
<edges><edge source="1" target="2"><attvalues><attvalue for="p" value="0.75"/></attvalues></edge>
<edge source="2" target="3"/></edges></graph></gexf>)");
  const IngestResult d = import(gexf, forward(), "const-from-file");
  EXPECT_FLOAT_EQ(d.graph.out_prob[*find_edge(d.graph, "x", "y")], 0.75f);
  EXPECT_FLOAT_EQ(d.graph.out_prob[*find_edge(d.graph, "y", "z")], 0.125f);
}

TEST(GraphXml, UndirectedGraphsGiveBothArcs) {
  // nx.Graph with edge 1-2 (weight 1.5) and an isolated node 3, as GraphML and as GEXF.
  const std::string graphml = write_file("u.graphml", R"(<?xml version='1.0' encoding='utf-8'?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns">
  <key id="d0" for="edge" attr.name="weight" attr.type="double" />
  <graph edgedefault="undirected">
    <node id="1" />
    <node id="2" />
    <node id="3" />
    <edge source="1" target="2">
      <data key="d0">1.5</data>
    </edge>
  </graph>
</graphml>
)");
  const std::string gexf = write_file("u.gexf", R"(<gexf version="1.2"><graph mode="static">
<nodes><node id="1" label="1"/><node id="2" label="2"/><node id="3" label="3"/></nodes>
<edges><edge source="1" target="2" id="0" weight="1.5"/></edges></graph></gexf>)");
  for (const auto& path : {graphml, gexf}) {
    SCOPED_TRACE(path);
    const IngestResult r = import(path);
    EXPECT_EQ(r.summary.undirected_edges, 1u);
    EXPECT_EQ(r.graph.num_nodes(), 3u);  // the isolated node stays
    EXPECT_EQ(r.graph.num_edges(), 2u);
    EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "1", "2")], 1.5f);
    EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "2", "1")], 1.5f);
  }
  // A directed edge inside an undirected graph follows the direction setting.
  const std::string mixed = write_file("mixed.graphml", R"(<graphml><graph edgedefault="undirected">
<node id="a"/><node id="b"/><node id="c"/>
<edge source="a" target="b"/><edge source="b" target="c" directed="true"/></graph></graphml>)");
  const IngestResult m = import(mixed);
  EXPECT_EQ(m.summary.undirected_edges, 1u);
  EXPECT_EQ(m.graph.num_edges(), 3u);
  EXPECT_TRUE(find_edge(m.graph, "c", "b"));
  EXPECT_FALSE(find_edge(m.graph, "b", "c"));
}

TEST(GraphXml, LabelsKeyDefaultsAndIgnoredAttributes) {
  // GraphML node label data; a weight key default; unknown attributes ignored; '&amp;' unescaped.
  const std::string graphml = write_file("l.graphml", R"(<graphml>
<key id="lab" for="node" attr.name="label" attr.type="string"/>
<key id="w" for="edge" attr.name="weight" attr.type="double"><default>2.5</default></key>
<key id="color" for="edge" attr.name="color" attr.type="string"/>
<graph edgedefault="directed">
<node id="n0"><data key="lab">Kim &amp; Lee</data></node>
<node id="n1"/>
<edge source="n0" target="n1"><data key="color">red</data></edge>
<edge source="n1" target="n0"><data key="w">4</data></edge>
</graph></graphml>)");
  const IngestResult r = import(graphml, forward());
  EXPECT_EQ(r.graph.labels, (std::vector<std::string>{"Kim & Lee", "n1"}));
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "Kim & Lee", "n1")], 2.5f);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "n1", "Kim & Lee")], 4.0f);
  // Time attributes feed the since/until window.
  const std::string timed = write_file("t.gexf", R"(<gexf><graph defaultedgetype="directed">
<attributes class="edge"><attribute id="0" title="timestamp" type="long"/></attributes>
<nodes><node id="a"/><node id="b"/><node id="c"/></nodes>
<edges><edge source="a" target="b"><attvalues><attvalue for="0" value="100"/></attvalues></edge>
<edge source="a" target="c"><attvalues><attvalue for="0" value="300"/></attvalues></edge></edges></graph></gexf>)");
  EdgeListOptions window = forward();
  window.filters.until = 200;
  const IngestResult t = import(timed, window);
  EXPECT_EQ(t.summary.filtered_by_time, 1u);
  EXPECT_EQ(t.graph.num_edges(), 1u);
  EXPECT_TRUE(find_edge(t.graph, "a", "b"));
}

TEST(GraphXml, BadValuesNameTheLine) {
  struct Case {
    const char* name;
    std::string body;
    std::uint64_t line;
    const char* says;
  };
  const std::string head = "<graphml>\n<key id=\"w\" for=\"edge\" attr.name=\"weight\"/>\n<graph>\n<node id=\"a\"/>\n";
  const std::vector<Case> cases{
      {"weight_text", head + "<edge source=\"a\" target=\"b\"><data key=\"w\">heavy</data></edge>\n</graph></graphml>", 5, "weight 'heavy'"},
      {"weight_negative", head + "<edge source=\"a\" target=\"b\"><data key=\"w\">-1</data></edge>\n</graph></graphml>", 5, "weight '-1'"},
      {"twice", head + "<node id=\"a\"/>\n</graph></graphml>", 5, "declared twice"},
      {"no_target", head + "<edge source=\"a\"/>\n</graph></graphml>", 5, "without a source and a target"},
      {"hyperedge", head + "<hyperedge/>\n</graph></graphml>", 5, "hyperedges"},
      {"nested", head + "<node id=\"b\"><graph/></node>\n</graph></graphml>", 5, "more than one <graph>"},
      {"same_label", "<gexf><graph>\n<nodes><node id=\"1\" label=\"x\"/>\n<node id=\"2\" label=\"x\"/></nodes></graph></gexf>", 3, "names two nodes"},
      {"root", "<?xml version=\"1.0\"?>\n<html/>", 2, "neither graphml nor gexf"},
      {"unclosed", head + "<edge source=\"a\" target=\"b\">\n</graph></graphml>", 6, "malformed XML"},
      {"empty_xml", "  <", 1, "malformed XML"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const std::string path = write_file(std::string(c.name) + ".graphml", c.body);
    const std::string msg = input_error([&] { import(path); }, c.line);
    EXPECT_NE(msg.find(path), std::string::npos) << msg;
    EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
  }
}

TEST(GraphXml, HostileDocumentsAreRefusedQuickly) {
  // Billion laughs: ten levels of ten references would expand to 10^9 "lol"s.
  std::string bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"";
    for (int j = 0; j < 10; ++j) bomb += "&lol" + (i == 1 ? std::string() : std::to_string(i - 1)) + ";";
    bomb += "\">\n";
  }
  bomb += "]>\n<graphml><graph><node id=\"&lol9;\"/></graph></graphml>\n";
  std::string msg = input_error([&] { import(write_file("bomb.graphml", bomb)); }, 2);
  EXPECT_NE(msg.find("DOCTYPE"), std::string::npos) << msg;
  // An external entity would read another file.
  msg = input_error([&] {
    import(write_file("xxe.graphml", "<?xml version=\"1.0\"?>\n<!DOCTYPE g [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                                     "<graphml><graph><node id=\"&x;\"/></graph></graphml>"));
  }, 2);
  EXPECT_NE(msg.find("DOCTYPE"), std::string::npos) << msg;
  // Nesting beyond the cap, and a text longer than the cap.
  std::string deep = "<graphml>";
  for (int i = 0; i < 10000; ++i) deep += "<desc>";
  msg = input_error([&] { import(write_file("deep.graphml", deep)); }, 1);
  EXPECT_NE(msg.find("nested"), std::string::npos) << msg;
  const std::string long_label = "<graphml><key id=\"l\" for=\"node\" attr.name=\"label\"/><graph><node id=\"a\"><data key=\"l\">" +
                                 std::string((std::size_t{1} << 20) + 10, 'x') + "</data></node></graph></graphml>";
  msg = input_error([&] { import(write_file("long.graphml", long_label)); }, 1);
  EXPECT_NE(msg.find("longer than"), std::string::npos) << msg;
  // Many keys and many edges: each edge takes the last declared weight default, and no edge walks
  // the keys (which took keys x edges steps).
  std::string many = "<graphml>";
  for (int i = 0; i < 20000; ++i)
    many += "<key id=\"k" + std::to_string(i) + "\" for=\"edge\" attr.name=\"weight\"><default>" + std::to_string(i) +
            "</default></key>";
  many += "<graph><node id=\"a\"/><node id=\"b\"/>";
  for (int i = 0; i < 20000; ++i) many += "<edge source=\"a\" target=\"b\"/>";
  many += "</graph></graphml>";
  const IngestResult r = import(write_file("many.graphml", many), forward());
  EXPECT_EQ(r.summary.lines_read, 20000u);
  EXPECT_FLOAT_EQ(r.graph.out_weight[*find_edge(r.graph, "a", "b")], 20000.0f * 19999.0f);
}

}  // namespace
}  // namespace kuchikomi
