// Validation (`kuchikomi validate`): how well a graph's probabilities predict real cascades the
// learning never saw.
//
// For each test item (a cascade in the graph's node ids):
//   * seeds: its initiators, the adopters none of whose in-neighbours adopted earlier (within the
//     window; the users an outside source must have reached), or with SeedRule::kFirstAdopters the
//     adopters at the item's first time only (usually one). Initiators make the question "given who
//     started it, how far did it go?"; first adopters ask it from the very first user;
//   * predicted reach: the Monte Carlo mean number of users reached from the seeds, seeds included
//     (ValidationOptions::runs runs, streams keyed by (rng_seed, item), so every graph sees the same
//     random numbers for the same item and results do not depend on the thread count);
//   * actual reach: the item's adopters in the graph, seeds included;
//   * per-user ranking: each non-seed user's simulated activation probability as a score for "did
//     this user adopt" (learning/ranking_metrics.hpp): AUC and average precision.
// Per graph, over all test items: RMSE and MAE of predicted vs actual reach, the mean of
// ln(predicted / actual) (bias: > 0 over-predicts), Spearman's rho, the share of items predicted
// within a factor 2 (1/2 <= predicted/actual <= 2), and the mean AUC and AP over the items where
// they are defined (some non-seed user adopted and some did not).
//
// Baseline: predicts every test item's reach as the mean reach of the training items, and ranks
// users by the share of training items they adopted. A model that does not beat it has learned
// nothing about this community that popularity does not tell.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/adoption_data.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"

namespace kuchikomi {

enum class SeedRule { kInitiators, kFirstAdopters };
// "initiators" / "first"; UsageError otherwise.
SeedRule parse_seed_rule(const std::string& name);
std::string seed_rule_name(SeedRule rule);

struct ValidationOptions {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint64_t runs = 1000;
  std::uint64_t rng_seed = 1;
  SeedRule seeds = SeedRule::kInitiators;
  double window = kNoWindow;  // who counts as an earlier-adopting in-neighbour, for initiators
};

struct ItemOutcome {
  std::uint32_t item = 0;       // log item id
  std::uint32_t seeds = 0;
  std::uint32_t actual = 0;     // adopters in the graph, seeds included
  double predicted = 0;         // mean simulated reach, seeds included
  double auc = 0, average_precision = 0;  // NaN when undefined for this item
};

struct ValidationMetrics {
  std::uint64_t items = 0;
  double rmse = 0, mae = 0;
  double mean_log_ratio = 0;    // mean ln(predicted / actual)
  double spearman = 0;          // NaN when undefined
  double within_2x = 0;         // share of items, in [0, 1]
  std::uint64_t ranked_items = 0;  // items where AUC/AP are defined
  double mean_auc = 0, mean_average_precision = 0;  // NaN when ranked_items == 0
};

ValidationMetrics compute_metrics(std::span<const ItemOutcome> items);

struct ModelValidation {
  std::string name;               // the graph as given, or "baseline"
  std::string probability_model;  // the graph's, or "mean training reach"
  ValidationMetrics metrics;
  std::vector<ItemOutcome> items;
  double seconds = 0;
};

// Throws UsageError when `test` is empty, runs == 0, or the model does not apply to the graph.
ModelValidation validate_graph(const InfluenceGraph& graph, const Cascades& test, const ValidationOptions& options);

// The baseline on the same items, with the same seeds (so the same users are left out of AUC/AP).
// Throws UsageError when `training` is empty.
ModelValidation validate_baseline(const InfluenceGraph& graph, const Cascades& training, const Cascades& test,
                                  const ValidationOptions& options);

// The seeds of test cascade c: flat indexes into test.users.
std::vector<std::uint64_t> cascade_seeds(const Cascades& test, std::size_t c, SeedRule rule,
                                         std::span<const std::uint8_t> initiators);

// Which items of an adoption log to test on: those first adopted at or after `since`, or those listed
// in `items_file` (exactly one of them); the other items are the training part (the baseline's).
struct TestSplit {
  std::optional<double> since;
  std::string items_file;
};

struct LogValidation {
  std::string split;                  // the test part's description
  std::uint64_t test_items = 0, training_items = 0;
  std::vector<ModelValidation> models;  // [0]: the baseline (on the first graph's users), then per graph
  GraphAdoptions first_graph_adoptions;  // the log as the first graph sees it (for summaries)
};

// `validate` between reading and writing: the split (InputError when either part is empty, naming
// `adoptions`), every graph checked before any simulation (some test item has an adopter in it, the
// model applies), then the baseline and each graph's validation. Graph k is `graph_at(k)`, named
// `names[k]`; it is asked for twice (check, then work), so a caller may load graphs one at a time.
// UsageError when the split gives neither or both parts.
LogValidation validate_on_adoption_log(std::span<const std::string> names,
                                       const std::function<std::shared_ptr<const InfluenceGraph>(std::size_t)>& graph_at,
                                       const AdoptionLog& log, const std::string& adoptions, const TestSplit& split,
                                       const ValidationOptions& options);

// What a graph file carries once validated (/validation, learning/graph_records.hpp) and what
// validate --out stores per graph.
struct ValidationRecord {
  std::string graph;              // the graph as given to validate
  std::string adoptions;          // the adoption log
  std::string split;              // description of the test items
  std::string model;              // "ic" / "lt"
  std::string seed_rule;          // "initiators" / "first"
  double window = kNoWindow;
  std::uint64_t runs = 0;
  std::uint64_t rng_seed = 0;
  ValidationMetrics metrics;
  ValidationMetrics baseline;     // the baseline on the same items
  std::string validated_at;       // ISO 8601 UTC
  std::string command_line;
};

}  // namespace kuchikomi
