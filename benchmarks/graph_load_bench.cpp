// Graph file load speed (MB/s of HDF5 read + validation) against re-parsing the source, and
// generator throughput (edges/s) for R-MAT and power-law at 1 and all threads.
//
//   graph_load_bench [--benchmark_filter=...]
// Temporary files go to $TMPDIR (default /tmp) and are removed at exit.
#include <benchmark/benchmark.h>
#include <tbb/task_arena.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <string>

#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_source.hpp"

using namespace kuchikomi;
namespace fs = std::filesystem;

namespace {

const fs::path kShared = KUCHIKOMI_SHARED_DIR;
const fs::path kEpinions = kShared / "datasets/soc-Epinions1/soc-Epinions1_edgelist.txt.gz";

fs::path temp_file(const std::string& name) {
  return fs::temp_directory_path() / ("kuchikomi_bench_" + std::to_string(::getpid()) + "_" + name);
}

struct TempFiles {
  std::map<std::string, fs::path> files;
  ~TempFiles() {
    for (auto& [name, file] : files) fs::remove(file);
  }
};
TempFiles temp_files;

// R-MAT with 2^20 nodes and 5.5M drawn edges (about 5M kept), wc probabilities, written once.
const fs::path& rmat_file() {
  auto& file = temp_files.files["rmat"];
  if (file.empty()) {
    file = temp_file("rmat5m.h5");
    auto g = generate_rmat(1 << 20, 5'500'000, 1);
    assign_probabilities(g, parse_probability_model("wc"), 1);
    write_graph_file(g, file.string());
  }
  return file;
}

// soc-Epinions1 (largest shared edge list, 508,837 lines) imported once into a graph file.
const fs::path& epinions_file() {
  auto& file = temp_files.files["epinions"];
  if (file.empty()) {
    file = temp_file("epinions.h5");
    write_graph_file(load_graph(kEpinions.string()), file.string());
  }
  return file;
}

void load(benchmark::State& state, const fs::path& file) {
  const auto bytes = fs::file_size(file);
  EdgeId edges = 0;
  for (auto _ : state) {
    auto g = read_graph_file(file.string());
    edges = g.num_edges();
    benchmark::DoNotOptimize(g.out_targets.data());
  }
  state.counters["file_MB"] = static_cast<double>(bytes) / 1e6;
  state.counters["edges"] = static_cast<double>(edges);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["edges/s"] = benchmark::Counter(static_cast<double>(edges), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_LoadRmat5M(benchmark::State& state) { load(state, rmat_file()); }
BENCHMARK(BM_LoadRmat5M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_WriteRmat5M(benchmark::State& state) {
  const auto g = read_graph_file(rmat_file().string());
  const auto file = temp_file("write.h5");
  for (auto _ : state) write_graph_file(g, file.string());
  const auto bytes = fs::file_size(file);
  fs::remove(file);
  state.counters["MB/s"] = benchmark::Counter(static_cast<double>(bytes) / 1e6, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_WriteRmat5M)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LoadEpinionsH5(benchmark::State& state) {
  if (!fs::exists(kEpinions)) return state.SkipWithError("shared soc-Epinions1 dataset not found");
  load(state, epinions_file());
}
BENCHMARK(BM_LoadEpinionsH5)->Unit(benchmark::kMillisecond)->UseRealTime();

// The alternative to a graph file: parse the gzip'd edge list and build the graph every time.
void BM_ParseEpinionsEdgeList(benchmark::State& state) {
  if (!fs::exists(kEpinions)) return state.SkipWithError("shared soc-Epinions1 dataset not found");
  EdgeId edges = 0;
  for (auto _ : state) {
    auto g = load_graph(kEpinions.string());
    edges = g.num_edges();
    benchmark::DoNotOptimize(g.out_targets.data());
  }
  state.counters["source_MB"] = static_cast<double>(fs::file_size(kEpinions)) / 1e6;
  state.counters["edges/s"] = benchmark::Counter(static_cast<double>(edges), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ParseEpinionsEdgeList)->Unit(benchmark::kMillisecond)->UseRealTime();

// Generation only (no probabilities, no file): state.range(0) edges drawn, range(1) threads (0 = all).
template <bool Rmat>
void BM_Generate(benchmark::State& state) {
  const auto edges = static_cast<EdgeId>(state.range(0));
  const int threads = state.range(1) == 0 ? tbb::task_arena::automatic : static_cast<int>(state.range(1));
  tbb::task_arena arena(threads);
  EdgeId kept = 0;
  std::uint64_t seed = 1;
  for (auto _ : state) {
    InfluenceGraph g;
    arena.execute([&] {
      g = Rmat ? generate_rmat(1 << 20, edges, seed) : generate_powerlaw(1'000'000, edges, seed);
    });
    kept = g.num_edges();
    ++seed;
  }
  state.counters["threads"] = arena.max_concurrency();
  state.counters["kept"] = static_cast<double>(kept);
  state.counters["drawn_edges/s"] = benchmark::Counter(static_cast<double>(edges), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Generate<true>)->Name("BM_GenerateRmat")->Args({10'000'000, 1})->Args({10'000'000, 0})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);
BENCHMARK(BM_Generate<false>)->Name("BM_GeneratePowerlaw")->Args({10'000'000, 1})->Args({10'000'000, 0})
    ->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
