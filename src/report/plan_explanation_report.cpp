// The plan explanation in HDF5, JSON and HTML (layout in plan_explanation_report.hpp).
#include "kuchikomi/report/plan_explanation_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "html_text.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/report/html_report.hpp"

namespace kuchikomi {

std::string_view plan_explanation_worlds(const PlanExplanation& x) {
  return x.model == DiffusionModelKind::kIndependentCascade ? kExplanationWorldsEvaluation : kExplanationWorldsLiveEdge;
}

void write_plan_explanation_hdf5(const hdf5::Location& file, const PlanExplanation& x) {
  auto group = file.create_group("explanation");
  group.set_attribute("runs", x.runs);
  group.set_attribute("reach", x.reach);
  group.set_attribute("worlds", std::string(plan_explanation_worlds(x)));
  group.write("reach_alone", x.reach_alone);
  group.write("unique_reach", x.unique_reach);
  group.write("first_reach", x.first_reach);
  group.write("overlap", x.overlap);
  if (x.has_per_user) {
    auto users = group.create_group("users");
    users.write("reached_runs", x.reached_runs);
    users.write("usual_first_seed", x.usual_first_seed);
    users.write("usual_first_runs", x.usual_first_runs);
  }
}

nlohmann::json plan_explanation_json(const InfluenceGraph& graph, std::span<const NodeId> plan,
                                     const PlanExplanation& x) {
  nlohmann::json ambassadors = nlohmann::json::array();
  for (std::size_t i = 0; i < x.size(); ++i)
    ambassadors.push_back({{"user", graph.label(plan[i])},
                           {"reach_alone", x.reach_alone[i]},
                           {"unique_reach", x.unique_reach[i]},
                           {"first_reach", x.first_reach[i]},
                           {"first_share", x.reach > 0 ? x.first_reach[i] / x.reach : 0.0}});
  nlohmann::json overlap = nlohmann::json::array();
  for (std::size_t i = 0; i < x.size(); ++i) {
    nlohmann::json row = nlohmann::json::array();
    for (std::size_t j = 0; j < x.size(); ++j) row.push_back(x.overlap_at(i, j));
    overlap.push_back(std::move(row));
  }
  return {{"runs", x.runs},
          {"reach", x.reach},
          {"worlds", plan_explanation_worlds(x)},
          {"ambassadors", ambassadors},
          {"overlap", overlap}};
}

ExplanationData read_plan_explanation(const hdf5::Group& file, std::size_t seeds, std::uint64_t nodes,
                                      const std::string& name) {
  ExplanationData d;
  if (!file.has("explanation")) return d;
  const auto group = file.open_group("explanation");
  auto fail = [&](const std::string& what) { throw InputError(name, 0, "/explanation: " + what); };
  auto doubles = [&](const hdf5::Group& g, const std::string& key, std::size_t length) {
    if (!g.has(key)) fail("missing dataset " + key);
    auto v = g.read<double>(key);
    if (v.size() != length) fail(key + " has " + std::to_string(v.size()) + " values, expected " + std::to_string(length));
    for (double x : v)
      if (!std::isfinite(x) || x < 0) fail(key + " holds a value that is not a finite non-negative number");
    return v;
  };
  if (!group.has_attribute("runs") || !group.has_attribute("reach")) fail("missing attribute runs or reach");
  d.runs = group.uint_attribute("runs");
  d.reach = group.double_attribute("reach");
  if (!std::isfinite(d.reach)) fail("reach is not a finite number");
  if (group.has_attribute("worlds")) {
    d.worlds = group.string_attribute("worlds");
    if (d.worlds != kExplanationWorldsEvaluation && d.worlds != kExplanationWorldsLiveEdge)
      fail("worlds is neither \"evaluation\" nor \"live-edge\"");
  }
  d.reach_alone = doubles(group, "reach_alone", seeds);
  d.unique_reach = doubles(group, "unique_reach", seeds);
  d.first_reach = doubles(group, "first_reach", seeds);
  d.overlap = doubles(group, "overlap", seeds * seeds);
  if (group.has("users") && nodes > 0) {
    const auto users = group.open_group("users");
    auto counts = [&](const std::string& key) {
      if (!users.has(key)) fail("missing dataset users/" + key);
      auto v = users.read<std::uint32_t>(key);
      if (v.size() != nodes) fail("users/" + key + " has " + std::to_string(v.size()) + " values for " + std::to_string(nodes) + " users");
      return v;
    };
    d.reached_runs = counts("reached_runs");
    d.usual_first_seed = counts("usual_first_seed");
    d.usual_first_runs = counts("usual_first_runs");
    for (std::uint32_t s : d.usual_first_seed)
      if (s != kNoSeed && s >= seeds) fail("users/usual_first_seed names ambassador " + std::to_string(s) + " of " + std::to_string(seeds));
    d.has_per_user = true;
  }
  d.present = true;
  return d;
}

std::string plan_explanation_html(const ReportData& d) {
  using namespace html;
  const ExplanationData& x = d.explanation;
  if (!x.present || x.reach_alone.size() != d.seeds.size()) return "";
  const std::size_t k = d.seeds.size();
  const bool segment = d.target_size > 0;
  const std::string people = segment ? "target users" : "people";
  std::ostringstream out;
  out << "<section id=\"explanation\"><h2>What each ambassador brings</h2>\n<p class=\"note\">";
  if (x.worlds == kExplanationWorldsLiveEdge) {
    // LT: the evaluation's campaigns fix thresholds, not who hears it from whom, so this section
    // simulates its own: same expectations, other draws.
    const double evaluated = segment && d.target ? d.target->summary.mean : d.all.summary.mean;
    out << "From " << fmt(static_cast<double>(x.runs), 0)
        << " campaigns simulated for this section, not the evaluation's: under linear threshold, drawing for each user "
           "at most one contact to hear it from (picked with the contacts' influence probabilities) gives campaigns "
           "that reach every group of people with the same probability (Kempe, Kleinberg and Tardos 2003) and show "
           "who reached whom. Same expectations, separate draws: the expected "
        << people << " reached in them, " << fmt(x.reach, 1) << ", may differ from the evaluation's "
        << fmt(evaluated, 1) << " by chance only";
  } else {
    out << "From "
        << (x.runs < d.runs ? "the first " + fmt(static_cast<double>(x.runs), 0) + " of the " +
                                  fmt(static_cast<double>(d.runs), 0) + " simulated campaigns of the evaluation"
                            : "the same " + fmt(static_cast<double>(x.runs), 0) + " simulated campaigns as the evaluation")
        << " (expected " << people << " reached in them: " << fmt(x.reach, 1) << ")";
  }
  out
      << ". <em>Alone</em>: " << people << " the ambassador would reach with no other ambassador. <em>Unique</em>: what "
         "the plan loses without them (reached by nobody else). <em>First through</em>: how many of those the plan "
         "reaches hear of it first from them (fewest hops; ties go to the higher-ranked ambassador), and <em>Share</em> "
         "that part of the plan's reach; the shares add up to "
         "100%. <em>Usually first for</em>: users who most often hear of it first from them.</p>\n";
  std::vector<std::uint64_t> usual(k, 0);  // users for whom each ambassador is most often first
  if (x.has_per_user)
    for (std::size_t v = 0; v < x.usual_first_seed.size(); ++v)
      if (x.usual_first_seed[v] != kNoSeed) ++usual[x.usual_first_seed[v]];
  out << "<table id=\"explanation-table\"><thead><tr><th class=\"num\">Rank</th><th>Ambassador</th>"
         "<th class=\"num\">Alone</th><th class=\"num\">Unique</th><th class=\"num\">First through</th>"
         "<th class=\"num\">Share</th>"
      << (x.has_per_user ? "<th class=\"num\" title=\"users for whom this ambassador is most often the first\">"
                           "Usually first for</th>"
                         : "")
      << "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < k; ++i) {
    out << "<tr class=\"explained\" data-rank=\"" << i + 1 << "\" data-id=\"" << d.seeds[i].id << "\"><td class=\"num\">"
        << i + 1 << "</td><td class=\"user-ref\">" << esc(d.seeds[i].label) << "</td>" << num_cell(x.reach_alone[i], 1)
        << num_cell(x.unique_reach[i], 1) << num_cell(x.first_reach[i], 1)
        << percent_cell(x.reach > 0 ? x.first_reach[i] / x.reach : 0.0);
    if (x.has_per_user) out << num_cell(static_cast<double>(usual[i]), 0);
    out << "</tr>\n";
  }
  out << "</tbody></table>\n";

