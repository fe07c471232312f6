#include "kuchikomi/report/graph_report.hpp"

#include <cmath>
#include <cstdio>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/report/validation_report.hpp"

namespace kuchikomi {
namespace {

nlohmann::json records_json(const GraphRecords& r) {
  nlohmann::json j{{"learning", nullptr}, {"validation", validation_record_json(r.validation)}};
  if (r.learning) {
    const LearningRecord& l = *r.learning;
    j["learning"] = {{"method", l.method},
                     {"adoptions", l.adoptions},
                     {"split", l.split},
                     {"window", finite_or_null(l.window)},
                     {"prior", l.prior},
                     {"model", l.model},
                     {"training_items", l.training_items},
                     {"training_adoptions", l.training_adoptions},
                     {"edges_with_evidence", l.edges_with_evidence},
                     {"edges", l.edges},
                     {"mean_learned_probability", finite_or_null(l.mean_learned_probability)},
                     {"lt_rescaled_users", l.lt_rescaled_users},
                     {"em_iterations", l.em_iterations},
                     {"em_converged", l.em_converged},
                     {"em_log_likelihood", finite_or_null(l.em_log_likelihood)},
                     {"created_at", l.created_at}};
  }
  return j;
}

void print_records(std::ostream& out, const GraphRecords& r) {
  out << std::defaultfloat << std::setprecision(4);
  if (r.learning) {
    const LearningRecord& l = *r.learning;
    out << "\nlearned: " << l.method << " from " << l.adoptions << " (" << l.training_items << " training items: "
        << l.split << "; " << l.training_adoptions << " adoptions), window ";
    if (std::isfinite(l.window)) out << l.window << " s";
    else out << "none";
    out << ", prior " << l.prior << ", model " << l.model << "\n  " << l.edges_with_evidence << " of " << l.edges
        << " edges learned from evidence, mean learned probability " << l.mean_learned_probability;
    if (l.method == "em")
      out << "; EM " << (l.em_converged ? "converged after " : "NOT converged after ") << l.em_iterations
          << " steps, log-likelihood " << std::setprecision(10) << l.em_log_likelihood << std::setprecision(4);
    if (l.model == "lt") out << "; " << l.lt_rescaled_users << " users' in-sums capped at 1";
    out << "\n";
  }
  if (!r.validation) {
    out << "\nvalidation: never checked against real cascades (kuchikomi validate ... --record)\n";
    return;
  }
  const ValidationRecord& v = *r.validation;
  out << "\nvalidated " << v.validated_at << " on " << v.metrics.items << " held-out cascades of " << v.adoptions << " ("
      << v.split << "; model " << v.model << ", seeds " << v.seed_rule << ", " << v.runs << " runs):\n"
      << "  predictions within 2x of the real reach for " << std::fixed << std::setprecision(1)
      << 100 * v.metrics.within_2x << "% of them (baseline " << 100 * v.baseline.within_2x << "%)"
      << std::setprecision(2) << ", RMSE " << v.metrics.rmse << " users (baseline " << v.baseline.rmse << ")"
      << std::setprecision(3) << ", Spearman " << v.metrics.spearman << ", AUC " << v.metrics.mean_auc << "\n";
}

nlohmann::json stats_json(const DistributionStats& s) { return {{"mean", s.mean}, {"median", s.median}, {"max", s.max}}; }

nlohmann::json users_json(const std::vector<RankedUser>& users) {
  auto list = nlohmann::json::array();
  for (const auto& u : users) list.push_back({{"node", u.node}, {"label", u.label}, {"value", u.value}});
  return list;
}

std::string bin_name(std::size_t k) {
  char text[32];
  std::snprintf(text, sizeof text, "[%.1f, %.1f%c", static_cast<double>(k) / 10.0, static_cast<double>(k + 1) / 10.0,
                k == 9 ? ']' : ')');
  return text;
}

nlohmann::json summary_json(const std::string& path, const GraphSummary& s, const InfluenceGraph& g) {
  const GraphProvenance& p = s.provenance;
  auto bins = nlohmann::json::array();
  for (std::size_t k = 0; k < s.probability.bins.size(); ++k)
    bins.push_back({{"low", static_cast<double>(k) / 10.0}, {"high", static_cast<double>(k + 1) / 10.0},
                    {"count", s.probability.bins[k]}});
  nlohmann::json lt{{"valid", s.lt_valid}, {"max_in_probability_sum", s.max_in_probability_sum}};
  if (s.max_in_probability_node != kNoNode) {
    lt["node"] = s.max_in_probability_node;
    lt["label"] = g.label(s.max_in_probability_node);
  }
  return {
      {"graph", path},
      {"nodes", s.nodes},
      {"edges", s.edges},
      {"isolated_nodes", s.isolated_nodes},
      {"self_loops_dropped", p.self_loops_dropped},
      {"interactions", p.interactions},
      {"provenance",
       {{"source", p.source},
        {"source_format", p.source_format},
        {"probability_model", p.probability_model},
        {"command_line", p.command_line},
        {"rng_seed", p.rng_seed}}},
      {"out_degree", stats_json(s.out_degree)},
      {"in_degree", stats_json(s.in_degree)},
      {"out_weight", stats_json(s.out_weight)},
      {"in_weight", stats_json(s.in_weight)},
      {"probability",
       {{"bins", bins},
        {"exactly_zero", s.probability.exactly_zero},
        {"exactly_one", s.probability.exactly_one},
        {"mean", s.probability.mean},
        {"min", s.probability.min},
        {"max", s.probability.max}}},
      {"lt", lt},
      {"weak_components", {{"count", s.weak_components}, {"largest", s.largest_weak_component}}},
      {"top_out_weight", users_json(s.top_out_weight)},
      {"top_in_weight", users_json(s.top_in_weight)},
  };
}

void print_users(std::ostream& out, const std::string& title, const std::vector<RankedUser>& users) {
  out << "\n" << title << "\n";
  for (std::size_t i = 0; i < users.size(); ++i)
    out << "  " << std::setw(3) << i + 1 << ". " << std::left << std::setw(24) << printable(users[i].label) << std::right
        << std::setw(14) << users[i].value << "\n";
}

void print_text(std::ostream& out, const std::string& path, const GraphSummary& s, const InfluenceGraph& g) {
  const GraphProvenance& p = s.provenance;
  auto row = [&](const std::string& name) -> std::ostream& { return out << "  " << std::left << std::setw(20) << name << std::right; };
  // Provenance and labels come from the file: shown through printable() (escape sequences escaped).
  out << "graph " << printable(path) << "\n";
  if (!p.source.empty())
    row("source") << printable(p.source) << (p.source_format.empty() ? "" : "  [" + printable(p.source_format) + "]") << "\n";
  row("probability model") << (p.probability_model.empty() ? "(none)" : printable(p.probability_model)) << "\n";
  row("nodes") << s.nodes << "\n";
  row("edges") << s.edges << "\n";
  row("isolated nodes") << s.isolated_nodes << "\n";
  row("self-loops dropped") << p.self_loops_dropped << "\n";
  if (p.interactions > 0) row("interactions") << p.interactions << "\n";
  row("weak components") << s.weak_components << " (largest " << s.largest_weak_component << " nodes)\n";

  out << "\n  " << std::left << std::setw(20) << "" << std::right << std::setw(12) << "mean" << std::setw(12) << "median"
      << std::setw(14) << "max" << "\n";
  out << std::fixed << std::setprecision(3);
  for (const auto& [name, stats] : {std::pair<const char*, const DistributionStats&>{"out-degree", s.out_degree},
                                    {"in-degree", s.in_degree},
                                    {"out-weight", s.out_weight},
                                    {"in-weight", s.in_weight}})
    row(name) << std::setw(12) << stats.mean << std::setw(12) << stats.median << std::setw(14) << stats.max << "\n";

  const ProbabilityHistogram& h = s.probability;
  out << "\nedge probabilities: mean " << std::setprecision(4) << h.mean << ", min " << h.min << ", max " << h.max
      << ", exactly 0: " << h.exactly_zero << ", exactly 1: " << h.exactly_one << "\n";
  std::uint64_t largest = 1;
  for (auto c : h.bins) largest = std::max(largest, c);
  for (std::size_t k = 0; k < h.bins.size(); ++k)
    out << "  " << bin_name(k) << std::setw(12) << h.bins[k] << "  "
        << std::string(static_cast<std::size_t>(40.0 * static_cast<double>(h.bins[k]) / static_cast<double>(largest)), '#')
        << "\n";

  out << "\nLT: max in-probability sum " << std::setprecision(6) << s.max_in_probability_sum;
  if (s.max_in_probability_node != kNoNode) out << " at user " << printable(g.label(s.max_in_probability_node));
  out << (s.lt_valid ? "  -> valid for LT\n" : "  -> NOT valid for LT (sum > 1); use --prob wc\n");
  out << std::setprecision(3);
  print_users(out, "top users by out-weight (others react to them most: influence flows out)", s.top_out_weight);
  print_users(out, "top users by in-weight (react most to others: influence flows in)", s.top_in_weight);
}

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

GraphRecords read_graph_records(const std::string& path) {
  if (detect_graph_source(path) != GraphSource::kGraphFile) return {};
  return {read_learning_record(path), read_validation_record(path)};
}

std::string graph_summary_text(const std::string& path, const GraphSummary& summary, const InfluenceGraph& graph,
                               const GraphRecords& records) {
  std::ostringstream out;
  print_text(out, path, summary, graph);
  print_records(out, records);
  return out.str();
}

std::string graph_summary_json(const std::string& path, const GraphSummary& summary, const InfluenceGraph& graph,
                               const GraphRecords& records) {
  nlohmann::json j = summary_json(path, summary, graph);
  j.update(records_json(records));
  return json_text(std::move(j));
}

std::string graph_records_json(const GraphRecords& records) { return json_text(records_json(records)); }

std::string learning_record_text(const LearningRecord& record) { return record_text(record); }
std::string learning_record_json(const LearningRecord& record) { return json_text(record_json(record)); }

}  // namespace kuchikomi
