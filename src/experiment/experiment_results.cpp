// Experiment results files: results.h5 (everything, one group per cell) and results.csv (tidy
// summary), both rewritten atomically so an interrupted run loses at most the cell in progress.
#include "kuchikomi/experiment/experiment_results.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/csv_field.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"

namespace kuchikomi {
namespace {

// -2: text as fixed-length attributes and byte strings (see io/hdf5_file.hpp); the .ini is a dataset.
constexpr const char* kFormat = "kuchikomi-experiment-2";

std::string number(double value, const char* format = "%.6g") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

void write_cell(const hdf5::Location& cells, const CellResult& c) {
  const auto g = cells.create_group(c.id);
  g.set_attribute("config", c.config);
  g.set_attribute("graph", c.graph);
  g.set_attribute("graph_identity", c.graph_identity);
  g.set_attribute("nodes", c.nodes);
  g.set_attribute("edges", c.edges);
  g.set_attribute("model", c.model);
  g.set_attribute("algorithm", c.algorithm);
  g.set_attribute("k", static_cast<std::uint64_t>(c.k));
  g.set_attribute("repetition", static_cast<std::uint64_t>(c.repetition));
  g.set_attribute("rng_seed", c.rng_seed);
  g.set_attribute("threads", static_cast<std::int64_t>(c.threads));
  g.set_attribute("epsilon", c.epsilon);
  g.set_attribute("mc_runs", c.mc_runs);
  g.set_attribute("estimated_spread", c.estimated_spread);
  g.set_attribute("guarantee", c.guarantee);
  g.set_attribute("select_seconds", c.select_seconds);
  g.set_attribute("peak_rss_bytes", c.peak_rss_bytes);
  g.set_attribute("rr_sets", c.rr_sets);
  g.set_attribute("rr_memory_bytes", c.rr_memory_bytes);
  g.set_attribute("evaluations", static_cast<std::uint64_t>(c.evaluations.size()));
  g.write_strings("seeds", c.seeds);
  g.write("seed_ids", c.seed_ids);
  g.write("spread_curve", c.spread_curve);
  for (std::size_t j = 0; j < c.evaluations.size(); ++j) {
    const auto& e = c.evaluations[j];
    const auto eg = g.create_group("eval" + std::to_string(j));
    eg.set_attribute("model", e.model);
    eg.set_attribute("runs", e.runs);
    eg.set_attribute("mean", e.mean);
    eg.set_attribute("stddev", e.stddev);
    eg.set_attribute("ci95_low", e.ci95_low);
    eg.set_attribute("ci95_high", e.ci95_high);
    eg.set_attribute("seconds", e.seconds);
    eg.write("new_per_step", e.new_per_step);
    eg.write("cumulative_per_step", e.cumulative_per_step);
    eg.write("histogram_edges", e.histogram_edges);
    eg.write("histogram_counts", e.histogram_counts);
  }
}

CellResult read_cell(const hdf5::Group& cells, const std::string& id) {
  const auto g = cells.open_group(id);
  CellResult c;
  c.id = id;
  c.config = g.string_attribute("config");
  c.graph = g.string_attribute("graph");
  c.graph_identity = g.string_attribute("graph_identity");
  c.nodes = (g.uint_attribute("nodes"));
  c.edges = (g.uint_attribute("edges"));
  c.model = g.string_attribute("model");
  c.algorithm = g.string_attribute("algorithm");
  c.k = static_cast<std::uint32_t>(g.uint_attribute("k"));
  c.repetition = static_cast<std::uint32_t>(g.uint_attribute("repetition"));
  c.rng_seed = (g.uint_attribute("rng_seed"));
  c.threads = static_cast<int>(g.int_attribute("threads"));
  c.epsilon = g.double_attribute("epsilon");
  c.mc_runs = (g.uint_attribute("mc_runs"));
  c.estimated_spread = g.double_attribute("estimated_spread");
  c.guarantee = g.string_attribute("guarantee");
  c.select_seconds = g.double_attribute("select_seconds");
  c.peak_rss_bytes = (g.uint_attribute("peak_rss_bytes"));
  c.rr_sets = (g.uint_attribute("rr_sets"));
  c.rr_memory_bytes = (g.uint_attribute("rr_memory_bytes"));
  c.seeds = g.read_strings("seeds");
  c.seed_ids = g.read<NodeId>("seed_ids");
  c.spread_curve = g.read<double>("spread_curve");
  const auto evaluations = static_cast<std::size_t>(g.uint_attribute("evaluations"));
  for (std::size_t j = 0; j < evaluations; ++j) {
    const auto eg = g.open_group("eval" + std::to_string(j));
    CellEvaluation e;
    e.model = eg.string_attribute("model");
    e.runs = static_cast<std::uint64_t>(eg.uint_attribute("runs"));
    e.mean = eg.double_attribute("mean");
    e.stddev = eg.double_attribute("stddev");
    e.ci95_low = eg.double_attribute("ci95_low");
    e.ci95_high = eg.double_attribute("ci95_high");
    e.seconds = eg.double_attribute("seconds");
    e.new_per_step = eg.read<double>("new_per_step");
    e.cumulative_per_step = eg.read<double>("cumulative_per_step");
    e.histogram_edges = eg.read<std::uint64_t>("histogram_edges");
    e.histogram_counts = eg.read<std::uint64_t>("histogram_counts");
    c.evaluations.push_back(std::move(e));
  }
  return c;
}

}  // namespace

std::string cell_hash(const std::string& text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buffer[17];
  std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(hash));
  return buffer;
}

