// `kuchikomi graph learn`: influence probabilities learned from an adoption log
// (learning/influence_learning.hpp), written as a graph file with its /learning record.
//
// Order of checks: command line (exit 2), then the output destination, the graph, the log and the
// split (exit 1), all before the learning, so bad input never leaves a file.
#include <tbb/global_control.h>

#include <cmath>
#include <iomanip>
#include <iostream>
#include <optional>
#include <sstream>

#include "adoption_report.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/learning/graph_records.hpp"

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

std::string window_text(double window) {
  if (!std::isfinite(window)) return "none (any earlier adoption)";
  std::ostringstream out;
  out << window << " s";
  return out.str();
}

nlohmann::json record_json(const LearningRecord& r) {
  nlohmann::json j{{"method", r.method},
                   {"prior", r.prior},
                   {"model", r.model},
                   {"window", std::isfinite(r.window) ? nlohmann::json(r.window) : nlohmann::json(nullptr)},
                   {"split", r.split},
                   {"training_items", r.training_items},
                   {"training_adoptions", r.training_adoptions},
                   {"held_out_items", r.held_out_items},
                   {"items_without_users", r.items_without_users},
                   {"observations", r.observations},
                   {"initiators", r.initiators},
                   {"edges", r.edges},
                   {"edges_with_evidence", r.edges_with_evidence},
                   {"edges_nonzero", r.edges_nonzero},
                   {"mean_learned_probability", r.mean_learned_probability},
                   {"lt_rescaled_users", r.lt_rescaled_users},
                   {"seconds", r.seconds},
                   {"adoptions_per_second", r.seconds > 0 ? static_cast<double>(r.training_adoptions) / r.seconds : 0.0}};
  if (r.method == "em")
    j["em"] = {{"iterations", r.em_iterations},
               {"converged", r.em_converged},
               {"tolerance", r.em_tolerance},
               {"max_iterations", r.em_max_iterations},
               {"log_likelihood", r.em_log_likelihood}};
  return j;
}

std::string record_text(const LearningRecord& r) {
  std::ostringstream out;
  const double share = r.edges > 0 ? 100.0 * static_cast<double>(r.edges_with_evidence) / static_cast<double>(r.edges) : 0;
  out << "training: " << r.training_items << " items (" << r.split << "), " << r.training_adoptions
      << " adoptions by graph users; " << r.held_out_items << " items held out";
  if (r.items_without_users > 0) out << "; " << r.items_without_users << " training items have no adopter in the graph";
  out << "\n  window " << window_text(r.window) << ": " << r.observations
      << " adoptions followed an earlier-adopting in-neighbour, " << r.initiators << " had none (initiators)\n";
  out.precision(1);
  out << "edges: " << r.edges_with_evidence << " of " << r.edges << " learned from evidence (" << std::fixed << share
      << "%), mean learned probability " << std::defaultfloat << std::setprecision(4) << r.mean_learned_probability << "; the other "
      << r.edges - r.edges_with_evidence << " got the prior '" << r.prior << "'; " << r.edges_nonzero
      << " edges have p > 0\n";
  if (r.method == "em") {
    out.precision(10);
    out << "EM: " << (r.em_converged ? "converged after " : "stopped (not converged) after ") << r.em_iterations
        << " steps (tolerance " << r.em_tolerance << " on the largest change of any probability), log-likelihood "
        << r.em_log_likelihood << "\n";
  }
  if (r.model == "lt")
    out << "LT: " << r.lt_rescaled_users << " users' in-probabilities summed above 1 and were divided by their sum\n";
  out.precision(3);
  out << "learned in " << std::fixed << r.seconds << " s ("
      << (r.seconds > 0 ? static_cast<double>(r.training_adoptions) / r.seconds / 1e6 : 0.0) << " M adoptions/s)\n";
  return out.str();
}

}  // namespace

