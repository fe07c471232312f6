// The plan comparison page (plan_comparison.hpp): several results files on one graph, side by side.
#include "kuchikomi/report/plan_comparison.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <sstream>
#include <unordered_map>

#include "html_text.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/report/svg_chart.hpp"

namespace kuchikomi {
namespace {

using namespace html;

constexpr const char* kColors[] = {"#1f6fb4", "#e07b00", "#2e8b57", "#8e44ad", "#c0392b", "#7f8c8d"};

std::string letter(std::size_t i) { return std::string(1, static_cast<char>('A' + i)); }

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

std::string graph_words(const ReportData& d) {
  std::string words = "graph " + (d.graph_path.empty() ? std::string("(unnamed)") : d.graph_path) + ", " +
                      std::to_string(d.graph_nodes) + " users, " + std::to_string(d.graph_edges) + " links";
  if (!d.graph_probability_model.empty()) words += ", probabilities " + d.graph_probability_model;
  if (!d.graph_fingerprint.empty()) words += ", fingerprint " + d.graph_fingerprint;
  return words;
}

double plan_cost(const ReportData& d) {
  if (d.budget > 0) return d.budget_spent;
  double cost = 0;
  for (const auto& s : d.seeds) cost += s.cost;
  return cost;
}

// The reach figure the plan is judged by: the target segment's when it has one.
const SummaryStatistics& judged(const ReportData& d) {
  return d.target && d.target_size ? d.target->summary : d.all.summary;
}

bool has_users(const ReportData& d) { return d.graph_nodes > 0 && d.node_probability.size() == d.graph_nodes; }

void plans_table(std::ostringstream& out, const std::vector<ReportData>& plans) {
  const bool any_segment = std::any_of(plans.begin(), plans.end(), [](const ReportData& d) { return d.target_size > 0; });
  out << "<section id=\"plans\"><h2>The plans</h2>\n<table id=\"plans-table\"><thead><tr><th>Plan</th><th>Made by</th>"
         "<th class=\"num\">Ambassadors</th><th class=\"num\">Expected reach</th><th class=\"num\">95% CI</th>"
         "<th class=\"num\">Share of the community</th>"
      << (any_segment ? "<th class=\"num\">Segment reach</th>" : "") << "<th class=\"num\">Cost</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < plans.size(); ++i) {
    const ReportData& d = plans[i];
    out << "<tr class=\"plan\" data-plan=\"" << letter(i) << "\"><td><strong>" << letter(i) << "</strong> <code>"
        << esc(file_name(d.source_path)) << "</code></td><td>" << esc(d.algorithm) << " (" << esc(d.model) << ")</td>"
        << num_cell(static_cast<double>(d.seeds.size()), 0);
    if (d.evaluated) {
      out << num_cell(d.all.summary.mean, 1) << "<td class=\"num\">" << fmt(d.all.summary.ci95_low, 1) << " &ndash; "
          << fmt(d.all.summary.ci95_high, 1) << "</td>"
          << percent_cell(d.graph_nodes ? d.all.summary.mean / static_cast<double>(d.graph_nodes) : 0.0);
    } else {
      out << "<td class=\"num\">not evaluated</td><td></td><td></td>";
    }
    if (any_segment) {
      if (d.target && d.target_size)
        out << "<td class=\"num\" data-value=\"" << exact(d.target->summary.mean) << "\">" << fmt(d.target->summary.mean, 1)
            << " of " << fmt(static_cast<double>(d.target_size), 0) << "</td>";
      else
        out << "<td class=\"num\">&ndash;</td>";
    }
    out << num_cell(plan_cost(d)) << "</tr>\n";
  }
  out << "</tbody></table>\n";
  // Plans evaluated on different settings are still comparable, but say so.
  std::vector<std::string> notes;
  for (std::size_t i = 1; i < plans.size(); ++i) {
    if (plans[i].model != plans[0].model) notes.push_back("plans use different diffusion models");
    if (plans[i].max_steps != plans[0].max_steps) notes.push_back("plans use different deadlines");
    if (plans[i].target_size != plans[0].target_size) notes.push_back("plans target different segments");
  }
  std::sort(notes.begin(), notes.end());
  notes.erase(std::unique(notes.begin(), notes.end()), notes.end());
  out << "<p class=\"note\">Expected reach counts everyone reached, ambassadors included, from each file's own "
         "independent simulations; intervals that do not overlap mean a real difference.";
  for (const auto& note : notes) out << " Note: " << esc(note) << ".";
  out << "</p></section>\n";
}

void ambassadors_table(std::ostringstream& out, const std::vector<ReportData>& plans) {
  // Every ambassador of any plan, in order of first appearance, with their rank in each plan.
  std::vector<std::uint32_t> order;
  std::unordered_map<std::uint32_t, std::string> label;
  std::unordered_map<std::uint32_t, std::vector<std::size_t>> rank;  // 0 = not in the plan
  for (std::size_t p = 0; p < plans.size(); ++p)
    for (std::size_t i = 0; i < plans[p].seeds.size(); ++i) {
      const auto& s = plans[p].seeds[i];
      auto [it, fresh] = rank.try_emplace(s.id, std::vector<std::size_t>(plans.size(), 0));
      if (fresh) {
        order.push_back(s.id);
        label[s.id] = s.label;
      }
      it->second[p] = i + 1;
    }
  std::size_t shared = 0;
  std::vector<std::size_t> only(plans.size(), 0);
  for (std::uint32_t id : order) {
    const auto& r = rank[id];
    const auto in = static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [](std::size_t x) { return x > 0; }));
    if (in == plans.size()) ++shared;
    if (in == 1)
      for (std::size_t p = 0; p < plans.size(); ++p) only[p] += r[p] > 0;
  }
  out << "<section id=\"ambassadors-compared\"><h2>Ambassadors</h2>\n<p class=\"summary\" id=\"shared-summary\"><strong>"
      << shared << "</strong> ambassador" << (shared == 1 ? " is" : "s are") << " in every plan";
  for (std::size_t p = 0; p < plans.size(); ++p) out << "; " << only[p] << " only in " << letter(p);
  out << ".</p>\n<table id=\"ambassadors-table\"><thead><tr><th>Ambassador</th>";
  for (std::size_t p = 0; p < plans.size(); ++p) out << "<th class=\"num\">Rank in " << letter(p) << "</th>";
  out << "</tr></thead><tbody>\n";
  for (std::uint32_t id : order) {
    const auto& r = rank[id];
    const auto in = static_cast<std::size_t>(std::count_if(r.begin(), r.end(), [](std::size_t x) { return x > 0; }));
    out << "<tr class=\"ambassador" << (in == plans.size() ? " shared" : in == 1 ? " distinct" : "") << "\" data-id=\""
        << id << "\"><td class=\"user\">" << esc(label[id]) << "</td>";
    for (std::size_t p = 0; p < plans.size(); ++p)
      out << "<td class=\"num\">" << (r[p] ? std::to_string(r[p]) : std::string("&ndash;")) << "</td>";
    out << "</tr>\n";
  }
  out << "</tbody></table></section>\n";
}

