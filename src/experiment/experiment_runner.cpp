// The experiment grid runner: expands the grid into cells, reuses cells already in results.h5 with
// the same canonical configuration, computes the others (selection, then the shared Monte Carlo
// yardstick) and rewrites the results after each one, printing a progress line with time left.
#include "kuchikomi/experiment/experiment_runner.hpp"

#include <sys/resource.h>
#include <tbb/global_control.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace kuchikomi {
namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Cell {
  std::size_t graph = 0;
  ExperimentModel model;
  const ExperimentAlgorithm* algorithm = nullptr;
  std::uint32_t k = 0, repetition = 0;
  int threads = 0;
  std::uint64_t rng_seed = 0;
  std::vector<ExperimentModel> evaluation_models;
  std::string config, id;
};

std::vector<Cell> expand_grid(const ExperimentConfig& c) {
  std::string evaluation = "runs=" + std::to_string(c.evaluation_runs) + ";seed=" + std::to_string(c.evaluation_seed);
  std::vector<Cell> cells;
  for (std::size_t g = 0; g < c.graphs.size(); ++g)
    for (const auto& model : c.models)
      for (const auto& algorithm : c.algorithms) {
        if (!algorithm.graphs.empty() &&
            std::find(algorithm.graphs.begin(), algorithm.graphs.end(), c.graphs[g].name) == algorithm.graphs.end())
          continue;
        for (auto k : c.k_values) {
          if (algorithm.max_k && k > algorithm.max_k) continue;
          for (std::uint32_t r = 0; r < c.repetitions; ++r)
            for (int threads : c.threads) {
              Cell cell;
              cell.graph = g;
              cell.model = model;
              cell.algorithm = &algorithm;
              cell.k = k;
              cell.repetition = r;
              cell.threads = threads;
              cell.rng_seed = c.rng_seed + r;
              cell.evaluation_models = c.evaluation_models.empty() ? std::vector<ExperimentModel>{model} : c.evaluation_models;
              std::string models;
              for (const auto& m : cell.evaluation_models) models += (models.empty() ? "" : ",") + m.text;
              cell.config = "cell-v1|graph=" + c.graphs[g].name + "{" + c.graphs[g].identity() + "}|model=" + model.text +
                            "|algorithm=" + algorithm.name + "{" + algorithm.knobs() + "}|k=" + std::to_string(k) +
                            "|repetition=" + std::to_string(r) + "|rng_seed=" + std::to_string(cell.rng_seed) +
                            "|threads=" + std::to_string(threads) + "|evaluation{" + evaluation + ";models=" + models + "}";
              cell.id = cell_hash(cell.config);
              cells.push_back(std::move(cell));
            }
        }
      }
  return cells;
}

// Linux: writing 5 to /proc/self/clear_refs resets the RSS high-water mark (VmHWM), so each cell's
// peak is its own; elsewhere (or if refused) the process-wide maximum is reported.
void reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  if (clear) clear << "5";
}
std::uint64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;
}

std::string duration_text(double seconds) {
  const auto s = static_cast<long>(seconds + 0.5);
  char buffer[32];
  if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buffer, sizeof buffer, "%ld:%02ld", s / 60, s % 60);
  return buffer;
}

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The results folder, checked before any work and without creating it: it must be a folder this
// process can write in, or not exist yet under one. Problems are InputErrors naming the folder and the
// reason; they used to surface mid-run as "internal error: filesystem error".
void check_results_folder(const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  const std::string name = folder.string();
  auto writable = [](const fs::path& dir) { return ::access(dir.c_str(), W_OK | X_OK) == 0; };
  std::error_code ec;
  const fs::file_status status = fs::status(folder, ec);
  if (fs::exists(status)) {
    if (!fs::is_directory(status)) throw InputError(name, 0, "the results folder is a file, not a folder");
    if (!writable(folder)) throw InputError(name, 0, std::string("cannot write in the results folder: ") + std::strerror(errno));
    return;
  }
  if (ec && status.type() != fs::file_type::not_found)
    throw InputError(name, 0, "cannot use the results folder: " + ec.message());
  // Not there yet: the nearest existing folder above it must be one it can be created in.
  for (fs::path above = fs::absolute(folder, ec).parent_path(); !above.empty(); above = above.parent_path()) {
    const fs::file_status s = fs::status(above, ec);
    if (fs::exists(s)) {
      if (!fs::is_directory(s))
        throw InputError(name, 0, "cannot create the results folder: '" + above.string() + "' is a file, not a folder");
      if (!writable(above))
        throw InputError(name, 0, "cannot create the results folder in '" + above.string() + "': " + std::strerror(errno));
      return;
    }
    if (ec && s.type() != fs::file_type::not_found)
      throw InputError(name, 0, "cannot create the results folder: '" + above.string() + "': " + ec.message());
    if (above == above.parent_path()) break;
  }
}

