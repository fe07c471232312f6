// `kuchikomi graph info GRAPH`: the summary of graph/graph_summary.hpp as a text table or JSON.
// GRAPH is a kuchikomi .h5 file or a raw edge list (imported on the fly by load_graph with the
// default probability model), so a SNAP download can be inspected before it is imported.
#include <cmath>
#include <cstdio>
#include <iomanip>
#include <optional>
#include <sstream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/graph/graph_summary.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/learning/graph_records.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph info GRAPH [--top N] [--json]\n\n"
    "GRAPH: a kuchikomi graph file (.h5) or an edge list (imported with --prob, default wc).\n"
    "Weights are summed interaction weights (how much a user acts on others / is acted on).";

// A number or null (NaN, infinity: undefined metrics, no window).
nlohmann::json number(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

// What the file says about how its probabilities were learned and how well they predicted real
// cascades (learning/graph_records.hpp); both absent for graphs that were neither.
struct Records {
  std::optional<LearningRecord> learning;
  std::optional<ValidationRecord> validation;
};

Records read_records(const std::string& path) {
  if (detect_graph_source(path) != GraphSource::kGraphFile) return {};
  return {read_learning_record(path), read_validation_record(path)};
}

nlohmann::json metrics_json(const ValidationMetrics& m) {
  return {{"items", m.items},
          {"rmse", number(m.rmse)},
          {"mae", number(m.mae)},
          {"mean_log_ratio", number(m.mean_log_ratio)},
          {"spearman", number(m.spearman)},
          {"within_2x", number(m.within_2x)},
          {"mean_auc", number(m.mean_auc)},
          {"mean_average_precision", number(m.mean_average_precision)}};
}

nlohmann::json records_json(const Records& r) {
  nlohmann::json j{{"learning", nullptr}, {"validation", nullptr}};
  if (r.learning) {
    const LearningRecord& l = *r.learning;
    j["learning"] = {{"method", l.method},
                     {"adoptions", l.adoptions},
                     {"split", l.split},
                     {"window", number(l.window)},
                     {"prior", l.prior},
                     {"model", l.model},
                     {"training_items", l.training_items},
                     {"training_adoptions", l.training_adoptions},
                     {"edges_with_evidence", l.edges_with_evidence},
                     {"edges", l.edges},
                     {"mean_learned_probability", number(l.mean_learned_probability)},
                     {"lt_rescaled_users", l.lt_rescaled_users},
                     {"em_iterations", l.em_iterations},
                     {"em_converged", l.em_converged},
                     {"em_log_likelihood", number(l.em_log_likelihood)},
                     {"created_at", l.created_at}};
  }
  if (r.validation) {
    const ValidationRecord& v = *r.validation;
    j["validation"] = {{"adoptions", v.adoptions},       {"split", v.split},   {"model", v.model},
                       {"seed_rule", v.seed_rule},       {"runs", v.runs},     {"validated_at", v.validated_at},
                       {"metrics", metrics_json(v.metrics)}, {"baseline", metrics_json(v.baseline)}};
  }
  return j;
}

void print_records(std::ostream& out, const Records& r) {
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

}  // namespace

int graph_info(const Args& args) {
  std::string path, prob;
  Count<std::size_t> top{10};
  po::options_description options("graph info");
  options.add_options()
      ("graph", po::value<std::string>(&path)->required(), "graph file (.h5) or edge list")
      ("top", po::value(&top)->default_value(top), "users listed per ranking")
      ("prob", po::value<std::string>(&prob)->default_value("wc"), "probability model for raw edge lists")
      ("json", po::bool_switch(), "print JSON instead of a table");
  po::positional_options_description positional;
  positional.add("graph", 1);
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph info", [&]() -> int {
    const InfluenceGraph graph = load_graph(path, prob);
    const GraphSummary summary = summarize_graph(graph, top.value);
    const Records records = read_records(path);
    if (vm["json"].as<bool>()) {
      nlohmann::json j = summary_json(path, summary, graph);
      j.update(records_json(records));
      print_json(j);
    } else {
      print_text(std::cout, path, summary, graph);
      print_records(std::cout, records);
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
