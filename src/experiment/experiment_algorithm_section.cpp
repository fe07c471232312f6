// [algorithm.NAME] of an experiment file, and the knobs [grid] sets for every algorithm.
#include <algorithm>

#include "experiment_sections.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/opim_c.hpp"

namespace kuchikomi::experiment_ini {

void check_algorithm_name(const ini::Reader& r, const std::string& name, int line) {
  const auto& names = selection_algorithm_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  r.fail(line, "unknown algorithm '" + name + "' (choose from " + list + ")");
}

bool read_knob(const ini::Reader& r, const ini::Entry& e, ExperimentAlgorithm& a) {
  if (e.key == "epsilon") {
    a.epsilon = r.double_value(e);
    if (!(a.epsilon > 0 && a.epsilon < 1)) r.fail(e.line, "epsilon must be in (0, 1), got " + e.value);
  } else if (e.key == "ell") {
    a.ell = r.double_value(e);
    if (!(a.ell > 0)) r.fail(e.line, "ell must be positive, got " + e.value);
  } else if (e.key == "delta") {
    a.delta = r.double_value(e);
    if (!(a.delta >= 0 && a.delta < 1)) r.fail(e.line, "delta must be in [0, 1) (0 = 1/n), got " + e.value);
  } else if (e.key == "mc-runs") {
    a.mc_runs = r.unsigned_value(e, 1);
  } else {
    return false;
  }
  return true;
}

ExperimentAlgorithm parse_algorithm_section(const ini::Reader& r, const std::string& name, const ini::Section& section,
                                            const Grid& grid) {
  ExperimentAlgorithm a = grid.defaults;
  a.name = name;
  r.check_keys(section, {"epsilon", "ell", "delta", "mc-runs", "graphs", "max-k"});
  int epsilon_line = grid.epsilon_line;
  for (const auto& e : section.entries) {
    if (read_knob(r, e, a)) {
      if (e.key == "epsilon") epsilon_line = e.line;
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
  if (name == "opim-c")  // its target ratio 1-1/e-epsilon must be positive (no budgets in experiments)
    r.check_value(ini::Entry{"epsilon", ini::number_text(a.epsilon), epsilon_line},
                  [&](const std::string&) { opim_target_ratio(a.epsilon, false); });
  return a;
}

}  // namespace kuchikomi::experiment_ini