void curves(std::ostringstream& out, const std::vector<ReportData>& plans) {
  std::vector<ChartSeries> series;
  for (std::size_t p = 0; p < plans.size(); ++p) {
    const ReportData& d = plans[p];
    ChartSeries s{letter(p) + ": " + d.algorithm, kColors[p % 6], {}, {}, {}, {}, d.seeds.size() <= 60, true};
    if (d.evaluated_curve.size() == d.seeds.size()) {
      s.y = d.evaluated_curve;
    } else if (d.has_gains) {
      for (const auto& seed : d.seeds) s.y.push_back(seed.cumulative_spread);
    } else if (d.evaluated) {  // a simulated set: one point, its reach
      s.x.push_back(static_cast<double>(d.seeds.size()));
      s.y.push_back(judged(d).mean);
      s.line = false;
      s.markers = true;
    }
    if (s.x.empty())
      for (std::size_t i = 0; i < s.y.size(); ++i) s.x.push_back(static_cast<double>(i + 1));
    if (!s.y.empty()) series.push_back(std::move(s));
  }
  out << "<section id=\"curves\"><h2>Reach against number of ambassadors</h2>\n";
  if (series.empty()) {
    out << "<p class=\"note\">Not available: no plan holds a reach curve.</p></section>\n";
    return;
  }
  ChartOptions options;
  options.title = "Expected reach of the first ambassadors of each plan";
  options.x_label = "number of ambassadors (in each plan's order)";
  options.y_label = "people reached (target users with a segment)";
  options.integer_x = true;
  options.x_padding = 0.03;
  out << svg_line_chart(series, options)
      << "\n<p class=\"note\">Measured on each plan's own evaluation worlds where the file has them, else the "
         "algorithm's estimate.</p></section>\n";
}

