// What-if results as text and JSON (plan_change_report.hpp).
#include "kuchikomi/report/plan_change_report.hpp"

#include <cstdio>

#include "kuchikomi/core/printable.hpp"

namespace kuchikomi {
namespace {

std::string fixed(double value) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  return buffer;
}

std::string signed_fixed(double value) {
  std::string text = fixed(value);
  if (value > 0) text.insert(text.begin(), '+');
  return text;
}

std::string names(const InfluenceGraph& graph, std::span<const NodeId> users) {
  std::string text;
  for (NodeId v : users) text += (text.empty() ? "" : ", ") + printable(graph.label(v));
  return text;
}

nlohmann::json summary_json(const SummaryStatistics& s) {
  return {{"mean", s.mean}, {"ci95_low", s.ci95_low}, {"ci95_high", s.ci95_high}};
}

nlohmann::json labels(const InfluenceGraph& graph, std::span<const NodeId> users) {
  nlohmann::json list = nlohmann::json::array();
  for (NodeId v : users) list.push_back(graph.label(v));
  return list;
}

}  // namespace

std::string plan_change_text(const InfluenceGraph& graph, std::span<const NodeId> dropped,
                             std::span<const NodeId> added, const PlanChange& change) {
  const auto& b = change.base.all.summary;
  const auto& c = change.changed.all.summary;
  const auto& d = change.difference;
  std::string what;
  if (!dropped.empty()) what += "without " + names(graph, dropped);
  if (!added.empty()) what += (what.empty() ? "with " : " and with ") + names(graph, added);
  return "what-if, " + what + ":\n" +
         "  plan as given   reach " + fixed(b.mean) + ", 95% CI [" + fixed(b.ci95_low) + ", " + fixed(b.ci95_high) + "]\n" +
         "  changed plan    reach " + fixed(c.mean) + ", 95% CI [" + fixed(c.ci95_low) + ", " + fixed(c.ci95_high) + "]\n" +
         "  change          " + signed_fixed(d.mean) + ", 95% CI [" + signed_fixed(d.ci95_low) + ", " +
         signed_fixed(d.ci95_high) + "] (paired: both plans on the same " + std::to_string(change.base.runs) +
         " simulated worlds)\n";
}

nlohmann::json plan_change_json(const InfluenceGraph& graph, std::span<const NodeId> dropped,
                                std::span<const NodeId> added, const PlanChange& change) {
  const auto& d = change.difference;
  return {{"dropped", labels(graph, dropped)},
          {"added", labels(graph, added)},
          {"runs", change.base.runs},
          {"paired", true},
          {"base", summary_json(change.base.all.summary)},
          {"changed", summary_json(change.changed.all.summary)},
          {"difference", {{"mean", d.mean}, {"stddev", d.stddev}, {"ci95_low", d.ci95_low}, {"ci95_high", d.ci95_high}}}};
}

}  // namespace kuchikomi
