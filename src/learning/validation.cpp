// Predicted against actual reach on held-out cascades (definitions in learning/validation.hpp).
#include "kuchikomi/learning/validation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <chrono>
#include <cmath>
#include <limits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/learning/ranking_metrics.hpp"

namespace kuchikomi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// AUC/AP of `score` (per node) for "adopted item c", over every user but the seeds.
RankingQuality rank_users(const Cascades& test, std::size_t c, std::span<const std::uint64_t> seeds,
                          std::span<const double> score, std::vector<std::uint8_t>& state) {
  // state: 0 other user, 1 adopter, 2 seed (left out); reset before returning.
  for (std::uint64_t i = test.offsets[c]; i < test.offsets[c + 1]; ++i) state[test.users[i]] = 1;
  for (std::uint64_t i : seeds) state[test.users[i]] = 2;
  std::vector<std::pair<double, std::uint8_t>> scored;
  std::uint64_t zero_positives = 0, zero_negatives = 0;
  for (std::size_t v = 0; v < score.size(); ++v) {
    if (state[v] == 2) continue;
    const std::uint8_t positive = state[v] == 1;
    if (score[v] > 0) scored.emplace_back(score[v], positive);
    else (positive ? zero_positives : zero_negatives) += 1;
  }
  for (std::uint64_t i = test.offsets[c]; i < test.offsets[c + 1]; ++i) state[test.users[i]] = 0;
  return ranking_quality(std::move(scored), zero_positives, zero_negatives);
}

std::vector<std::uint8_t> initiators_if_needed(const InfluenceGraph& graph, const Cascades& test,
                                               const ValidationOptions& options) {
  return options.seeds == SeedRule::kInitiators ? initiator_flags(graph, test, options.window)
                                                : std::vector<std::uint8_t>();
}

void check_inputs(const Cascades& test, const ValidationOptions& options) {
  if (test.size() == 0) throw UsageError("no test items: the split leaves no held-out cascade with an adopter in the graph");
  if (options.runs == 0) throw UsageError("the number of runs must be at least 1");
}

}  // namespace

SeedRule parse_seed_rule(const std::string& name) {
  if (name == "initiators") return SeedRule::kInitiators;
  if (name == "first") return SeedRule::kFirstAdopters;
  throw UsageError("unknown seed rule '" + name + "' (known: initiators, first)", {"seeds"});
}

std::string seed_rule_name(SeedRule rule) { return rule == SeedRule::kInitiators ? "initiators" : "first"; }

std::vector<std::uint64_t> cascade_seeds(const Cascades& test, std::size_t c, SeedRule rule,
                                         std::span<const std::uint8_t> initiators) {
  std::vector<std::uint64_t> seeds;
  const std::uint64_t begin = test.offsets[c], end = test.offsets[c + 1];
  for (std::uint64_t i = begin; i < end; ++i) {
    const bool seed = rule == SeedRule::kInitiators ? initiators[i] != 0 : test.times[i] == test.times[begin];
    if (seed) seeds.push_back(i);
  }
  return seeds;  // never empty: the first adopter has no earlier in-neighbour
}

ValidationMetrics compute_metrics(std::span<const ItemOutcome> items) {
  ValidationMetrics m;
  m.items = items.size();
  if (items.empty()) return m;
  double squared = 0, absolute = 0, log_ratio = 0, within = 0, auc = 0, ap = 0;
  std::vector<double> predicted, actual;
  for (const ItemOutcome& o : items) {
    const double error = o.predicted - o.actual;
    squared += error * error;
    absolute += std::fabs(error);
    const double ratio = o.predicted / o.actual;
    log_ratio += std::log(ratio);
    within += ratio >= 0.5 && ratio <= 2.0;
    predicted.push_back(o.predicted);
    actual.push_back(o.actual);
    if (!std::isnan(o.auc)) {
      ++m.ranked_items;
      auc += o.auc;
      ap += o.average_precision;
    }
  }
  const double n = static_cast<double>(items.size());
  m.rmse = std::sqrt(squared / n);
  m.mae = absolute / n;
  m.mean_log_ratio = log_ratio / n;
  m.within_2x = within / n;
  m.spearman = spearman_correlation(predicted, actual);
  m.mean_auc = m.ranked_items > 0 ? auc / static_cast<double>(m.ranked_items) : kNaN;
  m.mean_average_precision = m.ranked_items > 0 ? ap / static_cast<double>(m.ranked_items) : kNaN;
  return m;
}

