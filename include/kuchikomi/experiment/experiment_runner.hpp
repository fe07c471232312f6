// Runs an experiment grid (experiment_config.hpp): for every cell, select seeds with run_selection,
// judge them with the one independent Monte Carlo yardstick (same evaluation rng seed and runs for
// every cell, stream domain kEvaluationRun: common random numbers across algorithms), and rewrite
// results.h5 / results.csv (experiment_results.hpp) after each computed cell.
//
// Resume: a cell whose canonical configuration text is already in results.h5 is reused, not
// recomputed (unless `force`). Cells of an earlier configuration that are no longer in the grid are
// dropped from the files.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kuchikomi/experiment/experiment_config.hpp"
#include "kuchikomi/experiment/experiment_results.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct ExperimentRunOptions {
  bool force = false;                                // recompute every cell
  bool dry_run = false;                              // only list the cells (progress) and return
  std::function<void(const std::string&)> progress;  // one line per cell (may be empty)
};

struct ExperimentRunSummary {
  std::size_t cells = 0;       // in the grid
  std::size_t computed = 0;    // selected and evaluated in this run
  std::size_t reused = 0;      // taken from the existing results file
  double seconds = 0;
  std::vector<CellResult> results;  // grid order, as written
};

// Builds (or loads) one graph of an experiment.
InfluenceGraph load_experiment_graph(const ExperimentGraph& spec);

// Creates the output folder if needed. Throws InputError on bad inputs (a graph that cannot be read,
// LT on a graph whose in-probabilities exceed 1, k larger than the graph), naming the cell; a setting
// the library refuses (UsageError) is an InputError naming the .ini, where it came from.
ExperimentRunSummary run_experiment(const ExperimentConfig& config, const ExperimentRunOptions& options = {});

}  // namespace kuchikomi
