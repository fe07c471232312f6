// What an experiment stores per cell, and the two files that hold it under the output folder:
//
//   results.h5   /cell_ids (strings, grid order); /cells/<id>/ one group per cell with the full
//                configuration as attributes ("config" is the canonical text whose hash is <id>;
//                resume compares it), datasets seeds (labels), seed_ids, spread_curve (the
//                algorithm's own estimate after 1..k seeds); /cells/<id>/eval<j>/ per evaluation
//                model: attributes model, runs, mean, stddev, ci95_low, ci95_high, seconds and
//                datasets new_per_step, cumulative_per_step, histogram_edges, histogram_counts.
//   results.csv  tidy: one row per cell and evaluation model (one row per cell unless the
//                experiment evaluates under several models).
// Both are replaced atomically (io/atomic_output.hpp) after every cell, rewritten whole from the
// cells in memory: libhdf5 never opens an existing file (io/hdf5_reader.hpp reads them).
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kuchikomi/core/types.hpp"

namespace kuchikomi {

struct CellEvaluation {
  std::string model;                   // "ic", "lt", "ic:3"
  std::uint64_t runs = 0;
  double mean = 0, stddev = 0, ci95_low = 0, ci95_high = 0, seconds = 0;
  std::vector<double> new_per_step, cumulative_per_step;
  std::vector<std::uint64_t> histogram_edges, histogram_counts;
};

struct CellResult {
  std::string id;                      // 16 hex digits of a hash of `config`
  std::string config;                  // canonical text of the cell's full configuration
  std::string graph, graph_identity, model, algorithm;
  std::uint64_t nodes = 0, edges = 0;
  std::uint32_t k = 0, repetition = 0;
  std::uint64_t rng_seed = 0;
  int threads = 0;
  double epsilon = 0;                  // IMM / OPIM-C only, else 0
  std::uint64_t mc_runs = 0;           // greedy / CELF / CELF++ only, else 0
  std::vector<std::string> seeds;      // labels, ranked
  std::vector<NodeId> seed_ids;
  std::vector<double> spread_curve;    // algorithm's own estimate
  double estimated_spread = 0;
  std::string guarantee;
  double select_seconds = 0;
  std::uint64_t peak_rss_bytes = 0;    // process RSS high-water mark during selection (graph included)
  std::uint64_t rr_sets = 0, rr_memory_bytes = 0;
  std::vector<CellEvaluation> evaluations;
};

// 64-bit FNV-1a of the text, as 16 lower-case hex digits.
std::string cell_hash(const std::string& text);

// Writes both files atomically (results.h5 and results.csv in `folder`).
void write_experiment_results(const std::filesystem::path& folder, const std::string& experiment,
                              const std::string& ini_text, const std::vector<CellResult>& cells);
// Records one more computed cell: `cells` is every cell to list, in the order wanted, `cell` among
// them; both files are rewritten from them (the old results.h5 is never opened for update).
void append_experiment_result(const std::filesystem::path& folder, const std::string& experiment,
                              const std::string& ini_text, const CellResult& cell, const std::vector<CellResult>& cells);
// Reads results.h5 back (empty when the file does not exist). Throws InputError when it is not a
// results file.
// `ini_text`, when given, receives the experiment file text stored with the results.
std::vector<CellResult> read_experiment_results(const std::filesystem::path& folder, std::string* ini_text = nullptr);

// The CSV text (header + rows), as written to results.csv.
std::string experiment_results_csv(const std::string& experiment, const std::vector<CellResult>& cells);

}  // namespace kuchikomi