void reached_difference(std::ostringstream& out, const std::vector<ReportData>& plans) {
  out << "<section id=\"reached-difference\"><h2>Who is reached by one plan and not the other</h2>\n";
  std::vector<std::string> missing;
  for (std::size_t p = 0; p < plans.size(); ++p)
    if (!has_users(plans[p])) missing.push_back(letter(p) + " (" + file_name(plans[p].source_path) + ")");
  if (!missing.empty()) {
    out << "<p class=\"note\" id=\"no-user-figures\">Not available: ";
    for (std::size_t i = 0; i < missing.size(); ++i) out << (i ? ", " : "") << esc(missing[i]);
    out << (missing.size() == 1 ? " holds" : " hold")
        << " no per-user probabilities (made without an evaluation, by an older kuchikomi, or on a graph too large "
           "for per-user counts). Run select or simulate again to compare plans user by user.</p></section>\n";
    return;
  }
  // Labels known from the files: ambassadors and each file's most reached users.
  std::unordered_map<std::uint32_t, std::string> labels;
  for (const auto& d : plans) {
    for (const auto& s : d.seeds) labels.emplace(s.id, s.label);
    for (const auto& r : d.top_reached) labels.emplace(r.id, r.label);
  }
  auto name = [&](std::uint32_t v) {
    auto it = labels.find(v);
    return it != labels.end() ? it->second : "user #" + std::to_string(v);
  };
  out << "<p class=\"note\">\"Likely reached\": in at least half of the simulated campaigns. The lists show the users "
         "whose chance differs most between the two plans.</p>\n";
  for (std::size_t a = 0; a < plans.size(); ++a)
    for (std::size_t b = a + 1; b < plans.size(); ++b) {
      const auto& pa = plans[a].node_probability;
      const auto& pb = plans[b].node_probability;
      std::size_t a_only = 0, b_only = 0;
      std::vector<std::uint32_t> users(pa.size());
      for (std::uint32_t v = 0; v < pa.size(); ++v) {
        users[v] = v;
        a_only += pa[v] >= 0.5 && pb[v] < 0.5;
        b_only += pb[v] >= 0.5 && pa[v] < 0.5;
      }
      const std::string pair = letter(a) + "-" + letter(b);
      out << "<h3>" << letter(a) << " against " << letter(b) << "</h3>\n<p class=\"summary\" id=\"difference-" << pair
          << "\" data-a-only=\"" << a_only << "\" data-b-only=\"" << b_only << "\"><strong>" << a_only
          << "</strong> users likely reached by " << letter(a) << " and not by " << letter(b) << "; <strong>" << b_only
          << "</strong> by " << letter(b) << " and not by " << letter(a) << ".</p>\n";
      for (int side = 0; side < 2; ++side) {
        const auto& first = side == 0 ? pa : pb;
        const auto& second = side == 0 ? pb : pa;
        std::vector<std::uint32_t> top = users;
        const std::size_t rows = std::min<std::size_t>(10, top.size());
        std::partial_sort(top.begin(), top.begin() + static_cast<std::ptrdiff_t>(rows), top.end(),
                          [&](std::uint32_t x, std::uint32_t y) {
                            const double dx = first[x] - second[x], dy = first[y] - second[y];
                            return dx != dy ? dx > dy : x < y;
                          });
        const std::string more = letter(side == 0 ? a : b), less = letter(side == 0 ? b : a);
        out << "<table class=\"compact reached-more\" id=\"more-" << more << "-than-" << less << "\"><thead><tr><th>Reached "
            << "more often by " << more << "</th><th class=\"num\">Chance with " << more << "</th><th class=\"num\">Chance with "
            << less << "</th></tr></thead><tbody>\n";
        for (std::size_t i = 0; i < rows && first[top[i]] > second[top[i]]; ++i)
          out << "<tr data-id=\"" << top[i] << "\"><td class=\"user\">" << esc(name(top[i])) << "</td>"
              << percent_cell(first[top[i]]) << percent_cell(second[top[i]]) << "</tr>\n";
        out << "</tbody></table>\n";
      }
    }
  out << "</section>\n";
}

}  // namespace

