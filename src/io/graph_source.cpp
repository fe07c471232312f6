// Opens a graph given by path: kuchikomi .h5 files by their HDF5 signature (not their name), and
// anything else as an edge list with the import defaults (direction reverse, columns auto), so
// `select`/`simulate` can run straight on a SNAP download.
#include "kuchikomi/io/graph_source.hpp"

#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi {

InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model) {
  // is_gzip_file opens the file, so a missing path fails here with the file named.
  if (!is_gzip_file(path) && hdf5::is_hdf5_file(path)) return read_graph_file(path);
  const ProbabilityModel model = parse_probability_model(default_probability_model);
  return import_edge_lists({path}, EdgeListOptions{}, model, 0, "load_graph " + path).graph;
}

}  // namespace kuchikomi
