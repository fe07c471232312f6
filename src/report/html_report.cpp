// The HTML page of `kuchikomi report` (see html_report.hpp). One string, built in order: head with
// inline CSS, headline cards, ambassadors, charts (inline SVG from svg_chart.hpp), who is reached,
// settings. No scripts and no external resources, so the file can be mailed and opened offline.
// No timestamp either: the same results file always gives the same page.
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/report/html_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/report/plain_words.hpp"
#include "kuchikomi/report/svg_chart.hpp"
#include "html_text.hpp"
#include "html_trust_section.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {
namespace {

using html::esc, html::exact, html::fmt, html::fmt_count, html::model_name, html::num_cell, html::percent;

constexpr const char* kBlue = "#1f6fb4";
constexpr const char* kOrange = "#e07b00";
constexpr const char* kGreen = "#2e8b57";

std::string config_value(const ReportData& d, const std::string& key) {
  for (const auto& [name, value] : d.config)
    if (name == key) return value;
  return "";
}

// "0.500000" (as boost stores doubles) -> "0.5".
std::string trim_number(std::string text) {
  if (text.find('.') == std::string::npos || text.find_first_not_of("0123456789.-") != std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

const char* kStyle = R"css(
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f6f8; color: #1d2733; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 40px; }
header h1 { font-size: 26px; margin: 0 0 4px; }
header p { margin: 0; color: #566; }
h2 { font-size: 19px; margin: 0 0 6px; }
section { background: #fff; border: 1px solid #dde3ea; border-radius: 8px; padding: 16px 18px; margin-top: 16px; }
.summary { font-size: 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; background: none; border: none; padding: 0; }
.card { flex: 1 1 200px; background: #fff; border: 1px solid #dde3ea; border-left: 5px solid #1f6fb4; border-radius: 8px; padding: 12px 14px; }
.card .big { font-size: 28px; font-weight: 700; line-height: 1.2; }
.card .what { color: #445; }
.card .small { color: #667; font-size: 13px; }
table { border-collapse: collapse; width: 100%; margin-top: 8px; }
table.compact { width: auto; min-width: 50%; }
th, td { padding: 5px 8px; border-bottom: 1px solid #e6eaef; text-align: left; vertical-align: top; }
th { background: #f0f3f6; font-weight: 600; font-size: 13px; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.user, td.user-ref { overflow-wrap: anywhere; }
tr.fixed td { background: #fbf7ea; }
.tag { font-size: 11px; background: #e9dfb8; border-radius: 3px; padding: 0 4px; margin-left: 6px; }
.note { color: #5a6570; font-size: 13px; margin: 6px 0 0; }
.bar { display: inline-block; height: 10px; background: #2e8b57; border-radius: 2px; vertical-align: middle; }
.barcell { width: 38%; }
svg.chart { max-width: 100%; height: auto; display: block; margin-top: 6px; font-family: inherit; }
dl.settings { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 8px 0 0; }
dl.settings dt { color: #566; }
dl.settings dd { margin: 0; overflow-wrap: anywhere; }
code { font: 12.5px ui-monospace, "DejaVu Sans Mono", monospace; background: #f0f3f6; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
p.options { display: flex; flex-wrap: wrap; gap: 6px; margin: 4px 0 0; }
footer { color: #778; font-size: 12px; margin-top: 18px; text-align: center; }
@media print { body { background: #fff; } section, .card { break-inside: avoid; } }
)css";

void card(std::ostringstream& html, const std::string& id, const std::string& big, const std::string& what,
          const std::string& small) {
  html << "<div class=\"card\" id=\"" << id << "\"><div class=\"big\">" << big << "</div><div class=\"what\">" << what
       << "</div>";
  if (!small.empty()) html << "<div class=\"small\">" << small << "</div>";
  html << "</div>\n";
}

void headline(std::ostringstream& html, const ReportData& d) {
  const std::size_t s = d.seeds.size();
  const double reach = d.evaluated ? d.all.summary.mean : d.estimated_spread;
  html << "<section class=\"cards\" id=\"headline\">\n";
  std::size_t fixed = 0;
  for (const auto& seed : d.seeds) fixed += seed.fixed ? 1 : 0;
  const std::string noun = d.is_selection ? "ambassador" : "seed user";
  card(html, "card-seeds", fmt_count(s), s == 1 ? noun : noun + "s",
       fixed ? fmt_count(fixed) + " given in advance (included)" : "");
  // One figure per question, each labelled with whom it counts: the segment (the plan's goal when
  // there is one) first, then everyone.
  const std::string community_share =
      d.graph_nodes > 0 ? percent(reach / static_cast<double>(d.graph_nodes)) + " of the community's " +
                              fmt_count(d.graph_nodes) + " users; "
                        : "";
  if (d.evaluated && d.target && d.target_size > 0)
    card(html, "card-target", fmt(d.target->summary.mean, 1),
         "<strong>segment</strong>: target users expected to be reached (the plan's goal)",
         percent(d.target->summary.mean / static_cast<double>(d.target_size)) + " of the " + fmt_count(d.target_size) +
             " users in the segment; 95% CI " + fmt(d.target->summary.ci95_low, 1) + " &ndash; " +
             fmt(d.target->summary.ci95_high, 1));
  if (d.evaluated) {
    card(html, "card-reach", fmt(reach, 1),
         std::string("<strong>everyone</strong>: people expected to be reached") +
             (d.target_size ? ", in and out of the segment" : " (ambassadors included)"),
         community_share + "95% CI " + fmt(d.all.summary.ci95_low, 1) + " &ndash; " + fmt(d.all.summary.ci95_high, 1) +
             ", from " + fmt_count(d.runs) + " independent simulations");
  } else if (d.has_gains) {
    card(html, "card-reach", fmt(reach, 1),
         d.target_size ? "<strong>segment</strong>: target users reached (algorithm's estimate)"
                       : "<strong>everyone</strong>: people reached (algorithm's estimate)",
         (d.target_size ? std::string() : community_share) + "no independent evaluation was run");
  } else {  // a heuristic ranking nobody evaluated: there is no reach figure to show
    card(html, "card-reach", "&ndash;", "reach not estimated",
         "a heuristic ranks users without estimating reach; an independent evaluation of the selection "
         "measures it");
  }
  if (d.budget > 0)
    card(html, "card-budget", fmt(d.budget_spent, 2), "budget spent", "of " + fmt(d.budget, 2) + " available");
  html << "</section>\n";

  html << "<section id=\"summary\"><p class=\"summary\">";
  if (d.is_selection) html << "Recruiting these " << fmt_count(s) << " ambassador" << (s == 1 ? "" : "s");
  else html << "Seeding these " << fmt_count(s) << " user" << (s == 1 ? "" : "s");
  if (d.evaluated) {
    html << " is expected to reach about <strong>" << fmt(d.all.summary.mean, 0) << " people</strong> (95% confidence interval "
         << fmt(d.all.summary.ci95_low, 1) << " to " << fmt(d.all.summary.ci95_high, 1) << ")";
    if (d.graph_nodes) html << ", " << percent(d.all.summary.mean / static_cast<double>(d.graph_nodes)) << " of the community";
    if (d.target && d.target_size)
      html << ", including " << fmt(d.target->summary.mean, 1) << " of the " << fmt_count(d.target_size)
           << " users in the target segment";
  } else if (d.has_gains) {
    html << " reaches about <strong>" << fmt(d.estimated_spread, 0) << "</strong> "
         << (d.target_size ? "target users" : "people") << " by the algorithm's own estimate";
  } else {
    html << " has no reach estimate (the heuristic only ranks users and no evaluation was run)";
  }
  if (d.max_steps) html << ", counting only the first " << d.max_steps << " rounds of word of mouth";
  html << ", under the " << esc(model_name(d.model)) << " model of word of mouth.</p>";
  if (const std::string words = guarantee_in_plain_words(d); !words.empty())
    html << "<p class=\"note\" id=\"guarantee-words\">" << esc(words)
         << (d.approximation_ratio > 0 && !d.guarantee.empty() ? " The formula is under Settings." : "") << "</p>";
  html << "</section>\n";
}

void ambassadors(std::ostringstream& html, const ReportData& d) {
  html << "<section id=\"ambassadors\"><h2>" << (d.is_selection ? "Ambassadors, in order of choice" : "Seed users")
       << "</h2>\n";
  if (d.has_gains)
    html << "<p class=\"note\">Marginal gain: extra people the ambassador reaches on top of those above; cumulative "
            "spread: expected reach of the ambassadors up to this row. "
         << (d.curve_from_evaluation ? "Both are measured by the independent Monte Carlo evaluation"
                                     : "Both are the algorithm's own estimates")
         << (d.target_size ? ", counting target users only" : "") << ".</p>\n";
  html << "<table id=\"seeds-table\"" << (d.has_gains ? "" : " class=\"compact\"") << "><thead><tr><th class=\"num\">Rank</th><th>User</th>";
  if (d.has_gains)
    html << "<th class=\"num\">Marginal gain</th><th class=\"num\">Cost</th><th class=\"num\">Cumulative spread</th>";
  html << "</tr></thead><tbody>\n";
  for (std::size_t i = 0; i < d.seeds.size(); ++i) {
    const auto& s = d.seeds[i];
    html << "<tr class=\"seed" << (s.fixed ? " fixed" : "") << "\" data-rank=\"" << i + 1 << "\" data-id=\"" << s.id
         << "\"><td class=\"num\">" << i + 1 << "</td><td class=\"user\">" << esc(s.label)
         << (s.fixed ? "<span class=\"tag\">included</span>" : "") << "</td>";
    if (d.has_gains) html << num_cell(s.marginal_gain) << num_cell(s.cost) << num_cell(s.cumulative_spread);
    html << "</tr>\n";
  }
  html << "</tbody></table></section>\n";
}

void spread_curve(std::ostringstream& html, const ReportData& d) {
  if (!d.has_gains || d.seeds.empty()) return;
  ChartSeries estimate{d.curve_from_evaluation ? "measured by the evaluation" : "algorithm's estimate", kBlue,
                       {}, {}, {}, {}, d.seeds.size() <= 60, true};
  for (std::size_t i = 0; i < d.seeds.size(); ++i) {
    estimate.x.push_back(static_cast<double>(i + 1));
    estimate.y.push_back(d.seeds[i].cumulative_spread);
  }
  // A heuristic's curve is the evaluation's own prefix curve: draw it once, as the check.
  const bool same_curve = d.curve_from_evaluation && d.evaluated && d.evaluated_curve.size() == d.seeds.size();
  std::vector<ChartSeries> series;
  if (!same_curve) series.push_back(estimate);
  if (d.evaluated) {
    // The independent check of the whole set, on the same scale as the algorithm's curve.
    const SummaryStatistics& whole = d.target_size && d.target ? d.target->summary : d.all.summary;
    const double mean = whole.mean, low = whole.ci95_low, high = whole.ci95_high;
    if (d.evaluated_curve.size() == d.seeds.size()) {
      // The evaluation's worlds give every prefix; the CI whisker belongs to the whole set.
      ChartSeries check{"independent check (95% CI for all seeds)", kOrange, {}, d.evaluated_curve, {}, {}, d.seeds.size() <= 60, true};
      for (std::size_t i = 0; i < d.seeds.size(); ++i) check.x.push_back(static_cast<double>(i + 1));
      check.low = check.y;
      check.high = check.y;
      check.low.back() = low;
      check.high.back() = high;
      series.push_back(std::move(check));
    } else {
      series.push_back({"independent check, 95% CI", kOrange, {static_cast<double>(d.seeds.size())}, {mean}, {low}, {high},
                        true, false});
    }
  }
  ChartOptions options;
  options.title = "Expected reach against number of ambassadors";
  options.x_label = "number of ambassadors (in order of choice)";
  options.y_label = d.target_size ? "target users reached" : "people reached";
  options.integer_x = true;
  options.x_padding = 0.03;
  html << "<section id=\"spread-curve\"><h2>Reach against number of ambassadors</h2>\n"
       << svg_line_chart(series, options) << "\n<p class=\"note\" id=\"curve-caption\">"
       << esc(spread_curve_caption(d.evaluated_curve.size() == d.seeds.size() ? d.evaluated_curve : estimate.y))
       << "</p></section>\n";
}

void reach_over_time(std::ostringstream& html, const ReportData& d) {
  html << "<section id=\"reach-over-time\"><h2>Reach over time</h2>\n";
  if (d.all.cumulative_per_step.empty()) {
    html << "<p class=\"note\">Not available: this run had no independent evaluation.</p>"
            "</section>\n";
    return;
  }
  std::vector<ChartSeries> series;
  ChartSeries everyone{"everyone reached", kBlue, {}, {}, {}, {}, d.all.cumulative_per_step.size() <= 40, true};
  for (std::size_t t = 0; t < d.all.cumulative_per_step.size(); ++t) {
    everyone.x.push_back(static_cast<double>(t));
    everyone.y.push_back(d.all.cumulative_per_step[t]);
  }
  series.push_back(everyone);
  if (d.target && !d.target->cumulative_per_step.empty()) {
    ChartSeries target{"target users reached", kGreen, everyone.x, d.target->cumulative_per_step, {}, {},
                       everyone.markers, true};
    target.x.resize(target.y.size());
    series.push_back(target);
  }
  ChartOptions options;
  options.title = "Mean number of people reached after each round of word of mouth";
  options.x_label = "round of word of mouth (0 = the ambassadors themselves)";
  options.y_label = "people reached so far (mean)";
  options.integer_x = true;
  html << svg_line_chart(series, options) << "\n<p class=\"note\">";
  const std::size_t last = d.all.cumulative_per_step.size() - 1;
  // The round by which 90% of the final reach is in: how long the campaign takes to play out.
  std::size_t ninety = last;
  for (std::size_t t = 0; t <= last; ++t)
    if (d.all.cumulative_per_step[t] >= 0.9 * d.all.cumulative_per_step[last]) {
      ninety = t;
      break;
    }
  html << "90% of the final reach is in after " << ninety << " round" << (ninety == 1 ? "" : "s") << "; the longest "
       << "cascade lasted " << last << " round" << (last == 1 ? "" : "s") << ".";
  if (d.max_steps) html << " Deadline: " << d.max_steps << " rounds.";
  html << "</p>\n";
  if (!d.all.new_per_step.empty()) {
    html << "<table id=\"steps-table\" class=\"compact\"><thead><tr><th class=\"num\">Round</th><th class=\"num\">Newly reached (mean)"
            "</th><th class=\"num\">Reached so far (mean)</th></tr></thead><tbody>\n";
    const std::size_t rows = std::min(d.all.new_per_step.size(), d.all.cumulative_per_step.size());
    for (std::size_t t = 0; t < rows; ++t) {
      if (rows > 14 && t == 10) {  // long tails of tiny numbers: show the start and the end
        html << "<tr><td class=\"num\">&hellip;</td><td></td><td></td></tr>\n";
        t = rows - 3;
      }
      html << "<tr><td class=\"num\">" << t << "</td>" << num_cell(d.all.new_per_step[t]) << num_cell(d.all.cumulative_per_step[t])
           << "</tr>\n";
    }
    html << "</tbody></table>\n";
  }
  html << "</section>\n";
}

void distribution(std::ostringstream& html, const ReportData& d) {
  const auto& edges = d.all.histogram_edges;
  const auto& counts = d.all.histogram_counts;
  if (counts.empty() || edges.size() != counts.size() + 1) return;
  ChartOptions options;
  options.title = "How many simulated campaigns reached how many people";
  options.x_label = "people reached in one simulated campaign";
  options.y_label = "simulated campaigns";
  options.integer_x = true;
  options.height = 260;
  html << "<section id=\"distribution\"><h2>How much the outcome varies</h2>\n"
       << svg_histogram(std::vector<double>(edges.begin(), edges.end()), std::vector<double>(counts.begin(), counts.end()),
                      kBlue, options)
       << "\n<p class=\"note\">Word of mouth is random: across " << fmt_count(d.runs)
       << " simulated campaigns the reach had standard deviation " << fmt(d.all.summary.stddev, 1) << " around the mean "
       << fmt(d.all.summary.mean, 1) << ".</p></section>\n";
}

void who_is_reached(std::ostringstream& html, const ReportData& d, std::size_t top) {
  html << "<section id=\"reached\"><h2>Who is reached</h2>\n";
  if (d.top_reached.empty()) {
    html << "<p class=\"note\">Not available: "
         << (d.evaluated ? "the results file holds no per-user figures (the graph was too large for per-user "
                           "counts, or an older kuchikomi made the file)."
                         : "this run had no independent evaluation.")
         << "</p></section>\n";
    return;
  }
  const std::size_t rows = std::min(top, d.top_reached.size());
  if (d.has_likely_counts)
    html << "<p class=\"summary\" id=\"likely-reached\"><strong>" << fmt_count(d.users_reached_p50)
         << "</strong> users besides the " << (d.is_selection ? "ambassadors" : "seeds")
         << " are reached in at least half of the simulated campaigns, <strong>" << fmt_count(d.users_reached_p90)
         << "</strong> in at least 90% of them.</p>\n";
  html << "<p class=\"note\">The " << rows << " users (not " << (d.is_selection ? "ambassadors" : "seeds")
       << ") most likely to hear of the campaign, with the share of simulated campaigns that reached them.</p>\n";
  html << "<table id=\"reached-table\"><thead><tr><th class=\"num\">#</th><th>User</th><th class=\"num\">Chance of "
          "being reached</th><th class=\"barcell\"></th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < rows; ++i) {
    const auto& r = d.top_reached[i];
    html << "<tr class=\"reached\" data-id=\"" << r.id << "\"><td class=\"num\">" << i + 1 << "</td><td class=\"user\">"
         << esc(r.label) << "</td><td class=\"num\" data-value=\"" << exact(r.probability) << "\">"
         << percent(r.probability) << "</td><td class=\"barcell\"><span class=\"bar\" style=\"width:"
         << fmt(std::clamp(100.0 * r.probability, 0.0, 100.0), 1) << "%\"></span></td></tr>\n";
  }
  html << "</tbody></table></section>\n";
}

void setting(std::ostringstream& html, const std::string& name, const std::string& value_html, const std::string& id = "") {
  html << "<dt>" << name << "</dt><dd" << (id.empty() ? "" : " id=\"" + id + "\"") << ">" << value_html << "</dd>\n";
}

void settings(std::ostringstream& html, const ReportData& d) {
  html << "<section id=\"settings\"><h2>Settings and guarantee</h2>\n<dl class=\"settings\">\n";
  setting(html, "Algorithm", esc(d.algorithm), "setting-algorithm");
  setting(html, "Diffusion model", esc(model_name(d.model)));
  if (d.is_selection) {
    setting(html, "Guarantee", d.guarantee.empty() ? "none (heuristic: no approximation guarantee)" : esc(d.guarantee),
            "setting-guarantee");
    // The file may name an algorithm this build does not know: its ratio is then shown plainly.
    const SelectionAlgorithm* algorithm = find_selection_algorithm(d.algorithm);
    const bool certified = algorithm && algorithm->guarantee == GuaranteeKind::kCertified;
    const bool worst_case = algorithm && algorithm->guarantee == GuaranteeKind::kWorstCase;
    if (d.approximation_ratio > 0)
      setting(html, certified ? "Certified approximation ratio" : "Approximation ratio",
              fmt(d.approximation_ratio, 4) + (certified    ? " (proved for this run from the RR-set bounds)"
                                               : worst_case ? " (worst-case bound)"
                                                            : ""),
              "setting-ratio");
    const std::string epsilon = config_value(d, "epsilon");
    if (!epsilon.empty() && algorithm && algorithm->reads(SelectionSetting::kEpsilon))
      setting(html, "Epsilon", esc(trim_number(epsilon)));
    if (d.rr_sets > 0) {
      setting(html, "RR sets", fmt_count(d.rr_sets));
      setting(html, "RR-set memory", esc(format_bytes(d.rr_memory_bytes)));
    }
    setting(html, "Seeds asked for", d.budget > 0 ? "budget " + fmt(d.budget, 2) + " (spent " + fmt(d.budget_spent, 2) + ")" +
                                                        (d.max_seeds ? ", at most " + fmt_count(d.max_seeds) + " users" : "")
                                                  : "k = " + fmt_count(d.k));
    const std::string stop = d.stopped_by == "k" ? "the number of seeds asked for was reached"
                             : d.stopped_by == "budget" ? "the budget was exhausted (no one left fits what remains)"
                             : d.stopped_by == "no_gain" ? "no one left would reach anyone more"
                                                         : "";
    if (!stop.empty()) setting(html, "Selection stopped", stop, "setting-stopped");
  }
  if (d.evaluated) setting(html, d.is_selection ? "Independent evaluation" : "Simulation",
                           fmt_count(d.runs) + " Monte Carlo runs, spread " + fmt(d.all.summary.mean, 2) + " &plusmn; " +
                               fmt((d.all.summary.ci95_high - d.all.summary.ci95_low) / 2, 2) + " (95% CI), sd " + fmt(d.all.summary.stddev, 2));
  setting(html, "Random seed", std::to_string(d.rng_seed) + " (the same seed gives the same results on any number of threads)");
  setting(html, "Deadline", d.max_steps ? std::to_string(d.max_steps) + " rounds" : "none");
  if (d.target) setting(html, "Target segment", fmt_count(d.target_size) + " users");
  if (!d.unknown_users.empty()) {
    // Who the lists named but the graph does not hold (--unknown-users skip): never silently dropped.
    std::string left_out = fmt_count(d.unknown_users.size()) + " not in the graph, left out:";
    constexpr std::size_t kShown = 20;
    for (std::size_t i = 0; i < d.unknown_users.size() && i < kShown; ++i) {
      left_out += i ? ", " : " ";
      left_out += esc(d.unknown_users[i].second) + " (" + esc(d.unknown_users[i].first) + ")";
    }
    if (d.unknown_users.size() > kShown) left_out += ", &hellip;";
    setting(html, "Users in lists", left_out, "setting-unknown-users");
  }
  if (!d.phases.empty()) {
    std::string timings;
    for (const auto& [name, seconds] : d.phases)
      timings += (timings.empty() ? "" : "; ") + esc(name) + " " + fmt(seconds, seconds < 10 ? 3 : 1) + " s";
    setting(html, "Time", timings);
  }
  std::string graph = "<code>" + esc(d.graph_path) + "</code>";
  if (d.graph_nodes) graph += ", " + fmt_count(d.graph_nodes) + " users, " + fmt_count(d.graph_edges) + " influence links";
  setting(html, "Graph", graph, "setting-graph");
  if (!d.graph_probability_model.empty()) setting(html, "Influence probabilities", esc(d.graph_probability_model));
  if (!d.graph_source.empty())
    setting(html, "Built from", "<code>" + esc(d.graph_source) + "</code>" +
                                    (d.graph_source_format.empty() ? "" : " (" + esc(d.graph_source_format) + ")"));
  if (!d.command_line.empty()) setting(html, "Command", "<code>" + esc(d.command_line) + "</code>");
  setting(html, "Results file", "<code>" + esc(d.source_path) + "</code>");
  html << "</dl>\n";
  if (!d.config.empty()) {
    html << "<p class=\"note\">All options of the run:</p><p id=\"options\" class=\"options\">";
    for (const auto& [name, value] : d.config)
      html << "<code>--" << esc(name) << (value.empty() ? "" : " " + esc(trim_number(value))) << "</code> ";
    html << "</p>\n";
  }
  html << "</section>\n";
}

}  // namespace

std::string_view report_stylesheet() { return kStyle; }

std::string render_html_report(const ReportData& d, const HtmlReportOptions& options) {
  std::string title = options.title;
  if (title.empty()) title = default_report_title(d);
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
       << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
       << "<meta name=\"generator\" content=\"kuchikomi " << kVersion << "\">\n"
       << "<title>" << esc(title) << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<main>\n";
  html << "<header><h1>" << esc(title) << "</h1><p>"
       << (d.is_selection ? "Seed selection with " + esc(d.algorithm) : std::string("Simulation of a given seed set"))
       << " under the " << esc(model_name(d.model)) << " model";
  if (d.graph_nodes) html << " &middot; " << fmt_count(d.graph_nodes) << " users, " << fmt_count(d.graph_edges) << " links";
  html << "</p></header>\n";
  headline(html, d);
  html::trust_section(html, d);
  ambassadors(html, d);
  spread_curve(html, d);
  reach_over_time(html, d);
  who_is_reached(html, d, options.top_reached);
  distribution(html, d);
  // The detail a planner reads after the headline figures: each ambassador's part, reach per tier,
  // and how much the reach depends on the probability model.
  html << plan_explanation_html(d);
  html << segment_reach_html(d);
  html << model_band_html(d);
  settings(html, d);
  html << "<footer>Made by kuchikomi " << kVersion << " from <code>" << esc(d.source_path)
       << "</code>. Figures are Monte Carlo estimates; the 95% intervals say how precise they are.</footer>\n"
       << "</main>\n</body>\n</html>\n";
  return html.str();
}

void write_html_report(const std::string& results_path, const std::string& out_path, const HtmlReportOptions& options) {
  check_output_paths({{"the results file", results_path}}, {{"the report", out_path}});
  { AtomicOutput check(out_path); }  // the folder must be writable before any work is done
  ReportData data = read_report_data(results_path);
  if (!options.users_path.empty()) data.segments = segment_reach_for(data, options.users_path, options.graph_path);
  write_text_file_atomically(out_path, render_html_report(data, options));
}

}  // namespace kuchikomi
