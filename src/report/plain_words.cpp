// Plain-words texts of the report (plain_words.hpp).
#include "kuchikomi/report/plain_words.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/svg_chart.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace kuchikomi {
namespace {

std::string config_value(const ReportData& d, const std::string& key) {
  for (const auto& [name, value] : d.config)
    if (name == key) return value;
  return "";
}

double config_number(const ReportData& d, const std::string& key, double fallback) {
  const std::string text = config_value(d, key);
  if (text.empty()) return fallback;
  try {
    const double x = std::stod(text);
    return std::isfinite(x) ? x : fallback;
  } catch (...) {
    return fallback;
  }
}

// A percentage never rounded up past what holds: floor, 0 decimals (1 below 10%).
std::string at_least_percent(double fraction) {
  const double pct = 100.0 * fraction;
  const int digits = pct < 10 ? 1 : 0;
  const double scale = std::pow(10.0, digits);
  return format_number(std::floor(pct * scale) / scale, digits) + "%";
}

std::string probability_percent(double p) {
  const double pct = 100.0 * p;
  const double floored = std::floor(pct * 100 + 1e-7) / 100;  // 1e-7: 0.9999 is 99.99%, not 99.98%
  if (pct < 100 && floored >= 99.99 && pct > 99.99 + 1e-7) return "more than 99.99%";
  std::string text = format_number(floored, floored == std::floor(floored) ? 0 : 2);
  text += '%';
  return text;
}

std::string readable_name(std::string path) {
  const auto comma = path.find(',');  // several logs: the first names the community
  if (comma != std::string::npos) path = path.substr(0, comma);
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* ext : {".gz", ".csv", ".tsv", ".txt", ".h5", ".hdf5", ".log"})
    if (name.size() > std::string(ext).size() && name.ends_with(ext)) name.resize(name.size() - std::string(ext).size());
  for (char& c : name)
    if (c == '_' || c == '-') c = ' ';
  return name;
}

}  // namespace

std::string guarantee_in_plain_words(const ReportData& d) {
  if (!d.is_selection) return "";
  const std::size_t size = d.seeds.size();
  if (d.graph_nodes > 0 && d.graph_nodes <= size)
    return "The plan recruits every user of the graph, so no plan can reach more.";
  const SelectionAlgorithm* algorithm = find_selection_algorithm(d.algorithm);
  if (d.approximation_ratio <= 0 || !algorithm || algorithm->guarantee == GuaranteeKind::kNone)
    return algorithm && algorithm->guarantee == GuaranteeKind::kNone
               ? "No guarantee: " + d.algorithm + " picks users by a rule of thumb; the evaluation measures how well it did."
               : "No approximation ratio is proven for this run; the evaluation measures the reach.";
  const std::string best = d.budget > 0 ? "the best possible plan within the budget"
                                        : "the best possible " + std::to_string(size) + "-person plan";
  std::string words = "This plan reaches at least " + at_least_percent(d.approximation_ratio) + " as many " +
                      (d.target_size ? "target users" : "people") + " as " + best;
  const double n = static_cast<double>(d.graph_nodes);
  if (algorithm->reads(SelectionSetting::kEll) && n > 1) {
    const double p = 1.0 - std::pow(n, -config_number(d, "ell", 1.0));
    words += ", with probability " + probability_percent(p);
  } else if (algorithm->reads(SelectionSetting::kDelta) && n > 1) {
    double delta = config_number(d, "delta", 0.0);
    if (delta <= 0) delta = 1.0 / n;
    words += ", with probability " + probability_percent(1.0 - delta);
  } else if (algorithm->reads(SelectionSetting::kMcRuns)) {
    words += ", up to the sampling error of its simulations";
  }
  if (algorithm->guarantee == GuaranteeKind::kCertified) words += " (proved for this run)";
  return words + ".";
}

std::string spread_curve_caption(const std::vector<double>& curve) {
  if (curve.size() < 2) return "";
  std::size_t rises = 0, worst = 0;
  double worst_jump = 0;
  for (std::size_t i = 1; i < curve.size(); ++i) {
    const double gain = curve[i] - curve[i - 1];
    const double before = i >= 2 ? curve[i - 1] - curve[i - 2] : curve[0];
    const double tolerance = 1e-9 * std::max(1.0, std::fabs(curve[i]));
    if (gain > before + tolerance) {
      ++rises;
      if (gain - before > worst_jump) worst_jump = gain - before, worst = i;
    }
  }
  if (rises == 0)
    return "Each extra ambassador adds no more than the one before (diminishing returns): the curve shows where "
           "recruiting more stops paying off.";
  const double gain = curve[worst] - curve[worst - 1];
  const double before = worst >= 2 ? curve[worst - 1] - curve[worst - 2] : curve[0];
  return "The gains do not shrink steadily here: " + std::to_string(rises) + " ambassador" + (rises == 1 ? " adds" : "s add") +
         " more than the one ranked before (ambassador " + std::to_string(worst + 1) + " adds " + format_number(gain, 1) +
         " after " + format_number(before, 1) + "). The curve shows what each extra ambassador adds.";
}

std::string default_report_title(const ReportData& d) {
  std::string community = readable_name(!d.graph_source.empty() ? d.graph_source : d.graph_path);
  const std::size_t s = d.seeds.size();
  const std::string who = d.is_selection ? std::to_string(s) + (s == 1 ? " ambassador" : " ambassadors")
                                         : std::to_string(s) + (s == 1 ? " seed user" : " seed users");
  return std::string(d.is_selection ? "Word-of-mouth plan" : "Word-of-mouth simulation") +
         (community.empty() ? "" : " for " + community) + ": " + who;
}

}  // namespace kuchikomi
