// Reads experiment .ini files. The syntax is Boost.Program_options' config-file syntax (key = value,
// [section] prefixes, '#' comments), parsed here by hand so that every error can name its line and
// the library does not depend on Program_options.
#include "kuchikomi/experiment/experiment_config.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/action_weights.hpp"
#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/opim_c.hpp"

namespace kuchikomi {
namespace {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ',')) {
    part = trim(part);
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

// Shortest text that reads back as the same double (for identities: 0.5 not 0.500000).
std::string number_text(double value) {
  char buffer[64];
  auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

struct Entry {
  std::string key, value;
  int line;
};

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  [[noreturn]] void fail(int line, const std::string& what) const { throw InputError(file_, static_cast<std::uint64_t>(line), what); }

  std::uint64_t unsigned_value(const Entry& e, std::uint64_t min = 0, std::uint64_t max = UINT64_MAX) const {
    std::uint64_t value = 0;
    const auto* end = e.value.data() + e.value.size();
    auto [ptr, ec] = std::from_chars(e.value.data(), end, value);
    if (ec != std::errc() || ptr != end) fail(e.line, e.key + " = '" + e.value + "' is not a whole number");
    if (value < min) fail(e.line, e.key + " must be at least " + std::to_string(min));
    if (value > max) fail(e.line, e.key + " must be at most " + std::to_string(max));
    return value;
  }
  double double_value(const Entry& e) const {
    try {
      std::size_t used = 0;
      const double value = std::stod(e.value, &used);
      if (used == e.value.size() && std::isfinite(value)) return value;
    } catch (const std::exception&) {
    }
    fail(e.line, e.key + " = '" + e.value + "' is not a number");
  }
  std::vector<std::uint64_t> unsigned_list(const Entry& e, std::uint64_t min, std::uint64_t max) const {
    std::vector<std::uint64_t> values;
    for (const auto& part : split_list(e.value)) values.push_back(unsigned_value(Entry{e.key, part, e.line}, min, max));
    if (values.empty()) fail(e.line, e.key + " is empty");
    check_distinct(e, values);
    return values;
  }
  // A list names each value once: a repeat would be two cells with one identity.
  template <class T>
  void check_distinct(const Entry& e, const std::vector<T>& values) const {
    for (std::size_t i = 0; i < values.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (values[i] == values[j])
          fail(e.line, e.key + " lists the same value twice (items " + std::to_string(j + 1) + " and " +
                           std::to_string(i + 1) + ")");
  }
  // Runs a parser of the library on an entry's value; its UsageError becomes this file and line.
  template <class Parse>
  void check_value(const Entry& e, Parse parse) const {
    try {
      parse(e.value);
    } catch (const UsageError& error) {
      fail(e.line, error.what());
    }
  }
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

// An experiment's name is the folder its results go in (results/NAME): one path component of
// letters, digits, '-', '_' and '.', never "." or ".." (name = ../.. wrote outside results/).
bool safe_folder_name(const std::string& name) {
  if (name.empty() || name == "." || name == "..") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

// The per-algorithm settings, checked where they are written ([grid] or [algorithm.NAME]) when the
// file is read, not when the first cell that uses them runs (possibly hours into the grid).
struct Knobs {
  static double epsilon(const Reader& r, const Entry& e) {
    const double value = r.double_value(e);
    if (!(value > 0 && value < 1)) r.fail(e.line, "epsilon must be in (0, 1), got " + e.value);
    return value;
  }
  static double ell(const Reader& r, const Entry& e) {
    const double value = r.double_value(e);
    if (!(value > 0)) r.fail(e.line, "ell must be positive, got " + e.value);
    return value;
  }
  static double delta(const Reader& r, const Entry& e) {
    const double value = r.double_value(e);
    if (!(value >= 0 && value < 1)) r.fail(e.line, "delta must be in [0, 1) (0 = 1/n), got " + e.value);
    return value;
  }
};

void check_algorithm_name(const Reader& r, const std::string& name, int line) {
  const auto& names = selection_algorithm_names();
  if (std::find(names.begin(), names.end(), name) != names.end()) return;
  std::string list;
  for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
  r.fail(line, "unknown algorithm '" + name + "' (choose from " + list + ")");
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
  if (format == "powerlaw") text += ";gamma=" + number_text(gamma);
  text += ";seed=" + std::to_string(seed);
  return text;
}

std::string ExperimentAlgorithm::knobs() const {
  if (name == "imm") return "epsilon=" + number_text(epsilon) + ";ell=" + number_text(ell);
  if (name == "opim-c") return "epsilon=" + number_text(epsilon) + ";delta=" + number_text(delta);
  if (name == "greedy" || name == "celf" || name == "celf++") return "mc_runs=" + std::to_string(mc_runs);
  return {};
}

ExperimentModel parse_experiment_model(const std::string& text) {
  ExperimentModel model;
  model.text = text;
  const auto colon = text.find(':');
  model.kind = parse_diffusion_model(trim(text.substr(0, colon)));
  if (colon != std::string::npos) {
    const std::string steps = trim(text.substr(colon + 1));
    std::uint32_t value = 0;
    auto [ptr, ec] = std::from_chars(steps.data(), steps.data() + steps.size(), value);
    if (ec != std::errc() || ptr != steps.data() + steps.size() || value == 0)
      throw UsageError("model '" + text + "': the deadline after ':' must be a positive number of rounds");
    model.max_steps = value;
  }
  model.text = diffusion_model_name(model.kind) + (model.max_steps ? ":" + std::to_string(model.max_steps) : "");
  return model;
}

ExperimentConfig read_experiment_config(const std::filesystem::path& ini_path) {
  return parse_experiment_config(read_text_input(ini_path.string()), ini_path);
}

ExperimentConfig parse_experiment_config(std::string_view content, const std::filesystem::path& ini_path) {
  namespace fs = std::filesystem;
  const Reader r(ini_path.string());
  content = without_utf8_bom(content);

  // Pass 1: sections and entries, in file order.
  std::vector<std::pair<std::string, int>> sections{{"", 0}};  // name, line
  std::map<std::string, std::vector<Entry>> entries;
  int line = 0;
  while (!content.empty()) {
    ++line;
    const std::size_t eol = content.find('\n');
    const std::string raw(content.substr(0, eol));
    content.remove_prefix(eol == std::string_view::npos ? content.size() : eol + 1);
    const auto hash = raw.find('#');
    const std::string text = trim(hash == std::string::npos ? raw : raw.substr(0, hash));
    if (text.empty()) continue;
    if (text.front() == '[') {
      if (text.back() != ']') r.fail(line, "section header '" + text + "' lacks its closing ']'");
      const std::string name = trim(text.substr(1, text.size() - 2));
      for (const auto& [existing, at] : sections)
        if (existing == name) r.fail(line, "section [" + name + "] appears twice (first on line " + std::to_string(at) + ")");
      sections.emplace_back(name, line);
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string::npos) r.fail(line, "expected 'key = value' or '[section]', got '" + text + "'");
    Entry entry{trim(text.substr(0, equals)), trim(text.substr(equals + 1)), line};
    if (entry.key.empty()) r.fail(line, "missing key before '='");
    if (entry.value.empty()) r.fail(line, "no value for '" + entry.key + "'");
    entries[sections.back().first].push_back(entry);
  }

  // Each section's keys; repeated keys are an error except those documented as repeatable.
  auto check_keys = [&](const std::string& section, const std::set<std::string>& known,
                        const std::set<std::string>& repeatable = {}) {
    std::map<std::string, int> seen;
    for (const auto& e : entries[section]) {
      if (!known.count(e.key)) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        r.fail(e.line, "unknown key '" + e.key + "'" + (section.empty() ? "" : " in [" + section + "]") +
                           " (known: " + list + ")");
      }
      if (seen.count(e.key) && !repeatable.count(e.key))
        r.fail(e.line, "'" + e.key + "' given twice (also on line " + std::to_string(seen[e.key]) + ")");
      seen[e.key] = e.line;
    }
  };
  auto model_list = [&](const Entry& e) {
    std::vector<ExperimentModel> models;
    for (const auto& part : split_list(e.value))
      r.check_value(Entry{e.key, part, e.line}, [&](const std::string& v) { models.push_back(parse_experiment_model(v)); });
    if (models.empty()) r.fail(e.line, e.key + " is empty");
    std::vector<std::pair<DiffusionModelKind, std::uint32_t>> meaning;  // "ic" and "IC" are one model
    for (const auto& m : models) meaning.emplace_back(m.kind, m.max_steps);
    r.check_distinct(e, meaning);
    return models;
  };

  ExperimentConfig config;
  config.ini_path = ini_path;
  config.name = ini_path.stem().string();
  if (config.name.empty() || config.name == "." || config.name == "..")
    r.fail(0, "the file name gives no experiment name; add name = NAME");
  const fs::path ini_dir = ini_path.has_parent_path() ? ini_path.parent_path() : fs::path(".");
  fs::path output;
  check_keys("", {"name", "output"});
  for (const auto& e : entries[""]) {
    if (e.key == "name") {
      if (!safe_folder_name(e.value))
        r.fail(e.line, "name = '" + e.value + "' must be one folder name: letters, digits, '-', '_' and '.' (not '.' or '..')");
      config.name = e.value;
    }
    if (e.key == "output") output = e.value;
  }
  config.output_dir = output.empty() ? ini_dir / "results" / config.name : (output.is_absolute() ? output : ini_dir / output);

  // Graph sections, in file order.
  std::vector<ExperimentGraph> defined;
  std::map<std::string, ExperimentAlgorithm> algorithm_sections;
  ExperimentAlgorithm defaults;
  for (const auto& [section, section_line] : sections) {
    if (section.empty() || section == "grid" || section == "evaluation") continue;
    if (section.rfind("graph.", 0) == 0) {
      ExperimentGraph g;
      g.name = section.substr(6);
      g.line = section_line;
      if (g.name.empty()) r.fail(section_line, "graph section needs a name: [graph.NAME]");
      check_keys(section, {"path", "format", "prob", "direction", "columns", "action-weight", "nodes", "edges", "gamma", "seed"},
                 {"action-weight"});
      int path_line = section_line, format_line = section_line;
      for (const auto& e : entries[section]) {
        if (e.key == "path") g.path = e.value, path_line = e.line;
        else if (e.key == "format") g.format = e.value, format_line = e.line;
        else if (e.key == "prob") {
          r.check_value(e, [](const std::string& v) { parse_probability_model(v); });
          g.prob = e.value;
        } else if (e.key == "direction") {
          r.check_value(e, [](const std::string& v) { parse_edge_direction(v); });
          g.direction = e.value;
        } else if (e.key == "columns") {
          r.check_value(e, [](const std::string& v) { check_edge_columns(v); });
          g.columns = e.value;
        } else if (e.key == "action-weight") {
          r.check_value(e, [](const std::string& v) { ActionWeights().set_from_spec(v); });
          g.action_weights.push_back(e.value);
        } else if (e.key == "nodes") g.nodes = r.unsigned_value(e, 1, 0xFFFFFFFEull);
        else if (e.key == "edges") g.edges = r.unsigned_value(e, 1);
        else if (e.key == "gamma") g.gamma = r.double_value(e);
        else if (e.key == "seed") g.seed = r.unsigned_value(e);
      }
      static const std::set<std::string> formats{"auto", "h5", "edge-list", "log", "rmat", "powerlaw"};
      if (!formats.count(g.format))
        r.fail(format_line, "unknown format '" + g.format + "' (auto, h5, edge-list, log, rmat, powerlaw)");
      const bool generated = g.format == "rmat" || g.format == "powerlaw";
      if (generated) {
        if (!g.path.empty()) r.fail(path_line, "a generated graph (format = " + g.format + ") takes no path");
        if (g.nodes == 0 || g.edges == 0) r.fail(section_line, "format = " + g.format + " needs nodes and edges");
        if (g.format == "powerlaw" && !(g.gamma > 1)) r.fail(section_line, "gamma must be greater than 1");
        if (!g.prob.empty() && parse_probability_model(g.prob).kind == ProbabilityModel::Kind::kConstFromFile)
          r.fail(section_line, "prob = const-from-file needs probabilities in an input file; a generated graph has none");
      } else {
        if (g.path.empty()) r.fail(section_line, "graph '" + g.name + "' needs path = FILE (or format = rmat / powerlaw)");
        const fs::path written(g.path);
        std::vector<fs::path> candidates{written};
        if (written.is_relative()) candidates = {ini_dir / written, written};
        for (const auto& c : candidates) {
          std::error_code ec;
          if (fs::is_regular_file(c, ec)) {
            g.resolved_path = c;
            break;
          }
          if (ec && ec != std::errc::no_such_file_or_directory && ec != std::errc::not_a_directory)
            r.fail(path_line, "graph file '" + c.string() + "': " + ec.message());
        }
        if (g.resolved_path.empty()) {
          std::string looked;
          for (const auto& c : candidates) looked += (looked.empty() ? "" : " and ") + c.string();
          r.fail(path_line, "graph file '" + g.path + "' not found (looked for " + looked + ")");
        }
        std::error_code size_error;
        g.file_size = fs::file_size(g.resolved_path, size_error);
        if (size_error) r.fail(path_line, "graph file '" + g.resolved_path.string() + "': " + size_error.message());
        if (g.format == "auto") {  // the same rule as every other graph argument (load_graph)
          switch (detect_graph_source(g.resolved_path.string())) {
            case GraphSource::kGraphFile: g.format = "h5"; break;
            case GraphSource::kInteractionLog: g.format = "log"; break;
            case GraphSource::kEdgeList: g.format = "edge-list"; break;
          }
        }
      }
      if (!g.action_weights.empty() && g.format != "log")
        r.fail(section_line, "action-weight applies to interaction logs (format = log) only");
      defined.push_back(g);
    } else if (section.rfind("algorithm.", 0) == 0) {
      ExperimentAlgorithm a;
      a.name = section.substr(10);
      check_algorithm_name(r, a.name, section_line);
      algorithm_sections[a.name] = a;
    } else {
      r.fail(section_line, "unknown section [" + section + "] (use [grid], [evaluation], [graph.NAME], [algorithm.NAME])");
    }
  }
  if (defined.empty()) r.fail(0, "no graph defined (add a [graph.NAME] section)");

  // [grid]: defaults first, so [algorithm.*] sections override them whatever the file order.
  check_keys("grid", {"graphs", "models", "algorithms", "k", "repetitions", "rng-seed", "threads", "epsilon", "ell",
                      "delta", "mc-runs"});
  std::vector<std::string> graph_names, algorithm_names;
  int grid_line = 0;
  for (const auto& [section, at] : sections)
    if (section == "grid") grid_line = at;
  bool have_models = false, have_k = false;
  int grid_epsilon_line = 0;
  for (const auto& e : entries["grid"]) {
    if (e.key == "graphs") {
      graph_names = split_list(e.value);
      r.check_distinct(e, graph_names);
      for (const auto& name : graph_names) {
        const bool known = std::any_of(defined.begin(), defined.end(), [&](const auto& g) { return g.name == name; });
        if (!known) r.fail(e.line, "graph '" + name + "' has no [graph." + name + "] section");
      }
    } else if (e.key == "models") {
      config.models = model_list(e);
      have_models = true;
    } else if (e.key == "algorithms") {
      algorithm_names = split_list(e.value);
      r.check_distinct(e, algorithm_names);
      for (const auto& name : algorithm_names) check_algorithm_name(r, name, e.line);
    } else if (e.key == "k") {
      for (auto k : r.unsigned_list(e, 1, UINT32_MAX)) config.k_values.push_back(static_cast<std::uint32_t>(k));
      have_k = true;
    } else if (e.key == "repetitions") config.repetitions = static_cast<std::uint32_t>(r.unsigned_value(e, 1, UINT32_MAX));
    else if (e.key == "rng-seed") config.rng_seed = r.unsigned_value(e);
    else if (e.key == "threads") {
      config.threads.clear();
      for (auto t : r.unsigned_list(e, 0, 4096)) config.threads.push_back(static_cast<int>(t));
    } else if (e.key == "epsilon") defaults.epsilon = Knobs::epsilon(r, e), grid_epsilon_line = e.line;
    else if (e.key == "ell") defaults.ell = Knobs::ell(r, e);
    else if (e.key == "delta") defaults.delta = Knobs::delta(r, e);
    else if (e.key == "mc-runs") defaults.mc_runs = r.unsigned_value(e, 1);
  }
  if (algorithm_names.empty()) r.fail(grid_line, "[grid] needs algorithms = NAME, ...");
  if (!have_k) r.fail(grid_line, "[grid] needs k = K, ...");
  if (!have_models) config.models = {parse_experiment_model("ic")};
  if (graph_names.empty())
    for (const auto& g : defined) graph_names.push_back(g.name);
  for (const auto& name : graph_names)
    for (const auto& g : defined)
      if (g.name == name) config.graphs.push_back(g);

  // [algorithm.NAME] overrides.
  for (const auto& name : algorithm_names) {
    ExperimentAlgorithm a = defaults;
    a.name = name;
    const std::string section = "algorithm." + name;
    check_keys(section, {"epsilon", "ell", "delta", "mc-runs", "graphs", "max-k"});
    int epsilon_line = grid_epsilon_line;
    for (const auto& e : entries[section]) {
      if (e.key == "epsilon") a.epsilon = Knobs::epsilon(r, e), epsilon_line = e.line;
      else if (e.key == "ell") a.ell = Knobs::ell(r, e);
      else if (e.key == "delta") a.delta = Knobs::delta(r, e);
      else if (e.key == "mc-runs") a.mc_runs = r.unsigned_value(e, 1);
      else if (e.key == "max-k") a.max_k = static_cast<std::uint32_t>(r.unsigned_value(e, 1, UINT32_MAX));
      else if (e.key == "graphs") {
        a.graphs = split_list(e.value);
        r.check_distinct(e, a.graphs);
        for (const auto& g : a.graphs)
          if (std::find(graph_names.begin(), graph_names.end(), g) == graph_names.end())
            r.fail(e.line, "graph '" + g + "' is not in the grid's graphs");
      }
    }
    if (name == "opim-c")  // its target ratio 1-1/e-epsilon must be positive (no budgets in experiments)
      r.check_value(Entry{"epsilon", number_text(a.epsilon), epsilon_line},
                    [&](const std::string&) { opim_target_ratio(a.epsilon, false); });
    config.algorithms.push_back(a);
  }
  for (const auto& [name, a] : algorithm_sections)
    if (std::find(algorithm_names.begin(), algorithm_names.end(), name) == algorithm_names.end()) {
      int at = 0;
      for (const auto& [section, l] : sections)
        if (section == "algorithm." + name) at = l;
      r.fail(at, "[algorithm." + name + "] is not in the grid's algorithms");
    }

  // [evaluation]
  check_keys("evaluation", {"runs", "rng-seed", "models"});
  for (const auto& e : entries["evaluation"]) {
    if (e.key == "runs") config.evaluation_runs = r.unsigned_value(e, 1, std::uint64_t{1} << 32);  // simulate_spread's cap
    else if (e.key == "rng-seed") config.evaluation_seed = r.unsigned_value(e);
    else if (e.key == "models") config.evaluation_models = model_list(e);
  }
  return config;
}

}  // namespace kuchikomi
