// `kuchikomi graph export GRAPH --format edgelist|csv|graphml --out FILE`: the influence graph in a
// format other tools read (io/graph_export.hpp), written whole or not at all.
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_export.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/output_paths.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph export GRAPH --format edgelist|csv|graphml --out FILE [--json]\n\n"
    "Writes every influence edge source -> target with its labels, summed weight and probability:\n"
    "  edgelist  `source target weight probability` lines after '#' comments (labels must hold no\n"
    "            blank or comma); networkx: read_edgelist(F, data=[(\"weight\", float), (\"probability\", float)])\n"
    "  csv       source,target,weight,probability with a header (pandas.read_csv)\n"
    "  graphml   labels as node ids, isolated users included, edge data weight, probability, count\n"
    "            (networkx.read_graphml, igraph, Gephi)\n"
    "Read back with: kuchikomi graph import --edges FILE --direction forward --prob const-from-file\n"
    "(edgelist also --columns u,v,w,p). GRAPH: a graph file (.h5), or anything graph import reads.";

}  // namespace

int graph_export(const Args& args) {
  std::string out, format;
  CommonOptions common;
  po::options_description options("graph export");
  add_common_options(options, common, kGraph | kProb | kJson, kGraph);
  options.add_options()
      ("format", po::value<std::string>(&format), "edgelist, csv or graphml")
      ("out,o", po::value<std::string>(&out), "output file");
  po::positional_options_description positional;
  positional.add("graph", 1);
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph export", [&]() -> int {
    if (format.empty()) throw po::error("--format edgelist|csv|graphml is required");
    if (out.empty()) throw po::error("--out FILE is required");
    const ExportFormat chosen = parse_export_format(format);
    check_output_paths({{"--graph", common.graph}}, {{"--out", out}});
    AtomicOutput output(out);  // an unwritable destination fails before the graph is read
    const InfluenceGraph graph = load_graph(common.graph, common.prob);
    const ExportSummary s = export_graph(graph, chosen, output);
    output.commit();
    const std::string read_back = std::string("kuchikomi graph import --edges ") + out +
                                  " --direction forward --prob const-from-file" +
                                  (chosen == ExportFormat::kEdgeList ? " --columns u,v,w,p" : "");
    if (common.json) {
      print_json({{"output", out}, {"format", format}, {"nodes", s.nodes}, {"edges", s.edges},
                  {"direction", "source -> target is an influence edge"},
                  {"isolated_nodes_left_out", s.isolated_nodes_left_out}, {"labels_replaced", s.labels_replaced},
                  {"read_back", read_back}});
      return kExitOk;
    }
    std::cout << "wrote " << printable(out) << " (" << format << "): " << s.nodes << " users, " << s.edges
              << " influence edges source -> target\n";
    if (s.isolated_nodes_left_out > 0)
      std::cout << "note: " << s.isolated_nodes_left_out << " users without edges are not in the file (graphml keeps them)\n";
    if (s.labels_replaced > 0)
      std::cout << "note: " << s.labels_replaced
                << " labels held characters XML cannot hold; they are written with U+FFFD in their place\n";
    std::cout << "read back with: " << printable(read_back) << "\n";
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
