// [grid] and [evaluation] of an experiment file: what the cells are and how they are judged.
#include <algorithm>

#include "experiment_sections.hpp"

namespace kuchikomi::experiment_ini {

const ini::Section& section_named(const std::vector<ini::Section>& sections, const std::string& name) {
  for (const auto& s : sections)
    if (s.name == name) return s;
  static const ini::Section none;
  return none;
}

std::vector<ExperimentModel> model_list(const ini::Reader& r, const ini::Entry& e) {
  std::vector<ExperimentModel> models;
  for (const auto& part : ini::split_list(e.value))
    r.check_value(ini::Entry{e.key, part, e.line}, [&](const std::string& v) { models.push_back(parse_experiment_model(v)); });
  if (models.empty()) r.fail(e.line, e.key + " is empty");
  std::vector<std::pair<DiffusionModelKind, std::uint32_t>> meaning;  // "ic" and "IC" are one model
  for (const auto& m : models) meaning.emplace_back(m.kind, m.max_steps);
  r.check_distinct(e, meaning);
  return models;
}

Grid parse_grid_section(const ini::Reader& r, const ini::Section& section, const std::vector<ExperimentGraph>& defined,
                        ExperimentConfig& config) {
  r.check_keys(section, {"graphs", "models", "algorithms", "k", "repetitions", "rng-seed", "threads", "epsilon", "ell",
                         "delta", "mc-runs"});
  Grid grid;
  bool have_models = false, have_k = false;
  for (const auto& e : section.entries) {
    if (e.key == "graphs") {
      grid.graphs = ini::split_list(e.value);
      r.check_distinct(e, grid.graphs);
      for (const auto& name : grid.graphs) {
        const bool known = std::any_of(defined.begin(), defined.end(), [&](const auto& g) { return g.name == name; });
        if (!known) r.fail(e.line, "graph '" + name + "' has no [graph." + name + "] section");
      }
    } else if (e.key == "models") {
      config.models = model_list(r, e);
      have_models = true;
    } else if (e.key == "algorithms") {
      grid.algorithms = ini::split_list(e.value);
      r.check_distinct(e, grid.algorithms);
      for (const auto& name : grid.algorithms) check_algorithm_name(r, name, e.line);
    } else if (e.key == "k") {
      for (auto k : r.unsigned_list(e, 1, UINT32_MAX)) config.k_values.push_back(static_cast<std::uint32_t>(k));
      have_k = true;
    } else if (e.key == "repetitions") config.repetitions = static_cast<std::uint32_t>(r.unsigned_value(e, 1, UINT32_MAX));
    else if (e.key == "rng-seed") config.rng_seed = r.unsigned_value(e);
    else if (e.key == "threads") {
      config.threads.clear();
      for (auto t : r.unsigned_list(e, 0, 4096)) config.threads.push_back(static_cast<int>(t));
    } else {
      ExperimentAlgorithm range_check;
      read_knob(r, e, range_check);
      grid.knobs.push_back(e);
    }
  }
  if (grid.algorithms.empty()) r.fail(section.line, "[grid] needs algorithms = NAME, ...");
  if (!have_k) r.fail(section.line, "[grid] needs k = K, ...");
  if (!have_models) config.models = {parse_experiment_model("ic")};
  if (grid.graphs.empty())
    for (const auto& g : defined) grid.graphs.push_back(g.name);
  return grid;
}

void parse_evaluation_section(const ini::Reader& r, const ini::Section& section, ExperimentConfig& config) {
  r.check_keys(section, {"runs", "rng-seed", "models"});
  for (const auto& e : section.entries) {
    if (e.key == "runs") config.evaluation_runs = r.unsigned_value(e, 1, std::uint64_t{1} << 32);  // simulate_spread's cap
    else if (e.key == "rng-seed") config.evaluation_seed = r.unsigned_value(e);
    else if (e.key == "models") config.evaluation_models = model_list(r, e);
  }
}

}  // namespace kuchikomi::experiment_ini
