// Writers for a selection run: HDF5, JSON, CSV (layout documented in selection_report.hpp).
#include "kuchikomi/report/selection_report.hpp"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/graph/graph_fingerprint.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/csv_field.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/report/plan_explanation_report.hpp"
#include "kuchikomi/report/simulation_report.hpp"
#include "kuchikomi/report/unknown_users.hpp"
#include "kuchikomi/report/validation_report.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {
namespace {

// 2: labels as bytes + offsets and fixed-length text attributes (io/hdf5_file.hpp).
constexpr std::int64_t kFormatVersion = 2;

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6g", value);
  return buffer;
}

nlohmann::json evaluation_json(const SelectionRunInfo& info) {
  if (!info.evaluated) return nullptr;
  const auto& e = info.evaluation;
  nlohmann::json j{{"runs", e.runs},
                   {"mean", e.all.summary.mean},
                   {"stddev", e.all.summary.stddev},
                   {"ci95_low", e.all.summary.ci95_low},
                   {"ci95_high", e.all.summary.ci95_high},
                   {"cumulative_per_step", e.all.cumulative_per_step},
                   {"spread_curve", info.evaluated_curve}};
  if (e.target)
    j["target"] = {{"mean", e.target->summary.mean},
                   {"ci95_low", e.target->summary.ci95_low},
                   {"ci95_high", e.target->summary.ci95_high}};
  return j;
}

}  // namespace