ModelValidation validate_graph(const InfluenceGraph& graph, const Cascades& test, const ValidationOptions& options) {
  check_inputs(test, options);
  check_model_applicable(graph, options.model);
  const auto start = std::chrono::steady_clock::now();
  const std::vector<std::uint8_t> initiators = initiators_if_needed(graph, test, options);
  ModelValidation out;
  out.probability_model = graph.provenance.probability_model;
  out.items.resize(test.size());
  // Items in parallel, each item's runs in parallel inside simulate_spread (TBB nests them).
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, test.size(), 1), [&](const tbb::blocked_range<std::size_t>& range) {
    std::vector<std::uint8_t> state(graph.num_nodes(), 0);
    for (std::size_t c = range.begin(); c != range.end(); ++c) {
      const std::vector<std::uint64_t> seed_index = cascade_seeds(test, c, options.seeds, initiators);
      std::vector<NodeId> seeds;
      for (std::uint64_t i : seed_index) seeds.push_back(test.users[i]);
      SimulationOptions sim;
      sim.model = options.model;
      sim.runs = options.runs;
      // Keyed by item (not by position in the test set): the same item sees the same worlds in
      // every graph and under any split that keeps it.
      sim.rng_seed = stream_key(options.rng_seed, StreamDomain::kSimulationRun, test.item[c]);
      sim.per_node_probabilities = true;
      const SpreadStatistics stats = simulate_spread(graph, seeds, sim);
      ItemOutcome& o = out.items[c];
      o.item = test.item[c];
      o.seeds = static_cast<std::uint32_t>(seeds.size());
      o.actual = static_cast<std::uint32_t>(test.cascade_size(c));
      o.predicted = stats.all.summary.mean;
      const RankingQuality q = rank_users(test, c, seed_index, stats.node_probability, state);
      o.auc = q.auc;
      o.average_precision = q.average_precision;
    }
  });
  out.metrics = compute_metrics(out.items);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

ModelValidation validate_baseline(const InfluenceGraph& graph, const Cascades& training, const Cascades& test,
                                  const ValidationOptions& options) {
  check_inputs(test, options);
  if (training.size() == 0)
    throw UsageError("no training items for the baseline: the split leaves every cascade in the test part");
  const auto start = std::chrono::steady_clock::now();
  const double mean_reach = static_cast<double>(training.adoptions()) / static_cast<double>(training.size());
  std::vector<double> popularity(graph.num_nodes(), 0.0);
  for (NodeId u : training.users) popularity[u] += 1.0;
  for (double& p : popularity) p /= static_cast<double>(training.size());
  const std::vector<std::uint8_t> initiators = initiators_if_needed(graph, test, options);
  ModelValidation out;
  out.name = "baseline";
  out.probability_model = "mean training reach";
  out.items.resize(test.size());
  std::vector<std::uint8_t> state(graph.num_nodes(), 0);
  for (std::size_t c = 0; c < test.size(); ++c) {
    const std::vector<std::uint64_t> seed_index = cascade_seeds(test, c, options.seeds, initiators);
    ItemOutcome& o = out.items[c];
    o.item = test.item[c];
    o.seeds = static_cast<std::uint32_t>(seed_index.size());
    o.actual = static_cast<std::uint32_t>(test.cascade_size(c));
    o.predicted = mean_reach;
    const RankingQuality q = rank_users(test, c, seed_index, popularity, state);
    o.auc = q.auc;
    o.average_precision = q.average_precision;
  }
  out.metrics = compute_metrics(out.items);
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return out;
}

LogValidation validate_on_adoption_log(std::span<const std::string> names,
                                       const std::function<std::shared_ptr<const InfluenceGraph>(std::size_t)>& graph_at,
                                       const AdoptionLog& log, const std::string& adoptions, const TestSplit& split,
                                       const ValidationOptions& options) {
  const bool by_time = split.since.has_value();
  if (by_time == !split.items_file.empty())
    throw UsageError("give the test items with exactly one of since or test-items", {"since", "test-items"});
  const ItemSelection test_part = by_time ? items_by_first_time(log, *split.since, false) : listed_items(log, split.items_file);
  const ItemSelection training_part = complement(
      test_part, by_time ? items_by_first_time(log, *split.since, true).description : "items not listed in " + split.items_file);
  if (test_part.count() == 0)
    throw InputError(adoptions, 0, "no test items: the split (" + test_part.description + ") selects none of the " +
                                       std::to_string(log.items.size()) + " items");
  if (training_part.count() == 0)
    throw InputError(adoptions, 0, "no training items: the split (" + test_part.description +
                                       ") puts every item in the test part, so there is no baseline");
  // Every graph is checked (loads, shares users, has test cascades, suits the model) before any work.
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto graph = graph_at(k);
    const Cascades test = make_cascades(map_to_graph(log, *graph, names[k]), test_part.selected);
    if (test.size() == 0)
      throw InputError(names[k], 0, "none of the " + std::to_string(test_part.count()) + " test items (" +
                                        test_part.description + ") has an adopter in this graph");
    check_model_applicable(*graph, options.model);
  }

  LogValidation result;
  result.split = test_part.description;
  result.test_items = test_part.count();
  result.training_items = training_part.count();
  result.models.resize(1);
  for (std::size_t k = 0; k < names.size(); ++k) {
    const auto graph = graph_at(k);
    GraphAdoptions mapped = map_to_graph(log, *graph, names[k]);
    const Cascades test = make_cascades(mapped, test_part.selected);
    if (k == 0) {
      result.models[0] = validate_baseline(*graph, make_cascades(mapped, training_part.selected), test, options);
      result.first_graph_adoptions = std::move(mapped);
    }
    ModelValidation validation = validate_graph(*graph, test, options);
    validation.name = names[k];
    result.models.push_back(std::move(validation));
  }
  return result;
}

}  // namespace kuchikomi
