// Opens a graph given by path: kuchikomi .h5 files by their HDF5 signature (not their name); an
// interaction log by its header (a first line naming `actor` and `target` columns); anything else
// as an edge list, GraphML or GEXF file (by its content) with the import defaults (direction
// reverse, columns auto). So `select` and
// `simulate` run straight on a SNAP download or a community export.
#include "kuchikomi/io/graph_source.hpp"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

#include "csv_reader.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_xml.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi {
namespace {

// The first record, read as the interaction-log parser reads it, names `actor` and `target` columns.
bool looks_like_interaction_log(std::string_view text) {
  const std::string_view first = text.substr(0, text.find('\n'));
  ingest_detail::CsvReader reader(first, first.find('\t') != std::string_view::npos ? '\t' : ',');
  std::vector<std::string_view> fields;
  try {
    reader.next(fields);
  } catch (const ingest_detail::ParseFailure&) {
    return false;
  }
  const auto named = [&](std::string_view name) {
    return std::any_of(fields.begin(), fields.end(), [&](std::string_view f) {
      return f.size() == name.size() && std::equal(f.begin(), f.end(), name.begin(), [](char a, char b) {
               return std::tolower(static_cast<unsigned char>(a)) == b;
             });
    });
  };
  return named("actor") && named("target");
}

}  // namespace

GraphSource detect_graph_source(const std::string& path) {
  // is_gzip_file opens the file, so a missing path fails here with the file named.
  if (!is_gzip_file(path) && hdf5::is_hdf5_file(path)) return GraphSource::kGraphFile;
  return looks_like_interaction_log(read_text_prefix(path, std::size_t{1} << 16)) ? GraphSource::kInteractionLog
                                                                                    : GraphSource::kEdgeList;
}

InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model,
                          const GraphReadLimits& limits) {
  const GraphSource source = detect_graph_source(path);
  if (source == GraphSource::kGraphFile) return read_graph_file(path, limits);
  const ProbabilityModel model = parse_probability_model(default_probability_model);
  const bool need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  const std::string text = read_text_input(path);
  ParsedInput parsed;
  if (source == GraphSource::kInteractionLog) {
    InteractionLogOptions options;
    options.need_probability = need_probability;
    parse_interaction_log(text, path, options, parsed);
  } else {
    EdgeListOptions options;
    options.need_probability = need_probability;
    if (looks_like_graph_xml(text)) {
      parse_graph_xml(text, path, options, parsed);
    } else {
      parse_edge_list(text, path, options, parsed);
    }
  }
  return finish_ingest(std::move(parsed), 0.0, model, 0, "load_graph " + path).graph;
}

}  // namespace kuchikomi
