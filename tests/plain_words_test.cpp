// The report's plain words: the guarantee as a planner reads it, the curve's caption only claiming
// diminishing returns where the gains do decrease, and the default title.
#include <gtest/gtest.h>

#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/plain_words.hpp"

namespace kuchikomi {
namespace {

ReportData plan(const std::string& algorithm, double ratio, std::size_t seeds, std::uint64_t nodes) {
  ReportData d;
  d.is_selection = true;
  d.algorithm = algorithm;
  d.approximation_ratio = ratio;
  d.graph_nodes = nodes;
  for (std::size_t i = 0; i < seeds; ++i) d.seeds.push_back({std::string("u").append(std::to_string(i)), static_cast<std::uint32_t>(i), 0, 1, 0, false});
  return d;
}

TEST(PlainWords, GuaranteeAsAPlannerReadsIt) {
  // IMM: 1 - 1/n^ell with n = 402, ell = 1 -> 99.75% (floored, never rounded up).
  EXPECT_EQ(guarantee_in_plain_words(plan("imm", 0.5321, 20, 402)),
            "This plan reaches at least 53% as many people as the best possible 20-person plan, with probability 99.75%.");
  ReportData imm = plan("imm", 0.1321, 5, 100);
  imm.config = {{"ell", "2"}};  // 1 - 1/100^2
  EXPECT_EQ(guarantee_in_plain_words(imm),
            "This plan reaches at least 13% as many people as the best possible 5-person plan, with probability 99.99%.");
  // OPIM-C: 1 - delta (delta 0 = 1/n), certified for the run.
  ReportData opim = plan("opim-c", 0.6049, 2, 6);
  EXPECT_EQ(guarantee_in_plain_words(opim), "This plan reaches at least 60% as many people as the best possible 2-person "
                                            "plan, with probability 83.33% (proved for this run).");
  opim.config = {{"delta", "0.000001"}};
  opim.target_size = 3;
  opim.budget = 4;
  EXPECT_EQ(guarantee_in_plain_words(opim), "This plan reaches at least 60% as many target users as the best possible plan "
                                            "within the budget, with probability more than 99.99% (proved for this run).");
  EXPECT_EQ(guarantee_in_plain_words(plan("celf", 0.632, 3, 50)),
            "This plan reaches at least 63% as many people as the best possible 3-person plan, up to the sampling error "
            "of its simulations.");
  EXPECT_EQ(guarantee_in_plain_words(plan("degree", 0, 3, 50)).rfind("No guarantee", 0), 0u);
  EXPECT_EQ(guarantee_in_plain_words(plan("imm", 0, 3, 50)).rfind("No approximation ratio", 0), 0u);  // budgeted IMM
  // A 1-user graph: "w.p. 1 - 1/n" would be 0%; the plan simply holds everyone.
  EXPECT_EQ(guarantee_in_plain_words(plan("imm", 0.1321, 1, 1)), "The plan recruits every user of the graph, so no plan can reach more.");
  ReportData sim = plan("imm", 0.5, 1, 10);
  sim.is_selection = false;
  EXPECT_EQ(guarantee_in_plain_words(sim), "");
}

TEST(PlainWords, DiminishingReturnsOnlyWhereGainsDecrease) {
  EXPECT_EQ(spread_curve_caption({10, 15, 18, 18}).rfind("Each extra ambassador adds no more", 0), 0u);
  const std::string rising = spread_curve_caption({10, 12, 20, 21});
  EXPECT_EQ(rising.rfind("The gains do not shrink steadily here: 1 ambassador adds", 0), 0u) << rising;
  EXPECT_NE(rising.find("ambassador 3 adds 8.0 after 2.0"), std::string::npos) << rising;
  EXPECT_EQ(spread_curve_caption({10}), "");
}

TEST(PlainWords, DefaultTitleFromTheGraphsSource) {
  ReportData d = plan("imm", 0.5, 10, 402);
  d.graph_source = "graphs/quantum_community.csv";
  d.graph_path = "out/q.h5";
  EXPECT_EQ(default_report_title(d), "Word-of-mouth plan for quantum community: 10 ambassadors");
  d.graph_source = "";
  d.graph_path = "data/my-forum.csv.gz";
  EXPECT_EQ(default_report_title(d), "Word-of-mouth plan for my forum: 10 ambassadors");
  d.is_selection = false;
  d.seeds.resize(1);
  EXPECT_EQ(default_report_title(d), "Word-of-mouth simulation for my forum: 1 seed user");
}

}  // namespace
}  // namespace kuchikomi