CellResult compute_cell(const ExperimentConfig& config, const Cell& cell, const InfluenceGraph& graph) {
  const auto& algorithm = *cell.algorithm;
  std::unique_ptr<tbb::global_control> limit;
  if (cell.threads > 0)
    limit = std::make_unique<tbb::global_control>(tbb::global_control::max_allowed_parallelism,
                                                  static_cast<std::size_t>(cell.threads));
  SelectionProblem problem;
  problem.model = cell.model.kind;
  problem.max_steps = cell.model.max_steps;
  problem.k = cell.k;
  problem.rng_seed = cell.rng_seed;
  SelectionOptions options;
  options.epsilon = algorithm.epsilon;
  options.ell = algorithm.ell;
  options.delta = algorithm.delta;
  options.mc_runs = algorithm.mc_runs;

  CellResult r;
  r.id = cell.id;
  r.config = cell.config;
  r.graph = config.graphs[cell.graph].name;
  r.graph_identity = config.graphs[cell.graph].identity();
  r.nodes = graph.num_nodes();
  r.edges = graph.num_edges();
  r.model = cell.model.text;
  r.algorithm = algorithm.name;
  r.k = cell.k;
  r.repetition = cell.repetition;
  r.rng_seed = cell.rng_seed;
  r.threads = cell.threads;
  const SelectionAlgorithm& entry = selection_algorithm(algorithm.name);
  if (entry.reads(SelectionSetting::kEpsilon)) r.epsilon = algorithm.epsilon;
  if (entry.reads(SelectionSetting::kMcRuns)) r.mc_runs = algorithm.mc_runs;

  reset_peak_rss();
  const auto start = Clock::now();
  const SelectionResult selection = run_selection(entry.name, graph, problem, options);
  r.select_seconds = since(start);
  r.peak_rss_bytes = peak_rss_bytes();
  for (const auto& s : selection.seeds) {
    r.seed_ids.push_back(s.node);
    r.seeds.push_back(graph.label(s.node));
  }
  r.spread_curve = selection.spread_curve;
  r.estimated_spread = selection.estimated_spread;
  r.guarantee = selection.guarantee;
  r.rr_sets = selection.rr_sets;
  r.rr_memory_bytes = selection.rr_memory_bytes;

  for (const auto& model : cell.evaluation_models) {
    SimulationOptions sim;
    sim.model = model.kind;
    sim.max_steps = model.max_steps;
    sim.runs = config.evaluation_runs;
    sim.rng_seed = config.evaluation_seed;
    sim.domain = StreamDomain::kEvaluationRun;
    sim.per_node_probabilities = false;
    const auto eval_start = Clock::now();
    const SpreadStatistics stats = simulate_spread(graph, r.seed_ids, sim);
    CellEvaluation e;
    e.seconds = since(eval_start);
    e.model = model.text;
    e.runs = stats.runs;
    e.mean = stats.all.summary.mean;
    e.stddev = stats.all.summary.stddev;
    e.ci95_low = stats.all.summary.ci95_low;
    e.ci95_high = stats.all.summary.ci95_high;
    e.new_per_step = stats.all.new_per_step;
    e.cumulative_per_step = stats.all.cumulative_per_step;
    e.histogram_edges = stats.all.histogram_edges;
    e.histogram_counts = stats.all.histogram_counts;
    r.evaluations.push_back(std::move(e));
  }
  return r;
}

}  // namespace

