// [graph.NAME] of an experiment file: where a graph comes from and how it is imported.
#include <set>

#include "experiment_sections.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/action_weights.hpp"
#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/graph_source.hpp"

namespace kuchikomi::experiment_ini {
namespace {

namespace fs = std::filesystem;

// A file graph: found beside the .ini or in the working directory, its size recorded (part of the
// cell identity), "auto" resolved by the same rule as every other graph argument (load_graph).
void locate_graph_file(const ini::Reader& r, ExperimentGraph& g, int path_line, const fs::path& ini_dir) {
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
  if (g.format == "auto") {
    switch (detect_graph_source(g.resolved_path.string())) {
      case GraphSource::kGraphFile: g.format = "h5"; break;
      case GraphSource::kInteractionLog: g.format = "log"; break;
      case GraphSource::kEdgeList: g.format = "edge-list"; break;
    }
  }
}

}  // namespace

ExperimentGraph parse_graph_section(const ini::Reader& r, const ini::Section& section, const fs::path& ini_dir) {
  ExperimentGraph g;
  g.name = section.name.substr(6);  // after "graph."
  g.line = section.line;
  if (g.name.empty()) r.fail(section.line, "graph section needs a name: [graph.NAME]");
  r.check_keys(section, {"path", "format", "prob", "direction", "columns", "action-weight", "nodes", "edges", "gamma", "seed"},
               {"action-weight"});
  int path_line = section.line, format_line = section.line;
  for (const auto& e : section.entries) {
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
  if (g.format == "rmat" || g.format == "powerlaw") {
    if (!g.path.empty()) r.fail(path_line, "a generated graph (format = " + g.format + ") takes no path");
    if (g.nodes == 0 || g.edges == 0) r.fail(section.line, "format = " + g.format + " needs nodes and edges");
    if (g.format == "powerlaw" && !(g.gamma > 1)) r.fail(section.line, "gamma must be greater than 1");
    if (!g.prob.empty() && parse_probability_model(g.prob).kind == ProbabilityModel::Kind::kConstFromFile)
      r.fail(section.line, "prob = const-from-file needs probabilities in an input file; a generated graph has none");
  } else {
    if (g.path.empty()) r.fail(section.line, "graph '" + g.name + "' needs path = FILE (or format = rmat / powerlaw)");
    locate_graph_file(r, g, path_line, ini_dir);
  }
  if (!g.action_weights.empty() && g.format != "log")
    r.fail(section.line, "action-weight applies to interaction logs (format = log) only");
  return g;
}

}  // namespace kuchikomi::experiment_ini
