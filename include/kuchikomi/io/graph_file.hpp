// The kuchikomi graph file (HDF5), format version 2. Layout, readable with h5py without kuchikomi:
//   /                      attrs: format="kuchikomi-graph", format_version, num_nodes, num_edges,
//                                 probability_model, source, source_format, command_line, rng_seed,
//                                 self_loops_dropped, interactions, created_at (text attributes are
//                                 fixed-length byte strings)
//   /forward/offsets       uint64[n+1]   out-edges of u: [offsets[u], offsets[u+1])
//   /forward/targets       uint32[m]
//   /forward/probability   float32[m]
//   /forward/weight        float32[m]    summed interaction weight
//   /forward/count         uint32[m]     interactions aggregated into the edge
//   /reverse/offsets       uint64[n+1]   in-edges of v
//   /reverse/sources       uint32[m]
//   /reverse/probability   float32[m]
//   /nodes/label_utf8      uint8[...]    the labels' bytes one after the other   (both absent for
//   /nodes/label_offsets   uint64[n+1]   label of u: bytes [offsets[u], offsets[u+1])  synthetic graphs:
//                                                                              labels are "0".."n-1")
// Format version 1 (before 0.2) stored labels and text attributes as HDF5 variable-length strings;
// such files are still read (labels by kuchikomi's own bounds-checked parser, text attributes left
// empty), see hdf5_reader.hpp for why.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

class AtomicOutput;
namespace hdf5 {
class Location;
}

// Writes atomically (temporary name, then rename). Throws InputError if the path is unwritable or
// the write fails (full disk): the destination is then left as it was.
void write_graph_file(const InfluenceGraph& graph, const std::string& path);
// Groups a caller adds to the file after the graph (learning/graph_records.hpp: /learning, /validation).
using GraphFileExtension = std::function<void(const hdf5::Location& root)>;
// Writes into `output`'s temporary; the caller commits (with its other outputs).
void write_graph_file(const InfluenceGraph& graph, AtomicOutput& output, const GraphFileExtension& extension = {});

struct GraphReadLimits {
  std::uint64_t max_memory_bytes = 0;  // refuse graphs needing more; 0 = the machine's physical memory
  // Only the reverse CSR (offsets, sources, probabilities) and the labels: all that reverse
  // sampling (IMM, OPIM-C) reads, 8 bytes per edge instead of 28. The graph then has no forward
  // arrays (InfluenceGraph::has_forward() is false): it cannot be simulated forward or written.
  bool reverse_only = false;
  // Labels are checked for their count but not read: graph.labels stays empty (implicit labels)
  // until read_graph_labels(). For a command that needs them only for its output: they are then read
  // after the selection's RR sets are freed, so they do not add to its peak memory.
  bool defer_labels = false;
};

// Reads and checks the format; throws InputError naming the file for anything that is not a
// kuchikomi graph (missing or malformed datasets, mismatched lengths, probabilities outside [0,1],
// duplicate labels) or that needs more memory than allowed.
InfluenceGraph read_graph_file(const std::string& path, const GraphReadLimits& limits = {});
// Reads and checks the labels of the graph file `path` into `graph`, which was read from it with
// GraphReadLimits::defer_labels (InputError when the file no longer has graph's number of users).
void read_graph_labels(const std::string& path, InfluenceGraph& graph);
// The same for a file held in memory (`name` is for messages).
InfluenceGraph read_graph_file_image(std::span<const std::byte> image, const std::string& name,
                                     const GraphReadLimits& limits = {});

}  // namespace kuchikomi
