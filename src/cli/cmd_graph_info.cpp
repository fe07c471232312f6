// `kuchikomi graph info GRAPH`: the summary of graph/graph_summary.hpp as a text table or JSON.
// GRAPH is a kuchikomi .h5 file or a raw edge list (imported on the fly by load_graph with the
// default probability model), so a SNAP download can be inspected before it is imported.
#include <cstdio>
#include <iomanip>
#include <sstream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/graph/graph_summary.hpp"
#include "kuchikomi/io/graph_source.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph info GRAPH [--top N] [--json]\n\n"
    "GRAPH: a kuchikomi graph file (.h5) or an edge list (imported with --prob, default wc).\n"
    "Weights are summed interaction weights (how much a user acts on others / is acted on).";

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
    if (vm["json"].as<bool>()) print_json(summary_json(path, summary, graph));
    else print_text(std::cout, path, summary, graph);
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
