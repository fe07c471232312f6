// [algorithm.NAME] of an experiment file, and the knobs [grid] sets for every algorithm.
#include <algorithm>
#include <map>
#include <set>

#include "experiment_sections.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace kuchikomi::experiment_ini {

void check_algorithm_name(const ini::Reader& r, const std::string& name, int line) {
  if (find_selection_algorithm(name) == nullptr)
    r.fail(line, "unknown algorithm '" + name + "' (choose from " + selection_algorithm_list() + ")");
}

namespace {

bool setting_named(const std::string& key, SelectionSetting& setting) {
  for (SelectionSetting s : kSelectionSettings)
    if (key == selection_setting_name(s)) return setting = s, true;
  return false;
}

std::string settings_list(const SelectionAlgorithm& algorithm) {
  std::string list;
  for (SelectionSetting s : kSelectionSettings)
    if (algorithm.reads(s)) list += (list.empty() ? "" : ", ") + std::string(selection_setting_name(s));
  return list;
}

}  // namespace

bool read_knob(const ini::Reader& r, const ini::Entry& e, ExperimentAlgorithm& a) {
  SelectionSetting setting{};
  if (!setting_named(e.key, setting)) return false;
  SelectionOptions options;
  if (setting == SelectionSetting::kMcRuns) {
    a.mc_runs = r.unsigned_value(e, 1);
    return true;
  }
  const double value = r.double_value(e);
  if (setting == SelectionSetting::kEpsilon) a.epsilon = options.epsilon = value;
  if (setting == SelectionSetting::kEll) a.ell = options.ell = value;
  if (setting == SelectionSetting::kDelta) a.delta = options.delta = value;
  r.check_value(e, [&](const std::string&) { check_selection_setting(setting, options); });
  return true;
}

ExperimentAlgorithm parse_algorithm_section(const ini::Reader& r, const std::string& name, const ini::Section& section,
                                            const Grid& grid) {
  const SelectionAlgorithm& algorithm = *find_selection_algorithm(name);  // check_algorithm_name passed
  ExperimentAlgorithm a;
  a.name = name;
  a.epsilon = algorithm.default_options().epsilon;
  std::map<SelectionSetting, int> line_of;  // where each setting it reads was written
  std::set<std::string> keys{"graphs", "max-k"};
  for (SelectionSetting s : kSelectionSettings)
    if (algorithm.reads(s)) keys.insert(selection_setting_name(s));
  SelectionSetting setting{};
  for (const auto& e : grid.knobs)
    if (setting_named(e.key, setting) && algorithm.reads(setting)) read_knob(r, e, a), line_of[setting] = e.line;
  for (const auto& e : section.entries)
    if (setting_named(e.key, setting) && !algorithm.reads(setting))
      r.fail(e.line, name + " does not read " + e.key + " (" +
                         (keys.size() > 2 ? "its settings: " + settings_list(algorithm) : std::string("it has no settings")) +
                         ")");
  r.check_keys(section, keys);
  for (const auto& e : section.entries) {
    if (read_knob(r, e, a)) {
      setting_named(e.key, setting);
      line_of[setting] = e.line;
    } else if (e.key == "max-k") {
      a.max_k = static_cast<std::uint32_t>(r.unsigned_value(e, 1, UINT32_MAX));
    } else if (e.key == "graphs") {
      a.graphs = ini::split_list(e.value);
      r.check_distinct(e, a.graphs);
      for (const auto& g : a.graphs)
        if (std::find(grid.graphs.begin(), grid.graphs.end(), g) == grid.graphs.end())
          r.fail(e.line, "graph '" + g + "' is not in the grid's graphs");
    }
  }
  // The algorithm's own checks (OPIM-C: 1-1/e-epsilon must be positive; experiments have no budgets),
  // at the line that set the value, or the section's when it is the algorithm's default.
  SelectionOptions options;
  options.epsilon = a.epsilon;
  options.ell = a.ell;
  options.delta = a.delta;
  options.mc_runs = a.mc_runs;
  for (SelectionSetting s : kSelectionSettings) {
    const int line = line_of.count(s) ? line_of[s] : section.line;
    r.check_value(ini::Entry{selection_setting_name(s), "", line},
                  [&](const std::string&) { algorithm.check_setting(s, options, false); });
  }
  return a;
}

}  // namespace kuchikomi::experiment_ini