namespace {

// Everything but opening and closing the file; its groups are closed when it returns.
void write_selection_contents(const hdf5::Location& file, const InfluenceGraph& graph, const SelectionProblem& problem,
                              const SelectionResult& result, const SelectionRunInfo& info) {
  {
    file.set_attribute("format", "kuchikomi-selection");
    file.set_attribute("format_version", kFormatVersion);
    file.set_attribute("algorithm", result.algorithm);
    file.set_attribute("graph", info.graph_path);
    file.set_attribute("model", diffusion_model_name(problem.model));
    file.set_attribute("k", static_cast<std::uint64_t>(problem.k));
    file.set_attribute("budget", problem.budget);
    file.set_attribute("budget_spent", result.budget_spent);
    file.set_attribute("max_seeds", static_cast<std::uint64_t>(problem.max_seeds));
    file.set_attribute("stopped_by", std::string(selection_stop_key(result.stopped_by)));
    file.set_attribute("estimated_spread", result.estimated_spread);
    file.set_attribute("guarantee", result.guarantee);
    file.set_attribute("approximation_ratio", result.approximation_ratio);
    file.set_attribute("rr_sets", result.rr_sets);
    file.set_attribute("rr_memory_bytes", result.rr_memory_bytes);
    if (!result.rr_layout.empty()) file.set_attribute("rr_layout", result.rr_layout);
    if (const auto& d = result.distribution; d.ranks > 0) {  // distributed RIS (select --distributed)
      file.set_attribute("distributed.ranks", static_cast<std::uint64_t>(d.ranks));
      file.set_attribute("distributed.rr_memory_sum", d.rr_memory_sum);
      file.set_attribute("distributed.reductions", d.reductions);
      file.set_attribute("distributed.dense_reduction_bytes", d.dense_bytes);
      file.set_attribute("distributed.greedy_rounds", d.greedy_rounds);
      file.set_attribute("distributed.greedy_round_bytes", d.round_bytes);
      file.set_attribute("distributed.bytes_sent_per_rank", d.bytes);
    }
    file.set_attribute("rng_seed", problem.rng_seed);
    file.set_attribute("max_steps", static_cast<std::uint64_t>(problem.max_steps));
    file.set_attribute("command_line", info.command_line);
    // Where the graph came from, so a report can name its inputs without the graph file.
    file.set_attribute("graph_nodes", static_cast<std::uint64_t>(graph.num_nodes()));
    file.set_attribute("graph_edges", static_cast<std::uint64_t>(graph.num_edges()));
    file.set_attribute("graph_source", graph.provenance.source);
    file.set_attribute("graph_source_format", graph.provenance.source_format);
    file.set_attribute("graph_probability_model", graph.provenance.probability_model);
    file.set_attribute("graph_fingerprint", graph_fingerprint(graph));
    file.set_attribute("target_size", static_cast<std::uint64_t>(problem.target.size()));
    for (const auto& [key, value] : info.config) file.set_attribute("config." + key, value);
    write_unknown_users(file, info.unknown_users);
    if (info.graph_validation) write_validation_attributes(file.create_group("graph_validation"), *info.graph_validation);

    std::vector<std::string> labels;
    std::vector<std::uint32_t> ids;
    std::vector<double> gains, costs;
    std::vector<std::uint8_t> fixed;
    for (const auto& s : result.seeds) {
      labels.push_back(graph.label(s.node));
      ids.push_back(s.node);
      gains.push_back(s.marginal_gain);
      costs.push_back(s.cost);
      fixed.push_back(s.fixed ? 1 : 0);
    }
    auto seeds = file.create_group("seeds");
    seeds.write_strings("label", labels);
    seeds.write("id", ids);
    seeds.write("marginal_gain", gains);
    seeds.write("cost", costs);
    seeds.write("fixed", fixed);
    seeds.write("spread_curve", result.spread_curve);
    seeds.set_attribute("curve_source", std::string(result.curve_from_evaluation ? "evaluation" : "algorithm"));

    std::vector<std::string> phase_names;
    std::vector<double> phase_seconds;
    for (const auto& [name, seconds] : result.phase_seconds) {
      phase_names.push_back(name);
      phase_seconds.push_back(seconds);
    }
    auto phases = file.create_group("phases");
    phases.write_strings("name", phase_names);
    phases.write("seconds", phase_seconds);

    if (info.evaluated) {
      const auto& e = info.evaluation;
      auto evaluation = file.create_group("evaluation");
      evaluation.set_attribute("runs", e.runs);
      write_summary_attributes(evaluation, e.all.summary);
      if (e.target) {
        evaluation.set_attribute("target_mean", e.target->summary.mean);
        evaluation.set_attribute("target_ci95_low", e.target->summary.ci95_low);
        evaluation.set_attribute("target_ci95_high", e.target->summary.ci95_high);
      }
      evaluation.write("cumulative_per_step", e.all.cumulative_per_step);
      if (!info.evaluated_curve.empty()) evaluation.write("spread_curve", info.evaluated_curve);
      evaluation.write("new_per_step", e.all.new_per_step);
      evaluation.write("histogram_edges", e.all.histogram_edges);
      evaluation.write("histogram_counts", e.all.histogram_counts);
      if (e.target) {
        evaluation.write("target_cumulative_per_step", e.target->cumulative_per_step);
        evaluation.write("target_new_per_step", e.target->new_per_step);
      }
      // Who is reached: the most often reached non-seed users (needs per-node probabilities).
      if (!e.node_probability.empty()) {
        std::vector<NodeId> seed_ids;
        for (const auto& s : result.seeds) seed_ids.push_back(s.node);
        std::vector<std::uint32_t> reached_ids;
        std::vector<std::string> reached_labels;
        std::vector<double> reached_probability;
        for (const auto& [v, p] : top_reached_users(e, seed_ids, kTopReachedStored)) {
          reached_ids.push_back(v);
          reached_labels.push_back(graph.label(v));
          reached_probability.push_back(p);
        }
        // How many users are likely reached, for the report's one-line summary of the whole audience.
        std::uint64_t over_half = 0, over_ninety = 0;
        std::vector<std::uint8_t> is_seed(e.node_probability.size(), 0);
        for (NodeId v : seed_ids) is_seed[v] = 1;
        for (NodeId v = 0; v < e.node_probability.size(); ++v) {
          over_half += !is_seed[v] && e.node_probability[v] >= 0.5;
          over_ninety += !is_seed[v] && e.node_probability[v] >= 0.9;
        }
        evaluation.set_attribute("users_reached_p50", over_half);
        evaluation.set_attribute("users_reached_p90", over_ninety);
        // Every user's chance of being reached, for comparing plans user by user (report a.h5 b.h5).
        evaluation.write("node_probability", e.node_probability);
        auto reached = evaluation.create_group("top_reached");
        reached.write("id", reached_ids);
        reached.write_strings("label", reached_labels);
        reached.write("probability", reached_probability);
      }
    }
    if (info.explanation) write_plan_explanation_hdf5(file, *info.explanation);
    write_model_band_hdf5(file, info.model_band);
  }
}

}  // namespace

