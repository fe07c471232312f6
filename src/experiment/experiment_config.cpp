// Reads experiment .ini files: the tokenizer (ini_reader.hpp) splits the text into sections, one
// parser per section (experiment_sections.hpp) reads each, and this file puts the grid together.
#include "kuchikomi/experiment/experiment_config.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "experiment_sections.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/selection/algorithms.hpp"

namespace kuchikomi {
namespace {

// An experiment's name is the folder its results go in (results/NAME): one path component of
// letters, digits, '-', '_' and '.', never "." or ".." (name = ../.. wrote outside results/).
bool safe_folder_name(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::string ExperimentGraph::identity() const {
  std::string text = "format=" + format;
  if (!path.empty()) text += ";path=" + path + ";bytes=" + std::to_string(file_size);
  if (!prob.empty()) text += ";prob=" + prob;
  if (format == "edge-list") text += ";direction=" + direction + ";columns=" + columns;
  if (format == "log")
    for (const auto& w : action_weights) text += ";action-weight=" + w;
  if (format == "rmat" || format == "powerlaw")
    text += ";nodes=" + std::to_string(nodes) + ";edges=" + std::to_string(edges);
  if (format == "powerlaw") text += ";gamma=" + ini::number_text(gamma);
  text += ";seed=" + std::to_string(seed);
  return text;
}

std::string ExperimentAlgorithm::knobs() const {
  const SelectionAlgorithm* algorithm = find_selection_algorithm(name);
  std::string text;
  auto add = [&](SelectionSetting s, const std::string& item) {
    if (algorithm && algorithm->reads(s)) text += (text.empty() ? "" : ";") + item;
  };
  add(SelectionSetting::kEpsilon, "epsilon=" + ini::number_text(epsilon));
  add(SelectionSetting::kEll, "ell=" + ini::number_text(ell));
  add(SelectionSetting::kDelta, "delta=" + ini::number_text(delta));
  add(SelectionSetting::kMcRuns, "mc_runs=" + std::to_string(mc_runs));
  return text;
}

ExperimentModel parse_experiment_model(const std::string& text) {
  ExperimentModel model;
  model.text = text;
  const auto colon = text.find(':');
  model.kind = parse_diffusion_model(ini::trim(text.substr(0, colon)));
  if (colon != std::string::npos) {
    const std::string steps = ini::trim(text.substr(colon + 1));
    std::uint32_t value = 0;
    auto [ptr, ec] = std::from_chars(steps.data(), steps.data() + steps.size(), value);
    if (ec != std::errc() || ptr != steps.data() + steps.size() || value == 0)
      throw UsageError("model '" + text + "': the deadline after ':' must be a positive number of rounds");
    model.max_steps = value;
  }
  model.text = diffusion_model_name(model.kind);
  if (model.max_steps) model.text += ':' + std::to_string(model.max_steps);
  return model;
}

ExperimentConfig read_experiment_config(const std::filesystem::path& ini_path) {
  return parse_experiment_config(read_text_input(ini_path.string()), ini_path);
}

ExperimentConfig parse_experiment_config(std::string_view content, const std::filesystem::path& ini_path) {
  namespace fs = std::filesystem;
  using namespace experiment_ini;
  const ini::Reader r(ini_path.string());
  const std::vector<ini::Section> sections = r.tokenize(without_utf8_bom(content));

  ExperimentConfig config;
  config.ini_path = ini_path;
  config.name = ini_path.stem().string();
  if (config.name.empty() || config.name == "." || config.name == "..")
    r.fail(0, "the file name gives no experiment name; add name = NAME");
  const fs::path ini_dir = ini_path.has_parent_path() ? ini_path.parent_path() : fs::path(".");
  fs::path output;
  r.check_keys(sections.front(), {"name", "output"});
  for (const auto& e : sections.front().entries) {
    if (e.key == "name") {
      if (!safe_folder_name(e.value))
        r.fail(e.line, "name = '" + e.value + "' must be one folder name: letters, digits, '-', '_' and '.' (not '.' or '..')");
      config.name = e.value;
    }
    if (e.key == "output") output = e.value;
  }
  config.output_dir = output.empty() ? ini_dir / "results" / config.name : (output.is_absolute() ? output : ini_dir / output);

  // Graph sections in file order; every other section name is checked here too.
  std::vector<ExperimentGraph> defined;
  std::map<std::string, int> algorithm_sections;  // name -> line
  for (const auto& section : sections) {
    if (section.name.empty() || section.name == "grid" || section.name == "evaluation") continue;
    if (section.name.rfind("graph.", 0) == 0) {
      defined.push_back(parse_graph_section(r, section, ini_dir));
    } else if (section.name.rfind("algorithm.", 0) == 0) {
      const std::string name = section.name.substr(10);
      check_algorithm_name(r, name, section.line);
      algorithm_sections[name] = section.line;
    } else {
      r.fail(section.line, "unknown section [" + section.name +
                               "] (use [grid], [evaluation], [graph.NAME], [algorithm.NAME])");
    }
  }
  if (defined.empty()) r.fail(0, "no graph defined (add a [graph.NAME] section)");

  // [grid] first, so that [algorithm.*] sections override its knobs whatever the file order.
  const Grid grid = parse_grid_section(r, section_named(sections, "grid"), defined, config);
  for (const auto& name : grid.graphs)
    for (const auto& g : defined)
      if (g.name == name) config.graphs.push_back(g);
  for (const auto& name : grid.algorithms)
    config.algorithms.push_back(parse_algorithm_section(r, name, section_named(sections, "algorithm." + name), grid));
  for (const auto& [name, line] : algorithm_sections)
    if (std::find(grid.algorithms.begin(), grid.algorithms.end(), name) == grid.algorithms.end())
      r.fail(line, "[algorithm." + name + "] is not in the grid's algorithms");

  parse_evaluation_section(r, section_named(sections, "evaluation"), config);
  return config;
}

}  // namespace kuchikomi
