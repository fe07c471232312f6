// Greedy maximum coverage with lazy heap updates; cardinality and budgeted variants.
// Algorithm, guarantees and invariants: see max_coverage.hpp; the loop itself is greedy_coverage.hpp.
#include "kuchikomi/selection/max_coverage.hpp"

#include "greedy_coverage.hpp"

namespace kuchikomi {
namespace {

// Mutable coverage state shared by the variants: exact counts of uncovered sets per node (32 bits:
// the index numbers sets in 32 bits), in the caller's workspace.
class CoverageState {
 public:
  CoverageState(const RrCollection& collection, const RrIndex& index, CoverageWorkspace& workspace)
      : collection_(collection), index_(index), covered_(workspace.covered), counts_(workspace.counts) {
    covered_.assign(collection.size(), 0);
    counts_.resize(index.num_nodes());
    for (NodeId u = 0; u < index.num_nodes(); ++u) counts_[u] = index.count(u);
  }
  // Covers every set containing u; returns how many were newly covered.
  std::uint64_t cover(NodeId u) {
    std::uint64_t gain = 0;
    index_.for_each_set(u, [&](std::uint32_t s) {
      if (covered_[s]) return;
      covered_[s] = 1;
      ++gain;
      collection_.for_each_node(s, [&](NodeId w) { --counts_[w]; });
    });
    total_ += gain;
    return gain;
  }
  std::vector<std::uint64_t> cover_include(std::span<const NodeId> nodes) {
    std::vector<std::uint64_t> gains;
    for (NodeId u : nodes) gains.push_back(cover(u));
    return gains;
  }
  std::uint64_t count(NodeId u) const noexcept { return counts_[u]; }
  std::uint64_t total() const noexcept { return total_; }
  std::uint64_t sets() const noexcept { return collection_.size(); }

 private:
  const RrCollection& collection_;
  const RrIndex& index_;
  std::vector<std::uint8_t>& covered_;
  std::vector<std::uint32_t>& counts_;
  std::uint64_t total_ = 0;
};

}  // namespace

CoverageResult greedy_max_coverage(const RrCollection& collection, const RrIndex& index, const CoverageRequest& request,
                                   CoverageWorkspace* workspace) {
  CoverageWorkspace local;
  CoverageWorkspace& w = workspace ? *workspace : local;
  CoverageState state(collection, index, w);
  return detail::run_greedy_coverage(state, index.num_nodes(), request, w.heap);
}

std::uint64_t count_covered(const RrCollection& collection, std::span<const NodeId> nodes, NodeId num_nodes,
                            CoverageWorkspace* workspace) {
  std::vector<std::uint8_t> local;
  std::vector<std::uint8_t>& in_set = workspace ? workspace->marks : local;
  in_set.assign(num_nodes, 0);
  for (NodeId u : nodes) in_set[u] = 1;
  std::uint64_t covered = 0;
  for (std::uint64_t i = 0; i < collection.size(); ++i)
    covered += collection.any_node(i, [&](NodeId u) { return in_set[u] != 0; });
  return covered;
}

std::vector<std::uint64_t> prefix_coverage(const RrCollection& collection, std::span<const NodeId> ranked,
                                           NodeId num_nodes) {
  constexpr std::uint32_t kUnranked = UINT32_MAX;
  std::vector<std::uint32_t> rank(num_nodes, kUnranked);
  for (std::size_t i = 0; i < ranked.size(); ++i)
    if (rank[ranked[i]] == kUnranked) rank[ranked[i]] = static_cast<std::uint32_t>(i);
  // A set is first covered by its lowest-ranked member: count it there, then accumulate.
  std::vector<std::uint64_t> first_hit(ranked.size(), 0);
  for (std::uint64_t s = 0; s < collection.size(); ++s) {
    std::uint32_t best = kUnranked;
    collection.for_each_node(s, [&](NodeId u) { best = std::min(best, rank[u]); });
    if (best != kUnranked) ++first_hit[best];
  }
  for (std::size_t i = 1; i < first_hit.size(); ++i) first_hit[i] += first_hit[i - 1];
  return first_hit;
}

}  // namespace kuchikomi