  // The overlap matrix: readable up to about a dozen columns; larger plans show their first 12.
  const std::size_t shown = std::min<std::size_t>(k, 12);
  if (k > 1) {
    out << "<h3>Overlap between ambassadors</h3>\n<p class=\"note\">Expected " << people
        << " each of the two would reach alone; the diagonal is the ambassador's reach alone."
        << (shown < k ? " The first " + std::to_string(shown) + " ambassadors of " + std::to_string(k) + "." : "")
        << "</p>\n<table id=\"overlap-table\" class=\"compact\"><thead><tr><th></th>";
    for (std::size_t j = 0; j < shown; ++j) out << "<th class=\"num\" title=\"" << esc(d.seeds[j].label) << "\">#" << j + 1 << "</th>";
    out << "</tr></thead><tbody>\n";
    for (std::size_t i = 0; i < shown; ++i) {
      out << "<tr><th>#" << i + 1 << " " << esc(d.seeds[i].label) << "</th>";
      for (std::size_t j = 0; j < shown; ++j) out << num_cell(x.overlap[i * k + j], 1);
      out << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }

  // Who reaches the most likely reached users first.
  if (x.has_per_user && !d.top_reached.empty()) {
    out << "<h3>Who reaches them first</h3>\n<p class=\"note\">For the users most likely to be reached: the ambassador "
           "through whom they most often hear of it first, and in what share of the campaigns that reach them.</p>\n"
           "<table id=\"first-reached-table\"><thead><tr><th>User</th><th>Usually first reached through</th>"
           "<th class=\"num\">Share</th></tr></thead><tbody>\n";
    for (std::size_t i = 0; i < std::min<std::size_t>(d.top_reached.size(), 20); ++i) {
      const auto& r = d.top_reached[i];
      if (r.id >= x.usual_first_seed.size() || x.usual_first_seed[r.id] == kNoSeed) continue;
      const std::uint32_t s = x.usual_first_seed[r.id];
      const double share = x.reached_runs[r.id] ? static_cast<double>(x.usual_first_runs[r.id]) / x.reached_runs[r.id] : 0.0;
      out << "<tr class=\"first-reached\" data-id=\"" << r.id << "\" data-seed=\"" << d.seeds[s].id
          << "\"><td class=\"user-ref\">" << esc(r.label) << "</td><td class=\"user-ref\">" << esc(d.seeds[s].label) << "</td>"
          << percent_cell(share) << "</tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</section>\n";
  return out.str();
}

}  // namespace kuchikomi
