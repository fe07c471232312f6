// Validation: the metrics on hand-made predictions with values worked out by hand; a graph holding
// the true probabilities predicts cascades simulated on it better than wrong graphs and than the
// baseline; seed rules; thread independence; the records a graph file carries.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/learning/ranking_metrics.hpp"
#include "kuchikomi/learning/validation.hpp"
#include "support/files.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

TEST(RankingMetrics, HandWorkedValues) {
  // scores 0.9 0.8 0.8 0.5 0 0, adopted 1 0 1 0 1 0 (3 positives, 3 negatives).
  // AUC: the 0.9 positive beats all 3 negatives (3); the 0.8 one ties one and beats two (2.5); the
  // 0 one ties one (0.5): 6/9. AP: thresholds 0.9 (R 1/3, P 1), 0.8 (R 2/3, P 2/3), 0.5 (no new
  // recall), 0 (R 1, P 1/2): 1/3 + 2/9 + 1/6 = 13/18.
  const std::vector<double> scores{0.9, 0.8, 0.8, 0.5, 0, 0};
  const std::vector<std::uint8_t> positive{1, 0, 1, 0, 1, 0};
  const RankingQuality q = ranking_quality(scores, positive);
  EXPECT_DOUBLE_EQ(q.auc, 6.0 / 9);
  EXPECT_DOUBLE_EQ(q.average_precision, 13.0 / 18);
  // Perfect and reversed rankings; undefined without a positive or a negative.
  EXPECT_DOUBLE_EQ(ranking_quality(std::vector<double>{0.9, 0.1}, std::vector<std::uint8_t>{1, 0}).auc, 1.0);
  EXPECT_DOUBLE_EQ(ranking_quality(std::vector<double>{0.1, 0.9}, std::vector<std::uint8_t>{1, 0}).auc, 0.0);
  EXPECT_DOUBLE_EQ(ranking_quality(std::vector<double>{0.1, 0.9}, std::vector<std::uint8_t>{1, 0}).average_precision, 0.5);
  EXPECT_TRUE(std::isnan(ranking_quality(std::vector<double>{0.5, 0.2}, std::vector<std::uint8_t>{0, 0}).auc));
  // Spearman with a tie: ranks of x = 1, 2.5, 2.5, 4 against 1..4: 4.5 / sqrt(4.5 * 5).
  EXPECT_DOUBLE_EQ(spearman_correlation(std::vector<double>{1, 2, 2, 3}, std::vector<double>{10, 20, 30, 40}),
                   4.5 / std::sqrt(22.5));
  EXPECT_TRUE(std::isnan(spearman_correlation(std::vector<double>{1, 1}, std::vector<double>{1, 2})));
}

TEST(ValidationMetrics, HandWorkedValues) {
  const double nan = std::nan("");
  const std::vector<ItemOutcome> items{
      {0, 1, 1, 2.0, 0.5, 0.2},  // predicted 2 for 1: error 1, ratio 2 (within 2x)
      {1, 1, 7, 3.0, nan, nan},  // 3 for 7: error -4, ratio 3/7 (outside)
      {2, 2, 4, 4.0, 1.0, 0.6},  // exact
  };
  const ValidationMetrics m = compute_metrics(items);
  EXPECT_EQ(m.items, 3u);
  EXPECT_DOUBLE_EQ(m.rmse, std::sqrt(17.0 / 3));
  EXPECT_DOUBLE_EQ(m.mae, 5.0 / 3);
  EXPECT_DOUBLE_EQ(m.mean_log_ratio, (std::log(2.0) + std::log(3.0 / 7) + 0) / 3);
  EXPECT_DOUBLE_EQ(m.within_2x, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.spearman, 0.5);  // ranks 1 2 3 against 1 3 2
  EXPECT_EQ(m.ranked_items, 2u);
  EXPECT_DOUBLE_EQ(m.mean_auc, 0.75);
  EXPECT_DOUBLE_EQ(m.mean_average_precision, 0.4);
}

