// `kuchikomi select`: choose seed users with one algorithm, check them with an independent Monte
// Carlo evaluation, and write HDF5 (+ optional CSV / JSON). Every input problem is found before any
// output is written; outputs go through AtomicOutput, so a failed run leaves no file behind.
#include <tbb/global_control.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>

#include "cli_common.hpp"
#include "commands.hpp"
#include "rank_session.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/report/selection_report.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/evaluation.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi::cli {
namespace {

// "4G", "512M", "64k", "1000000" -> bytes; a bad spelling is a command-line error (exit 2).
std::uint64_t parse_memory(const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw po::error("--max-memory '" + text + "' is not a size like 4G, 512M or 1000000");
  }
  std::string suffix = text.substr(used);
  for (auto& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (suffix == "B") suffix.clear();
  if (!suffix.empty() && suffix.back() == 'B') suffix.pop_back();
  if (!suffix.empty() && suffix.back() == 'I') suffix.pop_back();  // GiB, MiB
  double factor = 1;
  if (suffix == "K") factor = 1024.0;
  else if (suffix == "M") factor = 1024.0 * 1024;
  else if (suffix == "G") factor = 1024.0 * 1024 * 1024;
  else if (suffix == "T") factor = 1024.0 * 1024 * 1024 * 1024;
  else if (!suffix.empty()) throw po::error("--max-memory '" + text + "': unknown unit (use K, M, G or T)");
  if (!(value > 0) || !std::isfinite(value)) throw po::error("--max-memory must be positive");
  return static_cast<std::uint64_t>(value * factor);
}

// Per-user reach counts (the report's "who is reached") cost 8 bytes per user per thread in the
// evaluation; graphs above this many users skip them. A fixed user count, not bytes times threads,
// so whether sel.h5 lists reached users never depends on --threads (64 MiB per thread at the limit).
constexpr NodeId kPerUserCountsMaxUsers = NodeId{1} << 23;

std::string fixed(double value, int digits = 2) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

}  // namespace

