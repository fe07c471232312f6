// Monte Carlo spread estimation: runs in parallel with TBB, aggregated in integers.
//
// Determinism: run r uses only stream_key(rng_seed, domain, r) (cascade_engine.hpp, model headers);
// every per-run figure is an integer stored at index r or added into per-thread integer counters,
// and integer addition is associative, so any thread count and any split of runs into tasks gives
// the same bits. Doubles appear only at the end (sum / runs). Precision mode checks its stopping
// rule after fixed batches of run indexes, so where it stops depends on run indexes only.
//
// Scratch: each thread keeps one CascadeWorkspace and one model Scratch per model for the life of
// the process (function-local static enumerable_thread_specific), reused across runs and calls:
// greedy calls estimate_spread thousands of times and must not pay O(n) allocation per call. A
// thread holds its scratch only inside one run body, which makes no TBB call, so a thread that
// steals work while waiting in a nested parallel loop never finds its scratch in use.
#include "kuchikomi/diffusion/monte_carlo.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/cascade_engine.hpp"
#include "kuchikomi/diffusion/model_list.hpp"

namespace kuchikomi {
namespace {

template <DiffusionModel M>
struct ThreadScratch {
  CascadeWorkspace workspace;
  typename M::Scratch model;
};

// Run r's random seed users (SimulationOptions::random_seed_count): Floyd's sampling of `count`
// distinct nodes out of n from the run's own stream, so the draw depends on (rng_seed, r) only.
// `chosen` is a per-thread all-zero byte mask of n entries, restored to zero before returning.
class RandomSeedDraw {
 public:
  std::span<const NodeId> draw(NodeId n, std::uint32_t count, std::uint64_t rng_seed, std::uint64_t run) {
    if (chosen_.size() < n) chosen_.resize(n, 0);
    seeds_.clear();
    RandomStream stream(stream_key(rng_seed, StreamDomain::kRandomSeeds, run));
    for (NodeId j = n - count; j < n; ++j) {
      const auto t = static_cast<NodeId>(stream.next_below(static_cast<std::uint64_t>(j) + 1));
      const NodeId pick = chosen_[t] ? j : t;  // t taken: j is new (never offered before)
      chosen_[pick] = 1;
      seeds_.push_back(pick);
    }
    for (NodeId v : seeds_) chosen_[v] = 0;
    return seeds_;
  }

