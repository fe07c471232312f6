// `kuchikomi graph learn`: influence probabilities learned from an adoption log
// (learning/influence_learning.hpp), written as a graph file with its /learning record.
//
// Order of checks: command line (exit 2), then the output destination, the graph, the log and the
// split (exit 1), all before the learning, so bad input never leaves a file.
#include <cmath>
#include <iostream>

#include "adoption_report.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/graph_report.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph learn --graph GRAPH --adoptions LOG.csv --method bernoulli|jaccard|partial-credit|em\n"
    "                            --out LEARNED.h5 [--window SECONDS] [--until T | --train-items FILE]\n"
    "                            [--prior zero|const:P|wc:S] [--model ic|lt] [--tolerance E] [--max-iterations N]\n"
    "                            [--threads T] [--json]\n\n"
    "Estimates the influence probability of every edge of GRAPH from what actually spread: the adoption\n"
    "log (CSV with header user,item,time; time in unix seconds or ISO 8601) says who adopted which item\n"
    "when. u is a potential parent of v's adoption when u -> v is an edge and u adopted the item earlier\n"
    "(within --window seconds when given). Methods:\n"
    "  bernoulli       A_u2v / A_u (items v adopted after u / items u adopted)   Goyal et al., WSDM 2010\n"
    "  jaccard         A_u2v / A_u|v (items either adopted)                       Goyal et al., WSDM 2010\n"
    "  partial-credit  each of the |S| potential parents gets 1/|S|, / A_u       Goyal et al., WSDM 2010\n"
    "  em              maximum-likelihood IC probabilities by EM                  Saito et al., KES 2008\n"
    "Training items: all, or those first adopted before --until T, or those listed in --train-items\n"
    "(validate the rest with `kuchikomi validate --since T` or --test-items). Edges without evidence get\n"
    "--prior. --model lt divides the in-probabilities of users whose in-sum exceeds 1 by that sum.\n"
    "The output is a graph file like any other (probability model learned:METHOD) plus /learning:\n"
    "the settings, the split and per-edge evidence (trials, successes).";

}  // namespace

int graph_learn(const Args& args) {
  std::string adoptions_path, method_name, out, window_text_arg, until_text, train_items, prior_text, model_name;
  CommonOptions common;
  double tolerance = 0;
  Count32 max_iterations{10'000};
  po::options_description options("graph learn");
  add_common_options(options, common, kGraph | kProb | kThreads | kJson, kGraph);
  options.add_options()
      ("adoptions,a", po::value<std::string>(&adoptions_path)->required(), "adoption log: CSV user,item,time (.gz ok)")
      ("method", po::value<std::string>(&method_name)->required(), "bernoulli, jaccard, partial-credit or em")
      ("out,o", po::value<std::string>(&out)->required(), "learned graph file (.h5)")
      ("window", po::value<std::string>(&window_text_arg), "seconds within which a follower counts (default: any time later)")
      ("until", po::value<std::string>(&until_text), "train on items first adopted before T (unix seconds or ISO 8601)")
      ("train-items", po::value<std::string>(&train_items), "train on the items listed in FILE (one per line)")
      ("prior", po::value<std::string>(&prior_text)->default_value("zero"), "edges without evidence: zero, const:P or wc:S")
      ("model", po::value<std::string>(&model_name)->default_value("ic"), "ic, or lt: cap every user's in-sum at 1")
      ("tolerance", po::value<double>(&tolerance)->default_value(1e-6), "em: stop when no probability moves more than this")
      ("max-iterations", po::value(&max_iterations)->default_value(max_iterations), "em: at most this many steps");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph learn", [&]() -> int {
    // Command line (exit 2).
    if (!until_text.empty() && !train_items.empty()) throw po::error("--until and --train-items exclude each other");
    LearningOptions learning;
    learning.method = parse_learning_method(method_name);
    learning.prior = parse_prior(prior_text);
    learning.model = parse_diffusion_model(model_name);
    if (vm.count("window")) learning.window = parse_window_option(window_text_arg);
    if (!(tolerance > 0) || !std::isfinite(tolerance)) throw po::error("--tolerance must be a positive number");
    if (max_iterations.value < 1) throw po::error("--max-iterations must be between 1 and 4294967295");
    learning.em = {tolerance, max_iterations.value};
    const bool by_time = !until_text.empty();
    const double until = by_time ? parse_time_option(until_text, "until") : 0.0;
    const ThreadLimit threads = thread_limit(common);

    // Inputs (exit 1).
    { AtomicOutput check(out); }  // an unwritable destination fails before the work
    const InfluenceGraph graph = load_graph(common.graph, common.prob);
    const AdoptionLog log = read_adoption_log(adoptions_path);
    TrainingSplit split;
    if (by_time) split.until = until;
    split.items_file = train_items;
    LearnedInfluence learned = learn_from_adoption_log(graph, common.graph, log, adoptions_path, split, learning);
    const GraphAdoptions mapped = map_to_graph(log, graph, common.graph);  // for the summary
    LearningRecord& r = learned.record;
    r.command_line = command_line_text("graph learn", args);
    learned.graph.provenance.command_line = r.command_line;
    write_learned_graph(learned, out);

    if (common.json) {
      print_json({{"output", out},
                  {"graph", common.graph},
                  {"nodes", graph.num_nodes()},
                  {"adoption_log", adoption_log_json(log, mapped)},
                  {"learning", nlohmann::json::parse(learning_record_json(r))}});
    } else {
      std::cout << "learned " << r.method << " probabilities for " << common.graph << " (" << graph.num_nodes()
                << " users, " << graph.num_edges() << " edges)\n"
                << adoption_log_text(log, mapped) << learning_record_text(r) << "wrote " << out << "\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
