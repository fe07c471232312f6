// `kuchikomi select`: choose seed users with one algorithm, check them with an independent Monte
// Carlo evaluation, and write HDF5 (+ optional CSV / JSON). Every input problem is found before any
// output is written; outputs go through AtomicOutput, so a failed run leaves no file behind.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "progress_line.hpp"
#include "rank_session.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/selection/model_band.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/report/graph_report.hpp"
#include "kuchikomi/report/selection_report.hpp"
#include "kuchikomi/diffusion/plan_explanation.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/evaluation.hpp"

namespace kuchikomi::cli {
namespace {

// Per-user reach counts (the report's "who is reached") cost 8 bytes per user per thread in the
// evaluation; graphs above this many users skip them. A fixed user count, not bytes times threads,
// so whether sel.h5 lists reached users never depends on --threads (64 MiB per thread at the limit).
constexpr NodeId kPerUserCountsMaxUsers = NodeId{1} << 23;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int select(const Args& args) {
  RankSession session(args);  // one rank of an MPI job under mpirun / --distributed, else serial
  return session.run("select", [&]() -> int {
    po::options_description options("select");
    CommonOptions common;
    std::string algorithm, model_name, exclude, include, costs, target, max_memory, out, csv;
    Count32 k{10}, max_steps{0};
    Count64 evaluate_runs{10'000}, mc_runs{10'000}, band_runs{kModelBandRuns}, explain_runs{2'000};
    SelectionOptions knobs;
    double budget = 0.0;
    UnknownUsersOption unknown;
    add_common_options(options, common, kGraph | kProb | kThreads | kRngSeed | kJson | kQuiet, kGraph);
    unknown.add_to(options);
    options.add_options()
        ("algo", po::value(&algorithm)->required(), ("algorithm: " + selection_algorithm_list()).c_str())
        ("k,k", po::value(&k)->default_value(k), "seeds to choose (on top of --include)")
        ("model", po::value(&model_name)->default_value("ic"), "diffusion model: ic or lt")
        ("epsilon", po::value(&knobs.epsilon), "accuracy: IMM (default 0.5) guarantees 1-1/e-eps; OPIM-C, "
         "opim-c-until-stable and HIST (default 0.1) stop once they certify 1-1/e-eps ((1-1/e)/2-eps with a budget)")
        ("ell", po::value(&knobs.ell)->default_value(1.0), "IMM: success probability 1 - 1/n^ell")
        ("delta", po::value(&knobs.delta)->default_value(0.0), "OPIM-C / HIST failure probability (0 = 1/n)")
        ("mc-runs", po::value(&mc_runs)->default_value(mc_runs), "simulations per estimate (greedy, CELF, CELF++)")
        ("exclude", po::value(&exclude), "file of users never to pick")
        ("include", po::value(&include), "file of users who are seeds anyway (listed first)")
        ("costs", po::value(&costs), "file 'user,cost' per line (unlisted users cost 1)")
        ("budget", po::value(&budget)->default_value(0.0), "total cost budget; with -k, at most k seeds within it (both hold)")
        ("target", po::value(&target), "file of target users: only they count in the spread")
        ("max-steps", po::value(&max_steps)->default_value(max_steps), "deadline in diffusion rounds (0 = none)")
        ("max-memory", po::value(&max_memory), "RR-set memory cap, e.g. 4G (RIS algorithms; default: the machine's memory)")
        ("evaluate-runs", po::value(&evaluate_runs)->default_value(evaluate_runs), "Monte Carlo runs to evaluate the chosen set (0 = skip)")
        ("out", po::value(&out), "result file (.h5; may be left out with --json or --csv)")
        ("csv", po::value(&csv), "also write the ranked seeds as CSV (rank,user,committed,extra_reach,cost,total_reach,share_of_users)")
        ("csv-bom", po::bool_switch(), "start the CSV with a UTF-8 byte-order mark (for spreadsheet programs)")
        ("model-band-runs", po::value(&band_runs)->default_value(band_runs), "when the graph carries no validation "
         "record: simulations of the plan under each standard probability model (wc, uniform:0.01, uniform:0.1, "
         "trivalency, exp:10), shown as a band in the report (0 = skip)")
        ("explain-runs", po::value(&explain_runs)->default_value(explain_runs), "explain the plan (each ambassador's "
         "reach alone, unique reach, overlap, who reaches whom first) on the first N of the evaluation's worlds "
         "(independent cascade; linear threshold: on N live-edge worlds of its own, the same distribution as the "
         "evaluation's but other draws; it costs about one simulation per ambassador per world; 0 = skip)")
        ("no-explain", "skip the explanation of the plan (the same as --explain-runs 0)")
        ("distributed", "the RIS algorithms over the ranks of an MPI job: mpirun -np P kuchikomi select ... (implied under "
         "mpirun; --threads 0 then shares this machine's cores among its ranks)");
    po::variables_map vm;
    if (auto code = parse_command_line(args, "kuchikomi select --graph G --algo NAME -k K --out sel.h5 [options]",
                                       options, {}, vm))
      return *code;

    // Command-line problems first (exit 2).
    const SelectionAlgorithm* entry = find_selection_algorithm(algorithm);
    if (entry == nullptr) throw po::error("unknown --algo '" + algorithm + "' (choose from " + selection_algorithm_list() + ")");
    SelectionProblem problem;
    problem.model = parse_diffusion_model(model_name);
    problem.k = k.value;
    problem.max_steps = max_steps.value;
    problem.rng_seed = common.rng_seed.value;
    problem.budget = budget;
    if (budget > 0 && !vm["k"].defaulted()) {  // an explicit -k caps a budget; the default 10 does not
      if (k.value == 0) throw po::error("-k must be at least 1");
      problem.max_seeds = k.value;
    }
    if (!vm.count("epsilon")) knobs.epsilon = entry->default_options().epsilon;
    knobs.mc_runs = mc_runs.value;
    for (SelectionSetting s : kSelectionSettings) {  // every value in range, and what the algorithm needs of it
      check_selection_setting(s, knobs);
      entry->check_setting(s, knobs, budget > 0);
    }
    if (budget < 0 || !std::isfinite(budget)) throw po::error("--budget must be a positive number");
    if (vm.count("costs") && budget <= 0) throw po::error("--costs needs --budget");
    ThreadLimit threads = thread_limit(common, static_cast<unsigned>(session.default_threads()));  // 0 unless ranks share this machine
    if (session.distributed() && !entry->distributed)
      throw po::error("--distributed runs " +
                      selection_algorithm_list([](const SelectionAlgorithm& a) { return a.distributed; }, " and ") +
                      " only (got --algo " + algorithm + ")");
    if (out.empty() && !common.json && !vm.count("csv"))
      throw po::error("--out FILE is required (unless --json or --csv gives the result)");
    if (vm.count("max-memory")) knobs.max_memory_bytes = parse_byte_size("--max-memory", max_memory);
    unknown.policy("");  // checks --unknown-users now (exit 2), before any file is read

    // Outputs must not replace an input or each other. They are then created (as temporaries) before
    // any work is done, so an unwritable one fails now, and are committed together at the end: a
    // failure half-way leaves none of them.
    check_output_paths({{"--graph", common.graph}, {"--exclude", exclude}, {"--include", include}, {"--costs", costs},
                        {"--target", target}},
                       {{"--out", out}, {"--csv", csv}});
    OutputSet outputs;
    AtomicOutput* h5_output = nullptr;
    AtomicOutput* csv_output = nullptr;
    if (session.lead()) {  // rank 0 alone writes
      if (!out.empty()) h5_output = &outputs.add(out);
      if (vm.count("csv")) csv_output = &outputs.add(csv);
    }
    ProgressLine progress(!common.quiet && session.lead());  // stderr, for a terminal only
    auto say = [&](const std::string& message) {
      progress.finish();
      if (!common.quiet && !common.json) std::cerr << message << "\n";
    };

    const auto load_start = std::chrono::steady_clock::now();
    // Reverse sampling without an evaluation reads only the reverse arrays: load nothing else.
    GraphReadLimits read_limits;
    read_limits.reverse_only = entry->family == AlgorithmFamily::kReverseSampling && evaluate_runs.value == 0;
    // ... and its labels only after the selection, for the output, unless user lists need them now.
    const bool user_lists = vm.count("exclude") || vm.count("include") || vm.count("target") || vm.count("costs");
    read_limits.defer_labels = read_limits.reverse_only && !user_lists &&
                               detect_graph_source(common.graph) == GraphSource::kGraphFile;
    InfluenceGraph graph = load_graph(common.graph, common.prob, read_limits);
    const double load_seconds = seconds_since(load_start);
    // Read now, so a damaged record stops the run before the selection's work, not after it.
    auto graph_validation = read_graph_records(common.graph).validation;
    const LabelIndex index(graph);
    if (vm.count("exclude")) problem.exclude = read_user_list(exclude, index, unknown.policy("--exclude"));
    if (vm.count("include")) problem.include = read_user_list(include, index, unknown.policy("--include"));
    if (vm.count("target")) {
      problem.target = read_user_list(target, index, unknown.policy("--target"));
      if (problem.target.empty())
        throw InputError(target, 0, unknown.skipped.empty() ? "the target segment is empty"
                                                            : "the target segment is empty: none of its users is in the graph");
    }
    if (vm.count("costs")) problem.costs = read_user_costs(costs, index, graph.num_nodes(), 1.0, unknown.policy("--costs"));
    knobs.progress = say;
    knobs.step_progress = [&](const std::string& stage, std::uint64_t done, std::uint64_t planned) {
      progress.step(stage, done, planned);
    };
    knobs.communicator = &session.comm();
    session.end_setup();  // every rank loaded its inputs, or all stop here together
    SelectionResult result = run_selection(algorithm, graph, problem, knobs);
    progress.finish();
    session.end_collective();
    if (!session.lead()) return kExitOk;  // rank 0 evaluates, writes and prints
    if (read_limits.defer_labels) read_graph_labels(common.graph, graph);  // the RR sets are gone now
    // The other ranks are done: rank 0's evaluation may use every core unless --threads said otherwise.
    if (session.distributed() && vm["threads"].defaulted()) threads.release();
    result.phase_seconds.insert(result.phase_seconds.begin(), {"load graph", load_seconds});

    SelectionRunInfo info;
    info.graph_path = common.graph;
    info.graph_validation = std::move(graph_validation);
    info.command_line = command_line_text("select", args);
    info.config = recorded_options(vm);
    info.unknown_users = unknown.skipped;
    if (!vm.count("epsilon")) info.config.emplace_back("epsilon", std::to_string(knobs.epsilon));  // the algorithm's default
    if (evaluate_runs.value > 0) {
      say("evaluating the chosen set with " + std::to_string(evaluate_runs.value) + " independent simulations");
      const bool per_node = graph.num_nodes() <= kPerUserCountsMaxUsers;
      if (!per_node) say("graph too large for per-user reach counts: sel.h5 lists no top reached users");
      const auto eval_start = std::chrono::steady_clock::now();
      if (!result.seeds.empty()) {
        SelectionEvaluation evaluation =
            evaluate_selection(graph, problem, result, evaluate_runs.value, per_node,
                               [&](std::uint64_t done, std::uint64_t planned) { progress.step("evaluating", done, planned); });
        progress.finish();
        info.evaluation = std::move(evaluation.statistics);
        info.evaluated_curve = std::move(evaluation.prefix_spread);
        info.evaluated = true;
      }
      result.phase_seconds.emplace_back("evaluation", seconds_since(eval_start));
      // What each ambassador brings: one more pass over the evaluation's worlds (IC), or over as many
      // LT live-edge worlds drawn for it (an LT run fixes thresholds, not who reached whom).
      if (info.evaluated && !vm.count("no-explain") && explain_runs.value > 0) {
        const auto explain_start = std::chrono::steady_clock::now();
        std::vector<NodeId> plan;
        for (const auto& s : result.seeds) plan.push_back(s.node);
        const std::vector<std::uint8_t> mask = target_mask(graph, problem);
        PlanExplanationOptions explain;
        // IC: a prefix of the evaluation's worlds. The explanation costs about k simulations per world.
        explain.model = problem.model;
        explain.runs = std::min(evaluate_runs.value, explain_runs.value);
        explain.rng_seed = problem.rng_seed;
        explain.domain = StreamDomain::kEvaluationRun;
        explain.max_steps = problem.max_steps;
        explain.target_mask = mask;
        explain.per_user = per_node;
        info.explanation = explain_plan(graph, plan, explain);
        result.phase_seconds.emplace_back("explanation", seconds_since(explain_start));
      }
      // Reach depends on the probability model; without a validation record, show the range.
      if (info.evaluated && band_runs.value > 0 && !info.graph_validation &&
          graph.out_weight.size() == graph.out_targets.size()) {
        const auto band_start = std::chrono::steady_clock::now();
        say("simulating the plan under the standard probability models (" + std::to_string(band_runs.value) + " runs each)");
        std::vector<NodeId> plan;
        for (const auto& s : result.seeds) plan.push_back(s.node);
        ModelBandOptions band;
        band.model = problem.model;
        band.runs = band_runs.value;
        band.rng_seed = problem.rng_seed;
        band.max_steps = problem.max_steps;
        band.target = problem.target;
        info.model_band = {band_runs.value, model_band(graph, plan, band)};
        result.phase_seconds.emplace_back("model band", seconds_since(band_start));
      }
    }

    if (h5_output) write_selection_hdf5(*h5_output, graph, problem, result, info);
    if (csv_output) csv_output->write(selection_seeds_csv(graph, problem, result, info, vm["csv-bom"].as<bool>()));
    const std::string json_document = common.json ? selection_json(graph, problem, result, info) + "\n" : std::string();
    outputs.commit_all();
    if (common.json) std::cout << json_document;
    else if (!common.quiet)
      std::cout << selection_summary_text(graph, problem, result, info,
                                          out.empty() ? csv : out + (vm.count("csv") ? " and " + csv : ""));
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