 private:
  std::vector<std::uint8_t> chosen_;
  std::vector<NodeId> seeds_;
};

template <DiffusionModel M>
ThreadScratch<M>& local_scratch(const InfluenceGraph& graph) {
  static tbb::enumerable_thread_specific<ThreadScratch<M>> all;
  ThreadScratch<M>& scratch = all.local();
  scratch.workspace.prepare(graph.num_nodes());  // grows only; O(1) when already large enough
  M::prepare(scratch.model, graph);
  return scratch;
}

void check_seeds(const InfluenceGraph& graph, std::span<const NodeId> seeds) {
  if (!graph.has_forward()) throw UsageError("the graph was read for reverse sampling only: it cannot be simulated forward");
  if (seeds.empty()) throw UsageError("the seed set is empty: give at least one seed user");
  for (NodeId s : seeds)
    if (s >= graph.num_nodes())
      throw UsageError("seed id " + std::to_string(s) + " is not a node of the graph (" +
                       std::to_string(graph.num_nodes()) + " nodes)");
}

// The checks estimate_spread and estimate_prefix_spreads share; returns the mask or nullptr.
const std::uint8_t* checked_estimate_inputs(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                            std::uint64_t runs, std::span<const std::uint8_t> target_mask) {
  check_seeds(graph, seeds);
  if (runs == 0) throw UsageError("the number of runs must be at least 1");
  if (!target_mask.empty() && target_mask.size() != graph.num_nodes())
    throw UsageError("target mask has " + std::to_string(target_mask.size()) + " entries for " +
                     std::to_string(graph.num_nodes()) + " nodes");
  return target_mask.empty() ? nullptr : target_mask.data();
}

// Lean recorder: how many (target) nodes a run reached.
struct CountRecorder {
  const std::uint8_t* mask = nullptr;
  std::uint64_t count = 0;
  void on_round(std::uint32_t, std::span<const NodeId> nodes) {
    if (mask == nullptr) {
      count += nodes.size();
    } else {
      for (NodeId v : nodes) count += mask[v];
    }
  }
};

// Per-thread integer counters of simulate_spread.
struct Tally {
  std::vector<std::uint64_t> new_per_step;         // activations per round, summed over runs
  std::vector<std::uint64_t> target_new_per_step;  // the same, target nodes only
  std::vector<std::uint64_t> node_count;           // runs in which each node was reached
  std::uint64_t edges = 0;
  RandomSeedDraw random_seeds;                     // used with random_seed_count > 0
};

// One run's activations, kept for SimulationOptions::trace.
struct RunTrace {
  std::vector<NodeId> nodes;
  std::vector<std::uint32_t> rounds;
};

struct FullRecorder {
  Tally& tally;
  const std::uint8_t* mask;
  bool per_node;
  RunTrace* trace = nullptr;
  std::uint64_t spread = 0, target = 0;
  void on_round(std::uint32_t round, std::span<const NodeId> nodes) {
    if (trace != nullptr) {
      trace->nodes.insert(trace->nodes.end(), nodes.begin(), nodes.end());
      trace->rounds.insert(trace->rounds.end(), nodes.size(), round);
    }
    if (tally.new_per_step.size() <= round) {  // grows a few times per thread, then never
      tally.new_per_step.resize(round + 1, 0);
      tally.target_new_per_step.resize(round + 1, 0);
    }
    tally.new_per_step[round] += nodes.size();
    spread += nodes.size();
    if (per_node)
      for (NodeId v : nodes) ++tally.node_count[v];
    if (mask != nullptr) {
      std::uint64_t in_target = 0;
      for (NodeId v : nodes) in_target += mask[v];
      tally.target_new_per_step[round] += in_target;
      target += in_target;
    }
  }
};

template <DiffusionModel M>
SpreadStatistics simulate_with(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                               const SimulationOptions& options, const std::vector<std::uint8_t>& mask) {
  const NodeId n = graph.num_nodes();
  const bool precision_mode = options.precision > 0;
  const std::uint64_t planned = precision_mode ? options.max_runs : options.runs;
  const std::uint8_t* mask_data = mask.empty() ? nullptr : mask.data();
  const bool per_node = options.per_node_probabilities;

  tbb::enumerable_thread_specific<Tally> tallies([&] {
    Tally t;
    if (per_node) t.node_count.assign(n, 0);
    return t;
  });
  std::vector<std::uint32_t> spreads, target_spreads;  // indexed by run: 4 bytes per run each
  std::uint64_t sum = 0, target_sum = 0;
  uint128_t sum_squares = 0, target_sum_squares = 0;
  std::uint64_t done = 0;
  bool converged = !precision_mode;

  while (done < planned) {
    const std::uint64_t end = std::min(planned, done + options.batch_runs);
    spreads.resize(end);
    if (mask_data != nullptr) target_spreads.resize(end);
    std::vector<RunTrace> traces(options.trace ? end - done : 0);
    tbb::parallel_for(tbb::blocked_range<std::uint64_t>(done, end), [&](const tbb::blocked_range<std::uint64_t>& range) {
      ThreadScratch<M>& scratch = local_scratch<M>(graph);
      Tally& tally = tallies.local();
      for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
        throw_if_cancelled();
        FullRecorder recorder{tally, mask_data, per_node, options.trace ? &traces[r - done] : nullptr};
        const std::span<const NodeId> run_seeds =
            options.random_seed_count > 0 ? tally.random_seeds.draw(n, options.random_seed_count, options.rng_seed, r)
                                          : seeds;
        const CascadeOutcome outcome =
            run_cascade<M>(graph, scratch.workspace, scratch.model, run_seeds,
                           stream_key(options.rng_seed, options.domain, r), options.max_steps, recorder);
        tally.edges += outcome.edges_examined;
        spreads[r] = static_cast<std::uint32_t>(recorder.spread);
        if (mask_data != nullptr) target_spreads[r] = static_cast<std::uint32_t>(recorder.target);
      }
    });
    // Handed over in run order, from this thread: the trace never depends on the schedule.
    for (std::uint64_t r = done; r < end && options.trace; ++r)
      options.trace(r, traces[r - done].nodes, traces[r - done].rounds);
    for (std::uint64_t r = done; r < end; ++r) {
      sum += spreads[r];
      sum_squares += static_cast<uint128_t>(spreads[r]) * spreads[r];
      if (mask_data != nullptr) {
        target_sum += target_spreads[r];
        target_sum_squares += static_cast<uint128_t>(target_spreads[r]) * target_spreads[r];
      }
    }
    done = end;
    if (options.progress) options.progress(done, planned);
    if (precision_mode && done >= 2) {
      const SummaryStatistics so_far = summarize(sum, sum_squares, done);
      if (so_far.ci95_half_width() <= options.precision * so_far.mean) {
        converged = true;
        break;
      }
    }
  }