InfluenceGraph load_experiment_graph(const ExperimentGraph& spec) {
  const std::string path = spec.resolved_path.string();
  const std::string note = "experiment graph " + spec.name;
  if (spec.format == "h5") {
    InfluenceGraph graph = read_graph_file(path);
    if (!spec.prob.empty()) assign_probabilities(graph, parse_probability_model(spec.prob), spec.seed);
    return graph;
  }
  const ProbabilityModel model = parse_probability_model(spec.prob.empty() ? "wc" : spec.prob);
  if (spec.format == "log") {
    InteractionLogOptions options;
    for (const auto& w : spec.action_weights) options.action_weights.set_from_spec(w);
    options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
    return build_graph_from_logs({path}, options, model, spec.seed, note).graph;
  }
  if (spec.format == "edge-list") {
    EdgeListOptions options;
    options.direction = parse_edge_direction(spec.direction);
    options.columns = spec.columns;
    options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
    return import_edge_lists({path}, options, model, spec.seed, note).graph;
  }
  if (spec.format != "rmat" && spec.format != "powerlaw")  // read_experiment_config resolves "auto"
    throw InputError("graph " + spec.name + ": format '" + spec.format + "' is not resolved (h5, log, edge-list, rmat, powerlaw)");
  if (spec.nodes >= 0xFFFFFFFFull) throw InputError("graph " + spec.name + ": too many nodes");
  InfluenceGraph graph = spec.format == "rmat"
                             ? generate_rmat(static_cast<NodeId>(spec.nodes), spec.edges, spec.seed)
                             : generate_powerlaw(static_cast<NodeId>(spec.nodes), spec.edges, spec.seed, spec.gamma);
  assign_probabilities(graph, model, spec.seed);
  return graph;
}

