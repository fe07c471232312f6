// Reach per tier (segment_reach.hpp).
#include "kuchikomi/report/segment_reach.hpp"

#include <algorithm>
#include <map>
#include <sstream>

#include "html_text.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/graph_fingerprint.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/user_tiers.hpp"
#include "kuchikomi/report/html_report.hpp"

namespace kuchikomi {

SegmentReachTable segment_reach(const std::vector<double>& node_probability, const InfluenceGraph& graph,
                                const std::vector<std::pair<std::string, std::string>>& user_tiers,
                                const std::string& users_path) {
  if (node_probability.size() != graph.num_nodes())
    throw InputError(users_path, 0, "the plan's per-user figures cover " + std::to_string(node_probability.size()) +
                                        " users, the graph has " + std::to_string(graph.num_nodes()));
  SegmentReachTable table;
  table.users_path = users_path;
  table.tier_of.assign(graph.num_nodes(), std::string());
  const LabelIndex index(graph);
  std::map<std::string, std::size_t> position;
  std::vector<std::uint8_t> counted(graph.num_nodes(), 0);  // a user listed twice counts once
  for (const auto& [label, tier] : user_tiers) {
    auto [it, fresh] = position.try_emplace(tier, table.tiers.size());
    if (fresh) table.tiers.push_back({tier, 0, 0});
    const auto id = index.find(label);
    if (!id) {
      ++table.not_in_graph;
      continue;
    }
    if (counted[*id]) continue;
    counted[*id] = 1;
    table.tier_of[*id] = tier;
    SegmentReach& s = table.tiers[it->second];
    ++s.users;
    s.expected_reached += node_probability[*id];
  }
  return table;
}

SegmentReachTable segment_reach_for(const ReportData& data, const std::string& users_path, const std::string& graph_path) {
  if (data.node_probability.empty() || data.graph_nodes == 0)
    throw InputError(data.source_path, 0, "holds no per-user reach probabilities, so reach per tier cannot be shown "
                                          "(run select with an evaluation, or simulate, again)");
  const std::string path = graph_path.empty() ? data.graph_path : graph_path;
  if (path.empty()) throw InputError(data.source_path, 0, "names no graph: give the graph the plan was made on");
  const InfluenceGraph graph =
      load_graph(path, data.graph_probability_model.empty() ? std::string("wc") : data.graph_probability_model);
  if (!data.graph_fingerprint.empty() ? graph_fingerprint(graph) != data.graph_fingerprint
                                      : graph.num_nodes() != data.graph_nodes)
    throw InputError(path, 0, "is not the graph " + data.source_path + " was made on (a different content); give that graph");
  return segment_reach(data.node_probability, graph, read_user_tiers(users_path), users_path);
}

std::string segment_reach_html(const ReportData& d) {
  using namespace html;
  if (!d.segments) return "";
  const SegmentReachTable& t = *d.segments;
  std::ostringstream out;
  out << "<section id=\"segment-reach\"><h2>Reach per tier</h2>\n<p class=\"note\">Tiers from <code>" << esc(t.users_path)
      << "</code>: the expected number of each tier's members the plan reaches (ambassadors included) and their share "
         "of the tier.";
  if (t.not_in_graph) out << " " << t.not_in_graph << " listed users are not in the graph (they never interacted) and count as not reached.";
  out << "</p>\n<table id=\"segment-reach-table\" class=\"compact\"><thead><tr><th>Tier</th><th class=\"num\">Users</th>"
         "<th class=\"num\">Expected reached</th><th class=\"num\">Share reached</th></tr></thead><tbody>\n";
  for (const auto& s : t.tiers)
    out << "<tr class=\"tier\" data-tier=\"" << esc(s.tier) << "\"><td>" << esc(s.tier) << "</td>"
        << num_cell(static_cast<double>(s.users), 0) << num_cell(s.expected_reached, 1) << percent_cell(s.share()) << "</tr>\n";
  out << "</tbody></table>\n";
  // The headline sentence, for the largest tier.
  const SegmentReach* largest = nullptr;
  for (const auto& s : t.tiers)
    if (!largest || s.users > largest->users) largest = &s;
  if (largest && largest->users)
    out << "<p class=\"summary\">This plan reaches " << percent(largest->share(), 0) << " of the " << esc(largest->tier)
        << " tier (" << fmt(largest->expected_reached, 1) << " of " << largest->users << " users, expected).</p>\n";
  // The most likely reached users, marked by tier.
  if (!d.top_reached.empty() && t.tier_of.size() == d.graph_nodes) {
    out << "<table id=\"reached-by-tier\" class=\"compact\"><thead><tr><th>Most likely reached</th><th>Tier</th>"
           "<th class=\"num\">Chance</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(d.top_reached.size(), 20); ++i) {
      const auto& r = d.top_reached[i];
      const std::string& tier = r.id < t.tier_of.size() ? t.tier_of[r.id] : std::string();
      out << "<tr data-id=\"" << r.id << "\" data-tier=\"" << esc(tier) << "\"><td class=\"user-ref\">" << esc(r.label)
          << "</td><td>" << (tier.empty() ? std::string("(not listed)") : esc(tier)) << "</td>" << percent_cell(r.probability)
          << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n";
  return out.str();
}

}  // namespace kuchikomi
