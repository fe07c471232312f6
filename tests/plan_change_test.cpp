// What-if on a plan: the paired difference by hand, the library against two separate
// simulations, and `simulate --drop/--add/--csv` end to end.
#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/plan_change.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

TEST(PairedDifference, ByHand) {
  // d = (2, -1, 0, 3): mean 1, sample variance ((1 + 4 + 1 + 4) / 3) = 10/3.
  const std::vector<std::uint32_t> a{1, 5, 2, 0}, b{3, 4, 2, 3};
  const SummaryStatistics s = paired_difference(a, b);
  EXPECT_DOUBLE_EQ(s.mean, 1.0);
  EXPECT_DOUBLE_EQ(s.stddev, std::sqrt(10.0 / 3.0));
  EXPECT_DOUBLE_EQ(s.ci95_high - s.mean, kZ95 * std::sqrt(10.0 / 3.0) / 2.0);
  EXPECT_DOUBLE_EQ(s.mean - s.ci95_low, s.ci95_high - s.mean);
  EXPECT_THROW(paired_difference(a, std::vector<std::uint32_t>{1}), UsageError);
}

class CliWhatIf : public support::ScratchTest {};

TEST_F(CliWhatIf, DeltaIsTheDifferenceOfTwoSimulationsWithTheSameSeed) {
  const std::string graph = support::tiny_community();
  write("plan.txt", "alice\nbob\ncarol\n");
  const std::string common = "--graph " + graph + " --model ic --runs 4000 --rng-seed 5 --quiet --json ";
  const auto json_of = [&](const support::Result& r) {
    EXPECT_EQ(r.code, 0) << r.err;
    return nlohmann::json::parse(r.out);
  };
  const auto whole = json_of(kuchikomi("simulate " + common + "--seeds-file " + path("plan.txt") + " --out " + path("a.h5")));
  const auto without = json_of(kuchikomi("simulate " + common + "--seeds alice,carol --out " + path("b.h5")));
  const auto what_if = json_of(kuchikomi("simulate " + common + "--seeds-file " + path("plan.txt") + " --drop bob --out " +
                                         path("c.h5") + " --threads 3"));
  const double a = whole["spread"]["mean"], b = without["spread"]["mean"];
  const auto& w = what_if["what_if"];
  EXPECT_EQ(w["base"]["mean"].get<double>(), a);
  EXPECT_EQ(w["changed"]["mean"].get<double>(), b);
  EXPECT_NEAR(w["difference"]["mean"].get<double>(), b - a, 1e-9);
  // Paired: the CI of the difference is narrower than either plan's own CI.
  const double half = (w["difference"]["ci95_high"].get<double>() - w["difference"]["ci95_low"].get<double>()) / 2;
  EXPECT_LT(half, (whole["spread"]["ci95_high"].get<double>() - whole["spread"]["ci95_low"].get<double>()) / 2);
  EXPECT_EQ(what_if["spread"]["mean"].get<double>(), b);  // --out holds the changed plan

  // --add gives the opposite change on the same worlds.
  const auto back = json_of(kuchikomi("simulate " + common + "--seeds alice,carol --add bob --out " + path("d.h5")));
  EXPECT_NEAR(back["what_if"]["difference"]["mean"].get<double>(), a - b, 1e-9);
}

TEST_F(CliWhatIf, RefusesChangesThatMakeNoSense) {
  const std::string common = "simulate --graph " + support::tiny_community() + " --model ic --runs 100 --out " + path("x.h5") + " ";
  EXPECT_EQ(kuchikomi(common + "--seeds alice --drop bob").code, 2);
  EXPECT_EQ(kuchikomi(common + "--seeds alice --add alice").code, 2);
  EXPECT_EQ(kuchikomi(common + "--seeds alice --drop alice").code, 2);
  EXPECT_EQ(kuchikomi(common + "--random-seeds 2 --add alice").code, 2);
  EXPECT_FALSE(std::filesystem::exists(path("x.h5")));
}

TEST_F(CliWhatIf, CsvHoldsEveryUsersProbability) {
  write("segment.txt", "bob\ndave\n");
  const auto r = kuchikomi("simulate --graph " + support::tiny_community() + " --model ic --seeds alice --runs 2000 --out " +
                           path("s.h5") + " --csv " + path("users.csv") + " --target " + path("segment.txt") + " --quiet --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const double mean = nlohmann::json::parse(r.out)["spread"]["mean"];
  const InfluenceGraph graph = load_graph(support::tiny_community());
  std::istringstream csv(support::slurp(path("users.csv")));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "user,activation_probability,seed,in_segment");
  double sum = 0;
  std::size_t rows = 0;
  while (std::getline(csv, line)) {
    ++rows;
    // The label may be quoted ("Kim, Lee"); the numbers after it never are.
    std::vector<std::string> f;
    std::size_t label_end = line[0] == '"' ? line.find("\",", 1) + 1 : line.find(',');
    f.push_back(line[0] == '"' ? line.substr(1, label_end - 2) : line.substr(0, label_end));
    std::stringstream fields(line.substr(label_end + 1));
    for (std::string x; std::getline(fields, x, ',');) f.push_back(x);
    ASSERT_EQ(f.size(), 4u) << line;
    sum += std::stod(f[1]);
    EXPECT_EQ(f[2], f[0] == "alice" ? "1" : "0");
    if (f[0] == "alice") {
      EXPECT_EQ(f[1], "1");
    }
    EXPECT_EQ(f[3], f[0] == "bob" || f[0] == "dave" ? "1" : "0");
  }
  EXPECT_EQ(rows, graph.num_nodes());
  EXPECT_NEAR(sum, mean, 1e-4 * static_cast<double>(rows));  // probabilities printed to 6 digits
}

}  // namespace
}  // namespace kuchikomi
