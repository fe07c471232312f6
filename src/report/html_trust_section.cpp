// "How far to trust the reach": every reach figure rests on the graph's influence probabilities. When
// the graph was validated on held-out real cascades (`kuchikomi validate --record`, copied into the
// results file by select and simulate), the section shows that record in plain words with the
// baseline beside it; otherwise it says plainly that nobody has checked the probabilities, so a reader
// never takes a model's assumption for a measurement. The record comes from a file that may have been
// crafted: every number is formatted as n/a when not finite, and shares are not trusted to be in [0, 1].
#include "html_trust_section.hpp"

#include <cmath>

#include "html_text.hpp"

namespace kuchikomi::html {
namespace {

bool usable(double value) { return std::isfinite(value); }

// "1.8x too high" / "2.1x too low" from the mean of ln(predicted / actual): its exponential is the
// geometric mean of the ratios.
std::string bias_words(double mean_log_ratio) {
  if (!usable(mean_log_ratio)) return "";
  const double ratio = std::exp(mean_log_ratio);
  if (ratio >= 0.9 && ratio <= 1.0 / 0.9) return "On average its predictions were neither too high nor too low (within 10%).";
  if (ratio > 1) return "On average its predictions were " + fmt(ratio, 1) + "x too high.";
  return "On average its predictions were " + fmt(1 / ratio, 1) + "x too low.";
}

void metric_row(std::ostringstream& out, const char* id, const char* what, double model, double baseline, int digits) {
  out << "<tr id=\"" << id << "\"><td>" << what << "</td>" << num_cell(model, digits) << num_cell(baseline, digits)
      << "</tr>\n";
}

void validated(std::ostringstream& out, const ReportData& d, const ValidationRecord& v) {
  const ValidationMetrics& m = v.metrics;
  const ValidationMetrics& b = v.baseline;
  out << "<p class=\"summary\" id=\"trust-record\">On <strong>" << fmt_count(m.items)
      << (m.items == 1 ? " held-out cascade" : " held-out cascades") << "</strong> of <code>" << esc(v.adoptions) << "</code> (" << esc(v.split)
      << "), this graph's predictions were within a factor of 2 of the real reach for <strong>"
      << percent(m.within_2x) << "</strong> of " << (m.items == 1 ? "it" : "them") << "; a baseline that predicts every cascade at the training "
      << "set's mean size did so for " << percent(b.within_2x) << ".</p>\n<p>";
  if (m.items == 0) {
    out << "<strong>The record holds no test cascade</strong>, so it says nothing about these figures. ";
  } else if (usable(m.within_2x) && usable(b.within_2x) && m.within_2x > b.within_2x) {
    out << "The model beats the baseline. ";
  } else {
    out << "<strong>The model does not beat the baseline</strong>: take the reach figures as rough. ";
  }
  out << bias_words(m.mean_log_ratio);
  if (!d.model.empty() && v.model != d.model)
    out << " <strong>The record is for the " << esc(model_name(v.model)) << " model; these figures use the "
        << esc(model_name(d.model)) << " model, which it does not cover.</strong>";
  out << "</p>\n<table id=\"trust-metrics\"><thead><tr><th>on the held-out cascades</th><th class=\"num\">this graph</th>"
      << "<th class=\"num\">baseline</th></tr></thead><tbody>\n";
  metric_row(out, "trust-within-2x", "share predicted within 2x of the real reach", m.within_2x, b.within_2x, 3);
  metric_row(out, "trust-rmse", "RMSE of the reach (users)", m.rmse, b.rmse, 2);
  metric_row(out, "trust-mae", "mean absolute error (users)", m.mae, b.mae, 2);
  metric_row(out, "trust-log-ratio", "mean log(predicted / real) (0 = no bias)", m.mean_log_ratio, b.mean_log_ratio, 3);
  metric_row(out, "trust-spearman", "Spearman correlation of the sizes", m.spearman, b.spearman, 3);
  metric_row(out, "trust-auc", "who adopts: mean AUC (0.5 = chance)", m.mean_auc, b.mean_auc, 3);
  out << "</tbody></table>\n<p class=\"note\">Validated " << esc(v.validated_at) << " under the "
      << esc(model_name(v.model)) << " model, seeds = " << esc(v.seed_rule) << ", " << fmt_count(v.runs)
      << " simulations per cascade (<code>" << esc(v.command_line) << "</code>).</p>\n";
}

void never_validated(std::ostringstream& out, const ReportData& d) {
  out << "<p class=\"summary\" id=\"trust-never\"><strong>Never validated.</strong> This graph's influence "
         "probabilities";
  if (!d.graph_probability_model.empty()) out << " (" << esc(d.graph_probability_model) << ")";
  out << " were never checked against what really spread, so the reach above is what the probability model "
         "assumes, not a measurement: under another, equally plausible model the same plan can reach several "
         "times more or fewer people.</p>\n<p class=\"note\">To measure how far to trust it, validate the graph "
         "on held-out real cascades from an adoption log and make the plan again: <code>kuchikomi validate --graph "
         "G.h5 --adoptions LOG.csv --since DATE --record</code> (or learn the probabilities from the log first with "
         "<code>kuchikomi graph learn</code>).</p>\n";
}

}  // namespace

void trust_section(std::ostringstream& html, const ReportData& d) {
  html << "<section id=\"trust\"><h2>How far to trust the reach figures</h2>\n";
  if (d.graph_validation) validated(html, d, *d.graph_validation);
  else never_validated(html, d);
  html << "</section>\n";
}

}  // namespace kuchikomi::html
