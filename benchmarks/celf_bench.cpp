// Greedy vs CELF vs CELF++: spread evaluations and time to pick k = 10 seeds with 1000 Monte Carlo runs
// per estimate (IC), on a small real graph (default CollegeMsg with weighted-cascade probabilities;
// KUCHIKOMI_CELF_GRAPH=<path> picks another; a generated 1000-node graph if the file is missing).
// Counters: evaluations (estimate_spread calls), lookahead_hits (CELF++), spread (final estimate).
// Each variant runs once (Iterations(1)): one run is seconds to minutes and fully deterministic.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <string>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/selection/mc_greedy.hpp"

namespace {

using namespace kuchikomi;

InfluenceGraph generated_graph() {
  RandomStream rng(stream_key(1, StreamDomain::kGraphGeneration, 0));
  std::vector<EdgeRecord> edges;
  const NodeId n = 1000;
  for (NodeId u = 0; u < n; ++u)
    for (int j = 0; j < 5; ++j) {
      const auto v = static_cast<NodeId>(rng.next_below(n));
      if (v != u) edges.push_back({u, v, 0.05f, 1.0, 1});
    }
  return build_influence_graph(n, std::move(edges));
}

const InfluenceGraph& bench_graph() {
  static const InfluenceGraph graph = [] {
    const char* env = std::getenv("KUCHIKOMI_CELF_GRAPH");
    const std::string path = env ? env : KUCHIKOMI_SHARED_DIR "/datasets/CollegeMsg/CollegeMsg.txt.gz";
    return std::filesystem::exists(path) ? load_graph(path, "wc") : generated_graph();
  }();
  return graph;
}

void BM_McGreedy(benchmark::State& state) {
  const auto variant = static_cast<mc_greedy::Variant>(state.range(0));
  const InfluenceGraph& graph = bench_graph();
  SelectionProblem problem;
  problem.k = 10;
  problem.rng_seed = 1;
  SelectionOptions options;
  options.mc_runs = 1000;
  mc_greedy::Stats stats;
  SelectionResult result;
  for (auto _ : state) {
    result = mc_greedy::run(graph, problem, options, variant, nullptr, &stats);
    benchmark::DoNotOptimize(result);
  }
  std::string label = result.algorithm;
  label += " n=";
  label += std::to_string(graph.num_nodes());
  label += " m=";
  label += std::to_string(graph.num_edges());
  state.SetLabel(label);
  state.counters["evaluations"] = static_cast<double>(stats.spread_evaluations);
  state.counters["lookahead_hits"] = static_cast<double>(stats.lookahead_hits);
  state.counters["spread"] = result.estimated_spread;
}

BENCHMARK(BM_McGreedy)
    ->ArgName("variant")
    ->Arg(static_cast<int>(mc_greedy::Variant::kCelf))
    ->Arg(static_cast<int>(mc_greedy::Variant::kCelfPlusPlus))
    ->Arg(static_cast<int>(mc_greedy::Variant::kGreedy))
    ->Iterations(1)
    ->Unit(benchmark::kSecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
