// An RR sample over the ranks of a run (see ris_sample.hpp for the contract).
#include "kuchikomi/selection/ris_sample.hpp"

#include <algorithm>

#include "kuchikomi/selection/distributed_coverage.hpp"

namespace kuchikomi {
namespace {

RrSamplerConfig split_over_ranks(RrSamplerConfig config, const Communicator& comm) {
  config.index_offset = static_cast<std::uint64_t>(comm.rank());
  config.index_stride = static_cast<std::uint64_t>(comm.size());
  return config;
}

}  // namespace

RisSample::RisSample(const InfluenceGraph& graph, RrSamplerConfig config, Communicator& comm)
    : graph_(&graph), comm_(&comm), sampler_(graph, split_over_ranks(std::move(config), comm)) {}

void RisSample::grow_to(std::uint64_t global_count, std::uint64_t other_bytes) {
  if (global_count <= global_size_) return;
  comm_->agreed([&] {  // a memory-cap error on one rank must stop every rank, not strand them
    sampler_.extend(local_, local_sample_count(global_count, comm_->rank(), comm_->size()), other_bytes);
  });
  other_bytes_ = other_bytes;
  note_layout();
  global_size_ = global_count;
  peak_bytes_ = std::max(peak_bytes_, memory_bytes());
}

void RisSample::check_memory(std::uint64_t global_count, double mean_size) const {
  comm_->agreed([&] { sampler_.check_memory(local_sample_count(global_count, comm_->rank(), comm_->size()), mean_size); });
}

void RisSample::ensure_index() {
  if (indexed_sets_ == local_.size() && !index_.empty()) return;
  // The index gets what the cap leaves beside everything else held now (the sets as used, as the
  // sampler's estimate counts them): plain where that fits, packed where only that does
  // (rr_index.hpp). The sampler chose the sets' layout from estimates; when the exact packed index
  // does not fit beside plain sets (its gaps longer than estimated), packing the sets frees about
  // 2 bytes per entry, and the index gets a second try.
  auto budget = [&] {
    const std::uint64_t others = other_bytes_ + local_.used_bytes() + workspace_bytes();
    const std::uint64_t cap = sampler_.memory_cap();
    return cap > others ? cap - others : 0;
  };
  comm_->agreed([&] {
    try {
      build_rr_index(local_, graph_->num_nodes(), index_, index_scratch_, budget());
    } catch (const RrIndexOverBudget&) {
      if (local_.packed) throw;
      local_.pack();
      build_rr_index(local_, graph_->num_nodes(), index_, index_scratch_, budget());
    }
  });
  indexed_sets_ = local_.size();
  note_layout();
  peak_bytes_ = std::max(peak_bytes_, memory_bytes());
}

CoverageResult RisSample::max_coverage(const CoverageRequest& request) {
  ensure_index();
  return comm_->distributed() ? distributed_max_coverage(local_, index_, request, *comm_)
                              : greedy_max_coverage(local_, index_, request, &workspace_);
}

std::uint64_t RisSample::covered(std::span<const NodeId> nodes) {
  return comm_->distributed() ? distributed_count_covered(local_, nodes, graph_->num_nodes(), *comm_)
                              : count_covered(local_, nodes, graph_->num_nodes(), &workspace_);
}

std::vector<std::uint64_t> RisSample::prefix_coverage(std::span<const NodeId> ranked) {
  return comm_->distributed() ? distributed_prefix_coverage(local_, ranked, graph_->num_nodes(), *comm_)
                              : kuchikomi::prefix_coverage(local_, ranked, graph_->num_nodes());
}

double RisSample::mean_set_size() const noexcept {
  return local_.size() > 0 ? static_cast<double>(local_.entries()) / static_cast<double>(local_.size()) : 1.0;
}

std::uint64_t RisSample::memory_bytes() const noexcept {
  return local_.memory_bytes() + index_.memory_bytes() + index_scratch_.memory_bytes() +
         workspace_bytes();
}

void RisSample::note_layout() noexcept {
  const RrLayout now = local_.packed    ? RrLayout::kPackedSetsAndIndex
                       : index_.packed() ? RrLayout::kPackedIndex
                                         : RrLayout::kPlain;
  layout_ = std::max(layout_, now);
}

std::uint64_t RisSample::workspace_bytes() const noexcept {
  return workspace_.counts.capacity() * 4 + workspace_.covered.capacity() + workspace_.marks.capacity() +
         workspace_.heap.capacity() * sizeof(CoverageHeapEntry);
}

void RisSample::release() {
  local_ = RrCollection{};
  index_ = RrIndex{};
  index_scratch_ = {};
  workspace_ = CoverageWorkspace{};
  indexed_sets_ = 0;
  global_size_ = 0;
  other_bytes_ = 0;
}

}  // namespace kuchikomi
