// Reads a selection or simulation results file into ReportData (html_report.hpp). Everything the
// page needs is checked here, so a bad file fails with one clear message before any HTML is made.
#include <algorithm>
#include <cmath>
#include <type_traits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/selection_report.hpp"
#include "kuchikomi/report/simulation_report.hpp"

namespace kuchikomi {
namespace {

constexpr const char* kSelectionFormat = "kuchikomi-selection";

class Reader {
 public:
  explicit Reader(std::string path) : path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& what) const { throw InputError(path_, 0, what); }

  hdf5::Group need_group(const hdf5::Group& parent, const std::string& name) const {
    if (!parent.has(name)) fail("missing group /" + name + " (not a complete results file)");
    return parent.open_group(name);
  }
  void need_dataset(const hdf5::Group& where, const std::string& group, const std::string& name) const {
    if (!where.has(name)) fail("missing dataset /" + group + "/" + name);
  }
  std::vector<std::string> strings(const hdf5::Group& where, const std::string& group, const std::string& name) const {
    if (!where.has_strings(name)) fail("missing string list /" + group + "/" + name);
    return where.read_strings(name);
  }
  std::string text(const hdf5::Group& where, const std::string& name, const std::string& fallback = "") const {
    return where.has_attribute(name) ? where.string_attribute(name) : fallback;
  }
  std::string need_text(const hdf5::Group& where, const std::string& name) const {
    if (!where.has_attribute(name)) fail("missing attribute '" + name + "'");
    return where.string_attribute(name);
  }
  double number(const hdf5::Group& where, const std::string& name, double fallback = 0) const {
    if (!where.has_attribute(name)) return fallback;
    const double value = where.double_attribute(name);
    if (!std::isfinite(value)) fail("attribute '" + name + "' is not a finite number");
    return value;
  }
  double need_number(const hdf5::Group& where, const std::string& name) const {
    if (!where.has_attribute(name)) fail("missing attribute '" + name + "'");
    return number(where, name);
  }
  // mean, stddev, ci95_low, ci95_high (attributes NAME_PREFIX + name; stddev may be absent).
  SummaryStatistics summary(const hdf5::Group& where, const std::string& prefix) const {
    SummaryStatistics s;
    s.mean = need_number(where, prefix + "mean");
    s.stddev = number(where, prefix + "stddev");
    s.ci95_low = need_number(where, prefix + "ci95_low");
    s.ci95_high = need_number(where, prefix + "ci95_high");
    return s;
  }
  std::uint64_t count(const hdf5::Group& where, const std::string& name, std::uint64_t fallback = 0) const {
    if (!where.has_attribute(name)) return fallback;
    return where.uint_attribute(name);
  }
  template <class T>
  std::vector<T> values(const hdf5::Group& where, const std::string& group, const std::string& name,
                        std::size_t expected_length) const {
    need_dataset(where, group, name);
    auto v = where.read<T>(name);
    if (expected_length != kAnyLength && v.size() != expected_length)
      fail("/" + group + "/" + name + " has " + std::to_string(v.size()) + " values, expected " +
           std::to_string(expected_length));
    if constexpr (std::is_floating_point_v<T>)
      for (T x : v)
        if (!std::isfinite(x)) fail("/" + group + "/" + name + " holds a value that is not a finite number");
    return v;
  }
  template <class T>
  std::vector<T> optional_values(const hdf5::Group& where, const std::string& group, const std::string& name) const {
    return where.has(name) ? values<T>(where, group, name, kAnyLength) : std::vector<T>{};
  }

  static constexpr std::size_t kAnyLength = static_cast<std::size_t>(-1);

