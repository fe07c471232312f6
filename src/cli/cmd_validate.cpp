// `kuchikomi validate`: how well each graph's probabilities predict held-out real cascades
// (learning/validation.hpp), one row per graph beside a baseline (report/validation_report.hpp);
// with --record, each graph file keeps its result (learning/graph_records.hpp).
//
// Order of checks: command line (exit 2), then the outputs, the log and the split, every graph
// (exit 1) before any simulation, so bad input never leaves a file. Graphs are loaded one at a time.
#include <chrono>
#include <ctime>
#include <iostream>
#include <optional>

#include "adoption_report.hpp"
#include "cli_common.hpp"
#include "commands.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/validation_report.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi validate --graph G [--graph G2 ...] --adoptions LOG.csv (--since T | --test-items FILE)\n"
    "                         --model ic|lt [--runs N] [--seeds initiators|first] [--window SECONDS]\n"
    "                         [--rng-seed S] [--threads T] [--out VAL.h5] [--csv FILE] [--json] [--record]\n\n"
    "Answers \"how well does each model predict what really spread?\" on items the learning never saw:\n"
    "the items first adopted at or after --since T (use the T of `graph learn --until T`), or those\n"
    "listed in --test-items. For each item, its initiators (adopters none of whose in-neighbours adopted\n"
    "earlier, within --window) or, with --seeds first, its first adopter(s) are seeded; the predicted\n"
    "reach is the mean of --runs simulations, the actual reach the item's adopters in the graph. Per\n"
    "graph: RMSE, MAE, mean log ratio (bias), Spearman's rho, share within a factor 2, and the AUC and\n"
    "average precision of each user's activation probability for \"did this user adopt\". The baseline\n"
    "row predicts the mean reach of the other (training) items. --record stores each graph's result\n"
    "in its file (/validation), where `graph info` and reports show it.";

std::string iso_time_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

}  // namespace

int validate(const Args& args) {
  std::vector<std::string> graphs;
  std::string adoptions_path, since_text, test_items, model_name, seeds_name, window_arg, out, csv;
  CommonOptions common;
  Count64 runs{1000};
  po::options_description options("validate");
  options.add_options()
      ("graph,g", po::value<std::vector<std::string>>(&graphs)->composing()->required(), "graph to validate (repeatable)")
      ("adoptions,a", po::value<std::string>(&adoptions_path)->required(), "adoption log: CSV user,item,time (.gz ok)")
      ("since", po::value<std::string>(&since_text), "test on items first adopted at or after T (unix seconds or ISO 8601)")
      ("test-items", po::value<std::string>(&test_items), "test on the items listed in FILE (one per line)")
      ("model,m", po::value<std::string>(&model_name)->required(), "diffusion model: ic or lt")
      ("runs,n", po::value(&runs)->default_value(runs), "simulations per item")
      ("seeds", po::value<std::string>(&seeds_name)->default_value("initiators"), "initiators or first (adopters)")
      ("window", po::value<std::string>(&window_arg), "seconds: an earlier adoption older than this does not make a user a follower")
      ("out,o", po::value<std::string>(&out), "results file (.h5): every item's prediction per graph")
      ("csv", po::value<std::string>(&csv), "every item's prediction per graph as CSV")
      ("record", po::bool_switch(), "store each graph's result in its graph file (/validation)");
  add_common_options(options, common, kProb | kThreads | kRngSeed | kJson);
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("validate", [&]() -> int {
    // Command line (exit 2).
    if (since_text.empty() == test_items.empty()) throw po::error("give the test items with exactly one of --since T or --test-items FILE");
    if (runs.value < 1) throw po::error("--runs must be at least 1");
    ValidationOptions validation;
    validation.model = parse_diffusion_model(model_name);
    validation.seeds = parse_seed_rule(seeds_name);
    validation.runs = runs.value;
    validation.rng_seed = common.rng_seed.value;
    if (vm.count("window")) validation.window = parse_window_option(window_arg);
    const bool by_time = !since_text.empty();
    const double since = by_time ? parse_time_option(since_text, "since") : 0.0;
    const ThreadLimit threads = thread_limit(common);
    const bool record = vm["record"].as<bool>();

    // Inputs (exit 1), all before the first simulation.
    std::optional<AtomicOutput> out_file;
    if (!out.empty()) out_file.emplace(out);
    if (!csv.empty()) AtomicOutput check(csv);  // an unwritable destination fails before the work
    if (record)
      for (const auto& g : graphs)
        if (detect_graph_source(g) != GraphSource::kGraphFile)
          throw InputError(g, 0, "--record stores the result in the graph file, and this is not a kuchikomi .h5 graph");
    const AdoptionLog log = read_adoption_log(adoptions_path);
    TestSplit split;
    if (by_time) split.since = since;
    split.items_file = test_items;
    // Graphs are loaded when the library asks for one, so only one is in memory at a time.
    const auto load = [&](std::size_t k) { return std::make_shared<const InfluenceGraph>(load_graph(graphs[k], common.prob)); };
    LogValidation validated = validate_on_adoption_log(graphs, load, log, adoptions_path, split, validation);
    std::vector<ModelValidation>& models = validated.models;  // [0]: the baseline

    ValidationRun run;
    ValidationRecord& settings = run.settings;
    settings.adoptions = adoptions_path;
    settings.split = validated.split;
    settings.model = diffusion_model_name(validation.model);
    settings.seed_rule = seed_rule_name(validation.seeds);
    settings.window = validation.window;
    settings.runs = validation.runs;
    settings.rng_seed = validation.rng_seed;
    settings.validated_at = iso_time_now();
    settings.command_line = command_line_text("validate", args);
    run.test_items = validated.test_items;
    run.training_items = validated.training_items;
    if (!common.json) std::cout << adoption_log_text(log, validated.first_graph_adoptions);

    if (!csv.empty()) write_text_file_atomically(csv, validation_csv(log, models));
    if (out_file) {
      write_validation_file(out_file->temporary_path().string(), run, log, models);
      out_file->commit();
    }
    if (record)
      for (std::size_t k = 0; k < graphs.size(); ++k) {
        ValidationRecord r = settings;
        r.graph = graphs[k];
        r.metrics = models[k + 1].metrics;
        r.baseline = models[0].metrics;
        attach_validation_record(graphs[k], r);
      }
    if (common.json) {
      std::cout << validation_summary_json(run, models) << "\n";
    } else {
      std::cout << validation_summary_text(run, models);
      if (!out.empty()) std::cout << "wrote " << out << "\n";
      if (!csv.empty()) std::cout << "wrote " << csv << "\n";
      if (record) std::cout << "recorded the result in each graph file (/validation)\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