void write_selection_hdf5(AtomicOutput& output, const InfluenceGraph& graph, const SelectionProblem& problem,
                          const SelectionResult& result, const SelectionRunInfo& info) {
  auto file = hdf5::create_file(output);
  write_selection_contents(file, graph, problem, result, info);
  file.close();  // a failed write (full disk) is reported before the caller commits
}

void write_selection_hdf5(const std::string& path, const InfluenceGraph& graph, const SelectionProblem& problem,
                          const SelectionResult& result, const SelectionRunInfo& info) {
  AtomicOutput output(path);
  write_selection_hdf5(output, graph, problem, result, info);
  output.commit();
}

std::string selection_json(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionResult& result,
                           const SelectionRunInfo& info) {
  nlohmann::json seeds = nlohmann::json::array();
  for (std::size_t i = 0; i < result.seeds.size(); ++i) {
    const auto& s = result.seeds[i];
    seeds.push_back({{"rank", i + 1},
                     {"user", graph.label(s.node)},
                     {"id", s.node},
                     {"marginal_gain", s.marginal_gain},
                     {"cost", s.cost},
                     {"fixed", s.fixed},
                     {"cumulative_spread", i < result.spread_curve.size() ? result.spread_curve[i] : 0.0}});
  }
  nlohmann::json phases = nlohmann::json::object();
  for (const auto& [name, seconds] : result.phase_seconds) phases[name] = seconds;
  nlohmann::json config = nlohmann::json::object();
  for (const auto& [key, value] : info.config) config[key] = value;
  nlohmann::json j{{"format", "kuchikomi-selection"},
                   {"format_version", kFormatVersion},
                   {"algorithm", result.algorithm},
                   {"graph", info.graph_path},
                   {"model", diffusion_model_name(problem.model)},
                   {"k", problem.k},
                   {"budget", problem.budget},
                   {"budget_spent", result.budget_spent},
                   {"max_seeds", problem.max_seeds},
                   {"stopped_by", selection_stop_key(result.stopped_by)},
                   {"stopped_by_text", selection_stop_text(result.stopped_by)},
                   {"max_steps", problem.max_steps},
                   {"rng_seed", problem.rng_seed},
                   {"seeds", seeds},
                   {"curve_source", result.curve_from_evaluation ? "evaluation" : "algorithm"},
                   {"estimated_spread", result.estimated_spread},
                   {"guarantee", result.guarantee},
                   {"approximation_ratio", result.approximation_ratio},
                   {"rr_sets", result.rr_sets},
                   {"rr_memory_bytes", result.rr_memory_bytes},
                   {"rr_layout", result.rr_layout},
                   {"phase_seconds", phases},
                   {"evaluation", evaluation_json(info)},
                   {"config", config},
                   {"graph_validation", validation_record_json(info.graph_validation)},
                   {"command_line", info.command_line}};
  if (!info.unknown_users.empty()) j["unknown_users"] = unknown_users_json(info.unknown_users);
  if (const auto& d = result.distribution; d.ranks > 0)  // distributed RIS (select --distributed)
    j["distributed"] = {{"ranks", d.ranks},
                        {"rr_memory_max_rank", result.rr_memory_bytes},
                        {"rr_memory_sum", d.rr_memory_sum},
                        {"reductions", d.reductions},
                        {"dense_reduction_bytes", d.dense_bytes},
                        {"greedy_rounds", d.greedy_rounds},
                        {"greedy_round_bytes", d.round_bytes},
                        {"bytes_sent_per_rank", d.bytes}};
  if (!info.model_band.entries.empty()) j["model_band"] = model_band_json(info.model_band);
  if (info.explanation) {
    std::vector<NodeId> plan;
    for (const auto& s : result.seeds) plan.push_back(s.node);
    j["explanation"] = plan_explanation_json(graph, plan, *info.explanation);
  }
  return json_text(std::move(j));
}