int graph_learn(const Args& args) {
  std::string graph_path, adoptions_path, method_name, out, window_text_arg, until_text, train_items, prior_text,
      model_name, prob;
  int threads = 0;
  double tolerance = 0;
  std::int64_t max_iterations = 0;  // signed: boost would wrap "-1" into an unsigned value
  po::options_description options("graph learn");
  options.add_options()
      ("graph,g", po::value<std::string>(&graph_path), "graph: kuchikomi .h5 file, interaction log or edge list")
      ("adoptions,a", po::value<std::string>(&adoptions_path), "adoption log: CSV user,item,time (.gz ok)")
      ("method", po::value<std::string>(&method_name), "bernoulli, jaccard, partial-credit or em")
      ("out,o", po::value<std::string>(&out), "learned graph file (.h5)")
      ("window", po::value<std::string>(&window_text_arg), "seconds within which a follower counts (default: any time later)")
      ("until", po::value<std::string>(&until_text), "train on items first adopted before T (unix seconds or ISO 8601)")
      ("train-items", po::value<std::string>(&train_items), "train on the items listed in FILE (one per line)")
      ("prior", po::value<std::string>(&prior_text)->default_value("zero"), "edges without evidence: zero, const:P or wc:S")
      ("model", po::value<std::string>(&model_name)->default_value("ic"), "ic, or lt: cap every user's in-sum at 1")
      ("tolerance", po::value<double>(&tolerance)->default_value(1e-6), "em: stop when no probability moves more than this")
      ("max-iterations", po::value<std::int64_t>(&max_iterations)->default_value(10'000), "em: at most this many steps")
      ("prob", po::value<std::string>(&prob)->default_value("wc"), "probabilities for a raw edge list (only its edges are used)")
      ("threads", po::value<int>(&threads), "threads to use (0 or absent: all cores)")
      ("json", po::bool_switch(), "print the summary as JSON");
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph learn", [&]() -> int {
    // Command line (exit 2).
    if (graph_path.empty()) throw po::error("--graph is required");
    if (adoptions_path.empty()) throw po::error("--adoptions is required");
    if (method_name.empty()) throw po::error("--method bernoulli|jaccard|partial-credit|em is required");
    if (out.empty()) throw po::error("--out FILE is required");
    if (!until_text.empty() && !train_items.empty()) throw po::error("--until and --train-items exclude each other");
    LearningOptions learning;
    try {
      learning.method = parse_learning_method(method_name);
      learning.prior = parse_prior(prior_text);
      learning.model = parse_diffusion_model(model_name);
    } catch (const UsageError& e) {
      throw po::error(e.what());
    }
    if (vm.count("window")) learning.window = parse_window_option(window_text_arg);
    if (!(tolerance > 0) || !std::isfinite(tolerance)) throw po::error("--tolerance must be a positive number");
    if (max_iterations < 1 || max_iterations > UINT32_MAX) throw po::error("--max-iterations must be between 1 and 4294967295");
    learning.em = {tolerance, static_cast<std::uint32_t>(max_iterations)};
    const bool by_time = !until_text.empty();
    const double until = by_time ? parse_time_option(until_text, "until") : 0.0;
    std::optional<tbb::global_control> thread_limit;
    if (vm.count("threads")) {
      if (threads < 0 || threads > 4096) throw po::error("--threads must be between 0 (all cores) and 4096");
      if (threads > 0) thread_limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    }

    // Inputs (exit 1).
    { AtomicOutput check(out); }  // an unwritable destination fails before the work
    const InfluenceGraph graph = load_graph(graph_path, prob);
    const AdoptionLog log = read_adoption_log(adoptions_path);
    const GraphAdoptions mapped = map_to_graph(log, graph, graph_path);
    const ItemSelection training_items = by_time ? items_by_first_time(log, until, true)
                                         : !train_items.empty() ? listed_items(log, train_items)
                                                                : all_items(log);
    const Cascades training = make_cascades(mapped, training_items.selected);
    if (training.size() == 0)
      throw InputError(adoptions_path, 0,
                       "no training items: none of the " + training_items.description +
                           " has an adopter in the graph (" + std::to_string(training_items.count()) + " such items)");

    LearnedInfluence learned = learn_influence(graph, training, learning);
    LearningRecord& r = learned.record;
    r.adoptions = adoptions_path;
    r.split = training_items.description;
    r.held_out_items = log.items.size() - training_items.count();
    r.items_without_users = training.items_without_users;
    r.command_line = command_line_text("graph learn", args);
    learned.graph.provenance.command_line = r.command_line;
    write_learned_graph(learned, out);

    if (vm["json"].as<bool>()) {
      print_json({{"output", out},
                  {"graph", graph_path},
                  {"nodes", graph.num_nodes()},
                  {"adoption_log", adoption_log_json(log, mapped)},
                  {"learning", record_json(r)}});
    } else {
      std::cout << "learned " << r.method << " probabilities for " << graph_path << " (" << graph.num_nodes()
                << " users, " << graph.num_edges() << " edges)\n"
                << adoption_log_text(log, mapped) << record_text(r) << "wrote " << out << "\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