 private:
  std::string path_;
};

// /unknown_users (report/unknown_users.hpp), when the run skipped users its lists named.
void read_unknown_users(const Reader& r, const hdf5::Group& file, ReportData& d) {
  if (!file.has("unknown_users")) return;
  const hdf5::Group group = r.need_group(file, "unknown_users");
  const auto options = r.strings(group, "unknown_users", "option");
  const auto labels = r.strings(group, "unknown_users", "label");
  if (options.size() != labels.size()) r.fail("/unknown_users/option and /unknown_users/label differ in length");
  for (std::size_t i = 0; i < labels.size(); ++i) d.unknown_users.emplace_back(options[i], labels[i]);
}

void read_selection(const Reader& r, const hdf5::Group& file, ReportData& d) {
  d.is_selection = true;
  d.algorithm = r.need_text(file, "algorithm");
  d.model = r.need_text(file, "model");
  d.graph_path = r.text(file, "graph");
  d.guarantee = r.text(file, "guarantee");
  d.command_line = r.text(file, "command_line");
  d.k = r.count(file, "k");
  d.rng_seed = r.count(file, "rng_seed");
  d.max_steps = r.count(file, "max_steps");
  d.rr_sets = r.count(file, "rr_sets");
  d.rr_memory_bytes = r.count(file, "rr_memory_bytes");
  d.budget = r.number(file, "budget");
  d.budget_spent = r.number(file, "budget_spent");
  d.max_seeds = r.count(file, "max_seeds");
  d.stopped_by = r.text(file, "stopped_by");
  read_unknown_users(r, file, d);
  d.estimated_spread = r.number(file, "estimated_spread");
  d.approximation_ratio = r.number(file, "approximation_ratio");
  d.graph_nodes = r.count(file, "graph_nodes");
  d.graph_edges = r.count(file, "graph_edges");
  d.graph_source = r.text(file, "graph_source");
  d.graph_source_format = r.text(file, "graph_source_format");
  d.graph_probability_model = r.text(file, "graph_probability_model");
  d.graph_fingerprint = r.text(file, "graph_fingerprint");
  d.target_size = r.count(file, "target_size");
  for (const auto& name : file.attribute_names())
    if (name.rfind("config.", 0) == 0) d.config.emplace_back(name.substr(7), file.string_attribute(name));

  const hdf5::Group seeds = r.need_group(file, "seeds");
  const auto labels = r.strings(seeds, "seeds", "label");
  const auto ids = r.values<std::uint32_t>(seeds, "seeds", "id", labels.size());
  const auto gains = r.values<double>(seeds, "seeds", "marginal_gain", labels.size());
  const auto costs = r.values<double>(seeds, "seeds", "cost", labels.size());
  // A heuristic run without evaluation has no spread curve (and its gains are not spreads): the
  // page then shows the ranking alone, like a simulation's seed list.
  auto curve = r.optional_values<double>(seeds, "seeds", "spread_curve");
  d.curve_from_evaluation = seeds.has_attribute("curve_source") && seeds.string_attribute("curve_source") == "evaluation";
  if (curve.empty()) {
    d.has_gains = false;
    curve.assign(labels.size(), 0.0);
  } else if (curve.size() != labels.size()) {
    r.fail("/seeds/spread_curve has " + std::to_string(curve.size()) + " values, expected " +
           std::to_string(labels.size()));
  }
  const auto fixed = seeds.has("fixed") ? r.values<std::uint8_t>(seeds, "seeds", "fixed", labels.size())
                                        : std::vector<std::uint8_t>(labels.size(), 0);
  for (std::size_t i = 0; i < labels.size(); ++i)
    d.seeds.push_back({labels[i], ids[i], gains[i], costs[i], curve[i], fixed[i] != 0});

  if (file.has("phases")) {
    const auto phases = file.open_group("phases");
    const auto names = r.strings(phases, "phases", "name");
    const auto seconds = r.values<double>(phases, "phases", "seconds", names.size());
    for (std::size_t i = 0; i < names.size(); ++i) d.phases.emplace_back(names[i], seconds[i]);
  }

  if (file.has("evaluation")) {
    const auto e = file.open_group("evaluation");
    d.evaluated = true;
    d.runs = r.count(e, "runs");
    d.all.summary = r.summary(e, "");
    if (e.has_attribute("target_mean")) d.target.emplace().summary = r.summary(e, "target_");
    d.all.cumulative_per_step = r.optional_values<double>(e, "evaluation", "cumulative_per_step");
    d.evaluated_curve = r.optional_values<double>(e, "evaluation", "spread_curve");
    if (!d.evaluated_curve.empty() && d.evaluated_curve.size() != d.seeds.size())
      r.fail("evaluation/spread_curve has " + std::to_string(d.evaluated_curve.size()) + " entries for " +
             std::to_string(d.seeds.size()) + " seeds");
    d.all.new_per_step = r.optional_values<double>(e, "evaluation", "new_per_step");
    if (d.target)
      d.target->cumulative_per_step = r.optional_values<double>(e, "evaluation", "target_cumulative_per_step");
    d.all.histogram_edges = r.optional_values<std::uint64_t>(e, "evaluation", "histogram_edges");
    d.all.histogram_counts = r.optional_values<std::uint64_t>(e, "evaluation", "histogram_counts");
    d.has_likely_counts = e.has_attribute("users_reached_p50") && e.has_attribute("users_reached_p90");
    d.users_reached_p50 = r.count(e, "users_reached_p50");
    d.users_reached_p90 = r.count(e, "users_reached_p90");
    d.node_probability = r.optional_values<double>(e, "evaluation", "node_probability");
    if (e.has("top_reached")) {
      const auto t = e.open_group("top_reached");
      const auto reached_labels = r.strings(t, "evaluation/top_reached", "label");
      const auto reached_ids = r.values<std::uint32_t>(t, "evaluation/top_reached", "id", reached_labels.size());
      const auto p = r.values<double>(t, "evaluation/top_reached", "probability", reached_labels.size());
      for (std::size_t i = 0; i < reached_labels.size(); ++i)
        d.top_reached.push_back({reached_labels[i], reached_ids[i], p[i]});
    }
  }
}

void read_simulation(const Reader& r, const hdf5::Group& file, ReportData& d) {
  d.is_selection = false;
  d.has_gains = false;
  d.algorithm = "simulation of a given seed set";
  d.model = r.need_text(file, "model");
  d.graph_path = r.text(file, "graph");
  d.command_line = r.text(file, "command_line");
  d.rng_seed = r.count(file, "rng_seed");
  d.max_steps = r.count(file, "max_steps");
  d.graph_nodes = r.count(file, "graph_nodes");
  d.graph_edges = r.count(file, "graph_edges");
  d.graph_probability_model = r.text(file, "graph_probability_model");
  d.graph_fingerprint = r.text(file, "graph_fingerprint");
  d.graph_source = r.text(file, "graph_source");
  d.target_size = r.count(file, "target_size");
  read_unknown_users(r, file, d);
  d.phases.emplace_back("simulation", r.number(file, "seconds"));
  for (const char* key : {"runs_requested", "precision", "max_runs", "batch_runs", "threads", "target"})
    if (file.has_attribute(key)) {
      const std::string name = key;
      d.config.emplace_back(name, name == "target" ? file.string_attribute(name)
                                                   : name == "precision" ? std::to_string(file.double_attribute(name))
                                                                         : std::to_string(file.int_attribute(name)));
    }

  if (file.has_attribute("random_seeds") && file.int_attribute("random_seeds") > 0)
    r.fail("this simulation drew " + std::to_string(file.int_attribute("random_seeds")) +
           " random seed user(s) per run: there is no seed set to report (the report shows a chosen set; "
           "simulate a given seed set instead)");
  const hdf5::Group seeds = r.need_group(file, "seeds");
  const auto labels = r.strings(seeds, "seeds", "label");
  const auto ids = r.values<std::uint32_t>(seeds, "seeds", "id", labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) d.seeds.push_back({labels[i], ids[i], 0, 1, 0, false});
  d.k = d.seeds.size();

  const hdf5::Group spread = r.need_group(file, "spread");
  d.evaluated = true;
  d.runs = r.count(file, "runs");
  d.all.summary = r.summary(spread, "");
  d.estimated_spread = d.all.summary.mean;
  d.all.histogram_edges = r.optional_values<std::uint64_t>(spread, "spread", "histogram_edges");
  d.all.histogram_counts = r.optional_values<std::uint64_t>(spread, "spread", "histogram_counts");
  if (file.has("steps")) {
    const auto steps = file.open_group("steps");
    d.all.cumulative_per_step = r.optional_values<double>(steps, "steps", "cumulative_mean");
    d.all.new_per_step = r.optional_values<double>(steps, "steps", "new_mean");
  }
  if (file.has("target")) {
    const auto t = file.open_group("target");
    Reach& target = d.target.emplace();
    target.summary = r.summary(t, "");
    target.cumulative_per_step = r.optional_values<double>(t, "target", "cumulative_mean");
  }
  if (file.has("nodes") && file.open_group("nodes").has("activation_probability")) {
    const auto nodes = file.open_group("nodes");
    SpreadStatistics stats;
    stats.node_probability = r.values<double>(nodes, "nodes", "activation_probability", Reader::kAnyLength);
    std::vector<NodeId> seed_ids(ids.begin(), ids.end());
    std::vector<std::uint8_t> is_seed(stats.node_probability.size(), 0);
    for (NodeId v : seed_ids)
      if (v < is_seed.size()) is_seed[v] = 1;
    d.has_likely_counts = true;
    d.node_probability = stats.node_probability;
    for (NodeId v = 0; v < stats.node_probability.size(); ++v) {
      d.users_reached_p50 += !is_seed[v] && stats.node_probability[v] >= 0.5;
      d.users_reached_p90 += !is_seed[v] && stats.node_probability[v] >= 0.9;
    }
    // Labels of reached users are not in a simulation file (only the graph has them): show ids.
    for (const auto& [v, p] : top_reached_users(stats, seed_ids, kTopReachedStored)) {
      std::string label = "#";
      label += std::to_string(v);
      d.top_reached.push_back({std::move(label), v, p});
    }
  }
  // Per-seed cumulative spread is not known for a given set; the last row gets the simulated mean.
  if (!d.seeds.empty()) d.seeds.back().cumulative_spread = d.all.summary.mean;
}

}  // namespace

