// Output of `kuchikomi validate`: the comparison table, JSON, a per-item CSV and the HDF5 file.
//
// val.h5 layout (plain HDF5; h5py: f["models/1"].attrs["within_2x"], f["models/1/predicted"][:]):
//   /                  attrs: format="kuchikomi-validation", format_version=1, kuchikomi_version,
//                             adoptions, split, model, seed_rule, window (inf = none), runs, rng_seed,
//                             test_items, training_items, validated_at, command_line
//   /items/label       string[i]   every item of the adoption log, by item id
//   /items/first_time  float64[i]  its first adoption (unix seconds)
//   /models/K          K = 0 is the baseline, 1.. the graphs in the order given; attrs: name,
//                      probability_model, seconds, and the metrics (items, rmse, mae,
//                      mean_log_ratio, spearman, within_2x, ranked_items, mean_auc,
//                      mean_average_precision; NaN where undefined)
//   /models/K/item     uint32[k]   test item ids (index into /items) validated on this graph
//   /models/K/seeds, actual  uint32[k];  predicted, auc, average_precision  float64[k]
//
// CSV (--csv): model,probability_model,item,seeds,actual,predicted,auc,average_precision, one row
// per model and test item (empty auc/average_precision where undefined).
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "kuchikomi/io/adoption_log.hpp"
#include "kuchikomi/learning/validation.hpp"

namespace kuchikomi {

inline constexpr const char* kValidationFormat = "kuchikomi-validation";

// What was compared, on which items: everything but the per-model results.
struct ValidationRun {
  ValidationRecord settings;       // graph and metrics fields unused here
  std::uint64_t test_items = 0;    // items in the test part of the split
  std::uint64_t training_items = 0;
};

// models[0] is the baseline.
void write_validation_file(const std::string& path, const ValidationRun& run, const AdoptionLog& log,
                           const std::vector<ModelValidation>& models);
std::string validation_csv(const AdoptionLog& log, const std::vector<ModelValidation>& models);
std::string validation_summary_text(const ValidationRun& run, const std::vector<ModelValidation>& models);
// The metrics (NaN as null) and the settings of a validation, as validate --json and graph info show them.
nlohmann::json validation_metrics_json(const ValidationMetrics& metrics);
nlohmann::json validation_settings_json(const ValidationRecord& settings);
// A graph's validation record (settings, validated_at, metrics, baseline) as graph info, select and
// simulate show it; null when the graph was never validated.
nlohmann::json validation_record_json(const std::optional<ValidationRecord>& record);
std::string validation_summary_json(const ValidationRun& run, const std::vector<ModelValidation>& models);

}  // namespace kuchikomi
