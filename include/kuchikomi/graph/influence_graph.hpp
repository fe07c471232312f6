// The influence graph: who can influence whom, and with what probability.
//
// Flat CSR arrays, forward and reverse (GAPBS keeps both directions too): forward simulation walks
// out-edges, reverse-reachable sampling walks in-edges, and each direction has its probabilities
// inline so the hot loops touch two arrays per edge and nothing else.
//
// Why not boost::compressed_sparse_row_graph as the primary store: its in-edges go through an extra
// indirection (edge index -> property) and it cannot hold a float probability per in-edge inline;
// we also load the arrays straight from HDF5 into these vectors. `to_boost_csr` (src/graph/boost_view.hpp,
// private) builds a Boost CSR graph from these arrays when a Boost algorithm (PageRank) needs one.
//
// Invariants (checked by validate()):
//   out_offsets.size() == in_offsets.size() == num_nodes + 1, offsets non-decreasing from 0 to m;
//   within a node's out-edges targets are strictly increasing (no multi-edges), no self-loops;
//   the reverse arrays hold exactly the same edges with the same probabilities;
//   every probability is in [0, 1].
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kuchikomi/core/types.hpp"

namespace kuchikomi {

// How the graph was made: stored in the graph file so results can name their inputs.
struct GraphProvenance {
  std::string source;             // input file(s) or generator description
  std::string source_format;      // "interaction-log", "edge-list", "generated:rmat", ...
  std::string probability_model;  // "wc", "uniform:0.1", "trivalency", "exp:2", "const-from-file"
  std::string command_line;       // the command that built it
  std::uint64_t rng_seed = 0;     // for trivalency and generators
  std::uint64_t self_loops_dropped = 0;
  std::uint64_t interactions = 0;  // input records aggregated into the edges (sum of out_count)
};

struct InfluenceGraph {
  // Forward CSR: out-edges of u are [out_offsets[u], out_offsets[u+1]).
  std::vector<EdgeId> out_offsets;
  std::vector<NodeId> out_targets;
  std::vector<float> out_prob;
  std::vector<float> out_weight;          // summed interaction weight of the pair
  std::vector<std::uint32_t> out_count;   // number of interactions aggregated into the edge
  // Reverse CSR: in-edges of v are [in_offsets[v], in_offsets[v+1]).
  std::vector<EdgeId> in_offsets;
  std::vector<NodeId> in_sources;
  std::vector<float> in_prob;
  // User labels by dense id. Empty means implicit labels "0", "1", ... (synthetic graphs).
  std::vector<std::string> labels;
  GraphProvenance provenance;

  // A graph read for reverse sampling only (GraphReadLimits::reverse_only) has no forward arrays.
  bool has_forward() const noexcept { return !out_offsets.empty() || in_offsets.empty(); }
  NodeId num_nodes() const noexcept {
    const auto& offsets = out_offsets.empty() ? in_offsets : out_offsets;
    return offsets.empty() ? 0 : static_cast<NodeId>(offsets.size() - 1);
  }
  EdgeId num_edges() const noexcept { return has_forward() ? out_targets.size() : in_sources.size(); }
  EdgeId out_degree(NodeId u) const noexcept { return out_offsets[u + 1] - out_offsets[u]; }
  EdgeId in_degree(NodeId v) const noexcept { return in_offsets[v + 1] - in_offsets[v]; }
  std::string label(NodeId u) const { return labels.empty() ? std::to_string(u) : labels[u]; }

  // Rebuilds the reverse arrays from the forward ones (after probabilities change).
  void rebuild_reverse();
  // Throws std::logic_error naming the first broken invariant.
  void validate() const;
  // Largest sum of in-probabilities over nodes, and the node that has it (LT needs <= 1).
  std::pair<NodeId, double> max_in_probability_sum() const;
};

// Label -> dense id lookup, built once when a command needs to resolve user-given labels; and
// names as people type them (src/graph/label_index.cpp). Logs label users "DisplayName (id)" (the
// Stack Exchange convention of the bundled logs), so a planner's list says "DaftWullie" where the
// graph has "DaftWullie (1837)": resolve() takes such a display name when exactly one user has it.
class LabelIndex {
 public:
  explicit LabelIndex(const InfluenceGraph& graph);
  // The exact label.
  std::optional<NodeId> find(std::string_view label) const;
  // The exact label, else the one user whose label is `label (id)`.
  std::optional<NodeId> resolve(std::string_view label) const;
  // Every user whose label is `name (id)` (none when the display name is unknown).
  std::vector<NodeId> with_display_name(std::string_view name) const;
  // Up to `max` labels closest to `label` (edit distance, ignoring ASCII case, on the full label
  // and on its display name), closest first: the "did you mean" of an unknown-user message. Only
  // labels within a few edits qualify; the scan skips labels of other lengths at once, computes only
  // the diagonal band of the edit table, and stops after a fixed amount of work, so it stays within
  // a fraction of a second on millions of users; it runs only when a lookup has failed.
  std::vector<std::string> suggestions(std::string_view label, std::size_t max = 3) const;
  std::string label_of(NodeId u) const { return graph_->label(u); }

 private:
  const InfluenceGraph* graph_;
  // Label -> id, built on the first find(): ~50 bytes per user (4 MB on Epinions), which a command
  // given no user list (the usual select) should not pay. Not thread-safe, like the display map.
  mutable std::unordered_map<std::string_view, NodeId> index_;
  mutable bool index_built_ = false;
  // Display name -> first user with it, and how many share it; built on the first miss.
  mutable std::unordered_map<std::string_view, std::pair<NodeId, NodeId>> display_;
  mutable bool display_built_ = false;
};

// "DaftWullie" for "DaftWullie (1837)": the label without a trailing " (id)"; the label itself
// when it has no such suffix.
std::string_view display_name_of(std::string_view label) noexcept;

// One aggregated, directed influence edge before CSR construction.
struct EdgeRecord {
  NodeId source;
  NodeId target;
  float probability = 0.0f;  // used as-is when the probability model is const
  double weight = 1.0;
  std::uint32_t count = 1;
};

// Builds both CSR directions from edge records. Duplicate (source, target) pairs are merged: weights
// and counts add up, probabilities combine as independent chances 1 - (1-p)(1-q). Self-loops are
// dropped and counted in provenance.self_loops_dropped. Parallel sort; O(m log m).
InfluenceGraph build_influence_graph(NodeId num_nodes, std::vector<EdgeRecord> edges,
                                     std::vector<std::string> labels = {}, GraphProvenance provenance = {});

}  // namespace kuchikomi
