// `kuchikomi graph generate`: synthetic R-MAT or power-law influence graph (.h5) for scaling work,
// or an undirected configuration-model graph for checks against exact percolation results.
// Models, node-id conventions and determinism are documented in graph/generators.hpp; here the
// command line is checked, probabilities are assigned with --prob (every edge has interaction
// weight 1, so wc gives 1/in-degree) and the file is written atomically.
#include <chrono>

#include "cli_common.hpp"
#include "commands.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/output_paths.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph generate --kind rmat|powerlaw --nodes N --edges M --rng-seed S --out GRAPH.h5 [options]\n"
    "       kuchikomi graph generate --kind config --nodes N --degrees SPEC --rng-seed S --out GRAPH.h5 [options]\n\n"
    "rmat, powerlaw: draws M directed edges on N nodes, each from its own random stream (same seed,\n"
    "same graph, any thread count). Self-loops are dropped and repeated pairs kept once, so the graph\n"
    "has at most M edges (the number kept is reported). Every edge has interaction weight 1; --prob\n"
    "sets the probabilities. Labels are the node ids 0..N-1; low ids are the hubs.\n"
    "  rmat      Chakrabarti et al. SDM 2004, quadrant probabilities a, b, c, d = 1-a-b-c. N need not\n"
    "            be a power of two: edges falling outside 0..N-1 are redrawn.\n"
    "  powerlaw  directed Chung-Lu graph with degree exponent --exponent (P(deg >= d) ~ d^-(gamma-1)).\n"
    "  config    undirected configuration model (Molloy-Reed; Newman, Strogatz, Watts 2001): each node\n"
    "            draws its degree from --degrees, stubs are paired at random and each pair becomes two\n"
    "            arcs u->v, v->u; self-loops and repeated pairs are erased (reported). --degrees is\n"
    "            poisson:MEAN or powerlaw-cutoff:TAU,KAPPA (p_k ~ k^-TAU e^(-k/KAPPA), k >= 1). With\n"
    "            --prob uniform:P, IC on it is bond percolation with occupation P (Newman 2002).";

}  // namespace

