// `kuchikomi simulate`: Monte Carlo spread of a seed set under IC or LT (diffusion/monte_carlo.hpp),
// results to HDF5 (report/simulation_report.hpp) and a summary on stdout.
//
// Order of checks: command line (exit 2), then the output destination, the graph, the users and the
// model's applicability (exit 1), all before the first run, so bad input never leaves a file.
#include <algorithm>
#include <chrono>
#include <iostream>
#include <unordered_set>

#include "cli_common.hpp"
#include "commands.hpp"
#include "progress_line.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/diffusion/plan_change.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/report/adoption_trace.hpp"
#include "kuchikomi/report/graph_report.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/report/plan_change_report.hpp"
#include "kuchikomi/report/simulation_report.hpp"
#include "kuchikomi/report/user_probability_csv.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi simulate --graph GRAPH --model ic|lt (--seeds a,b,c | --seeds-file FILE | --random-seeds K)\n"
    "                          --out SIM.h5 [--runs N | --precision E [--max-runs N]] [--rng-seed S] [--threads T]\n"
    "                          [--max-steps T] [--target FILE] [--trace ADOPTIONS.csv] [--csv USERS.csv]\n"
    "                          [--drop USERS] [--add USERS] [--json] [--quiet]\n\n"
    "Estimates how many users a seed set reaches (Kempe, Kleinberg, Tardos 2003), with a 95% confidence\n"
    "interval, the spread per step, and each user's probability of being reached. GRAPH is a kuchikomi\n"
    ".h5 graph or a raw edge list (imported with --prob). Results are identical for any --threads.\n"
    "--random-seeds K starts every run from K users drawn at random (fresh each run): the expected reach of\n"
    "a random user, the baseline against which chosen ambassadors are judged.\n"
    "--trace writes every run's activations as an adoption log (user,item,time: item = run number,\n"
    "time = the round the user became active, 0 for the seeds): synthetic cascades whose true\n"
    "probabilities are known, for graph learn and validate.\n"
    "--csv writes every user's chance of being reached (and segment membership with --target).\n"
    "--drop / --add (comma-separated users) is a what-if: the plan as given and the changed plan are\n"
    "simulated on the same worlds, and the change in reach is reported with its paired 95% CI;\n"
    "--out then holds the changed plan's simulation.";

std::vector<NodeId> distinct(std::vector<NodeId> ids) {
  std::unordered_set<NodeId> seen;
  std::vector<NodeId> out;
  for (NodeId v : ids)
    if (seen.insert(v).second) out.push_back(v);
  return out;
}

}  // namespace

