// Opens whatever the user passed as a graph: a kuchikomi .h5 graph file, an interaction log (CSV
// whose header names actor and target), or a raw edge list (SNAP text), .gz or not; logs and edge
// lists are imported on the fly with the import defaults and the given probability model.
#pragma once
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// `default_probability_model` applies to logs and raw edge lists only (same syntax as --prob).
InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model = "wc");

}  // namespace kuchikomi
