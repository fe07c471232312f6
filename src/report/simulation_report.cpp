// Writers for simulation results: HDF5 file, text summary, JSON summary (layout in the header).
#include "kuchikomi/graph/graph_fingerprint.hpp"
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/report/simulation_report.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/report/unknown_users.hpp"
#include "kuchikomi/report/validation_report.hpp"

namespace kuchikomi {
namespace {

std::string join_labels(const InfluenceGraph& graph, const std::vector<NodeId>& ids) {
  std::string text;
  for (NodeId v : ids) {
    if (!text.empty()) text += ',';
    text += graph.label(v);
  }
  return text;
}

std::vector<std::string> labels_of(const InfluenceGraph& graph, const std::vector<NodeId>& ids) {
  std::vector<std::string> labels;
  labels.reserve(ids.size());
  for (NodeId v : ids) labels.push_back(graph.label(v));
  return labels;
}

std::string fixed(double x, int digits = 2) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

nlohmann::json summary_json(const SummaryStatistics& s) {
  return {{"mean", s.mean},         {"stddev", s.stddev}, {"ci95_low", s.ci95_low}, {"ci95_high", s.ci95_high},
          {"ci95_half_width", s.ci95_half_width()}, {"min", s.min}, {"max", s.max}};
}

}  // namespace

void write_summary_attributes(const hdf5::Location& where, const SummaryStatistics& s) {
  where.set_attribute("mean", s.mean);
  where.set_attribute("stddev", s.stddev);
  where.set_attribute("ci95_low", s.ci95_low);
  where.set_attribute("ci95_high", s.ci95_high);
  where.set_attribute("min", s.min);
  where.set_attribute("max", s.max);
}

namespace {

// The same datasets under /spread and /target, and /steps and /target.
void write_histogram(const hdf5::Location& where, const Reach& reach) {
  where.write("histogram_edges", reach.histogram_edges);
  where.write("histogram_counts", reach.histogram_counts);
}
void write_steps(const hdf5::Location& where, const Reach& reach) {
  where.write("new_mean", reach.new_per_step);
  where.write("cumulative_mean", reach.cumulative_per_step);
}

// Everything but opening and closing the file; its groups are closed when it returns.
void write_simulation_contents(const hdf5::Location& file, const InfluenceGraph& graph, const SimulationRecord& record,
                               const SpreadStatistics& stats) {
  file.set_attribute("format", kSimulationFormat);
  file.set_attribute("format_version", kSimulationFormatVersion);
  file.set_attribute("kuchikomi_version", kVersion);
  file.set_attribute("graph", record.graph_path);
  file.set_attribute("graph_nodes", static_cast<std::uint64_t>(graph.num_nodes()));
  file.set_attribute("graph_edges", static_cast<std::uint64_t>(graph.num_edges()));
  file.set_attribute("graph_probability_model", graph.provenance.probability_model);
  file.set_attribute("graph_fingerprint", graph_fingerprint(graph));
  file.set_attribute("graph_source", graph.provenance.source);
  file.set_attribute("model", record.model);
  file.set_attribute("seeds", join_labels(graph, record.seeds));
  file.set_attribute("random_seeds", static_cast<std::uint64_t>(record.random_seeds));
  file.set_attribute("runs", stats.runs);
  file.set_attribute("runs_requested", record.runs_requested);
  file.set_attribute("precision", record.precision);
  file.set_attribute("max_runs", record.max_runs);
  file.set_attribute("batch_runs", record.batch_runs);
  file.set_attribute("converged", static_cast<std::int64_t>(stats.converged));
  file.set_attribute("rng_seed", record.rng_seed);
  file.set_attribute("threads", record.threads);
  file.set_attribute("max_steps", static_cast<std::uint64_t>(record.max_steps));
  file.set_attribute("target", record.target_path);
  if (record.graph_validation)
    write_validation_attributes(file.create_group("graph_validation"), *record.graph_validation);
  file.set_attribute("target_size", stats.target_size);
  file.set_attribute("edges_examined", stats.edges_examined);
  file.set_attribute("seconds", record.seconds);
  file.set_attribute("command_line", record.command_line);
  write_unknown_users(file, record.unknown_users);

  const hdf5::Location seeds = file.create_group("seeds");
  seeds.write("id", record.seeds);
  seeds.write_strings("label", labels_of(graph, record.seeds));

  const hdf5::Location spread = file.create_group("spread");
  write_summary_attributes(spread, stats.all.summary);
  write_histogram(spread, stats.all);
  spread.write("run_spread", stats.run_spread);

  write_steps(file.create_group("steps"), stats.all);

  const hdf5::Location nodes = file.create_group("nodes");
  nodes.write("activation_probability", stats.node_probability);

  if (stats.target) {
    const hdf5::Location target = file.create_group("target");
    write_summary_attributes(target, stats.target->summary);
    target.write("id", record.target);
    target.write_strings("label", labels_of(graph, record.target));
    std::vector<double> probability;
    if (!stats.node_probability.empty())
      for (NodeId v : record.target) probability.push_back(stats.node_probability[v]);
    target.write("activation_probability", probability);
    write_steps(target, *stats.target);
    write_histogram(target, *stats.target);
  }
}

}  // namespace

void write_simulation_file(AtomicOutput& output, const InfluenceGraph& graph, const SimulationRecord& record,
                           const SpreadStatistics& stats) {
  auto file = hdf5::create_file(output);
  write_simulation_contents(file, graph, record, stats);
  file.close();  // a failed write (full disk) is reported before the caller commits
}

void write_simulation_file(const std::string& path, const InfluenceGraph& graph, const SimulationRecord& record,
                           const SpreadStatistics& stats) {
  AtomicOutput output(path);
  write_simulation_file(output, graph, record, stats);
  output.commit();
}

std::vector<std::pair<NodeId, double>> top_reached_users(const SpreadStatistics& stats,
                                                         const std::vector<NodeId>& seeds, std::size_t count) {
  std::vector<std::uint8_t> is_seed(stats.node_probability.size(), 0);
  for (NodeId s : seeds)
    if (s < is_seed.size()) is_seed[s] = 1;
  std::vector<std::pair<NodeId, double>> reached;
  for (NodeId v = 0; v < stats.node_probability.size(); ++v)
    if (!is_seed[v] && stats.node_probability[v] > 0) reached.emplace_back(v, stats.node_probability[v]);
  auto order = [](const auto& a, const auto& b) { return a.second != b.second ? a.second > b.second : a.first < b.first; };
  const std::size_t keep = std::min(count, reached.size());
  std::partial_sort(reached.begin(), reached.begin() + static_cast<std::ptrdiff_t>(keep), reached.end(), order);
  reached.resize(keep);
  return reached;
}

std::string simulation_summary_text(const InfluenceGraph& graph, const SimulationRecord& record,
                                    const SpreadStatistics& stats, const std::string& out_path, std::size_t top) {
  std::ostringstream text;
  // Labels (and paths) shown through printable(): escape sequences in a user name stay text.
  text << "model " << record.model << " on " << printable(record.graph_path) << " (" << graph.num_nodes() << " nodes, "
       << graph.num_edges() << " edges)\n";
  if (record.random_seeds > 0)
    text << "seeds: " << record.random_seeds << " user" << (record.random_seeds == 1 ? "" : "s")
         << " drawn at random in every run\n";
  else
    text << "seeds (" << record.seeds.size() << "): " << printable(join_labels(graph, record.seeds)) << "\n";
  text << unknown_users_text(record.unknown_users);
  text << "runs: " << stats.runs;
  if (record.precision > 0)
    text << " (precision " << record.precision << (stats.converged ? " reached" : " NOT reached: stopped at the run cap (max-runs)")
         << ")";
  text << ", rng seed " << record.rng_seed << ", " << record.threads << " thread" << (record.threads == 1 ? "" : "s");
  if (record.max_steps > 0) text << ", deadline " << record.max_steps << " steps";
  text << ", " << fixed(record.seconds) << " s\n";
  const auto& s = stats.all.summary;
  text << "expected spread: " << fixed(s.mean) << " ± " << fixed(s.ci95_half_width()) << " (95% CI ["
       << fixed(s.ci95_low) << ", " << fixed(s.ci95_high) << "]), sd " << fixed(s.stddev) << ", min " << s.min
       << ", max " << s.max << "\n";
  if (stats.target) {
    const auto& t = stats.target->summary;
    text << "target segment (" << stats.target_size << " users): " << fixed(t.mean) << " ± "
         << fixed(t.ci95_half_width()) << " reached (95% CI [" << fixed(t.ci95_low) << ", " << fixed(t.ci95_high)
         << "])\n";
  }
  text << "spread over time (mean cumulative users reached, new in that step):\n";
  const auto& cumulative = stats.all.cumulative_per_step;
  const std::size_t steps = cumulative.size();
  for (std::size_t i = 0; i < steps; ++i) {
    if (steps > 25 && i == 20) {
      text << "  ...\n";
      i = steps - 1;
    }
    text << "  step " << i << ": " << fixed(cumulative[i]) << " (+" << fixed(stats.all.new_per_step[i]) << ")\n";
  }
  const auto reached = top_reached_users(stats, record.seeds, top);
  if (!reached.empty()) {
    text << "top reached users (probability of being reached):\n";
    for (const auto& [v, p] : reached) text << "  " << printable(graph.label(v)) << "  " << fixed(p, 4) << "\n";
  }
  if (!out_path.empty()) text << "wrote " << printable(out_path) << "\n";
  return text.str();
}

std::string simulation_summary_json(const InfluenceGraph& graph, const SimulationRecord& record,
                                    const SpreadStatistics& stats, const std::string& out_path, std::size_t top) {
  nlohmann::json doc;
  doc["graph"] = {{"path", record.graph_path}, {"nodes", graph.num_nodes()}, {"edges", graph.num_edges()}};
  doc["model"] = record.model;
  doc["seeds"] = labels_of(graph, record.seeds);
  doc["random_seeds"] = record.random_seeds;
  doc["runs"] = stats.runs;
  doc["precision"] = record.precision;
  doc["converged"] = stats.converged;
  doc["rng_seed"] = record.rng_seed;
  doc["threads"] = record.threads;
  doc["max_steps"] = record.max_steps;
  doc["seconds"] = record.seconds;
  doc["edges_examined"] = stats.edges_examined;
  doc["spread"] = summary_json(stats.all.summary);
  doc["histogram"] = {{"edges", stats.all.histogram_edges}, {"counts", stats.all.histogram_counts}};
  doc["steps"] = {{"new_mean", stats.all.new_per_step}, {"cumulative_mean", stats.all.cumulative_per_step}};
  if (stats.target) {
    doc["target"] = summary_json(stats.target->summary);
    doc["target"]["path"] = record.target_path;
    doc["target"]["size"] = stats.target_size;
    doc["target"]["cumulative_mean"] = stats.target->cumulative_per_step;
  }
  nlohmann::json users = nlohmann::json::array();
  for (const auto& [v, p] : top_reached_users(stats, record.seeds, top))
    users.push_back({{"label", graph.label(v)}, {"probability", p}});
  doc["top_reached"] = users;
  if (!record.unknown_users.empty()) doc["unknown_users"] = unknown_users_json(record.unknown_users);
  doc["graph_validation"] = validation_record_json(record.graph_validation);
  doc["out"] = out_path;
  return json_text(std::move(doc));
}

}  // namespace kuchikomi
