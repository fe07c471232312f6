// Opens a graph given by path: kuchikomi .h5 files by their HDF5 signature (not their name); an
// interaction log by its header (a first line naming `actor` and `target` columns); anything else
// as an edge list with the import defaults (direction reverse, columns auto). So `select` and
// `simulate` run straight on a SNAP download or a community export.
#include "kuchikomi/io/graph_source.hpp"

#include <algorithm>
#include <cctype>

#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi {
namespace {

bool names_column(const std::string& header, const std::string& name) {
  std::size_t at = 0;
  while ((at = header.find(name, at)) != std::string::npos) {
    const auto is_word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    const bool starts = at == 0 || !is_word(header[at - 1]);
    const bool ends = at + name.size() == header.size() || !is_word(header[at + name.size()]);
    if (starts && ends) return true;
    at += name.size();
  }
  return false;
}

bool looks_like_interaction_log(std::string_view text) {
  std::string first(text.substr(0, text.find('\n')));
  std::transform(first.begin(), first.end(), first.begin(), [](unsigned char c) { return std::tolower(c); });
  return names_column(first, "actor") && names_column(first, "target");
}

}  // namespace

InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model) {
  // is_gzip_file opens the file, so a missing path fails here with the file named.
  if (!is_gzip_file(path) && hdf5::is_hdf5_file(path)) return read_graph_file(path);
  const ProbabilityModel model = parse_probability_model(default_probability_model);
  const bool need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  const std::string text = read_text_input(path);
  ParsedInput parsed;
  if (looks_like_interaction_log(text)) {
    InteractionLogOptions options;
    options.need_probability = need_probability;
    parse_interaction_log(text, path, options, parsed);
  } else {
    EdgeListOptions options;
    options.need_probability = need_probability;
    parse_edge_list(text, path, options, parsed);
  }
  return finish_ingest(std::move(parsed), 0.0, model, 0, "load_graph " + path).graph;
}

}  // namespace kuchikomi