std::string experiment_results_csv(const std::string& experiment, const std::vector<CellResult>& cells) {
  std::ostringstream out;
  out << "experiment,cell,graph,nodes,edges,model,algorithm,k,repetition,rng_seed,threads,epsilon,mc_runs,"
         "eval_model,eval_runs,spread_mean,spread_ci95_low,spread_ci95_high,spread_stddev,algorithm_estimate,"
         "select_seconds,eval_seconds,peak_rss_bytes,rr_memory_bytes,rr_sets,seeds\n";
  for (const auto& c : cells) {
    std::string seeds;
    for (const auto& s : c.seeds) seeds += (seeds.empty() ? "" : ";") + s;
    for (const auto& e : c.evaluations) {
      out << csv_field(experiment) << ',' << c.id << ',' << csv_field(c.graph) << ',' << c.nodes << ',' << c.edges << ','
          << c.model << ',' << c.algorithm << ',' << c.k << ',' << c.repetition << ',' << c.rng_seed << ',' << c.threads
          << ',' << number(c.epsilon) << ',' << c.mc_runs << ',' << e.model << ',' << e.runs << ','
          << number(e.mean, "%.4f") << ',' << number(e.ci95_low, "%.4f") << ',' << number(e.ci95_high, "%.4f") << ','
          << number(e.stddev, "%.4f") << ',' << number(c.estimated_spread, "%.4f") << ','
          << number(c.select_seconds, "%.6f") << ',' << number(e.seconds, "%.6f") << ',' << c.peak_rss_bytes << ','
          << c.rr_memory_bytes << ',' << c.rr_sets << ',' << csv_field(seeds) << '\n';
    }
  }
  return out.str();
}

namespace {

void write_csv(const std::filesystem::path& folder, const std::string& experiment, const std::vector<CellResult>& cells) {
  write_text_file_atomically(folder / "results.csv", experiment_results_csv(experiment, cells));
}

}  // namespace

void append_experiment_result(const std::filesystem::path& folder, const std::string& experiment,
                              const std::string& ini_text, const CellResult& cell, const std::vector<CellResult>& cells) {
  if (std::count_if(cells.begin(), cells.end(), [&](const CellResult& c) { return c.id == cell.id; }) != 1)
    throw std::logic_error("cell " + cell.id + " must be listed exactly once among the cells of " + folder.string());
  // Rewritten whole from memory rather than opened for update: libhdf5 must never open a file it did
  // not just write (io/hdf5_reader.hpp), and results.h5 may have been replaced since it was read.
  write_experiment_results(folder, experiment, ini_text, cells);
}

void write_experiment_results(const std::filesystem::path& folder, const std::string& experiment,
                              const std::string& ini_text, const std::vector<CellResult>& cells) {
  AtomicOutput h5(folder / "results.h5");
  {
    auto file = hdf5::create_file(h5);
    file.set_attribute("format", kFormat);
    file.set_attribute("experiment", experiment);
    file.write_strings("ini", {ini_text});
    std::vector<std::string> ids;
    for (const auto& c : cells) ids.push_back(c.id);
    file.write_strings("cell_ids", ids);
    {
      const auto group = file.create_group("cells");
      for (const auto& c : cells) write_cell(group, c);
    }
    file.close();
  }
  h5.commit();
  write_csv(folder, experiment, cells);
}

std::vector<CellResult> read_experiment_results(const std::filesystem::path& folder, std::string* ini_text) {
  const auto path = folder / "results.h5";
  if (!std::filesystem::exists(path)) return {};
  const auto file = hdf5::open_file(path.string());
  if (file.is_variable_length_string_attribute("format"))
    throw InputError(path.string(), 0,
                     "written by an older kuchikomi (text stored as HDF5 variable-length strings, which cannot be "
                     "read safely); recompute the whole experiment to replace it",
                     {"force"});
  if (!file.has_attribute("format") || file.string_attribute("format") != kFormat)
    throw InputError(path.string(), 0, "not a kuchikomi experiment results file (format " + std::string(kFormat) + ")");
  if (ini_text) {
    const auto ini = file.read_strings("ini");
    if (ini.size() != 1) throw InputError(path.string(), 0, "dataset 'ini' must hold the experiment file's text");
    *ini_text = ini.front();
  }
  std::vector<CellResult> cells;
  const auto group = file.open_group("cells");
  for (const auto& id : file.read_strings("cell_ids")) cells.push_back(read_cell(group, id));
  return cells;
}

}  // namespace kuchikomi