std::string selection_seeds_csv(const InfluenceGraph& graph, const SelectionProblem& problem,
                                const SelectionResult& result, const SelectionRunInfo& info, bool byte_order_mark) {
  // Reach as measured by the evaluation when it ran (the figure the summary shows), else the
  // algorithm's own estimate; shares of the users who count (the segment, with --target).
  const bool evaluated = info.evaluated_curve.size() == result.seeds.size();
  const std::vector<double>& curve = evaluated ? info.evaluated_curve : result.spread_curve;
  const double users = static_cast<double>(problem.target.empty() ? graph.num_nodes() : problem.target.size());
  std::ostringstream csv;
  if (byte_order_mark) csv << "\xEF\xBB\xBF";
  csv << "rank,user,committed,extra_reach,cost,total_reach,share_of_users\n";
  double before = 0;
  for (std::size_t i = 0; i < result.seeds.size(); ++i) {
    const auto& s = result.seeds[i];
    const double total = i < curve.size() ? curve[i] : 0.0;
    csv << i + 1 << ',' << csv_field(graph.label(s.node)) << ',' << (s.fixed ? "yes" : "no") << ','
        << number(total - before) << ',' << number(s.cost) << ',' << number(total) << ','
        << number(users > 0 ? total / users : 0.0) << '\n';
    before = total;
  }
  return csv.str();
}

namespace {

std::string fixed(double value, int digits = 2) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

}  // namespace

std::string selection_summary_text(const InfluenceGraph& graph, const SelectionProblem& problem,
                                   const SelectionResult& result, const SelectionRunInfo& info,
                                   const std::string& written) {
  std::ostringstream out;
  out << "algorithm " << result.algorithm << ", model " << diffusion_model_name(problem.model)
      << (problem.budgeted() ? ", budget " + fixed(problem.budget) + " (spent " + fixed(result.budget_spent) + ")" +
                                   (problem.max_seeds ? ", at most " + std::to_string(problem.max_seeds) + " seeds" : "")
                             : ", k = " + std::to_string(problem.k))
      << (problem.max_steps ? ", deadline " + std::to_string(problem.max_steps) + " steps" : "") << "\n";
  out << "rank  user                  marginal gain   cost   cumulative spread\n";
  for (std::size_t i = 0; i < result.seeds.size(); ++i) {
    const auto& s = result.seeds[i];
    char line[256];
    std::snprintf(line, sizeof line, "%4zu  %-20s %14.2f %6.2f %19.2f%s\n", i + 1, printable(graph.label(s.node)).c_str(),
                  s.marginal_gain, s.cost, i < result.spread_curve.size() ? result.spread_curve[i] : 0.0,
                  s.fixed ? "  (included)" : "");
    out << line;
  }
  out << "stopped: " << selection_stop_text(result.stopped_by) << "\n";
  out << unknown_users_text(info.unknown_users);
  out << "estimated spread " << fixed(result.estimated_spread)
      << (problem.target.empty() ? "" : " (target users reached)") << "\n";
  if (!result.guarantee.empty()) out << "guarantee: " << result.guarantee << "\n";
  if (result.rr_sets > 0)
    out << "RR sets: " << result.rr_sets << ", memory " << format_bytes(result.rr_memory_bytes)
        << (result.rr_layout.empty() || result.rr_layout == "plain"
                ? ""
                : " (" + result.rr_layout + " to fit the memory cap: the same seeds, slower)")
        << "\n";
  if (const auto& d = result.distribution; d.ranks > 0)
    out << "distributed over " << d.ranks << " ranks: RR-set memory " << format_bytes(result.rr_memory_bytes)
        << " on the largest rank, " << format_bytes(d.rr_memory_sum) << " in all; communication: " << d.reductions
        << " reductions (largest " << format_bytes(d.dense_bytes) << "), " << d.greedy_rounds
        << " greedy rounds exchanging " << format_bytes(d.round_bytes / std::max<std::uint64_t>(d.greedy_rounds, 1))
        << " each on average, " << format_bytes(d.bytes) << " sent per rank\n";
  out << "time:";
  for (const auto& [name, seconds] : result.phase_seconds) out << " " << name << " " << fixed(seconds, 3) << " s;";
  out << "\n";
  if (info.evaluated) {
    const auto& e = info.evaluation;
    const auto& stats = e.target ? e.target->summary : e.all.summary;
    out << "evaluation (" << e.runs << " independent runs): " << (e.target ? "target spread " : "spread ")
        << fixed(stats.mean) << ", 95% CI [" << fixed(stats.ci95_low) << ", " << fixed(stats.ci95_high) << "]\n";
  }
  out << "wrote " << written << "\n";
  return out.str();
}

}  // namespace kuchikomi
