// Content hash of a graph (graph_fingerprint.hpp). Reads the forward arrays when present, else the
// reverse ones, so a graph loaded either way hashes the same edge list only when loaded the same
// way; results files are written from forward-loaded graphs.
#include "kuchikomi/graph/graph_fingerprint.hpp"

#include <bit>
#include <cstdio>

#include "kuchikomi/core/random_stream.hpp"

namespace kuchikomi {
namespace {

struct Hasher {
  std::uint64_t state = 0x6b7563686b6f6d69ULL;  // "kuchkomi"
  void add(std::uint64_t x) { state = mix64(state ^ mix64(x + kGoldenGamma)); }
};

}  // namespace

std::string graph_fingerprint(const InfluenceGraph& graph) {
  Hasher h;
  const NodeId n = graph.num_nodes();
  h.add(n);
  h.add(graph.num_edges());
  for (NodeId v = 0; v < n && !graph.labels.empty(); ++v) {
    const std::string& label = graph.labels[v];
    h.add(label.size());
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
      word = (word << 8) | static_cast<unsigned char>(label[i]);
      if (i % 8 == 7) h.add(word), word = 0;
    }
    h.add(word);
  }
  const bool forward = graph.has_forward();
  const auto& offsets = forward ? graph.out_offsets : graph.in_offsets;
  const auto& ends = forward ? graph.out_targets : graph.in_sources;
  const auto& prob = forward ? graph.out_prob : graph.in_prob;
  for (EdgeId o : offsets) h.add(o);
  for (EdgeId e = 0; e < ends.size(); ++e) h.add((static_cast<std::uint64_t>(ends[e]) << 32) | std::bit_cast<std::uint32_t>(prob[e]));
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(h.state));
  return text;
}

}  // namespace kuchikomi
