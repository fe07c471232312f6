// Graph summary against values computed by hand.
#include <gtest/gtest.h>

#include "kuchikomi/graph/graph_summary.hpp"
#include "support/graphs.hpp"

using namespace kuchikomi;

namespace {

//        p=0.5,w=2         p=1,w=1
//   a(0) ---------> b(1) ---------> c(2) <-+ self-loop c->c (dropped)
//    |                              ^
//    +-------------p=0,w=3----------+
//
//   d(3) --p=0.25,w=4--> e(4)   and again d->e p=0.25,w=1 (merged: p = 1-0.75^2 = 0.4375, w = 5)
//   f(5) isolated
InfluenceGraph tiny() {
  std::vector<EdgeRecord> records{{0, 1, 0.5f, 2.0, 1},  {1, 2, 1.0f, 1.0, 1},  {0, 2, 0.0f, 3.0, 1},
                                  {3, 4, 0.25f, 4.0, 1}, {3, 4, 0.25f, 1.0, 1}, {2, 2, 0.9f, 1.0, 1}};
  GraphProvenance p;
  p.probability_model = "const-from-file";
  return build_influence_graph(6, records, {"a", "b", "c", "d", "e", "f"}, p);
}

}  // namespace

TEST(GraphSummary, HandComputedTinyGraph) {
  const auto s = summarize_graph(tiny(), 2);
  EXPECT_EQ(s.nodes, 6u);
  EXPECT_EQ(s.edges, 4u);
  EXPECT_EQ(s.isolated_nodes, 1u);  // f
  EXPECT_EQ(s.provenance.self_loops_dropped, 1u);
  EXPECT_EQ(s.provenance.probability_model, "const-from-file");

  // out-degrees a2 b1 c0 d1 e0 f0 -> sorted 0 0 0 1 1 2
  EXPECT_DOUBLE_EQ(s.out_degree.mean, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.out_degree.median, 0.5);
  EXPECT_DOUBLE_EQ(s.out_degree.max, 2.0);
  // in-degrees a0 b1 c2 d0 e1 f0 -> sorted 0 0 0 1 1 2
  EXPECT_DOUBLE_EQ(s.in_degree.mean, 4.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.in_degree.median, 0.5);
  EXPECT_DOUBLE_EQ(s.in_degree.max, 2.0);
  // out-weights a5 b1 c0 d5 e0 f0 -> sorted 0 0 0 1 5 5
  EXPECT_DOUBLE_EQ(s.out_weight.mean, 11.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.out_weight.median, 0.5);
  EXPECT_DOUBLE_EQ(s.out_weight.max, 5.0);
  // in-weights a0 b2 c4 d0 e5 f0 -> sorted 0 0 0 2 4 5
  EXPECT_DOUBLE_EQ(s.in_weight.mean, 11.0 / 6.0);
  EXPECT_DOUBLE_EQ(s.in_weight.median, 1.0);
  EXPECT_DOUBLE_EQ(s.in_weight.max, 5.0);

  // probabilities 0.5, 0, 1, 0.4375
  const std::array<std::uint64_t, 10> bins{1, 0, 0, 0, 1, 1, 0, 0, 0, 1};
  EXPECT_EQ(s.probability.bins, bins);
  EXPECT_EQ(s.probability.exactly_zero, 1u);
  EXPECT_EQ(s.probability.exactly_one, 1u);
  EXPECT_DOUBLE_EQ(s.probability.mean, (0.5 + 0.0 + 1.0 + 0.4375) / 4.0);
  EXPECT_DOUBLE_EQ(s.probability.min, 0.0);
  EXPECT_DOUBLE_EQ(s.probability.max, 1.0);

  // in-probability sums: b 0.5, c 0 + 1 = 1, e 0.4375 -> c, and 1 is still valid for LT
  EXPECT_EQ(s.max_in_probability_node, 2u);
  EXPECT_DOUBLE_EQ(s.max_in_probability_sum, 1.0);
  EXPECT_TRUE(s.lt_valid);

  // {a,b,c} {d,e} {f}
  EXPECT_EQ(s.weak_components, 3u);
  EXPECT_EQ(s.largest_weak_component, 3u);

  // out-weight: a 5 and d 5 tie -> lower id first; in-weight: e 5, c 4
  ASSERT_EQ(s.top_out_weight.size(), 2u);
  EXPECT_EQ(s.top_out_weight[0].label, "a");
  EXPECT_EQ(s.top_out_weight[1].label, "d");
  EXPECT_DOUBLE_EQ(s.top_out_weight[1].value, 5.0);
  ASSERT_EQ(s.top_in_weight.size(), 2u);
  EXPECT_EQ(s.top_in_weight[0].label, "e");
  EXPECT_EQ(s.top_in_weight[0].node, 4u);
  EXPECT_DOUBLE_EQ(s.top_in_weight[0].value, 5.0);
  EXPECT_EQ(s.top_in_weight[1].label, "c");
  EXPECT_DOUBLE_EQ(s.top_in_weight[1].value, 4.0);
}

TEST(GraphSummary, OddMedianLtViolationAndBinEdges) {
  //   0 --0.7--> 2 <--0.3-- 1      3 --0.1--> 2      (2's in-probabilities sum to 1.1)
  const auto g = support::make_graph(4, {{0, 2, 0.7f}, {1, 2, 0.3f}, {3, 2, 0.1f}});
  const auto s = summarize_graph(g, 10);
  EXPECT_FALSE(s.lt_valid);
  EXPECT_EQ(s.max_in_probability_node, 2u);
  EXPECT_NEAR(s.max_in_probability_sum, 1.1, 1e-6);
  // 0.7f, 0.3f and 0.1f sit exactly on bin edges and go to the bin they open.
  EXPECT_EQ(s.probability.bins[7], 1u);
  EXPECT_EQ(s.probability.bins[3], 1u);
  EXPECT_EQ(s.probability.bins[1], 1u);
  EXPECT_EQ(s.probability.exactly_zero, 0u);
  // in-degrees 0 0 3 0 -> median 0 (even count: mean of 0 and 0); odd case below
  EXPECT_DOUBLE_EQ(s.in_degree.median, 0.0);
  EXPECT_EQ(s.weak_components, 1u);
  EXPECT_EQ(s.largest_weak_component, 4u);
  EXPECT_EQ(s.isolated_nodes, 0u);
  EXPECT_EQ(s.top_in_weight.size(), 4u);  // top_n larger than the graph
  EXPECT_EQ(s.top_in_weight[0].label, "u2");
  EXPECT_DOUBLE_EQ(s.top_in_weight[0].value, 3.0);

  // Odd count: out-degrees 1 1 0 -> sorted 0 1 1 -> median 1.
  const auto odd = summarize_graph(support::make_graph(3, {{0, 1, 0.2f}, {1, 0, 0.2f}}), 1);
  EXPECT_DOUBLE_EQ(odd.out_degree.median, 1.0);
  EXPECT_EQ(odd.weak_components, 2u);
  EXPECT_EQ(odd.largest_weak_component, 2u);
  ASSERT_EQ(odd.top_out_weight.size(), 1u);
  EXPECT_EQ(odd.top_out_weight[0].label, "u0");
}

TEST(GraphSummary, EmptyGraph) {
  const auto s = summarize_graph(InfluenceGraph{}, 5);
  EXPECT_EQ(s.nodes, 0u);
  EXPECT_EQ(s.weak_components, 0u);
  EXPECT_TRUE(s.top_out_weight.empty());
  EXPECT_TRUE(s.lt_valid);
}