// A random graph with probabilities 0.2 (a few users with many followers), cascades simulated on it from random users (one item
// per run; time = round), and the same edges with other probabilities.
struct Synthetic {
  InfluenceGraph truth;
  Cascades train, test;
  Synthetic() {
    std::mt19937 random(11);
    std::vector<std::tuple<NodeId, NodeId, float>> edges;
    for (int i = 0; i < 600; ++i) {
      // Sources skewed to low ids (a few users reach many): where a cascade starts matters.
      const double x = std::uniform_real_distribution<double>(0, 1)(random);
      const auto u = static_cast<NodeId>(150 * x * x * x), v = static_cast<NodeId>(random() % 150);
      if (u != v) edges.emplace_back(u, v, 0.2f);
    }
    truth = support::make_graph(150, edges);
    train.offsets.push_back(0);
    test.offsets.push_back(0);
    SimulationOptions options;
    options.runs = 1500;
    options.rng_seed = 99;
    options.random_seed_count = 2;
    options.trace = [&](std::uint64_t run, std::span<const NodeId> nodes, std::span<const std::uint32_t> rounds) {
      Cascades& into = run < 1000 ? train : test;
      std::vector<std::pair<std::uint32_t, NodeId>> adoptions;
      for (std::size_t i = 0; i < nodes.size(); ++i) adoptions.emplace_back(rounds[i], nodes[i]);
      std::sort(adoptions.begin(), adoptions.end());
      into.item.push_back(static_cast<std::uint32_t>(run));
      for (const auto& [round, node] : adoptions) {
        into.users.push_back(node);
        into.times.push_back(round);
      }
      into.offsets.push_back(into.users.size());
    };
    simulate_spread(truth, {}, options);
  }
  InfluenceGraph with_probability(float p) const {
    InfluenceGraph g = truth;
    std::fill(g.out_prob.begin(), g.out_prob.end(), p);
    g.rebuild_reverse();
    return g;
  }
};

TEST(Validation, TheTrueProbabilitiesPredictBestAndBeatTheBaseline) {
  const Synthetic s;
  ASSERT_EQ(s.test.size(), 500u);
  ValidationOptions options;
  options.runs = 400;
  const ModelValidation truth = validate_graph(s.truth, s.test, options);
  const ModelValidation weak = validate_graph(s.with_probability(0.05f), s.test, options);
  const ModelValidation strong = validate_graph(s.with_probability(0.6f), s.test, options);
  const ModelValidation baseline = validate_baseline(s.truth, s.train, s.test, options);
  ASSERT_EQ(truth.items.size(), 500u);
  // Seeds: the trace's round-0 users are exactly the initiators (everyone later had an activator).
  for (const ItemOutcome& o : truth.items) EXPECT_EQ(o.seeds, 2u);
  for (const ModelValidation* wrong : {&weak, &strong, &baseline}) {
    EXPECT_LT(truth.metrics.rmse, wrong->metrics.rmse) << wrong->probability_model;
    EXPECT_LT(truth.metrics.mae, wrong->metrics.mae) << wrong->probability_model;
    EXPECT_GT(truth.metrics.within_2x, wrong->metrics.within_2x) << wrong->probability_model;
  }
  // The truth is unbiased in reach (the log ratio is not: E ln <= ln E); the wrong ones are not close.
  EXPECT_LT(weak.metrics.mean_log_ratio, -0.2);
  EXPECT_GT(strong.metrics.mean_log_ratio, 0.5);
  // Summed over items, actual - predicted has mean ~0 and variance ~ Σ (actual - predicted)²: the
  // truth's total must be within 4 such deviations, the weak graph's not.
  auto total_error = [](const ModelValidation& m) {
    double error = 0, squares = 0;
    for (const ItemOutcome& o : m.items) {
      error += o.actual - o.predicted;
      squares += (o.actual - o.predicted) * (o.actual - o.predicted);
    }
    return std::fabs(error) / std::sqrt(squares);
  };
  EXPECT_LT(total_error(truth), 4.0);
  EXPECT_GT(total_error(weak), 4.0);
  EXPECT_GT(truth.metrics.mean_auc, baseline.metrics.mean_auc);
  EXPECT_GT(truth.metrics.spearman, 0.3);
  // The baseline predicts the training mean reach for every item.
  const double mean_reach = static_cast<double>(s.train.adoptions()) / static_cast<double>(s.train.size());
  for (const ItemOutcome& o : baseline.items) EXPECT_EQ(o.predicted, mean_reach);
  EXPECT_TRUE(std::isnan(baseline.metrics.spearman));  // a constant prediction has no ranks
}

