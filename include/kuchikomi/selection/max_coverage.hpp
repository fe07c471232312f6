// Greedy maximum coverage over an RR-set collection: the node-selection step of RIS algorithms.
//
// Cardinality: k rounds of "pick the candidate covering most uncovered sets" — the classic
// (1-1/e)-approximation for maximum coverage (Nemhauser, Wolsey, Fisher 1978).
// Budgeted: ratio greedy (most newly covered sets per unit cost among seeds still affordable) and the
// best single affordable seed, keeping the better — Khuller, Moss, Naor (IPL 1999) style; this pair
// guarantees (1-1/e)/2 of the best affordable set on the sample (Leskovec et al. KDD 2007, Thm 2 of
// their CEF analysis), not 1-1/e (that needs partial enumeration).
//
// Implementation: exact per-node counts of uncovered sets containing the node, decremented when a set
// gets covered (walk the set's nodes once), plus a max-heap of (count, node) entries refreshed
// lazily: a popped entry whose count is stale is pushed back with the current one. Counts only
// decrease, so a fresh top entry is the true maximum. Ties go to the smaller node id, so the result
// is deterministic. Total work O(sum of set sizes + picks * log n).
//
// Constraints: nodes with candidate[u] == 0 are never picked; `include` nodes are applied first
// (their sets are covered before the first pick), so every gain is measured on top of them.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

struct CoverageRequest {
  std::span<const std::uint8_t> candidate;  // one byte per node
  std::span<const NodeId> include;
  std::uint32_t k = 0;                      // seeds to pick (budget == 0); with a budget, a cap (0 = none)
  std::span<const double> costs;            // per node; empty = unit costs
  double budget = 0;                        // > 0: budgeted mode
  bool upper_bound = false;                 // compute the top-k upper bound on OPT's coverage (OPIM-C)
  // Size of the sets the upper bound is over; 0 = k. HIST picks k - b seeds on top of a b-seed
  // sentinel set (in `include`) but bounds the best k-seed set, so it asks for the top k.
  std::uint32_t bound_k = 0;
};

struct CoverageResult {
  std::vector<std::uint64_t> include_gains;  // newly covered sets per included node, in order
  std::vector<NodeId> seeds;                 // added seeds in pick order
  std::vector<std::uint64_t> gains;          // newly covered sets per added seed
  std::uint64_t covered = 0;                 // sets covered by include + seeds
  std::uint64_t sets = 0;
  double budget_spent = 0;
  std::string rule;                          // "greedy", "ratio-greedy", "best-single"
  // min over greedy prefixes S_i of cov(S_i) + sum of the k largest marginal gains w.r.t. S_i:
  // an upper bound on the coverage of any include + k set (Tang et al. 2018, Sec. 4.2). 0 unless asked.
  std::uint64_t coverage_upper_bound = 0;
  double fraction() const noexcept { return sets ? static_cast<double>(covered) / static_cast<double>(sets) : 0.0; }
};

// An entry of the lazy max-heap: a node and its count when it was pushed (never below the current).
struct CoverageHeapEntry {
  std::uint64_t count;
  NodeId node;
};

// Buffers greedy coverage reuses across calls (RisSample keeps one per sample): a round of OPIM-C
// or IMM then works in memory it already has instead of faulting in fresh n-sized arrays, which on
// a million-node graph cost more than the greedy itself.
struct CoverageWorkspace {
  std::vector<std::uint32_t> counts;  // uncovered sets containing each node
  std::vector<std::uint8_t> covered;  // per set
  std::vector<std::uint8_t> marks;    // per node (count_covered)
  std::vector<CoverageHeapEntry> heap;
};

CoverageResult greedy_max_coverage(const RrCollection& collection, const RrIndex& index, const CoverageRequest& request,
                                   CoverageWorkspace* workspace = nullptr);

// Sets of `collection` that contain at least one node of `nodes`.
std::uint64_t count_covered(const RrCollection& collection, std::span<const NodeId> nodes, NodeId num_nodes,
                            CoverageWorkspace* workspace = nullptr);
// Coverage of every prefix of `ranked` on `collection`: entry i counts sets hit by one of
// ranked[0..i]. One pass over the sets.
std::vector<std::uint64_t> prefix_coverage(const RrCollection& collection, std::span<const NodeId> ranked,
                                           NodeId num_nodes);

}  // namespace kuchikomi
