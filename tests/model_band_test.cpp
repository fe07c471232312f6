// The plan's reach under the standard probability models: each entry is the simulation of the same
// seeds on the graph re-weighted with that model (same worlds, bit for bit), LT refuses the models
// whose in-probabilities exceed 1, and select stores the band, which the report shows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/selection/model_band.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

TEST(ModelBand, EachEntryIsTheSimulationUnderThatModel) {
  const InfluenceGraph graph = load_graph(support::quantum_community());
  const LabelIndex index(graph);
  const std::vector<NodeId> seeds{*index.find("DaftWullie (1837)"), *index.find("Blue (26)")};
  ModelBandOptions options;
  options.runs = 500;
  options.rng_seed = 9;
  const auto band = model_band(graph, seeds, options);
  ASSERT_EQ(band.size(), std::size(kStandardProbabilityModels));
  for (std::size_t i = 0; i < band.size(); ++i) {
    SCOPED_TRACE(kStandardProbabilityModels[i]);
    EXPECT_EQ(band[i].probability_model, kStandardProbabilityModels[i]);
    ASSERT_TRUE(band[i].applicable);
    InfluenceGraph reweighted = graph;
    assign_probabilities(reweighted, parse_probability_model(kStandardProbabilityModels[i]), options.rng_seed);
    SimulationOptions sim;
    sim.runs = options.runs;
    sim.rng_seed = options.rng_seed;
    sim.domain = StreamDomain::kEvaluationRun;
    EXPECT_EQ(band[i].reach.mean, simulate_spread(reweighted, seeds, sim).all.summary.mean);
  }
  // More likely links reach more people: uniform 0.1 beats uniform 0.01 on the same worlds.
  EXPECT_GT(band[2].reach.mean, band[1].reach.mean);

  // LT: weighted cascade is always valid; uniform 0.1 is not where a user has more than 10 in-links.
  options.model = DiffusionModelKind::kLinearThreshold;
  const auto lt = model_band(graph, seeds, options);
  EXPECT_TRUE(lt[0].applicable);
  NodeId max_in = 0;
  for (NodeId v = 0; v < graph.num_nodes(); ++v)
    max_in = std::max<NodeId>(max_in, static_cast<NodeId>(graph.in_offsets[v + 1] - graph.in_offsets[v]));
  EXPECT_EQ(lt[2].applicable, max_in <= 10);
}

class CliModelBand : public support::ScratchTest {};

TEST_F(CliModelBand, SelectStoresItAndTheReportShowsIt) {
  const auto r = kuchikomi("select --graph " + support::tiny_community() + " --algo imm -k 2 --model-band-runs 300 --out " +
                           path("sel.h5") + " --json --quiet");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto band = nlohmann::json::parse(r.out)["model_band"];
  EXPECT_EQ(band["runs"], 300);
  ASSERT_EQ(band["models"].size(), std::size(kStandardProbabilityModels));
  ASSERT_EQ(kuchikomi("report " + path("sel.h5") + " --out " + path("r.html")).code, 0);
  const std::string html = read("r.html");
  EXPECT_NE(html.find("id=\"model-band\""), std::string::npos);
  for (const char* model : kStandardProbabilityModels)
    EXPECT_NE(html.find("data-model=\"" + std::string(model) + "\""), std::string::npos) << model;
  EXPECT_NE(html.find("<tr class=\"band own\" data-model=\"wc\">"), std::string::npos);  // the graph's own model
  // --model-band-runs 0 skips it.
  const auto skipped = kuchikomi("select --graph " + support::tiny_community() + " --algo imm -k 2 --model-band-runs 0 "
                                 "--out " + path("sel0.h5") + " --json --quiet");
  ASSERT_EQ(skipped.code, 0) << skipped.err;
  EXPECT_FALSE(nlohmann::json::parse(skipped.out).contains("model_band"));
}

}  // namespace
}  // namespace kuchikomi
