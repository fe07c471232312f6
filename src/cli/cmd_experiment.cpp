// `kuchikomi experiment run FILE.ini`: runs an experiment grid (library: experiment/experiment_runner.hpp)
// and writes results.h5 + results.csv under the experiment's output folder, resuming where an earlier
// run stopped.
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/experiment/experiment_runner.hpp"

namespace kuchikomi::cli {

int experiment_run(const Args& args) {
  return run_guarded("experiment run", [&]() -> int {
    po::options_description options("experiment run");
    CommonOptions common;
    std::string ini, output;
    options.add_options()
        ("ini", po::value(&ini)->required(), "experiment file (.ini, Program_options config syntax)")
        ("output", po::value(&output), "results folder (default: from the .ini, else results/NAME beside it)")
        ("force", "recompute every cell, even those already in the results file")
        ("dry-run", "list the cells and what would be computed, then stop");
    add_common_options(options, common, kQuiet);
    po::positional_options_description positional;
    positional.add("ini", 1);
    po::variables_map vm;
    if (auto code = parse_command_line(args, "kuchikomi experiment run EXPERIMENT.ini [--force] [--output DIR]", options,
                                       positional, vm))
      return *code;
    ExperimentConfig config = read_experiment_config(ini);
    if (vm.count("output")) config.output_dir = output;
    ExperimentRunOptions run;
    run.force = vm.count("force") > 0;
    run.dry_run = vm.count("dry-run") > 0;
    if (!common.quiet) run.progress = [](const std::string& line) { std::cerr << printable(line) << std::endl; };  // names from the .ini
    const ExperimentRunSummary summary = run_experiment(config, run);
    if (!common.quiet && !run.dry_run)
      std::cout << "wrote " << printable((config.output_dir / "results.h5").string()) << " and "
                << printable((config.output_dir / "results.csv").string()) << " (" << summary.cells << " cells: " << summary.computed
                << " computed, " << summary.reused << " reused)\n";
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