int select(const Args& args) {
  RankSession session(args);  // one rank of an MPI job under mpirun / --distributed, else serial
  return session.run("select", [&]() -> int {
    po::options_description options("select");
    std::string graph_path, algorithm, model_name, prob, exclude, include, costs, target, max_memory, out, csv;
    Count32 k_option{10}, max_steps_option{0}, threads_option{0};
    double epsilon = 0.5, ell = 1.0, delta = 0.0, budget = 0.0;
    Count64 mc_runs_option{10'000}, evaluate_runs_option{10'000}, rng_seed_option{1};
    std::string names;
    for (const auto& name : selection_algorithm_names()) names += (names.empty() ? "" : ", ") + name;
    options.add_options()
        ("graph", po::value(&graph_path)->required(), "graph file (.h5) or edge list")
        ("algo", po::value(&algorithm)->required(), ("algorithm: " + names).c_str())
        ("k,k", po::value(&k_option)->default_value(k_option), "seeds to choose (on top of --include)")
        ("model", po::value(&model_name)->default_value("ic"), "diffusion model: ic or lt")
        ("prob", po::value(&prob)->default_value("wc"), "probability model when --graph is a raw edge list")
        ("epsilon", po::value(&epsilon), "accuracy: IMM (default 0.5) guarantees 1-1/e-eps; OPIM-C (default 0.1) "
         "stops once it certifies 1-1/e-eps ((1-1/e)/2-eps with a budget)")
        ("ell", po::value(&ell)->default_value(1.0), "IMM: success probability 1 - 1/n^ell")
        ("delta", po::value(&delta)->default_value(0.0), "OPIM-C failure probability (0 = 1/n)")
        ("mc-runs", po::value(&mc_runs_option)->default_value(mc_runs_option), "simulations per estimate (greedy, CELF, CELF++)")
        ("exclude", po::value(&exclude), "file of users never to pick")
        ("include", po::value(&include), "file of users who are seeds anyway (listed first)")
        ("costs", po::value(&costs), "file 'user,cost' per line (unlisted users cost 1)")
        ("budget", po::value(&budget)->default_value(0.0), "total cost budget (replaces -k)")
        ("target", po::value(&target), "file of target users: only they count in the spread")
        ("max-steps", po::value(&max_steps_option)->default_value(max_steps_option), "deadline in diffusion rounds (0 = none)")
        ("max-memory", po::value(&max_memory), "RR-set memory cap, e.g. 4G (RIS algorithms)")
        ("evaluate-runs", po::value(&evaluate_runs_option)->default_value(evaluate_runs_option), "Monte Carlo runs to evaluate the chosen set (0 = skip)")
        ("rng-seed", po::value(&rng_seed_option)->default_value(rng_seed_option), "random seed")
        ("threads", po::value(&threads_option)->default_value(threads_option), "worker threads (0 = all cores; under mpirun, the cores shared by the ranks on this machine)")
        ("out", po::value(&out), "result file (.h5; may be left out with --json or --csv)")
        ("csv", po::value(&csv), "also write the ranked seeds as CSV")
        ("distributed", "IMM / OPIM-C over the ranks of an MPI job: mpirun -np P kuchikomi select ... (implied under mpirun)")
        ("json", "print the result as JSON on stdout")
        ("quiet", "print nothing but errors");
    po::variables_map vm;
    if (auto code = parse_command_line(args, "kuchikomi select --graph G --algo NAME -k K --out sel.h5 [options]",
                                       options, {}, vm))
      return *code;
    const bool json = vm.count("json") > 0, quiet = vm.count("quiet") > 0;
    const std::uint32_t k = k_option.value, max_steps = max_steps_option.value;
    const std::uint64_t mc_runs = mc_runs_option.value, evaluate_runs = evaluate_runs_option.value;
    const std::uint64_t rng_seed = rng_seed_option.value;

    // Command-line problems first (exit 2).
    const SelectionAlgorithm* entry = find_selection_algorithm(algorithm);
    if (entry == nullptr) throw po::error("unknown --algo '" + algorithm + "' (choose from " + names + ")");
    DiffusionModelKind model;
    try {
      model = parse_diffusion_model(model_name);
    } catch (const UsageError& e) {
      throw po::error(e.what());
    }
    if (!vm.count("epsilon")) epsilon = entry->default_options().epsilon;
    if (!(epsilon > 0 && epsilon < 1)) throw po::error("--epsilon must be between 0 and 1 (exclusive)");
    {  // checked before the graph is loaded
      SelectionOptions values;
      values.epsilon = epsilon;
      try {
        entry->check_setting(SelectionSetting::kEpsilon, values, budget > 0);
      } catch (const UsageError& e) {
        throw po::error(e.what());
      }
    }
    if (!(ell > 0)) throw po::error("--ell must be positive");
    if (!(delta >= 0 && delta < 1)) throw po::error("--delta must be in [0, 1)");
    if (budget < 0 || !std::isfinite(budget)) throw po::error("--budget must be a positive number");
    if (vm.count("costs") && budget <= 0) throw po::error("--costs needs --budget");
    if (threads_option.value > 4096) throw po::error("--threads must be between 0 (all cores) and 4096");
    int threads = static_cast<int>(threads_option.value);
    if (threads == 0) threads = session.default_threads();  // 0 unless ranks share this machine
    if (session.distributed() && !entry->distributed)
      throw po::error("--distributed runs " +
                      selection_algorithm_list([](const SelectionAlgorithm& a) { return a.distributed; }, " and ") +
                      " only (got --algo " + algorithm + ")");
    if (mc_runs == 0) throw po::error("--mc-runs must be at least 1");
    if (out.empty() && !json && !vm.count("csv")) throw po::error("--out FILE is required (unless --json or --csv gives the result)");
    const std::uint64_t memory_cap = vm.count("max-memory") ? parse_memory(max_memory) : 0;

    // Outputs must not replace an input or each other. They are then created (as temporaries) before
    // any work is done, so an unwritable one fails now, and are committed together at the end: a
    // failure half-way leaves none of them.
    check_output_paths({{"--graph", graph_path}, {"--exclude", exclude}, {"--include", include}, {"--costs", costs},
                        {"--target", target}},
                       {{"--out", out}, {"--csv", csv}});
    OutputSet outputs;
    AtomicOutput* h5_output = nullptr;
    AtomicOutput* csv_output = nullptr;
    if (session.lead()) {  // rank 0 alone writes
      if (!out.empty()) h5_output = &outputs.add(out);
      if (vm.count("csv")) csv_output = &outputs.add(csv);
    }

    std::unique_ptr<tbb::global_control> thread_limit;
    if (threads > 0)
      thread_limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                           static_cast<std::size_t>(threads));
    auto say = [&](const std::string& message) {
      if (!quiet && !json) std::cerr << message << "\n";
    };

    const auto load_start = std::chrono::steady_clock::now();
    const InfluenceGraph graph = load_graph(graph_path, prob);
    const double load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - load_start).count();
    const LabelIndex index(graph);
    SelectionProblem problem;
    problem.model = model;
    problem.k = k;
    problem.max_steps = max_steps;
    problem.rng_seed = rng_seed;
    problem.budget = budget;
    if (vm.count("exclude")) problem.exclude = read_user_list(exclude, index);
    if (vm.count("include")) problem.include = read_user_list(include, index);
    if (vm.count("target")) {
      problem.target = read_user_list(target, index);
      if (problem.target.empty()) throw InputError(target, 0, "the target segment is empty");
    }
    if (vm.count("costs")) problem.costs = read_user_costs(costs, index, graph.num_nodes(), 1.0);

    SelectionOptions selection_options;
    selection_options.epsilon = epsilon;
    selection_options.ell = ell;
    selection_options.delta = delta;
    selection_options.mc_runs = mc_runs;
    selection_options.max_memory_bytes = memory_cap;
    selection_options.progress = say;
    selection_options.communicator = &session.comm();
    session.end_setup();  // every rank loaded its inputs, or all stop here together
    SelectionResult result = run_selection(algorithm, graph, problem, selection_options);
    session.end_collective();
    if (!session.lead()) return kExitOk;  // rank 0 evaluates, writes and prints
    // The other ranks are done: rank 0's evaluation may use every core unless --threads said otherwise.
    if (session.distributed() && vm["threads"].defaulted()) thread_limit.reset();
    result.phase_seconds.insert(result.phase_seconds.begin(), {"load graph", load_seconds});

    SelectionRunInfo info;
    info.graph_path = graph_path;
    info.command_line = "kuchikomi select";
    for (const auto& a : args) info.command_line += " " + a;
    for (const auto& [key, value] : vm) {
      if (key == "json" || key == "quiet") continue;
      const auto& any = value.value();
      std::string text;
      if (auto s = boost::any_cast<std::string>(&any)) text = *s;
      else if (auto d = boost::any_cast<double>(&any)) text = std::to_string(*d);
      else if (auto u = boost::any_cast<Count32>(&any)) text = std::to_string(u->value);
      else if (auto v = boost::any_cast<Count64>(&any)) text = std::to_string(v->value);
      info.config.emplace_back(key, text);
    }
    if (!vm.count("epsilon")) info.config.emplace_back("epsilon", std::to_string(epsilon));  // the per-algorithm default

    if (evaluate_runs > 0) {
      say("evaluating the chosen set with " + std::to_string(evaluate_runs) + " independent simulations");
      const bool per_node = graph.num_nodes() <= kPerUserCountsMaxUsers;
      if (!per_node) say("graph too large for per-user reach counts: sel.h5 lists no top reached users");
      const auto eval_start = std::chrono::steady_clock::now();
      if (!result.seeds.empty()) {
        SelectionEvaluation evaluation = evaluate_selection(graph, problem, result, evaluate_runs, per_node);
        info.evaluation = std::move(evaluation.statistics);
        info.evaluated_curve = std::move(evaluation.prefix_spread);
        info.evaluated = true;
      }
      result.phase_seconds.emplace_back(
          "evaluation", std::chrono::duration<double>(std::chrono::steady_clock::now() - eval_start).count());
    }

    if (h5_output) write_selection_hdf5(*h5_output, graph, problem, result, info);
    if (csv_output) csv_output->write(selection_seeds_csv(graph, result, info));
    const std::string json_document = json ? selection_json(graph, problem, result, info) + "\n" : std::string();
    outputs.commit_all();

    if (json) {
      std::cout << json_document;
    } else if (!quiet) {
      std::cout << "algorithm " << result.algorithm << ", model " << diffusion_model_name(model)
                << (problem.budgeted() ? ", budget " + fixed(budget) + " (spent " + fixed(result.budget_spent) + ")"
                                       : ", k = " + std::to_string(k))
                << (max_steps ? ", deadline " + std::to_string(max_steps) + " steps" : "") << "\n";
      std::cout << "rank  user                  marginal gain   cost   cumulative spread\n";
      for (std::size_t i = 0; i < result.seeds.size(); ++i) {
        const auto& s = result.seeds[i];
        char line[256];
        std::snprintf(line, sizeof line, "%4zu  %-20s %14.2f %6.2f %19.2f%s\n", i + 1, printable(graph.label(s.node)).c_str(),
                      s.marginal_gain, s.cost, i < result.spread_curve.size() ? result.spread_curve[i] : 0.0,
                      s.fixed ? "  (included)" : "");
        std::cout << line;
      }
      std::cout << "estimated spread " << fixed(result.estimated_spread)
                << (problem.target.empty() ? "" : " (target users reached)") << "\n";
      if (!result.guarantee.empty()) std::cout << "guarantee: " << result.guarantee << "\n";
      if (result.rr_sets > 0)
        std::cout << "RR sets: " << result.rr_sets << ", memory " << format_bytes(result.rr_memory_bytes) << "\n";
      if (const auto& d = result.distribution; d.ranks > 0)
        std::cout << "distributed over " << d.ranks << " ranks: RR-set memory " << format_bytes(result.rr_memory_bytes)
                  << " on the largest rank, " << format_bytes(d.rr_memory_sum) << " in all; communication: "
                  << d.reductions << " reductions (largest " << format_bytes(d.dense_bytes) << "), " << d.greedy_rounds
                  << " greedy rounds exchanging " << format_bytes(d.round_bytes / std::max<std::uint64_t>(d.greedy_rounds, 1))
                  << " each on average, " << format_bytes(d.bytes) << " sent per rank\n";
      std::cout << "time:";
      for (const auto& [name, seconds] : result.phase_seconds) std::cout << " " << name << " " << fixed(seconds, 3) << " s;";
      std::cout << "\n";
      if (info.evaluated) {
        const auto& e = info.evaluation;
        const auto& stats = e.has_target ? e.target_spread : e.spread;
        std::cout << "evaluation (" << e.runs << " independent runs): " << (e.has_target ? "target spread " : "spread ")
                  << fixed(stats.mean) << ", 95% CI [" << fixed(stats.ci95_low) << ", " << fixed(stats.ci95_high) << "]\n";
      }
      std::cout << "wrote " << (out.empty() ? csv : out + (vm.count("csv") ? " and " + csv : "")) << "\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