int graph_generate(const Args& args) {
  std::string kind, out, degrees_text;
  Count64 nodes_option, edges_option;
  CommonOptions common;
  RmatParameters rmat;
  double gamma = 2.1;
  po::options_description options("graph generate");
  add_common_options(options, common, kProb | kRngSeed | kJson, kRngSeed);
  options.add_options()
      ("kind", po::value<std::string>(&kind)->required(), "rmat, powerlaw or config")
      ("nodes", po::value(&nodes_option)->required(), "number of nodes N (1 .. 2^32-2)")
      ("edges", po::value(&edges_option), "rmat, powerlaw: number of edges M drawn (kept: <= M)")
      ("degrees", po::value<std::string>(&degrees_text), "config: poisson:MEAN or powerlaw-cutoff:TAU,KAPPA")
      ("out,o", po::value<std::string>(&out)->required(), "output graph file (.h5)")
      ("rmat-a", po::value<double>(&rmat.a)->default_value(0.57, "0.57"), "R-MAT top-left quadrant probability")
      ("rmat-b", po::value<double>(&rmat.b)->default_value(0.19, "0.19"), "R-MAT top-right quadrant probability")
      ("rmat-c", po::value<double>(&rmat.c)->default_value(0.19, "0.19"), "R-MAT bottom-left quadrant probability")
      ("rmat-noise", po::value<double>(&rmat.noise)->default_value(0.0, "0"), "R-MAT per-level noise in [0, 1)")
      ("exponent", po::value<double>(&gamma)->default_value(2.1, "2.1"), "power-law degree exponent gamma (> 1)");
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, {}, vm)) return *code;

  return run_guarded("graph generate", [&]() -> int {
    const std::uint64_t nodes = nodes_option.value, edges = edges_option.value, seed = common.rng_seed.value;
    if (kind != "rmat" && kind != "powerlaw" && kind != "config")
      throw po::error("--kind must be rmat, powerlaw or config, got '" + kind + "'");
    const bool config = kind == "config";
    if (nodes < 1 || nodes >= kNoNode) throw po::error("--nodes must be between 1 and 4294967294");
    if (config && vm.count("edges"))
      throw po::error("--edges does not apply to --kind config: the degree distribution (--degrees) sets the edges");
    if (!config && !vm.count("edges")) throw po::error("--kind " + kind + " needs --edges M");
    if (config && !vm.count("degrees"))
      throw po::error("--kind config needs --degrees poisson:MEAN or powerlaw-cutoff:TAU,KAPPA");
    if (!config && vm.count("degrees")) throw po::error("--degrees applies to --kind config only");
    if (kind != "powerlaw" && !vm["exponent"].defaulted()) throw po::error("--exponent applies to --kind powerlaw only");
    if (kind != "rmat")
      for (const char* name : {"rmat-a", "rmat-b", "rmat-c", "rmat-noise"})
        if (!vm[name].defaulted()) throw po::error(std::string("--") + name + " applies to --kind rmat only");
    const DegreeDistribution degrees = config ? parse_degree_distribution(degrees_text) : DegreeDistribution{};
    const ProbabilityModel model = parse_probability_model(common.prob);
    if (model.kind == ProbabilityModel::Kind::kConstFromFile)
      throw po::error("--prob const-from-file needs probabilities from an input file; generated graphs have none");

    check_output_paths({}, {{"--out", out}});  // no inputs: kept so that a new input option is checked too
    { AtomicOutput check(out); }  // fail on an unwritable destination before the generation work
    const auto start = std::chrono::steady_clock::now();
    const std::string flags = config ? "--degrees" : kind == "powerlaw" ? "--exponent" : "--rmat-a, --rmat-b, --rmat-c, --rmat-noise";
    InfluenceGraph graph = as_flag_error(flags, [&] {  // the generator's parameters are command-line values
      if (config) return generate_configuration_model(static_cast<NodeId>(nodes), degrees, seed);
      return kind == "rmat" ? generate_rmat(static_cast<NodeId>(nodes), edges, seed, rmat)
                            : generate_powerlaw(static_cast<NodeId>(nodes), edges, seed, gamma);
    });
    const double generate_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    assign_probabilities(graph, model, seed);
    graph.provenance.command_line = command_line_text("graph generate", args);
    write_graph_file(graph, out);
    const double total_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    // Directed edges drawn: M for rmat/powerlaw, the stub total (two arcs per stub pair) for config.
    const std::uint64_t drawn = config ? graph.provenance.interactions : edges;
    const std::uint64_t loops = graph.provenance.self_loops_dropped;
    const std::uint64_t merged = drawn - loops - graph.num_edges();
    nlohmann::json summary{
        {"output", out},
        {"kind", kind},
        {"nodes", graph.num_nodes()},
        {"edges", graph.num_edges()},
        {"self_loops_dropped", loops},
        {"duplicates_merged", merged},
        {"probability_model", graph.provenance.probability_model},
        {"rng_seed", seed},
        {"source", graph.provenance.source},
        {"generate_seconds", generate_seconds},
        {"total_seconds", total_seconds},
    };
    if (config) {
      // Arc counts above (symmetric: two per undirected edge); the undirected counts here.
      summary["degrees"] = degrees.text();
      summary["arcs_drawn"] = drawn;
      summary["undirected_edges"] = graph.num_edges() / 2;
      summary["self_loops"] = loops / 2;
      summary["multi_edges_merged"] = merged / 2;
    } else {
      summary["edges_requested"] = edges;
    }
    if (common.json) {
      print_json(summary);
    } else {
      std::cout << "wrote " << out << ": " << graph.provenance.source << "\n";
      if (config)
        std::cout << "  nodes " << graph.num_nodes() << ", arcs " << graph.num_edges() << " kept of " << drawn
                  << " drawn (" << graph.num_edges() / 2 << " undirected edges of " << drawn / 2 << " stub pairs; erased "
                  << loops / 2 << " self-loops and " << merged / 2 << " repeated pairs)\n";
      else
        std::cout << "  nodes " << graph.num_nodes() << ", edges " << graph.num_edges() << " kept of " << edges
                  << " drawn (" << loops << " self-loops, " << merged << " repeated pairs dropped)\n";
      std::cout << "  probabilities " << graph.provenance.probability_model << ", generated in " << generate_seconds
                << " s, total " << total_seconds << " s\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