  // Reduce the per-thread integer counters (order-independent: integer sums).
  std::vector<std::uint64_t> steps, target_steps, node_count;
  if (per_node) node_count.assign(n, 0);
  SpreadStatistics stats;
  for (const Tally& t : tallies) {
    if (steps.size() < t.new_per_step.size()) {
      steps.resize(t.new_per_step.size(), 0);
      target_steps.resize(t.new_per_step.size(), 0);
    }
    for (std::size_t i = 0; i < t.new_per_step.size(); ++i) {
      steps[i] += t.new_per_step[i];
      target_steps[i] += t.target_new_per_step[i];
    }
    if (per_node)
      for (NodeId v = 0; v < n; ++v) node_count[v] += t.node_count[v];
    stats.edges_examined += t.edges;
  }
  stats.runs = done;
  stats.converged = converged;
  stats.all = describe_reach(spreads, sum, sum_squares, steps);
  stats.run_spread = std::move(spreads);
  if (per_node) {
    stats.node_probability.resize(n);
    for (NodeId v = 0; v < n; ++v)
      stats.node_probability[v] = static_cast<double>(node_count[v]) / static_cast<double>(done);
  }
  if (mask_data != nullptr) {
    for (std::uint8_t bit : mask) stats.target_size += bit;
    stats.target = describe_reach(target_spreads, target_sum, target_sum_squares, target_steps);
  }
  return stats;
}

}  // namespace

SpreadStatistics simulate_spread(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                 const SimulationOptions& options) {
  if (options.random_seed_count == 0) {
    check_seeds(graph, seeds);
  } else if (!seeds.empty()) {
    throw UsageError("give either a seed set or a number of random seeds per run, not both");
  } else if (options.random_seed_count > graph.num_nodes()) {
    throw InputError(std::to_string(options.random_seed_count) + " random seeds per run asked for, but the graph has " +
                     std::to_string(graph.num_nodes()) + " nodes");
  }
  if (!(options.precision >= 0) || !std::isfinite(options.precision))
    throw UsageError("precision must be a positive number (relative 95% CI half-width, e.g. 0.01)");
  if (options.precision == 0 && options.runs == 0) throw UsageError("the number of runs must be at least 1");
  if (options.precision > 0 && options.max_runs == 0) throw UsageError("max runs must be at least 1");
  if (options.batch_runs == 0) throw UsageError("batch size must be at least 1");
  if ((options.precision > 0 ? options.max_runs : options.runs) > (std::uint64_t{1} << 32))
    throw UsageError("at most 2^32 runs are supported");
  check_model_applicable(graph, options.model);
  std::vector<std::uint8_t> mask;
  if (!options.target.empty()) {
    mask.assign(graph.num_nodes(), 0);
    for (NodeId v : options.target) {
      if (v >= graph.num_nodes()) throw UsageError("target id " + std::to_string(v) + " is not a node of the graph");
      mask[v] = 1;
    }
  }
  return DiffusionModels::visit(options.model, [&](auto model) {
    return simulate_with<decltype(model)>(graph, seeds, options, mask);
  });
}

