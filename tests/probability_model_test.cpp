// Probability models: parsing, WC by hand on tiny_community.csv, uniform, trivalency (values,
// determinism, proportions), exp formula, const-from-file.
#include <gtest/gtest.h>

#include <cmath>
#include <map>

#include "support/files.hpp"
#include "support/graphs.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_ingest.hpp"

namespace kuchikomi {
namespace {

using support::find_edge;

InfluenceGraph tiny(const std::string& model, std::uint64_t seed = 1) {
  return build_graph_from_logs({support::tiny_community()}, {}, parse_probability_model(model), seed).graph;
}

double in_sum(const InfluenceGraph& g, NodeId v) {
  double s = 0;
  for (EdgeId e = g.in_offsets[v]; e < g.in_offsets[v + 1]; ++e) s += g.in_prob[e];
  return s;
}

TEST(ProbabilityModel, ParseAndCanonicalText) {
  EXPECT_EQ(parse_probability_model("wc").text(), "wc");
  EXPECT_EQ(parse_probability_model("uniform:0.1").text(), "uniform:0.1");
  EXPECT_EQ(parse_probability_model("uniform:1").parameter, 1.0);
  EXPECT_EQ(parse_probability_model("trivalency").text(), "trivalency");
  EXPECT_EQ(parse_probability_model("exp:2.5").text(), "exp:2.5");
  EXPECT_EQ(parse_probability_model("const-from-file").kind, ProbabilityModel::Kind::kConstFromFile);
  for (const char* bad : {"", "WC", "uniform", "uniform:", "uniform:1.5", "uniform:-0.1", "uniform:x", "exp:0",
                          "exp:-1", "exp", "trivalency:2", "linear"})
    EXPECT_THROW(parse_probability_model(bad), UsageError) << bad;
}

TEST(ProbabilityModel, WeightedCascadeHandValuesOnTinyCommunity) {
  const InfluenceGraph g = tiny("wc");
  // Values from graphs/README.md: p = w / sum of w into the same user.
  const std::map<std::pair<std::string, std::string>, double> expected{
      {{"alice", "bob"}, 1.0},       {{"alice", "carol"}, 4.0 / 7}, {{"bob", "carol"}, 3.0 / 7},
      {{"carol", "dave"}, 0.5},      {{"alice", "dave"}, 0.25},     {{"bob", "dave"}, 0.25},
      {{"dave", "Kim, Lee"}, 1.0},   {{"Kim, Lee", "erin"}, 1.0},   {{"erin", "alice"}, 1.0}};
  ASSERT_EQ(g.num_edges(), expected.size());
  for (const auto& [pair, p] : expected) {
    const auto e = find_edge(g, pair.first, pair.second);
    ASSERT_TRUE(e) << pair.first << "->" << pair.second;
    EXPECT_NEAR(g.out_prob[*e], p, 1e-6) << pair.first << "->" << pair.second;
  }
  EXPECT_EQ(g.provenance.probability_model, "wc");
  g.validate();  // reverse arrays rebuilt with the new probabilities
}

TEST(ProbabilityModel, WeightedCascadeSumsToOnePerNodeWithInEdges) {
  const InfluenceGraph g =
      build_graph_from_logs({support::quantum_community()}, {}, parse_probability_model("wc"), 1).graph;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    if (g.in_degree(v) == 0) continue;
    EXPECT_NEAR(in_sum(g, v), 1.0, 1e-5) << g.label(v);
  }
}

TEST(ProbabilityModel, Uniform) {
  const InfluenceGraph g = tiny("uniform:0.2");
  for (float p : g.out_prob) EXPECT_EQ(p, 0.2f);
  for (float p : g.in_prob) EXPECT_EQ(p, 0.2f);
}

TEST(ProbabilityModel, ExponentialFormula) {
  const InfluenceGraph g = tiny("exp:2");
  for (EdgeId e = 0; e < g.num_edges(); ++e)
    EXPECT_NEAR(g.out_prob[e], 1.0 - std::exp(-g.out_weight[e] / 2.0), 1e-6);
  // alice -> carol has weight 4: 1 - e^-2.
  EXPECT_NEAR(g.out_prob[*find_edge(g, "alice", "carol")], 1.0 - std::exp(-2.0), 1e-6);
}

TEST(ProbabilityModel, TrivalencyValuesDeterminismAndProportions) {
  EdgeListOptions options;
  const auto model = parse_probability_model("trivalency");
  const std::string path = support::shared_dataset("CollegeMsg/CollegeMsg.txt.gz");
  const InfluenceGraph a = import_edge_lists({path}, options, model, 42).graph;
  const InfluenceGraph b = import_edge_lists({path}, options, model, 42).graph;
  const InfluenceGraph c = import_edge_lists({path}, options, model, 43).graph;
  EXPECT_EQ(a.out_prob, b.out_prob);
  EXPECT_NE(a.out_prob, c.out_prob);
  EXPECT_EQ(a.provenance.rng_seed, 42u);
  std::map<float, std::uint64_t> counts;
  for (float p : a.out_prob) ++counts[p];
  ASSERT_EQ(counts.size(), 3u);
  EXPECT_TRUE(counts.count(0.1f) && counts.count(0.01f) && counts.count(0.001f));
  // Each level is Binomial(m, 1/3): allow 5 standard deviations (false alarm ~6e-7 per level).
  const double m = static_cast<double>(a.num_edges());
  const double sd = std::sqrt(m * (1.0 / 3) * (2.0 / 3));
  for (const auto& [p, k] : counts) EXPECT_NEAR(static_cast<double>(k), m / 3, 5 * sd) << p;
}

TEST(ProbabilityModel, ConstFromFileKeepsTheColumn) {
  const std::string path = support::write_file("p.txt", "1 2 0.3\n2 3 0\n3 1 1\n");
  EdgeListOptions options;
  options.columns = "u,v,p";
  const InfluenceGraph g =
      import_edge_lists({path}, options, parse_probability_model("const-from-file"), 1).graph;
  EXPECT_FLOAT_EQ(g.out_prob[*find_edge(g, "2", "1")], 0.3f);
  EXPECT_FLOAT_EQ(g.out_prob[*find_edge(g, "3", "2")], 0.0f);
  EXPECT_FLOAT_EQ(g.out_prob[*find_edge(g, "1", "3")], 1.0f);
  EXPECT_EQ(g.provenance.probability_model, "const-from-file");
  // Without a p column the model cannot work.
  EdgeListOptions no_p;
  EXPECT_THROW(import_edge_lists({path}, no_p, parse_probability_model("const-from-file"), 1), InputError);
}

TEST(ProbabilityModel, LtValidityReported) {
  // dave has three in-edges: uniform:0.9 sums to 2.7 there.
  const IngestResult r =
      build_graph_from_logs({support::tiny_community()}, {}, parse_probability_model("uniform:0.9"), 1);
  EXPECT_FALSE(r.summary.lt_valid);
  EXPECT_EQ(r.summary.lt_worst_user, "dave");
  EXPECT_NEAR(r.summary.lt_worst_sum, 2.7, 1e-5);
  EXPECT_TRUE(build_graph_from_logs({support::tiny_community()}, {}, parse_probability_model("wc"), 1)
                  .summary.lt_valid);
}

}  // namespace
}  // namespace kuchikomi