namespace {

ReportData read_report_data(const hdf5::Group& file, const std::string& name) {
  const Reader reader(name);
  if (!file.has_attribute("format"))
    reader.fail("not a kuchikomi results file (no 'format' attribute); give the output of `kuchikomi select` or "
                "`kuchikomi simulate`");
  if (file.is_variable_length_string_attribute("format"))
    reader.fail("written by an older kuchikomi (text stored as HDF5 variable-length strings, which cannot be read "
                "safely from files of unknown origin); run the select or simulate command again to make a new one");
  ReportData data;
  data.source_path = name;
  data.format = file.string_attribute("format");
  if (data.format == kSelectionFormat) {
    read_selection(reader, file, data);
    data.explanation = read_plan_explanation(file, data.seeds.size(), data.graph_nodes, name);
    data.model_band = read_model_band(file, name);
  }
  else if (data.format == kSimulationFormat) read_simulation(reader, file, data);
  else
    reader.fail("format '" + data.format + "' is not a selection or simulation result (expected '" +
                std::string(kSelectionFormat) + "' or '" + kSimulationFormat + "')");
  if (data.seeds.empty()) reader.fail("the results hold no seeds");
  if (file.has("graph_validation")) data.graph_validation = read_validation_attributes(file.open_group("graph_validation"));
  return data;
}

}  // namespace

ReportData read_report_data(const std::string& results_path) {
  return read_report_data(hdf5::open_file(results_path), results_path);
}

ReportData read_report_data_image(std::span<const std::byte> image, const std::string& name) {
  return read_report_data(hdf5::open_file_image(image, name), name);
}

}  // namespace kuchikomi
