// `kuchikomi graph import`: edge list (SNAP/KONECT text, CSV with a header), GraphML or GEXF (.gz
// ok) -> influence graph (.h5).
#include "cli_common.hpp"
#include "commands.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/output_paths.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph import --edges FILE --out GRAPH.h5 [--direction reverse|forward|both] [--skip-lines N] [--columns auto|u,v,...] "
    "[options]\n\n"
    "Imports a whitespace (or comma) separated edge list, '#' and '%' comment lines, or a GraphML or\n"
    "GEXF file (networkx, igraph, Gephi; recognised by its content), plain or gzip.\n"
    "Direction (for GraphML/GEXF, `u v` is a directed edge u -> v; undirected edges give both):\n"
    "  reverse (default)  `u v` means u acted on v's content (SNAP temporal sx-*, CollegeMsg,\n"
    "                     email-Eu-core): v influenced u, so the graph gets the edge v -> u.\n"
    "  forward            `u v` is already an influence edge u -> v (NetHEPT, IMM inputs).\n"
    "  both               undirected: each line gives u -> v and v -> u (NetPHY: add --skip-lines 1\n"
    "                     for its \"nodes edges\" first line).\n"
    "Columns: names for each field: u, v, w (weight), t (timestamp), p (probability), - (ignore).\n"
    "  A header row names them (source|src|srcid|u|from, target|dst|dstid|v|to, weight|w,\n"
    "  time|timestamp|ts|t, probability|prob|p; any case); other names are an error.\n"
    "  A header with commas makes the rest CSV (quoted labels may hold blanks and commas).\n"
    "  Without a header, auto (default), from the first data line: 2 fields u,v; 4 fields u,v,w,t;\n"
    "  3 fields u,v,t if the third is an integer or >= 1e8 (SNAP temporal: sx-*, CollegeMsg), else\n"
    "  u,v,w. A 3-column file with integer weights needs --columns u,v,w or a header. Without w\n"
    "  every line weighs 1, so repeated pairs count their interactions.";

}  // namespace

int graph_import(const Args& args) {
  std::vector<std::string> edges;
  std::string out, direction, columns;
  CommonOptions common;
  po::options_description options("graph import");
  add_common_options(options, common, kProb | kRngSeed | kJson);
  options.add_options()
      ("edges", po::value<std::vector<std::string>>(&edges)->composing(), "edge list, GraphML or GEXF file (repeatable; .gz ok)")
      ("out,o", po::value<std::string>(&out), "output graph file (.h5)")
      ("direction", po::value<std::string>(&direction)->default_value("reverse"),
       "reverse: `u v` = u acted on v, edge v->u; forward: edge u->v; both: undirected, both edges")
      ("skip-lines", po::value<Count64>()->default_value(Count64{0}), "skip the first N lines of each file (e.g. a count line)")
      ("columns", po::value<std::string>(&columns)->default_value("auto"), "auto, or e.g. u,v,t / u,v,w / u,v,w,t / u,v,p")
      ("since", po::value<std::string>(), "keep lines with timestamp >= this (unix seconds or ISO 8601; needs a t column)")
      ("until", po::value<std::string>(), "keep lines with timestamp < this (unix seconds or ISO 8601)")
      ("min-weight", po::value<double>()->default_value(0.0), "drop edges whose summed weight is below this")
      ("skip-bad-lines", po::bool_switch(), "skip malformed lines (counted and reported) instead of failing");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph import", [&]() -> int {
    if (edges.empty()) throw po::error("--edges FILE is required");
    if (out.empty()) throw po::error("--out FILE is required");
    EdgeListOptions options_in;
    const ProbabilityModel model = parse_probability_model(common.prob);
    options_in.direction = parse_edge_direction(direction);
    options_in.skip_lines = vm["skip-lines"].as<Count64>().value;
    check_edge_columns(columns);
    options_in.columns = columns;
    options_in.filters = ingest_filters_from(vm);

    std::vector<NamedPath> inputs;
    for (const auto& file : edges) inputs.push_back({"--edges", file});
    check_output_paths(inputs, {{"--out", out}});
    { AtomicOutput check(out); }  // fail on an unwritable destination before the parsing work
    const IngestResult result = import_edge_lists(edges, options_in, model, common.rng_seed.value,
                                                  command_line_text("graph import", args));
    write_graph_file(result.graph, out);
    print_ingest_summary(result, out, common.json);
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
