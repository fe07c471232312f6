// The model band (selection/model_band.hpp) in the results file, JSON and the HTML page.
//   HDF5 group /model_band (selection files, when the graph carries no validation record):
//     attr runs; model (string list), applicable uint8, mean, ci95_low, ci95_high float64, one entry
//     per standard probability model
//   JSON: "model_band": {"runs": N, "models": [{probability_model, applicable, mean, ci95_low, ci95_high}]}
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/selection/model_band.hpp"

namespace kuchikomi {

struct ReportData;

struct ModelBandData {
  std::uint64_t runs = 0;
  std::vector<ModelBandEntry> entries;  // empty: the file has no band
};

void write_model_band_hdf5(const hdf5::Location& file, const ModelBandData& band);
nlohmann::json model_band_json(const ModelBandData& band);
// InputError naming `name` when the group is inconsistent.
ModelBandData read_model_band(const hdf5::Group& file, const std::string& name);
// "Reach under other probability models" (empty when the data hold no band).
std::string model_band_html(const ReportData& data);

}  // namespace kuchikomi
