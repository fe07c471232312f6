// Distributed greedy max coverage: local counts, summed over ranks every round (see
// distributed_coverage.hpp). The greedy loop is shared with the serial code (greedy_coverage.hpp).
#include "kuchikomi/selection/distributed_coverage.hpp"

#include <algorithm>

#include "greedy_coverage.hpp"

namespace kuchikomi {
namespace {

class DistributedCoverageState {
 public:
  DistributedCoverageState(const RrCollection& local, const RrIndex& index, Communicator& comm)
      : local_(local), index_(index), comm_(comm), covered_(local.size(), 0) {
    n_ = index.num_nodes();
    global_.resize(n_);
    for (NodeId u = 0; u < n_; ++u) global_[u] = index.count(u);
  }

  // Dense: the local counts after the included seeds, their gains and the local sample size, summed
  // in one reduction of (n + |include| + 1) words. global_ holds local counts until then.
  std::vector<std::uint64_t> cover_include(std::span<const NodeId> nodes) {
    std::vector<std::uint64_t> gains;
    for (NodeId u : nodes)
      gains.push_back(cover_local(u, [&](NodeId w) { --global_[w]; }));
    gains.push_back(local_.size());
    global_.insert(global_.end(), gains.begin(), gains.end());
    comm_.allreduce_sum(global_);
    std::copy(global_.begin() + static_cast<std::ptrdiff_t>(n_), global_.end(), gains.begin());
    global_.resize(n_);
    sets_ = gains.back();
    gains.pop_back();
    for (auto gain : gains) total_ += gain;
    delta_.assign(n_, 0);
    return gains;
  }

  // Sparse: only the counts this pick changed travel, as (node << 32 | decrease) words gathered from
  // every rank, plus one (kNoNode << 32 | gain) word per rank. Over a whole greedy run that is at
  // most one word per sampled node entry, instead of n words per round.
  std::uint64_t cover(NodeId u) {
    const std::uint64_t local_gain = cover_local(u, [&](NodeId w) {
      if (delta_[w]++ == 0) touched_.push_back(w);
    });
    std::vector<std::uint64_t> changes;
    changes.reserve(touched_.size() + 1);
    changes.push_back(pack(kNoNode, local_gain));
    for (NodeId w : touched_) {
      changes.push_back(pack(w, delta_[w]));
      delta_[w] = 0;
    }
    touched_.clear();
    std::uint64_t gain = 0;
    for (std::uint64_t word : comm_.allgather(changes)) {
      const auto node = static_cast<NodeId>(word >> 32);
      const std::uint64_t amount = word & 0xFFFFFFFFu;
      if (node == kNoNode) gain += amount;
      else global_[node] -= amount;
    }
    total_ += gain;
    return gain;
  }
  std::uint64_t count(NodeId u) const noexcept { return global_[u]; }
  std::uint64_t total() const noexcept { return total_; }
  std::uint64_t sets() const noexcept { return sets_; }

 private:
  // Both halves fit 32 bits: set ids are 32-bit (build_rr_index), so no local count or gain exceeds them.
  static std::uint64_t pack(NodeId node, std::uint64_t amount) noexcept {
    return static_cast<std::uint64_t>(node) << 32 | amount;
  }
  template <class OnDecrement>
  std::uint64_t cover_local(NodeId u, OnDecrement&& decrement) {
    std::uint64_t gain = 0;
    index_.for_each_set(u, [&](std::uint32_t s) {
      if (covered_[s]) return;
      covered_[s] = 1;
      ++gain;
      local_.for_each_node(s, decrement);
    });
    return gain;
  }

  const RrCollection& local_;
  const RrIndex& index_;
  Communicator& comm_;
  std::size_t n_ = 0;
  std::vector<std::uint8_t> covered_;
  std::vector<std::uint64_t> global_;  // uncovered sets per node over all ranks (after cover_include)
  std::vector<std::uint32_t> delta_;   // this pick's local decreases, non-zero only for touched_
  std::vector<NodeId> touched_;
  std::uint64_t total_ = 0;
  std::uint64_t sets_ = 0;
};

}  // namespace

CoverageResult distributed_max_coverage(const RrCollection& local, const RrIndex& local_index,
                                        const CoverageRequest& request, Communicator& comm) {
  DistributedCoverageState state(local, local_index, comm);
  std::vector<detail::CountEntry> heap;
  return detail::run_greedy_coverage(state, local_index.num_nodes(), request, heap);
}

std::uint64_t distributed_count_covered(const RrCollection& local, std::span<const NodeId> nodes, NodeId num_nodes,
                                        Communicator& comm) {
  std::uint64_t covered = count_covered(local, nodes, num_nodes);
  comm.allreduce_sum({&covered, 1});
  return covered;
}

std::vector<std::uint64_t> distributed_prefix_coverage(const RrCollection& local, std::span<const NodeId> ranked,
                                                       NodeId num_nodes, Communicator& comm) {
  auto prefix = prefix_coverage(local, ranked, num_nodes);
  comm.allreduce_sum(prefix);
  return prefix;
}

}  // namespace kuchikomi
