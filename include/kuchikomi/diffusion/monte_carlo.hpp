// Monte Carlo estimation of spread under a diffusion model, parallel over runs with TBB.
//
// Run r draws every coin from the stream key stream_key(rng_seed, domain, r): IC flips "the coin of
// forward edge e" as value_at(key, e), LT draws "the threshold of node v" from the same key. So:
//   * results are identical for any thread count (streams keyed by run, never by thread);
//   * two seed sets simulated with the same (rng_seed, domain, runs) see the same worlds (common
//     random numbers), which is what greedy/CELF need to compare marginal gains fairly.
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/model_kind.hpp"
#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct SimulationOptions {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint64_t runs = 10'000;        // exact number of runs when precision == 0
  double precision = 0.0;             // > 0: run until 95% CI half-width <= precision * mean
  std::uint64_t max_runs = 1'000'000; // cap for precision mode
  std::uint64_t rng_seed = 1;
  StreamDomain domain = StreamDomain::kSimulationRun;
  std::uint32_t max_steps = 0;        // 0 = no deadline; T = only activations in rounds 1..T count
  std::vector<NodeId> target;         // optional segment; statistics restricted to it are added
  bool per_node_probabilities = true; // also count how often each node is reached
  // > 0: no fixed seed set (pass an empty span); run r starts from this many distinct users drawn
  // uniformly from stream_key(rng_seed, kRandomSeeds, r): the expected reach of a random user (or
  // group), the baseline of epidemic theory (outbreak size from a random "patient zero").
  std::uint32_t random_seed_count = 0;
  // Called from the calling thread with (runs done, runs planned) between batches.
  std::function<void(std::uint64_t, std::uint64_t)> progress;
  // When set: called from the calling thread, in run order, with each run's activations (run,
  // nodes, rounds; rounds[i] = the round nodes[i] became active, 0 for the seeds): synthetic
  // cascades with known truth (simulate --trace). Costs memory for one batch of runs' activations;
  // results are the same with or without it.
  std::function<void(std::uint64_t, std::span<const NodeId>, std::span<const std::uint32_t>)> trace;
  // Runs are done in batches [b*batch_runs, (b+1)*batch_runs); precision mode checks its stopping
  // rule only at batch ends, so results depend on this value (never on threads or timing).
  std::uint64_t batch_runs = 1'000;
};

// Full statistics for one seed set (or random seeds per run, options.random_seed_count). Throws
// UsageError on an empty seed set, seeds given together with random_seed_count or runs == 0;
// InputError on random_seed_count above the number of nodes or a model that does not apply to the
// graph.
SpreadStatistics simulate_spread(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                 const SimulationOptions& options);

// Fast mean spread for greedy selection: the same worlds (rng_seed, domain, run 0..runs-1) as
// simulate_spread, no per-node bookkeeping. With a target mask (one byte per node), counts only
// reached target nodes. Equals simulate_spread's all.summary.mean (target->summary.mean with a target)
// bit for bit. Throws UsageError on an empty seed set, runs == 0, a seed or mask of the wrong size;
// it does NOT run check_model_applicable (O(m) per call): callers check once per graph.
// Safe to call from inside a TBB parallel loop (per-thread scratch is only held within one run).
double estimate_spread(const InfluenceGraph& graph, std::span<const NodeId> seeds, DiffusionModelKind model,
                       std::uint64_t runs, std::uint64_t rng_seed, std::uint32_t max_steps = 0,
                       std::span<const std::uint8_t> target_mask = {},
                       StreamDomain domain = StreamDomain::kSimulationRun);

// Mean spread of every prefix of a ranked seed list: entry i is the spread of the first i+1 seeds,
// on the same worlds as estimate_spread with the same (runs, rng_seed, domain), and equal to it bit
// for bit. Without a deadline all prefixes come from one continued cascade per run
// (run_cascade_prefixes), so the curve costs about one evaluation; with max_steps > 0 each prefix
// is estimated on its own. Used to give every algorithm, heuristics included, a spread curve
// measured by the same yardstick. Checks the seeds and mask like estimate_spread.
std::vector<double> estimate_prefix_spreads(const InfluenceGraph& graph, std::span<const NodeId> ranked_seeds,
                                            DiffusionModelKind model, std::uint64_t runs, std::uint64_t rng_seed,
                                            std::uint32_t max_steps = 0,
                                            std::span<const std::uint8_t> target_mask = {},
                                            StreamDomain domain = StreamDomain::kSimulationRun);

// estimate_spread plus the engine's work counter (benchmarks: edges examined per second).
struct SpreadEstimate {
  double mean = 0;
  std::uint64_t edges_examined = 0;
};
SpreadEstimate estimate_spread_detailed(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                        DiffusionModelKind model, std::uint64_t runs, std::uint64_t rng_seed,
                                        std::uint32_t max_steps = 0, std::span<const std::uint8_t> target_mask = {},
                                        StreamDomain domain = StreamDomain::kSimulationRun);

}  // namespace kuchikomi
