// Every subcommand of the `kuchikomi` executable. Each lives in its own cmd_*.cpp file and receives
// the arguments after its name. Return value: process exit code (see cli_common.hpp).
#pragma once
#include <string>
#include <vector>

namespace kuchikomi::cli {

using Args = std::vector<std::string>;

int graph_build(const Args& args);     // interaction log -> graph.h5
int graph_import(const Args& args);    // edge list -> graph.h5
int graph_export(const Args& args);    // graph -> edge list, CSV or GraphML
int graph_info(const Args& args);      // summary of a graph
int graph_generate(const Args& args);  // synthetic R-MAT / power-law graphs
int graph_learn(const Args& args);     // adoption log -> learned probabilities
int validate(const Args& args);        // graphs vs held-out real cascades
int simulate(const Args& args);        // Monte Carlo IC / LT
int select(const Args& args);          // seed selection
int experiment_run(const Args& args);  // experiment grid -> results.h5 + results.csv
int report(const Args& args);          // HTML report of a results file
int users(const Args& args);           // users of a log profiled, tiers, segment lists

}  // namespace kuchikomi::cli
