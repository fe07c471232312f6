// Opens whatever the user passed as a graph: a kuchikomi .h5 graph file, an interaction log (CSV
// whose header names actor and target), or a raw edge list (SNAP text), .gz or not; logs and edge
// lists are imported on the fly with the import defaults and the given probability model.
#pragma once
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/graph_file.hpp"

namespace kuchikomi {

enum class GraphSource { kGraphFile, kInteractionLog, kEdgeList };

// How load_graph reads `path`: a kuchikomi graph by its HDF5 signature, an interaction log by a first
// line naming actor and target columns, anything else as an edge list. Reads at most 64 KiB.
GraphSource detect_graph_source(const std::string& path);

// `default_probability_model` applies to logs and raw edge lists only (same syntax as --prob);
// `limits` to graph files.
InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model = "wc",
                          const GraphReadLimits& limits = {});

}  // namespace kuchikomi