int simulate(const Args& args) {
  CommonOptions common;
  std::string model_name, seeds_text, seeds_file, out, target_path, trace_path, csv_path, drop_text, add_text;
  Count64 runs, max_runs;
  Count32 max_steps{0}, random_seeds;
  double precision = 0;
  po::options_description options("simulate");
  UnknownUsersOption unknown;
  add_common_options(options, common, kGraph | kProb | kThreads | kRngSeed | kJson | kQuiet, kGraph);
  unknown.add_to(options);
  options.add_options()
      ("model,m", po::value<std::string>(&model_name)->required(), "diffusion model: ic (independent cascade) or lt (linear threshold)")
      ("seeds", po::value<std::string>(&seeds_text), "seed users by label, comma-separated (a label that holds a comma goes in double quotes)")
      ("seeds-file", po::value<std::string>(&seeds_file), "file with one seed label per line")
      ("random-seeds", po::value(&random_seeds), "instead of seeds: K users drawn at random in every run")
      ("runs,n", po::value(&runs), "number of Monte Carlo runs (default 10000)")
      ("precision", po::value<double>(&precision), "instead of --runs: run until the 95% CI half-width <= E * mean")
      ("max-runs", po::value(&max_runs), "cap on runs with --precision (default 1000000)")
      ("max-steps", po::value(&max_steps)->default_value(max_steps), "deadline: count activations in steps 1..T only (0 = none)")
      ("target", po::value<std::string>(&target_path), "file of target-segment users: also report reach inside it")
      ("out,o", po::value<std::string>(&out)->required(), "results file (.h5)")
      ("trace", po::value<std::string>(&trace_path), "also write every run's activations as an adoption CSV (item = run)")
      ("csv", po::value<std::string>(&csv_path), "also write every user's activation probability as CSV")
      ("drop", po::value<std::string>(&drop_text), "what-if: these plan users (comma-separated) left out")
      ("add", po::value<std::string>(&add_text), "what-if: these users (comma-separated) added to the plan");
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, {}, vm)) return *code;

  return run_guarded("simulate", [&]() -> int {
    // Command line (exit 2).
    if (vm.count("seeds") + vm.count("seeds-file") + vm.count("random-seeds") != 1)
      throw po::error("give the seed users with exactly one of --seeds a,b,c, --seeds-file FILE or --random-seeds K");
    const bool precision_mode = vm.count("precision") > 0;
    if (precision_mode && vm.count("runs")) throw po::error("--runs and --precision exclude each other");
    if (!precision_mode && vm.count("max-runs")) throw po::error("--max-runs only applies with --precision");
    unknown.policy("");  // checks --unknown-users (exit 2)
    if (precision_mode && !(precision > 0 && precision < 1))
      throw po::error("--precision must be between 0 and 1 (e.g. 0.01 for a 1% relative half-width)");
    SimulationOptions sim;
    sim.model = parse_diffusion_model(model_name);
    if (precision_mode) {
      sim.precision = precision;
      if (vm.count("max-runs")) sim.max_runs = max_runs.value;
    } else if (vm.count("runs")) {
      sim.runs = runs.value;
    }
    // Fixed-run results do not depend on the batch size (integer sums), so smaller batches there only
    // make the progress indicator smoother; precision mode keeps the library's default, which its
    // stopping point depends on (recorded in the output).
    if (!precision_mode) sim.batch_runs = std::max<std::uint64_t>(100, sim.runs / 200);
    sim.rng_seed = common.rng_seed.value;
    if (vm.count("random-seeds")) {
      if (random_seeds.value < 1) throw po::error("--random-seeds must be between 1 and 4294967295");
      sim.random_seed_count = random_seeds.value;
    }
    sim.max_steps = max_steps.value;
    const ThreadLimit threads = thread_limit(common);
    if (sim.runs == 0 && !precision_mode) throw po::error("--runs must be at least 1");
    const bool what_if = vm.count("drop") || vm.count("add");
    if (what_if && (precision_mode || vm.count("random-seeds") || vm.count("trace")))
      throw po::error("--drop and --add change a given seed set over a fixed number of runs: not with " +
                      std::string(precision_mode ? "--precision" : vm.count("trace") ? "--trace" : "--random-seeds"));
    if (precision_mode && sim.max_runs == 0) throw po::error("--max-runs must be at least 1");

    // Input (exit 1), before any run.
    check_output_paths({{"--graph", common.graph}, {"--seeds-file", seeds_file}, {"--target", target_path}},
                       {{"--out", out}, {"--trace", trace_path}, {"--csv", csv_path}});
    AtomicOutput output(out);  // unwritable destination: fail now, not after the work
    std::optional<AtomicOutput> trace_output;
    if (!trace_path.empty()) trace_output.emplace(trace_path);
    std::optional<AtomicOutput> csv_output;
    if (!csv_path.empty()) csv_output.emplace(csv_path);
    const InfluenceGraph graph = load_graph(common.graph, common.prob);
    auto graph_validation = read_graph_records(common.graph).validation;
    const LabelIndex index(graph);
    std::vector<NodeId> seeds;
    if (sim.random_seed_count > 0) {
      if (sim.random_seed_count > graph.num_nodes())
        throw InputError("--random-seeds " + std::to_string(sim.random_seed_count) + " is more than the graph's " +
                         std::to_string(graph.num_nodes()) + " users");
    } else {
      seeds = distinct(vm.count("seeds") ? resolve_label_list(seeds_text, index, "--seeds")
                                         : read_user_list(seeds_file, index, unknown.policy("--seeds-file")));
      if (seeds.empty()) {
        if (vm.count("seeds")) throw UsageError("--seeds lists no users: the seed set is empty");
        throw InputError(seeds_file, 0, unknown.skipped.empty() ? "the seed file lists no users: the seed set is empty"
                                                                : "none of the seed file's users is in the graph: the seed set is empty");
      }
    }
    if (!target_path.empty()) {
      sim.target = distinct(read_user_list(target_path, index, unknown.policy("--target")));
      if (sim.target.empty()) throw InputError(target_path, 0, "the target file lists no users");
    }
    check_model_applicable(graph, sim.model);
    // What-if: the plan as given, and the plan with --drop users left out and --add users added.
    std::vector<NodeId> dropped, added, base = seeds;
    if (what_if) {
      if (vm.count("drop")) dropped = distinct(resolve_label_list(drop_text, index, "--drop"));
      if (vm.count("add")) added = distinct(resolve_label_list(add_text, index, "--add"));
      std::unordered_set<NodeId> in_plan(base.begin(), base.end());
      for (NodeId v : dropped)
        if (!in_plan.count(v)) throw UsageError("--drop " + printable(graph.label(v)) + ": not in the seed set");
      for (NodeId v : added)
        if (in_plan.count(v)) throw UsageError("--add " + printable(graph.label(v)) + ": already in the seed set");
      const std::unordered_set<NodeId> drop_set(dropped.begin(), dropped.end());
      seeds.clear();
      for (NodeId v : base)
        if (!drop_set.count(v)) seeds.push_back(v);
      seeds.insert(seeds.end(), added.begin(), added.end());
      if (seeds.empty()) throw UsageError("--drop leaves no seed users: the changed plan is empty");
    }

    SimulationRecord record;
    record.graph_path = common.graph;
    record.graph_validation = std::move(graph_validation);
    record.model = diffusion_model_name(sim.model);
    record.seeds = seeds;
    record.random_seeds = sim.random_seed_count;
    record.runs_requested = precision_mode ? 0 : sim.runs;
    record.precision = sim.precision;
    record.max_runs = precision_mode ? sim.max_runs : 0;
    record.batch_runs = sim.batch_runs;
    record.rng_seed = sim.rng_seed;
    record.threads = active_thread_limit();
    record.max_steps = sim.max_steps;
    record.target_path = target_path;
    record.target = sim.target;
    record.unknown_users = unknown.skipped;
    record.command_line = command_line_text("simulate", args);

    // The trace is built in memory in run order and written with the other outputs at the end.
    std::string trace;
    if (trace_output) sim.trace = adoption_trace(graph, trace);
    ProgressLine progress(!common.quiet);
    sim.progress = [&](std::uint64_t done, std::uint64_t planned) { progress.update(done, planned, precision_mode); };
    const auto start = std::chrono::steady_clock::now();
    std::optional<PlanChange> change;
    SpreadStatistics plain;
    if (what_if) change = simulate_plan_change(graph, base, seeds, sim);
    else plain = simulate_spread(graph, seeds, sim);
    const SpreadStatistics& stats = change ? change->changed : plain;
    progress.finish();
    record.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    write_simulation_file(output, graph, record, stats);
    if (trace_output) trace_output->write(trace);
    if (csv_output) csv_output->write(user_probability_csv(graph, stats, seeds, sim.target));
    // Everything is made before anything is committed or printed: all outputs or none.
    std::string summary;
    if (common.json) {
      nlohmann::json document = nlohmann::json::parse(simulation_summary_json(graph, record, stats, out));
      if (trace_output) document["trace"] = trace_path;
      if (csv_output) document["csv"] = csv_path;
      if (change) document["what_if"] = plan_change_json(graph, dropped, added, *change);
      summary = json_text(std::move(document)) + "\n";
    } else {
      summary = simulation_summary_text(graph, record, stats, out);
      if (trace_output) summary += "trace: every run's activations in " + printable(trace_path) + " (item = run, time = round)\n";
      if (csv_output) summary += "every user's chance of being reached: " + printable(csv_path) + "\n";
      if (change) summary += plan_change_text(graph, dropped, added, *change);
    }
    if (trace_output) trace_output->commit();
    if (csv_output) csv_output->commit();
    output.commit();
    std::cout << summary;
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
