// evaluate_selection: the independent yardstick. Its prefix curve ends at the evaluation's mean, its
// first entry matches the exact spread of the top seed, heuristics adopt it as gains and curve, and
// an algorithm's own curve is left alone.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "support/exact_spread.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/evaluation.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

TEST(SelectionEvaluation, HeuristicAdoptsThePrefixCurve) {
  const auto g = support::two_hubs();
  SelectionProblem problem;
  problem.k = 3;
  SelectionResult result = run_selection("degree", g, problem, {});
  ASSERT_TRUE(result.spread_curve.empty());
  const SelectionEvaluation e = evaluate_selection(g, problem, result, 20'000, false);
  ASSERT_EQ(e.prefix_spread.size(), 3u);
  EXPECT_EQ(e.prefix_spread.back(), e.statistics.all.summary.mean);
  EXPECT_EQ(result.spread_curve, e.prefix_spread);
  EXPECT_EQ(result.estimated_spread, e.prefix_spread.back());
  double previous = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_DOUBLE_EQ(result.seeds[i].marginal_gain, e.prefix_spread[i] - previous);
    previous = e.prefix_spread[i];
  }
  EXPECT_NE(result.guarantee.find("measured by the Monte Carlo evaluation"), std::string::npos);
  // The first prefix is one seed: within 5 standard errors of its exact spread (sd <= n = 10).
  const double exact = support::exact_ic_spread(g, std::vector<NodeId>{result.seeds[0].node});
  EXPECT_NEAR(e.prefix_spread[0], exact, 5 * 10.0 / std::sqrt(20'000.0));
}

TEST(SelectionEvaluation, AlgorithmsKeepTheirOwnCurve) {
  const auto g = support::two_hubs();
  SelectionProblem problem;
  problem.k = 2;
  SelectionResult result = run_selection("imm", g, problem, {});
  const auto own = result.spread_curve;
  const auto guarantee = result.guarantee;
  const SelectionEvaluation e = evaluate_selection(g, problem, result, 2'000, true);
  EXPECT_EQ(result.spread_curve, own);
  EXPECT_EQ(result.guarantee, guarantee);
  EXPECT_EQ(e.statistics.node_probability.size(), g.num_nodes());
}

}  // namespace
}  // namespace kuchikomi
