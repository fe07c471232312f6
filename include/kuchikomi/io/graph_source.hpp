// Opens whatever the user passed as a graph: a kuchikomi .h5 graph file, or a raw edge list
// (SNAP text, optionally .gz), which is imported on the fly with the default probability model.
#pragma once
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// `default_probability_model` applies to raw edge lists only (same syntax as --prob).
InfluenceGraph load_graph(const std::string& path, const std::string& default_probability_model = "wc");

}  // namespace kuchikomi
