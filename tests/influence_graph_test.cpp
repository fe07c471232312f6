#include <gtest/gtest.h>

#include <cmath>

#include "kuchikomi/core/random_stream.hpp"
#include "support/graphs.hpp"

using namespace kuchikomi;

//   0 --0.5--> 1 --0.25--> 2
//   ^                      |
//   +--------1.0-----------+      plus a duplicate 0->1 and a self-loop 2->2
TEST(InfluenceGraph, BuildsBothDirectionsAndMergesDuplicates) {
  std::vector<EdgeRecord> edges{{0, 1, 0.5f, 2.0, 1}, {1, 2, 0.25f, 1.0, 1}, {2, 0, 1.0f, 1.0, 1},
                                {0, 1, 0.5f, 3.0, 2}, {2, 2, 0.3f, 1.0, 1}};
  auto g = build_influence_graph(3, edges);
  g.validate();
  EXPECT_EQ(g.num_nodes(), 3u);
  EXPECT_EQ(g.num_edges(), 3u);
  EXPECT_EQ(g.provenance.self_loops_dropped, 1u);
  ASSERT_EQ(g.out_degree(0), 1u);
  EXPECT_FLOAT_EQ(g.out_prob[g.out_offsets[0]], 0.75f);  // 1 - 0.5 * 0.5
  EXPECT_FLOAT_EQ(g.out_weight[g.out_offsets[0]], 5.0f);
  EXPECT_EQ(g.out_count[g.out_offsets[0]], 3u);
  ASSERT_EQ(g.in_degree(0), 1u);
  EXPECT_EQ(g.in_sources[g.in_offsets[0]], 2u);
  EXPECT_FLOAT_EQ(g.in_prob[g.in_offsets[2]], 0.25f);
}

TEST(InfluenceGraph, LabelIndexFindsExplicitAndImplicitLabels) {
  auto g = support::make_graph(3, {{0, 1, 0.1f}});
  LabelIndex index(g);
  EXPECT_EQ(index.find("u2"), NodeId{2});
  EXPECT_FALSE(index.find("u3").has_value());
  g.labels.clear();
  LabelIndex implicit(g);
  EXPECT_EQ(implicit.find("1"), NodeId{1});
  EXPECT_FALSE(implicit.find("3").has_value());
  EXPECT_FALSE(implicit.find("x").has_value());
}

TEST(InfluenceGraph, ValidateRejectsBrokenMirror) {
  auto g = support::make_graph(3, {{0, 1, 0.1f}, {1, 2, 0.2f}});
  g.in_prob[0] = 0.9f;
  EXPECT_THROW(g.validate(), std::logic_error);
}

TEST(RandomStream, ValueAtMatchesSequentialStream) {
  const auto key = stream_key(42, StreamDomain::kSimulationRun, 7);
  RandomStream s(key);
  for (std::uint64_t i = 0; i < 100; ++i) EXPECT_EQ(s.next(), value_at(key, i));
  EXPECT_NE(stream_key(42, StreamDomain::kSimulationRun, 7), stream_key(42, StreamDomain::kRrSample, 7));
}

TEST(RandomStream, UnitFloatIsUniformWithinStatisticalBounds) {
  // Mean of N uniforms has sd 1/sqrt(12 N); 5 sd is a 1-in-3.5-million false alarm.
  RandomStream s(stream_key(1, StreamDomain::kSimulationRun, 0));
  const int n = 1'000'000;
  double sum = 0;
  for (int i = 0; i < n; ++i) {
    const float u = s.next_float();
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 5.0 / std::sqrt(12.0 * n));
}
