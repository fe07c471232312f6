// The model band in HDF5, JSON and HTML (model_band_report.hpp).
#include "kuchikomi/report/model_band_report.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "html_text.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/report/html_report.hpp"

namespace kuchikomi {

void write_model_band_hdf5(const hdf5::Location& file, const ModelBandData& band) {
  if (band.entries.empty()) return;
  std::vector<std::string> models;
  std::vector<std::uint8_t> applicable;
  std::vector<double> mean, low, high;
  for (const auto& e : band.entries) {
    models.push_back(e.probability_model);
    applicable.push_back(e.applicable ? 1 : 0);
    mean.push_back(e.reach.mean);
    low.push_back(e.reach.ci95_low);
    high.push_back(e.reach.ci95_high);
  }
  auto group = file.create_group("model_band");
  group.set_attribute("runs", band.runs);
  group.write_strings("model", models);
  group.write("applicable", applicable);
  group.write("mean", mean);
  group.write("ci95_low", low);
  group.write("ci95_high", high);
}

nlohmann::json model_band_json(const ModelBandData& band) {
  nlohmann::json models = nlohmann::json::array();
  for (const auto& e : band.entries)
    models.push_back({{"probability_model", e.probability_model},
                      {"applicable", e.applicable},
                      {"mean", e.applicable ? nlohmann::json(e.reach.mean) : nlohmann::json(nullptr)},
                      {"ci95_low", e.applicable ? nlohmann::json(e.reach.ci95_low) : nlohmann::json(nullptr)},
                      {"ci95_high", e.applicable ? nlohmann::json(e.reach.ci95_high) : nlohmann::json(nullptr)}});
  return {{"runs", band.runs}, {"models", models}};
}

ModelBandData read_model_band(const hdf5::Group& file, const std::string& name) {
  ModelBandData band;
  if (!file.has("model_band")) return band;
  const auto g = file.open_group("model_band");
  auto fail = [&](const std::string& what) { throw InputError(name, 0, "/model_band: " + what); };
  if (!g.has_strings("model") || !g.has("applicable") || !g.has("mean") || !g.has("ci95_low") || !g.has("ci95_high"))
    fail("incomplete group");
  const auto models = g.read_strings("model");
  const auto applicable = g.read<std::uint8_t>("applicable");
  const auto mean = g.read<double>("mean");
  const auto low = g.read<double>("ci95_low");
  const auto high = g.read<double>("ci95_high");
  if (applicable.size() != models.size() || mean.size() != models.size() || low.size() != models.size() ||
      high.size() != models.size())
    fail("datasets of different lengths");
  band.runs = g.has_attribute("runs") ? g.uint_attribute("runs") : 0;
  for (std::size_t i = 0; i < models.size(); ++i) {
    ModelBandEntry e;
    e.probability_model = models[i];
    e.applicable = applicable[i] != 0;
    e.reach.mean = mean[i];
    e.reach.ci95_low = low[i];
    e.reach.ci95_high = high[i];
    if (e.applicable && !(std::isfinite(mean[i]) && std::isfinite(low[i]) && std::isfinite(high[i]) && mean[i] >= 0))
      fail("a reach that is not a finite non-negative number");
    band.entries.push_back(std::move(e));
  }
  return band;
}

std::string model_band_html(const ReportData& d) {
  using namespace html;
  const auto& entries = d.model_band.entries;
  double low = INFINITY, high = -INFINITY, top = 0;
  for (const auto& e : entries)
    if (e.applicable) {
      low = std::min(low, e.reach.mean);
      high = std::max(high, e.reach.mean);
      top = std::max(top, e.reach.ci95_high);
    }
  if (!(high >= low)) return "";
  const std::string people = d.target_size ? "target users" : "people";
  std::ostringstream out;
  out << "<section id=\"model-band\"><h2>Reach under other probability models</h2>\n<p class=\"summary\" id=\"model-band-summary\">"
      << "How far word of mouth goes depends on how likely each person is to pass it on, which the graph's "
         "probabilities only model. Simulated with the probabilities of each standard model, the same ambassadors "
         "reach between <strong>"
      << fmt(low, 0) << "</strong> and <strong>" << fmt(high, 0) << "</strong> " << people << " (" << fmt(static_cast<double>(d.model_band.runs), 0)
      << " simulations each).</p>\n<table id=\"model-band-table\"><thead><tr><th>Probability model</th>"
         "<th class=\"num\">Expected reach</th><th class=\"num\">95% CI</th><th class=\"barcell\"></th></tr></thead><tbody>\n";
  for (const auto& e : entries) {
    const bool own = e.probability_model == d.graph_probability_model;
    out << "<tr class=\"band" << (own ? " own" : "") << "\" data-model=\"" << esc(e.probability_model) << "\"><td><code>"
        << esc(e.probability_model) << "</code>" << (own ? "<span class=\"tag\">this graph</span>" : "") << "</td>";
    if (!e.applicable) {
      out << "<td class=\"num\">&ndash;</td><td class=\"num\" colspan=\"2\">not applicable to the " << esc(d.model)
          << " model (in-probabilities above 1)</td></tr>\n";
      continue;
    }
    out << num_cell(e.reach.mean, 1) << "<td class=\"num\">" << fmt(e.reach.ci95_low, 1) << " &ndash; "
        << fmt(e.reach.ci95_high, 1) << "</td><td class=\"barcell\"><span class=\"bar\" style=\"width:"
        << fmt(top > 0 ? std::clamp(100.0 * e.reach.mean / top, 0.0, 100.0) : 0.0, 1) << "%\"></span></td></tr>\n";
  }
  out << "</tbody></table>\n<p class=\"note\">wc: weighted cascade (a user's in-probabilities sum to 1); uniform:P: every "
         "link P; trivalency: 0.1, 0.01 or 0.001 at random; exp:10: 1 - exp(-weight/10), stronger with more "
         "interactions.</p></section>\n";
  return out.str();
}

}  // namespace kuchikomi