ExperimentRunSummary run_experiment(const ExperimentConfig& config, const ExperimentRunOptions& options) {
  const auto start = Clock::now();
  auto say = [&](const std::string& line) {
    if (options.progress) options.progress(line);
  };
  // The results files must not replace the .ini or a graph (`output = .` beside a graph called
  // results.csv, or a graph read from an earlier results folder).
  std::vector<NamedPath> inputs{{"the experiment file", config.ini_path}};
  for (const auto& g : config.graphs) inputs.push_back({"graph " + g.name, g.resolved_path});
  check_output_paths(inputs, {{"results.h5", config.output_dir / "results.h5"},
                              {"results.csv", config.output_dir / "results.csv"}});
  check_results_folder(config.output_dir);
  const std::string ini_text = read_text(config.ini_path);
  const std::vector<Cell> cells = expand_grid(config);

  // Earlier results, by id (the config text is compared too, so a hash collision cannot reuse).
  std::map<std::string, CellResult> previous;
  std::set<std::string> previous_ids;
  std::string previous_ini;
  std::error_code exists_error;  // check_results_folder found the folder usable
  const bool have_file = std::filesystem::exists(config.output_dir / "results.h5", exists_error);
  // --force reuses nothing, so it never reads the old file either: it also replaces one this version
  // cannot read (an older format), as the refusal message tells the user to do.
  if (!options.force)
    for (auto& r : read_experiment_results(config.output_dir, &previous_ini)) {
      previous_ids.insert(r.id);
      previous.emplace(r.id, std::move(r));
    }
  std::vector<std::optional<CellResult>> results(cells.size());
  std::size_t to_compute = 0;
  for (std::size_t i = 0; i < cells.size(); ++i) {
    auto it = previous.find(cells[i].id);
    if (!options.force && it != previous.end() && it->second.config == cells[i].config) results[i] = it->second;
    else ++to_compute;
  }
  ExperimentRunSummary summary;
  summary.cells = cells.size();
  summary.reused = cells.size() - to_compute;
  say("experiment " + config.name + ": " + std::to_string(cells.size()) + " cells, " + std::to_string(summary.reused) +
      " already computed, " + std::to_string(to_compute) + " to run; results in " + config.output_dir.string());

  if (options.dry_run) {
    for (std::size_t i = 0; i < cells.size(); ++i)
      say(cells[i].id + "  " + (results[i] ? "done     " : "to run   ") + cells[i].config);
    summary.results.clear();
    return summary;
  }
  auto gather = [&] {
    std::vector<CellResult> done;
    for (const auto& r : results)
      if (r) done.push_back(*r);
    return done;
  };
  // The files start as exactly the reused cells (rewritten only when that is not already so), and
  // each computed cell is added to them. Nothing is written before the first cell is done, so a
  // graph that fails to load leaves no new results folder or empty files behind.
  std::set<std::string> reused_ids;
  for (const auto& r : results)
    if (r) reused_ids.insert(r->id);
  bool files_ready = have_file && reused_ids == previous_ids && previous_ini == ini_text &&
                     std::filesystem::exists(config.output_dir / "results.csv", exists_error);
  auto start_files = [&](const std::vector<CellResult>& cells_so_far) {
    if (files_ready) return;
    std::error_code ec;
    std::filesystem::create_directories(config.output_dir, ec);
    if (ec) throw InputError(config.output_dir.string(), 0, "cannot create the results folder: " + ec.message());
    write_experiment_results(config.output_dir, config.name, ini_text, cells_so_far);
    files_ready = true;
  };

  std::size_t loaded_graph = static_cast<std::size_t>(-1);
  InfluenceGraph graph;
  std::map<std::string, std::pair<double, std::size_t>> seconds_by_algorithm;  // for the time-left estimate
  double computed_seconds = 0;
  const int width = static_cast<int>(std::to_string(cells.size()).size());
  for (std::size_t i = 0; i < cells.size(); ++i) {
    const Cell& cell = cells[i];
    char head[512];
    std::snprintf(head, sizeof head, "[%*zu/%zu] %s %s %s k=%u rep=%u%s", width, i + 1, cells.size(),
                  config.graphs[cell.graph].name.c_str(), cell.model.text.c_str(), cell.algorithm->name.c_str(), cell.k,
                  cell.repetition, cell.threads ? (" threads=" + std::to_string(cell.threads)).c_str() : "");
    if (results[i]) {
      say(std::string(head) + ": already computed");
      continue;
    }
    if (loaded_graph != cell.graph) {
      graph = InfluenceGraph{};  // one graph in memory at a time (the grid is ordered by graph)
      const auto load_start = Clock::now();
      try {
        graph = load_experiment_graph(config.graphs[cell.graph]);
      } catch (const UsageError& e) {  // generator parameters from the .ini
        throw InputError(config.ini_path.string(), 0, "graph " + config.graphs[cell.graph].name + ": " + e.what());
      }
      loaded_graph = cell.graph;
      say("graph " + config.graphs[cell.graph].name + ": " + std::to_string(graph.num_nodes()) + " nodes, " +
          std::to_string(graph.num_edges()) + " edges (" + duration_text(since(load_start)) + " to load)");
    }
    const auto cell_start = Clock::now();
    // Every setting of a cell comes from the .ini, so a library UsageError is bad input there (exit 1),
    // like the InputErrors the data cause (k larger than the graph's users); both name the cell.
    try {
      results[i] = compute_cell(config, cell, graph);
    } catch (const UsageError& e) {
      throw InputError(config.ini_path.string(), 0, std::string(head) + ": " + e.what());
    } catch (const InputError& e) {
      throw InputError(std::string(head) + ": " + e.what());
    }
    const double seconds = since(cell_start);
    computed_seconds += seconds;
    ++summary.computed;
    auto& [sum, count] = seconds_by_algorithm[cell.algorithm->name];
    sum += seconds;
    ++count;
    if (files_ready) {
      append_experiment_result(config.output_dir, config.name, ini_text, *results[i], gather());
    } else {
      start_files(gather());  // the reused cells and this first computed one
    }

    // Time left: each remaining cell costs its algorithm's mean so far (or the overall mean).
    double left = 0;
    for (std::size_t j = i + 1; j < cells.size(); ++j) {
      if (results[j]) continue;
      auto it = seconds_by_algorithm.find(cells[j].algorithm->name);
      left += it != seconds_by_algorithm.end() ? it->second.first / static_cast<double>(it->second.second)
                                               : computed_seconds / static_cast<double>(summary.computed);
    }
    const auto& e = results[i]->evaluations.front();
    char line[512];
    std::snprintf(line, sizeof line, ": spread %.2f [%.2f, %.2f] (%s), select %.3f s, RSS %.0f MiB | %s elapsed, ~%s left",
                  e.mean, e.ci95_low, e.ci95_high, e.model.c_str(), results[i]->select_seconds,
                  static_cast<double>(results[i]->peak_rss_bytes) / (1024.0 * 1024.0), duration_text(since(start)).c_str(),
                  duration_text(left).c_str());
    say(std::string(head) + line);
  }
  summary.results = gather();
  start_files(summary.results);  // everything reused, but the stored files need rewriting
  summary.seconds = since(start);
  say("experiment " + config.name + ": done, " + std::to_string(summary.computed) + " computed, " +
      std::to_string(summary.reused) + " reused, " + duration_text(summary.seconds));
  return summary;
}

}  // namespace kuchikomi
