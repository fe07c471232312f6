// A sample of reverse-reachable sets, as the RIS papers use it: "generate R until |R| = θ",
// "S = NodeSelection(R, k)", "F_R(S)" (Tang, Shi, Xiao, SIGMOD 2015; Tang, Tang, Xiao, Yuan,
// SIGMOD 2018). One object owns the sampler, the sets this process holds, their node -> sets index
// and the communicator, so IMM and OPIM-C read like their pseudocode.
//
// Distributed runs (select --distributed, communicator.hpp): the sample is split over the ranks by
// global index (set i lives on rank i % P); sizes and counts are global, so every rank sees the
// serial figures and makes the serial picks. Every member below is then collective: all ranks call
// it in the same order. A memory-cap error on one rank stops every rank (Communicator::agreed), none
// is left waiting in a reduction. With the serial communicator all of this is the plain serial code.
//
// Invariants: local sets are exactly the global indexes rank, rank + P, ... below size(); the index,
// when used, covers every local set (it is rebuilt after the sample grows, in the memory the last
// one had: rounds of OPIM-C and IMM reuse their n-sized arrays instead of faulting in new ones).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/communicator.hpp"
#include "kuchikomi/selection/max_coverage.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

class RisSample {
 public:
  // config.index_offset / index_stride are set from the communicator (rank, ranks).
  RisSample(const InfluenceGraph& graph, RrSamplerConfig config, Communicator& comm);

  // Draws sets until the whole sample holds `global_count`; `other_bytes` (memory held by other
  // samples at the same time) counts against the memory cap.
  void grow_to(std::uint64_t global_count, std::uint64_t other_bytes = 0);
  // Throws the memory-cap InputError, before anything is drawn, when `global_count` sets of
  // `mean_size` nodes would not fit.
  void check_memory(std::uint64_t global_count, double mean_size) const;

  // Greedy maximum coverage over the whole sample (max_coverage.hpp; distributed_coverage.hpp).
  CoverageResult max_coverage(const CoverageRequest& request);
  // Sets of the whole sample containing at least one of `nodes`: F_R(S) * size().
  std::uint64_t covered(std::span<const NodeId> nodes);
  // Entry i: sets covered by one of ranked[0..i].
  std::vector<std::uint64_t> prefix_coverage(std::span<const NodeId> ranked);

  std::uint64_t size() const noexcept { return global_size_; }
  double scale() const noexcept { return sampler_.scale(); }  // n, or |target segment|
  // Mean nodes per set on this rank (an estimate of the whole sample's).
  double mean_set_size() const noexcept;
  // Bytes this rank holds now (sets + index), and the most it held.
  std::uint64_t memory_bytes() const noexcept;
  std::uint64_t peak_bytes() const noexcept { return peak_bytes_; }
  // The most packed layout this sample has used (kept across release()).
  RrLayout layout() const noexcept { return layout_; }
  Communicator& communicator() const noexcept { return *comm_; }
  // The sets this rank holds (global indexes rank, rank + P, ...).
  const RrCollection& local_sets() const noexcept { return local_; }
  // Frees the sets and the index (IMM's lower-bound sample must not feed its final choice).
  void release();

 private:
  void ensure_index();
  std::uint64_t workspace_bytes() const noexcept;
  void note_layout() noexcept;  // layout_ = the most packed of it and what is held now

  const InfluenceGraph* graph_;
  Communicator* comm_;
  RrSampler sampler_;
  RrCollection local_;
  RrIndex index_;
  std::uint64_t indexed_sets_ = 0;  // local sets the index covers; stale when below local_.size()
  RrIndexScratch index_scratch_;
  CoverageWorkspace workspace_;
  std::uint64_t global_size_ = 0;
  std::uint64_t peak_bytes_ = 0;
  std::uint64_t other_bytes_ = 0;
  RrLayout layout_ = RrLayout::kPlain;  // held by other samples at the last grow_to (counts against the cap)
};

}  // namespace kuchikomi
