// Greedy maximum coverage over an RR sample split across ranks (each rank holds the sets whose global
// index i has i % P == rank), in the style of distributed RIS systems such as Ripples (Minutoli et
// al., "Fast and Scalable Implementations of Influence Maximization Algorithms", IEEE Cluster 2019).
//
// Each rank counts, per node, the uncovered sets among *its* sets. The first step (after the included
// seeds) sums those counts over ranks with one allreduce of (n + |include| + 1) x 8 bytes; from then
// on every rank holds the exact global counts and each pick only exchanges what changed: the
// decreases of the nodes in newly covered sets, gathered from all ranks (8 bytes per changed node
// per rank), so a whole greedy run moves about one word per sample entry rather than n words per
// round. Every rank then runs the same lazy greedy (greedy_coverage.hpp) as the serial code: same
// picks, same tie-break (smaller node id), same top-k upper bound, same budgeted rules. The union of
// the ranks' sets is the serial sample, so the result equals greedy_max_coverage on the serial
// collection, for any number of ranks.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kuchikomi/selection/communicator.hpp"
#include "kuchikomi/selection/max_coverage.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

// Collective: every rank calls it with its local sets and the same request. result.sets, covered and
// gains are global; comm.stats() counts the dense reduction and one gather per pick.
CoverageResult distributed_max_coverage(const RrCollection& local, const RrIndex& local_index,
                                        const CoverageRequest& request, Communicator& comm);

// Collective: sets of the whole sample that contain a node of `nodes`.
std::uint64_t distributed_count_covered(const RrCollection& local, std::span<const NodeId> nodes, NodeId num_nodes,
                                        Communicator& comm);

// Collective: prefix_coverage (max_coverage.hpp) over the whole sample.
std::vector<std::uint64_t> distributed_prefix_coverage(const RrCollection& local, std::span<const NodeId> ranked,
                                                       NodeId num_nodes, Communicator& comm);

}  // namespace kuchikomi
