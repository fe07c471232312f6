// Throughput of the Monte Carlo diffusion engine: runs/s and out-edges examined/s, per core, for
// IC and LT with 1 and 2 threads, on the largest shared real graph (soc-Epinions1, 75,879 users,
// 508,837 edges, weighted cascade) and a synthetic R-MAT graph (2^20 nodes, 10M edges drawn, WC).
//
// Seed set: the 50 users with the largest out-degree (what a degree heuristic would pick), so
// cascades are large and the figure reflects edge scanning rather than per-run overhead. Each
// benchmark iteration is one estimate_spread call (the greedy path; simulate_spread adds the
// per-node bookkeeping on top). "edges/s/core" = edges examined per second / threads.
//
//   build-diffusion/benchmarks/diffusion_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <algorithm>
#include <filesystem>
#include <numeric>
#include <string>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#if __has_include("kuchikomi/graph/generators.hpp")
#include "kuchikomi/graph/generators.hpp"
#define KUCHIKOMI_HAVE_GENERATORS 1
#endif
#include "kuchikomi/io/graph_source.hpp"

namespace {

using namespace kuchikomi;

struct Workload {
  InfluenceGraph graph;
  std::vector<NodeId> seeds;
  bool ok = false;
  std::string problem;
};

std::vector<NodeId> top_out_degree(const InfluenceGraph& g, std::size_t k) {
  std::vector<NodeId> ids(g.num_nodes());
  std::iota(ids.begin(), ids.end(), NodeId{0});
  k = std::min<std::size_t>(k, ids.size());
  std::partial_sort(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(k), ids.end(), [&](NodeId a, NodeId b) {
    return g.out_degree(a) != g.out_degree(b) ? g.out_degree(a) > g.out_degree(b) : a < b;
  });
  ids.resize(k);
  return ids;
}

const Workload& epinions() {
  static const Workload w = [] {
    Workload x;
    const std::string path = std::string(KUCHIKOMI_SHARED_DIR) + "/datasets/soc-Epinions1/soc-Epinions1_edgelist.txt.gz";
    try {
      x.graph = load_graph(path, "wc");
      x.seeds = top_out_degree(x.graph, 50);
      x.ok = true;
    } catch (const std::exception& e) {
      x.problem = e.what();
    }
    return x;
  }();
  return w;
}

#ifndef KUCHIKOMI_HAVE_GENERATORS
// Stand-in while the project's generators are not in the tree: uniform random edges (no skew).
InfluenceGraph generate_rmat(NodeId n, EdgeId m, std::uint64_t seed) {
  RandomStream rng(stream_key(seed, StreamDomain::kGraphGeneration, 0));
  std::vector<EdgeRecord> records(m);
  for (auto& r : records) r = {static_cast<NodeId>(rng.next_below(n)), static_cast<NodeId>(rng.next_below(n)), 0.0f, 1.0, 1};
  return build_influence_graph(n, std::move(records));
}
#endif

const Workload& rmat() {
  static const Workload w = [] {
    Workload x;
    x.graph = generate_rmat(NodeId{1} << 20, 10'000'000, 1);
    assign_probabilities(x.graph, parse_probability_model("wc"), 1);
    x.seeds = top_out_degree(x.graph, 50);
    x.ok = true;
    return x;
  }();
  return w;
}

void run(benchmark::State& state, const Workload& w, std::uint64_t runs_per_iteration) {
  if (!w.ok) {
    state.SkipWithError(("graph not available: " + w.problem).c_str());
    return;
  }
  const auto model = state.range(0) == 0 ? DiffusionModelKind::kIndependentCascade : DiffusionModelKind::kLinearThreshold;
  const auto threads = static_cast<std::size_t>(state.range(1));
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
  std::uint64_t edges = 0, runs = 0, iteration = 0;
  double spread = 0;
  for (auto _ : state) {
    // A fresh rng seed per iteration: new worlds each time, like independent evaluations.
    const auto estimate = estimate_spread_detailed(w.graph, w.seeds, model, runs_per_iteration, ++iteration);
    benchmark::DoNotOptimize(estimate.mean);
    edges += estimate.edges_examined;
    runs += runs_per_iteration;
    spread = estimate.mean;
  }
  state.SetLabel(std::string(diffusion_model_name(model)) + " n=" + std::to_string(w.graph.num_nodes()) +
                 " m=" + std::to_string(w.graph.num_edges()));
  const double per_core = 1.0 / static_cast<double>(threads);
  state.counters["runs/s"] = benchmark::Counter(static_cast<double>(runs), benchmark::Counter::kIsRate);
  state.counters["edges/s"] = benchmark::Counter(static_cast<double>(edges), benchmark::Counter::kIsRate);
  state.counters["edges/s/core"] = benchmark::Counter(static_cast<double>(edges) * per_core, benchmark::Counter::kIsRate);
  state.counters["edges/run"] = static_cast<double>(edges) / static_cast<double>(std::max<std::uint64_t>(runs, 1));
  state.counters["spread"] = spread;
}

void BM_Epinions(benchmark::State& state) { run(state, epinions(), 200); }
void BM_Rmat10M(benchmark::State& state) { run(state, rmat(), 20); }

// Args: {model (0 = IC, 1 = LT), threads}.
BENCHMARK(BM_Epinions)->ArgsProduct({{0, 1}, {1, 2}})->ArgNames({"lt", "threads"})->UseRealTime()->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Rmat10M)->ArgsProduct({{0, 1}, {1, 2}})->ArgNames({"lt", "threads"})->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
