// Ingestion throughput: lines/s and MB/s (of decompressed text) for the largest shared edge lists,
// split into gzip decompression alone, parsing alone (from the in-memory buffer), both together,
// and the full import (parse + aggregate + WC probabilities). Plus the CSV interaction-log parser
// on the bundled Stack Exchange log repeated to ~1M rows.
#include <benchmark/benchmark.h>

#include <string>

#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/interaction_log.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace {

using namespace kuchikomi;

std::string dataset(const char* relative) { return std::string(KUCHIKOMI_SHARED_DIR) + "/datasets/" + relative; }

void set_counters(benchmark::State& state, std::uint64_t lines, std::size_t bytes) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * lines));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
  state.counters["lines"] = static_cast<double>(lines);
}

std::uint64_t count_lines(const std::string& text) {
  std::uint64_t n = 0;
  for (char c : text) n += c == '\n';
  return n;
}

void BM_Decompress(benchmark::State& state, const char* file) {
  const std::string path = dataset(file);
  std::size_t bytes = 0;
  std::uint64_t lines = 0;
  for (auto _ : state) {
    std::string text = read_text_input(path);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
    state.PauseTiming();
    if (lines == 0) lines = count_lines(text);
    state.ResumeTiming();
  }
  set_counters(state, lines, bytes);
}

void BM_ParseOnly(benchmark::State& state, const char* file) {
  const std::string path = dataset(file);
  const std::string text = read_text_input(path);
  std::uint64_t lines = 0;
  for (auto _ : state) {
    ParsedInput parsed;
    parse_edge_list(text, path, EdgeListOptions{}, parsed);
    lines = parsed.summary.lines_read;
    benchmark::DoNotOptimize(parsed.records.data());
  }
  set_counters(state, lines, text.size());
}

void BM_DecompressAndParse(benchmark::State& state, const char* file) {
  const std::string path = dataset(file);
  const std::size_t bytes = read_text_input(path).size();
  std::uint64_t lines = 0;
  for (auto _ : state) {
    ParsedInput parsed;
    read_edge_list(path, EdgeListOptions{}, parsed);
    lines = parsed.summary.lines_read;
    benchmark::DoNotOptimize(parsed.records.data());
  }
  set_counters(state, lines, bytes);
}

void BM_FullImportWc(benchmark::State& state, const char* file) {
  const std::string path = dataset(file);
  const std::size_t bytes = read_text_input(path).size();
  const ProbabilityModel wc = parse_probability_model("wc");
  std::uint64_t lines = 0;
  for (auto _ : state) {
    IngestResult r = import_edge_lists({path}, EdgeListOptions{}, wc, 1);
    lines = r.summary.lines_read;
    benchmark::DoNotOptimize(r.graph.out_prob.data());
  }
  set_counters(state, lines, bytes);
}

void BM_ParseInteractionLog(benchmark::State& state) {
  // Benchmarks get no source-dir macro; CMake passes this file's absolute path as __FILE__.
  const std::string self = __FILE__;
  const std::string path = self.substr(0, self.rfind("/benchmarks/")) + "/graphs/quantum_community.csv";
  const std::string one = read_text_input(path);
  const std::string body = one.substr(one.find('\n') + 1);
  std::string text = one;
  for (int i = 0; i < 224; ++i) text += body;  // ~1M rows, string labels, quoted-field aware
  std::uint64_t lines = 0;
  for (auto _ : state) {
    ParsedInput parsed;
    parse_interaction_log(text, path, InteractionLogOptions{}, parsed);
    lines = parsed.summary.lines_read;
    benchmark::DoNotOptimize(parsed.records.data());
  }
  set_counters(state, lines, text.size());
}

}  // namespace

BENCHMARK_CAPTURE(BM_Decompress, sx_mathoverflow, "sx-mathoverflow/sx-mathoverflow.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParseOnly, sx_mathoverflow, "sx-mathoverflow/sx-mathoverflow.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DecompressAndParse, sx_mathoverflow, "sx-mathoverflow/sx-mathoverflow.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FullImportWc, sx_mathoverflow, "sx-mathoverflow/sx-mathoverflow.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Decompress, soc_epinions1, "soc-Epinions1/soc-Epinions1_edgelist.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_ParseOnly, soc_epinions1, "soc-Epinions1/soc-Epinions1_edgelist.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_DecompressAndParse, soc_epinions1, "soc-Epinions1/soc-Epinions1_edgelist.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FullImportWc, soc_epinions1, "soc-Epinions1/soc-Epinions1_edgelist.txt.gz")->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseInteractionLog)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
