// RR-set generation alone: sets per second at a fixed number of sets, IC and LT, on graph files
// given in KUCHIKOMI_RR_BENCH_GRAPHS (colon-separated .h5 paths; default: NetHEPT from the shared
// datasets). Counters: sets/s, mean set size, reverse-index build time (once per graph and model).
// Run: build/benchmarks/rr_sampler_bench --benchmark_counters_tabular=true
// Threads: tbb's default (all cores); pin with taskset or KUCHIKOMI_RR_BENCH_THREADS=1.
#include <benchmark/benchmark.h>
#include <tbb/global_control.h>

#include <chrono>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"

namespace {

using namespace kuchikomi;

std::vector<std::string> graph_paths() {
  const char* list = std::getenv("KUCHIKOMI_RR_BENCH_GRAPHS");
  std::vector<std::string> paths;
  std::stringstream in(list ? list : KUCHIKOMI_SHARED_DIR "/datasets/nethept/nethept_imm_graph.txt.gz");
  for (std::string path; std::getline(in, path, ':');)
    if (!path.empty()) paths.push_back(path);
  return paths;
}

void sample(benchmark::State& state, const std::string& path, DiffusionModelKind model) {
  static std::string loaded_path;
  static std::unique_ptr<InfluenceGraph> graph;
  if (loaded_path != path) {
    graph = std::make_unique<InfluenceGraph>(load_graph(path, "wc"));
    loaded_path = path;
  }
  RrSamplerConfig config;
  config.model = model;
  config.rng_seed = 1;
  const auto start = std::chrono::steady_clock::now();
  const RrSampler sampler(*graph, config);
  const double setup = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto sets = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t entries = 0;
  for (auto _ : state) {
    RrCollection collection;
    sampler.extend(collection, sets);
    entries = collection.entries();
    benchmark::DoNotOptimize(collection.offsets.data());
  }
  state.counters["sets_per_s"] = benchmark::Counter(static_cast<double>(sets), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["mean_size"] = static_cast<double>(entries) / static_cast<double>(sets);
  state.counters["setup_ms"] = setup * 1e3;
}

}  // namespace

int main(int argc, char** argv) {
  std::unique_ptr<tbb::global_control> limit;
  if (const char* threads = std::getenv("KUCHIKOMI_RR_BENCH_THREADS"))
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism, std::stoul(threads));
  for (const std::string& path : graph_paths())
    for (auto model : {DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold}) {
      const std::string name = path.substr(path.find_last_of('/') + 1) + "/" + diffusion_model_name(model);
      benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& s) { sample(s, path, model); })
          ->Arg(200'000)
          ->Unit(benchmark::kMillisecond)
          ->MinTime(1.0);
    }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
