// Writers for validation results (layout in report/validation_report.hpp).
#include "kuchikomi/report/validation_report.hpp"

#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/core/version.hpp"
#include "kuchikomi/io/csv_field.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/learning/graph_records.hpp"
#include "kuchikomi/report/json_text.hpp"

namespace kuchikomi {
namespace {

// NaN and infinity have no JSON spelling: null.

std::string fixed(double x, int digits) {
  if (std::isnan(x)) return "-";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::string window_text(double window) { return std::isfinite(window) ? fixed(window, 0) + " s" : "none"; }

// The last `width` characters (paths are told apart by their ends).
std::string tail(const std::string& text, std::size_t width) {
  return text.size() <= width ? text : "..." + text.substr(text.size() - (width - 3));
}


}  // namespace

void write_validation_file(const std::string& path, const ValidationRun& run, const AdoptionLog& log,
                           const std::vector<ModelValidation>& models) {
  const hdf5::Location file = hdf5::create_file(path);
  const ValidationRecord& s = run.settings;
  file.set_attribute("format", kValidationFormat);
  file.set_attribute("format_version", std::int64_t{1});
  file.set_attribute("kuchikomi_version", kVersion);
  file.set_attribute("adoptions", s.adoptions);
  file.set_attribute("split", s.split);
  file.set_attribute("model", s.model);
  file.set_attribute("seed_rule", s.seed_rule);
  file.set_attribute("window", s.window);
  file.set_attribute("runs", s.runs);
  file.set_attribute("rng_seed", s.rng_seed);
  file.set_attribute("test_items", run.test_items);
  file.set_attribute("training_items", run.training_items);
  file.set_attribute("validated_at", s.validated_at);
  file.set_attribute("command_line", s.command_line);
  const hdf5::Location items = file.create_group("items");
  items.write_strings("label", log.items);
  items.write("first_time", log.item_first_time);
  const hdf5::Location group = file.create_group("models");
  for (std::size_t k = 0; k < models.size(); ++k) {
    const ModelValidation& m = models[k];
    const hdf5::Location at = group.create_group(std::to_string(k));
    at.set_attribute("name", m.name);
    at.set_attribute("probability_model", m.probability_model);
    at.set_attribute("seconds", m.seconds);
    write_validation_metrics(at, "", m.metrics);
    std::vector<std::uint32_t> item, seeds, actual;
    std::vector<double> predicted, auc, ap;
    for (const ItemOutcome& o : m.items) {
      item.push_back(o.item);
      seeds.push_back(o.seeds);
      actual.push_back(o.actual);
      predicted.push_back(o.predicted);
      auc.push_back(o.auc);
      ap.push_back(o.average_precision);
    }
    at.write("item", item);
    at.write("seeds", seeds);
    at.write("actual", actual);
    at.write("predicted", predicted);
    at.write("auc", auc);
    at.write("average_precision", ap);
  }
}

std::string validation_csv(const AdoptionLog& log, const std::vector<ModelValidation>& models) {
  std::ostringstream out;
  out.precision(10);
  out << "model,probability_model,item,seeds,actual,predicted,auc,average_precision\n";
  for (const ModelValidation& m : models)
    for (const ItemOutcome& o : m.items) {
      out << csv_field(m.name) << ',' << csv_field(m.probability_model) << ',' << csv_field(log.items[o.item]) << ','
          << o.seeds << ',' << o.actual << ',' << o.predicted << ',';
      if (!std::isnan(o.auc)) out << o.auc << ',' << o.average_precision;
      else out << ',';
      out << '\n';
    }
  return out.str();
}

std::string validation_summary_text(const ValidationRun& run, const std::vector<ModelValidation>& models) {
  const ValidationRecord& s = run.settings;
  std::ostringstream out;
  out << "validation on " << run.test_items << " held-out items (" << s.split << ") of " << s.adoptions << "\n"
      << "  seeds: each item's " << (s.seed_rule == "initiators" ? "initiators (adopters with no earlier-adopting in-neighbour)"
                                                                  : "first adopters")
      << ", window " << window_text(s.window) << "; model " << s.model << ", " << s.runs << " runs per item\n"
      << "  baseline: every item predicted at the mean reach of the " << run.training_items
      << " training items; users ranked by how often they adopted there\n\n";
  char line[256];
  std::snprintf(line, sizeof line, "%-30s %-20s %6s %9s %9s %9s %8s %9s %6s %6s\n", "graph", "probabilities", "items",
                "RMSE", "MAE", "log ratio", "Spearman", "within 2x", "AUC", "AP");
  out << line;
  for (const ModelValidation& m : models) {
    const ValidationMetrics& x = m.metrics;
    std::snprintf(line, sizeof line, "%-30s %-20s %6llu %9s %9s %9s %8s %8s%% %6s %6s\n", tail(m.name, 30).c_str(),
                  tail(m.probability_model, 20).c_str(), static_cast<unsigned long long>(x.items), fixed(x.rmse, 2).c_str(),
                  fixed(x.mae, 2).c_str(), fixed(x.mean_log_ratio, 3).c_str(), fixed(x.spearman, 3).c_str(),
                  fixed(100 * x.within_2x, 1).c_str(), fixed(x.mean_auc, 3).c_str(),
                  fixed(x.mean_average_precision, 3).c_str());
    out << line;
  }
  out << "\n(reach = users reached, seeds included; log ratio = mean ln(predicted/actual), > 0 over-predicts;\n"
         " within 2x = share of items with 1/2 <= predicted/actual <= 2; AUC and AP rank each user's simulated\n"
         " activation probability against whether the user adopted, averaged over items)\n";
  return out.str();
}

nlohmann::json validation_metrics_json(const ValidationMetrics& m) {
  return {{"items", m.items},
          {"rmse", finite_or_null(m.rmse)},
          {"mae", finite_or_null(m.mae)},
          {"mean_log_ratio", finite_or_null(m.mean_log_ratio)},
          {"spearman", finite_or_null(m.spearman)},
          {"within_2x", finite_or_null(m.within_2x)},
          {"ranked_items", m.ranked_items},
          {"mean_auc", finite_or_null(m.mean_auc)},
          {"mean_average_precision", finite_or_null(m.mean_average_precision)}};
}

nlohmann::json validation_settings_json(const ValidationRecord& s) {
  return {{"adoptions", s.adoptions}, {"split", s.split}, {"model", s.model}, {"seed_rule", s.seed_rule},
          {"window", finite_or_null(s.window)}, {"runs", s.runs}, {"rng_seed", s.rng_seed}};
}

nlohmann::json validation_record_json(const std::optional<ValidationRecord>& record) {
  if (!record) return nullptr;
  nlohmann::json j = validation_settings_json(*record);
  j["validated_at"] = record->validated_at;
  j["metrics"] = validation_metrics_json(record->metrics);
  j["baseline"] = validation_metrics_json(record->baseline);
  return j;
}

std::string validation_summary_json(const ValidationRun& run, const std::vector<ModelValidation>& models) {
  const ValidationRecord& s = run.settings;
  nlohmann::json rows = nlohmann::json::array();
  for (std::size_t k = 0; k < models.size(); ++k)
    rows.push_back({{"name", models[k].name},
                    {"baseline", k == 0},
                    {"probability_model", models[k].probability_model},
                    {"seconds", models[k].seconds},
                    {"metrics", validation_metrics_json(models[k].metrics)}});
  nlohmann::json doc = validation_settings_json(s);
  doc["test_items"] = run.test_items;
  doc["training_items"] = run.training_items;
  doc["models"] = rows;
  return doc.dump(2);
}

}  // namespace kuchikomi