SpreadEstimate estimate_spread_detailed(const InfluenceGraph& graph, std::span<const NodeId> seeds,
                                        DiffusionModelKind model, std::uint64_t runs, std::uint64_t rng_seed,
                                        std::uint32_t max_steps, std::span<const std::uint8_t> target_mask,
                                        StreamDomain domain) {
  const std::uint8_t* mask = checked_estimate_inputs(graph, seeds, runs, target_mask);
  struct Totals {
    std::uint64_t reached = 0, edges = 0;
  };
  const Totals totals = DiffusionModels::visit(model, [&](auto m) {
    using M = decltype(m);
    return tbb::parallel_reduce(
        tbb::blocked_range<std::uint64_t>(0, runs), Totals{},
        [&](const tbb::blocked_range<std::uint64_t>& range, Totals acc) {
          ThreadScratch<M>& scratch = local_scratch<M>(graph);
          for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
            throw_if_cancelled();
            CountRecorder recorder{mask};
            acc.edges += run_cascade<M>(graph, scratch.workspace, scratch.model, seeds, stream_key(rng_seed, domain, r),
                                        max_steps, recorder)
                             .edges_examined;
            acc.reached += recorder.count;
          }
          return acc;
        },
        [](Totals a, const Totals& b) {
          a.reached += b.reached;
          a.edges += b.edges;
          return a;
        });
  });
  return {static_cast<double>(totals.reached) / static_cast<double>(runs), totals.edges};
}

std::vector<double> estimate_prefix_spreads(const InfluenceGraph& graph, std::span<const NodeId> ranked_seeds,
                                            DiffusionModelKind model, std::uint64_t runs, std::uint64_t rng_seed,
                                            std::uint32_t max_steps, std::span<const std::uint8_t> target_mask,
                                            StreamDomain domain) {
  const std::size_t k = ranked_seeds.size();
  if (max_steps > 0) {
    std::vector<double> curve(k);
    for (std::size_t i = 0; i < k; ++i)
      curve[i] = estimate_spread(graph, ranked_seeds.first(i + 1), model, runs, rng_seed, max_steps, target_mask, domain);
    return curve;
  }
  const std::uint8_t* mask = checked_estimate_inputs(graph, ranked_seeds, runs, target_mask);
  // Integer totals of newly reached (target) nodes per prefix: exact, so any split of runs agrees.
  struct PrefixRecorder {
    std::vector<std::uint64_t>& added;
    const std::uint8_t* mask;
    void on_prefix(std::size_t i, std::span<const NodeId> nodes) {
      if (mask == nullptr) {
        added[i] += nodes.size();
      } else {
        for (NodeId v : nodes) added[i] += mask[v];
      }
    }
  };
  const std::vector<std::uint64_t> added = DiffusionModels::visit(model, [&](auto m) {
    using M = decltype(m);
    return tbb::parallel_reduce(
        tbb::blocked_range<std::uint64_t>(0, runs), std::vector<std::uint64_t>(k, 0),
        [&](const tbb::blocked_range<std::uint64_t>& range, std::vector<std::uint64_t> acc) {
          ThreadScratch<M>& scratch = local_scratch<M>(graph);
          PrefixRecorder recorder{acc, mask};
          for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
            throw_if_cancelled();
            run_cascade_prefixes<M>(graph, scratch.workspace, scratch.model, ranked_seeds,
                                    stream_key(rng_seed, domain, r), recorder);
          }
          return acc;
        },
        [](std::vector<std::uint64_t> a, const std::vector<std::uint64_t>& b) {
          for (std::size_t i = 0; i < a.size(); ++i) a[i] += b[i];
          return a;
        });
  });
  std::vector<double> curve(k);
  std::uint64_t reached = 0;
  for (std::size_t i = 0; i < k; ++i) {
    reached += added[i];
    curve[i] = static_cast<double>(reached) / static_cast<double>(runs);
  }
  return curve;
}

double estimate_spread(const InfluenceGraph& graph, std::span<const NodeId> seeds, DiffusionModelKind model,
                       std::uint64_t runs, std::uint64_t rng_seed, std::uint32_t max_steps,
                       std::span<const std::uint8_t> target_mask, StreamDomain domain) {
  return estimate_spread_detailed(graph, seeds, model, runs, rng_seed, max_steps, target_mask, domain).mean;
}

}  // namespace kuchikomi
