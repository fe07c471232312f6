// `kuchikomi graph info GRAPH`: the summary of graph/graph_summary.hpp as a text table or JSON.
// GRAPH is a kuchikomi .h5 file or a raw edge list (imported on the fly by load_graph with the
// default probability model), so a SNAP download can be inspected before it is imported.
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/report/graph_report.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph info GRAPH [--top N] [--json]\n\n"
    "GRAPH: a kuchikomi graph file (.h5) or an edge list (imported with --prob, default wc).\n"
    "Weights are summed interaction weights (how much a user acts on others / is acted on).";

}  // namespace

int graph_info(const Args& args) {
  CommonOptions common;
  Count<std::size_t> top{10};
  po::options_description options("graph info");
  add_common_options(options, common, kGraph | kProb | kJson, kGraph);
  options.add_options()("top", po::value(&top)->default_value(top), "users listed per ranking");
  po::positional_options_description positional;
  positional.add("graph", 1);
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph info", [&]() -> int {
    const InfluenceGraph graph = load_graph(common.graph, common.prob);
    const GraphSummary summary = summarize_graph(graph, top.value);
    const GraphRecords records = read_graph_records(common.graph);
    if (common.json) std::cout << graph_summary_json(common.graph, summary, graph, records) << "\n";
    else std::cout << graph_summary_text(common.graph, summary, graph, records);
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
