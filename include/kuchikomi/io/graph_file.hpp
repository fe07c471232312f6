// The kuchikomi graph file (HDF5). Layout, readable with h5py without kuchikomi:
//   /                      attrs: format="kuchikomi-graph", format_version, num_nodes, num_edges,
//                                 probability_model, source, source_format, command_line, rng_seed,
//                                 self_loops_dropped, interactions, created_at
//   /forward/offsets       uint64[n+1]   out-edges of u: [offsets[u], offsets[u+1])
//   /forward/targets       uint32[m]
//   /forward/probability   float32[m]
//   /forward/weight        float32[m]    summed interaction weight
//   /forward/count         uint32[m]     interactions aggregated into the edge
//   /reverse/offsets       uint64[n+1]   in-edges of v
//   /reverse/sources       uint32[m]
//   /reverse/probability   float32[m]
//   /nodes/label           vlen utf-8 string[n]   (absent for synthetic graphs: labels are "0".."n-1")
#pragma once
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// Writes atomically (temporary name, then rename). Throws InputError if the path is unwritable.
void write_graph_file(const InfluenceGraph& graph, const std::string& path);
// Reads and checks the format; throws InputError naming the file for anything that is not a
// kuchikomi graph (missing datasets, mismatched lengths, probabilities outside [0,1]).
InfluenceGraph read_graph_file(const std::string& path);

}  // namespace kuchikomi