TEST(Validation, SeedRulesThreadsAndBadInput) {
  const Synthetic s;
  ValidationOptions options;
  options.runs = 200;
  const ModelValidation one = support::expect_same_for_thread_counts(
      [&] { return validate_graph(s.truth, s.test, options); },
      [](const ModelValidation& a, const ModelValidation& b) {
        ASSERT_EQ(a.items.size(), b.items.size());
        for (std::size_t i = 0; i < a.items.size(); ++i) {
          EXPECT_EQ(a.items[i].predicted, b.items[i].predicted);
          EXPECT_EQ(std::isnan(a.items[i].auc) ? -1.0 : a.items[i].auc, std::isnan(b.items[i].auc) ? -1.0 : b.items[i].auc);
        }
      });
  EXPECT_FALSE(one.items.empty());
  // First adopters: the users at the first time of the item; initiators by the window.
  Cascades c;
  c.item = {0};
  c.offsets = {0, 4};
  c.users = {0, 1, 2, 3};
  c.times = {5, 5, 6, 9};
  EXPECT_EQ(cascade_seeds(c, 0, SeedRule::kFirstAdopters, {}), (std::vector<std::uint64_t>{0, 1}));
  EXPECT_EQ(cascade_seeds(c, 0, SeedRule::kInitiators, std::vector<std::uint8_t>{1, 1, 0, 1}),
            (std::vector<std::uint64_t>{0, 1, 3}));
  // 0 -> 2 and 2 -> 3: 3 adopted 3 after 2, so with a window of 2 it is an initiator, without not.
  const InfluenceGraph g = support::make_graph(4, {{0, 2, 0.5f}, {2, 3, 0.5f}});
  EXPECT_EQ(initiator_flags(g, c, kNoWindow), (std::vector<std::uint8_t>{1, 1, 0, 0}));
  EXPECT_EQ(initiator_flags(g, c, 2.0), (std::vector<std::uint8_t>{1, 1, 0, 1}));
  EXPECT_EQ(parse_seed_rule("first"), SeedRule::kFirstAdopters);
  EXPECT_THROW(parse_seed_rule("all"), UsageError);
  EXPECT_THROW(validate_graph(s.truth, Cascades{{}, {0}, {}, {}, 0}, options), UsageError);
  EXPECT_THROW(validate_baseline(s.truth, Cascades{{}, {0}, {}, {}, 0}, s.test, options), UsageError);
  options.model = DiffusionModelKind::kLinearThreshold;  // in-sums reach 1 only by chance: refused when above
  EXPECT_THROW(validate_graph(s.with_probability(0.6f), s.test, options), InputError);
}

TEST(GraphRecords, LearnedGraphAndValidationRecordRoundTrip) {
  const std::string path = (support::scratch_dir() / "learned.h5").string();
  LearnedInfluence learned;
  learned.graph = support::make_graph(3, {{0, 1, 0.25f}, {1, 2, 0.5f}});
  learned.graph.provenance.probability_model = "learned:em";
  learned.trials = {4, 2};
  learned.successes = {1.0f, 1.0f};
  learned.log_likelihood = {-3.0, -2.5};
  learned.record.method = "em";
  learned.record.window = kNoWindow;
  learned.record.training_items = 7;
  learned.record.edges_with_evidence = 2;
  learned.record.em_converged = true;
  learned.record.em_log_likelihood = -2.5;
  learned.record.split = "items listed in train.txt";
  write_learned_graph(learned, path);

  const InfluenceGraph back = read_graph_file(path);  // still an ordinary graph file
  EXPECT_EQ(back.out_prob, learned.graph.out_prob);
  EXPECT_EQ(back.provenance.probability_model, "learned:em");
  const auto record = read_learning_record(path);
  ASSERT_TRUE(record);
  EXPECT_EQ(record->method, "em");
  EXPECT_TRUE(std::isinf(record->window));
  EXPECT_EQ(record->training_items, 7u);
  EXPECT_EQ(record->edges_with_evidence, 2u);
  EXPECT_TRUE(record->em_converged);
  EXPECT_EQ(record->em_log_likelihood, -2.5);
  EXPECT_EQ(record->split, "items listed in train.txt");
  const auto group = hdf5::open_file(path).open_group("learning");
  EXPECT_EQ(group.read<std::uint32_t>("trials"), learned.trials);
  EXPECT_EQ(group.read<float>("successes"), learned.successes);
  EXPECT_EQ(group.read<double>("log_likelihood"), learned.log_likelihood);
  EXPECT_FALSE(read_validation_record(path));

  ValidationRecord v;
  v.graph = path;
  v.split = "items first adopted at or after 2011-01-01T00:00:00Z";
  v.model = "ic";
  v.runs = 1000;
  v.metrics.items = 136;
  v.metrics.within_2x = 0.58;
  v.metrics.spearman = std::nan("");
  v.baseline.within_2x = 0.4;
  attach_validation_record(path, v);
  v.metrics.within_2x = 0.6;  // a second validation replaces the first
  attach_validation_record(path, v);
  const auto validated = read_validation_record(path);
  ASSERT_TRUE(validated);
  EXPECT_EQ(validated->metrics.items, 136u);
  EXPECT_EQ(validated->metrics.within_2x, 0.6);
  EXPECT_EQ(validated->baseline.within_2x, 0.4);
  EXPECT_TRUE(std::isnan(validated->metrics.spearman));
  EXPECT_EQ(validated->split, v.split);
  EXPECT_TRUE(read_learning_record(path));  // the rest of the file is kept
  EXPECT_EQ(read_graph_file(path).out_prob, learned.graph.out_prob);

  // Only kuchikomi graph files take a record; the file is left as it was.
  const std::string other = (support::scratch_dir() / "other.h5").string();
  hdf5::create_file(other).set_attribute("format", "kuchikomi-simulation");
  EXPECT_THROW(attach_validation_record(other, v), InputError);
  EXPECT_FALSE(hdf5::open_file(other).has("validation"));
}

}  // namespace
}  // namespace kuchikomi
