// IMM and OPIM-C on NetHEPT (Chen et al. KDD 2009; the IMM paper's copy, both arcs of each
// undirected edge) with weighted-cascade probabilities, under IC and LT.
// Counters: RR sets, accounted RR memory, estimated spread, certified/bound ratio, process peak RSS.
// Run: build-ris/benchmarks/ris_bench --benchmark_counters_tabular=true [--benchmark_filter=imm/ic]
// Graph: KUCHIKOMI_RIS_BENCH_GRAPH overrides the default path.
#include <benchmark/benchmark.h>
#include <sys/resource.h>

#include <cstdlib>
#include <string>

#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace {

using namespace kuchikomi;

const InfluenceGraph& bench_graph() {
  static const InfluenceGraph graph = [] {
    const char* override_path = std::getenv("KUCHIKOMI_RIS_BENCH_GRAPH");
    return load_graph(override_path ? override_path : KUCHIKOMI_SHARED_DIR "/datasets/nethept/nethept_imm_graph.txt.gz",
                      "wc");
  }();
  return graph;
}

double peak_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

void run(benchmark::State& state, const std::string& algorithm, DiffusionModelKind model) {
  const auto& graph = bench_graph();
  SelectionProblem problem;
  problem.model = model;
  problem.k = static_cast<std::uint32_t>(state.range(0));
  SelectionOptions options;
  options.epsilon = static_cast<double>(state.range(1)) / 100.0;
  SelectionResult result;
  for (auto _ : state) result = run_selection(algorithm, graph, problem, options);
  state.counters["rr_sets"] = static_cast<double>(result.rr_sets);
  state.counters["rr_MiB"] = static_cast<double>(result.rr_memory_bytes) / (1024.0 * 1024.0);
  state.counters["spread"] = result.estimated_spread;
  state.counters["ratio"] = result.approximation_ratio;
  state.counters["peak_rss_MiB"] = peak_rss_mib();
}

void register_all() {
  for (const char* algorithm : {"imm", "opim-c"})
    for (auto model : {DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold}) {
      const std::string name = std::string(algorithm) + "/" + diffusion_model_name(model);
      auto* b = benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) { run(s, algorithm, model); });
      b->ArgNames({"k", "eps_pct"})->Unit(benchmark::kMillisecond)->Iterations(1);
      for (long eps : {50, 10})
        for (long k : {1, 10, 50, 100}) b->Args({k, eps});
    }
}

}  // namespace

int main(int argc, char** argv) {
  register_all();
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