void check_same_graph(const std::vector<ReportData>& plans) {
  for (std::size_t i = 1; i < plans.size(); ++i) {
    const ReportData& a = plans[0];
    const ReportData& b = plans[i];
    const bool both_fingerprinted = !a.graph_fingerprint.empty() && !b.graph_fingerprint.empty();
    const bool same = both_fingerprinted ? a.graph_fingerprint == b.graph_fingerprint
                                         : a.graph_nodes == b.graph_nodes && a.graph_edges == b.graph_edges &&
                                               a.graph_probability_model == b.graph_probability_model;
    if (!same)
      throw InputError(b.source_path, 0,
                       "made on a different graph than " + a.source_path + " (" + graph_words(a) + "; this file: " +
                           graph_words(b) + "): plans can only be compared on the same graph");
  }
}

std::string render_comparison_html(const std::vector<ReportData>& plans, const HtmlReportOptions& options) {
  std::string title = options.title;
  if (title.empty()) {
    const ReportData& d = plans.front();
    std::string graph = !d.graph_source.empty() ? file_name(d.graph_source) : file_name(d.graph_path);
    title = "Comparing " + std::to_string(plans.size()) + " word-of-mouth plans" + (graph.empty() ? "" : " on " + graph);
  }
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      << "<meta name=\"generator\" content=\"kuchikomi " << kVersion << "\">\n"
      << "<title>" << esc(title) << "</title>\n<style>" << report_stylesheet()
      << "tr.shared td { background: #eef6ee; }\n</style>\n</head>\n<body>\n<main>\n"
      << "<header><h1>" << esc(title) << "</h1><p>" << plans.size() << " plans on the same graph";
  if (plans.front().graph_nodes)
    out << " &middot; " << fmt(static_cast<double>(plans.front().graph_nodes), 0) << " users, "
        << fmt(static_cast<double>(plans.front().graph_edges), 0) << " links";
  out << "</p></header>\n";
  plans_table(out, plans);
  ambassadors_table(out, plans);
  curves(out, plans);
  reached_difference(out, plans);
  out << "<footer>Made by kuchikomi " << kVersion << " from";
  for (const auto& d : plans) out << " <code>" << esc(d.source_path) << "</code>";
  out << ". Figures are Monte Carlo estimates; the 95% intervals say how precise they are.</footer>\n"
      << "</main>\n</body>\n</html>\n";
  return out.str();
}

void write_comparison_report(const std::vector<std::string>& results_paths, const std::string& out_path,
                             const HtmlReportOptions& options) {
  if (results_paths.size() < 2 || results_paths.size() > kMaxComparedPlans)
    throw UsageError("compare between 2 and " + std::to_string(kMaxComparedPlans) + " results files (got " +
                     std::to_string(results_paths.size()) + ")");
  std::vector<NamedPath> inputs;
  for (const auto& path : results_paths) inputs.push_back({"a results file", path});
  check_output_paths(inputs, {{"the report", out_path}});
  { AtomicOutput check(out_path); }  // the folder must be writable before any work is done
  std::vector<ReportData> plans;
  for (const auto& path : results_paths) plans.push_back(read_report_data(path));
  check_same_graph(plans);
  write_text_file_atomically(out_path, render_comparison_html(plans, options));
}

}  // namespace kuchikomi
