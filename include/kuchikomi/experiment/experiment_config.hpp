// An experiment: a grid of graphs x diffusion models x algorithms x k values x repetitions (x thread
// counts), read from an .ini file in Boost.Program_options config-file syntax:
//
//   name = algorithms                     # optional (default: the file's stem); one folder name:
//                                         # letters, digits, - _ . (not . or ..)
//   output = results/algorithms           # optional (default: results/NAME beside the .ini)
//   [grid]
//   graphs = quantum, nethept             # default: every [graph.*] section, in file order
//   models = ic, lt                       # ic, lt, ic:T / lt:T (deadline of T rounds)
//   algorithms = imm, opim-c, degree      # names as in `kuchikomi select --algo`
//   k = 1, 10, 50
//   repetitions = 2                       # repetition r selects with rng seed (rng-seed + r)
//   rng-seed = 1
//   threads = 0                           # list; 0 = all cores
//   epsilon = 0.1  ell = 1  delta = 0  mc-runs = 1000   (for every algorithm that reads them)
//   [evaluation]                          # the yardstick every seed set is judged by
//   runs = 10000
//   rng-seed = 1000003                    # one seed for all cells: common random numbers
//   models = ic, lt, ic:3                 # default: the cell's own selection model
//   [graph.NAME]
//   path = ../graphs/quantum_community.csv   # relative to the .ini's folder, else to the working dir
//   format = auto                         # auto | h5 | edge-list | log | rmat | powerlaw
//   prob = wc                             # probability model (graph build --prob); .h5: re-assigned if given
//   direction = reverse  columns = auto   # edge lists (graph import)
//   action-weight = answer=1              # logs, repeatable (graph build --action-weight)
//   nodes = 65536  edges = 1048576  gamma = 2.1  seed = 1   # generators (seed also for trivalency)
//   [algorithm.NAME]                      # per-algorithm overrides
//   epsilon = 0.3  mc-runs = 200  graphs = quantum  max-k = 50
//
// Settings: each algorithm reads only its own (selection/algorithms.hpp: IMM epsilon and ell, OPIM-C
// epsilon and delta, greedy / CELF / CELF++ mc-runs, heuristics none) and starts from its own
// defaults (epsilon: IMM 0.5, OPIM-C 0.1; ell 1; delta 0 = 1/n; mc-runs 1000 here). A setting in
// [grid] applies to every algorithm of the grid that reads it: `epsilon = 0.1` there holds IMM and
// OPIM-C to the same (1-1/e-0.1) target, which is the fair comparison of the two. An
// [algorithm.NAME] section overrides [grid] and may only set what NAME reads.
//
// Every problem (unknown key or section, bad number, undefined graph, missing file, a setting out of
// range wherever it is written, in [grid] even when no algorithm of the grid reads it, a setting in
// [algorithm.NAME] that NAME does not read) is an InputError naming the .ini file and line, raised
// when the file is read.
#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"

namespace kuchikomi {

struct ExperimentGraph {
  std::string name;
  std::string format = "auto";         // as written; "auto" is resolved by read_experiment_config
  std::string path;                    // as written (identity); empty for generators
  std::filesystem::path resolved_path; // where the file was found
  std::uint64_t file_size = 0;
  std::string prob;                    // empty = format default (wc; .h5 keeps its own)
  std::string direction = "reverse";
  std::string columns = "auto";
  std::vector<std::string> action_weights;
  std::uint64_t nodes = 0, edges = 0;
  double gamma = 2.1;
  std::uint64_t seed = 1;
  int line = 0;                        // of the section header, for messages
  // Canonical text of everything that determines the graph (part of each cell's identity).
  std::string identity() const;
};

struct ExperimentModel {
  std::string text;                    // "ic", "lt", "ic:3"
  DiffusionModelKind kind = DiffusionModelKind::kIndependentCascade;
  std::uint32_t max_steps = 0;
};

struct ExperimentAlgorithm {
  std::string name;
  double epsilon = 0.5, ell = 1.0, delta = 0.0;  // read_experiment_config sets the algorithm's own default epsilon
  std::uint64_t mc_runs = 1000;
  std::vector<std::string> graphs;     // empty = all graphs of the grid
  std::uint32_t max_k = 0;             // 0 = every k
  // The knobs this algorithm reads, canonically ("epsilon=0.5;ell=1"), for the cell identity.
  std::string knobs() const;
};

struct ExperimentConfig {
  std::string name;
  std::filesystem::path ini_path;
  std::filesystem::path output_dir;
  std::vector<ExperimentGraph> graphs;       // in grid order
  std::vector<ExperimentModel> models;
  std::vector<ExperimentAlgorithm> algorithms;
  std::vector<std::uint32_t> k_values;
  std::uint32_t repetitions = 1;
  std::uint64_t rng_seed = 1;
  std::vector<int> threads{0};
  std::uint64_t evaluation_runs = 10'000;
  std::uint64_t evaluation_seed = 1'000'003;
  std::vector<ExperimentModel> evaluation_models;  // empty = the cell's selection model
};

// "ic", "lt", "ic:T", "lt:T" -> model; throws UsageError otherwise.
ExperimentModel parse_experiment_model(const std::string& text);

// Reads and checks an experiment file (see above). Relative graph paths are looked up beside the
// .ini first, then in the working directory.
ExperimentConfig read_experiment_config(const std::filesystem::path& ini_path);
// The same for the file's text held in memory: `ini_path` still names it in messages and is where
// relative paths are looked up (graph files are checked on disk as above).
ExperimentConfig parse_experiment_config(std::string_view text, const std::filesystem::path& ini_path);

}  // namespace kuchikomi
