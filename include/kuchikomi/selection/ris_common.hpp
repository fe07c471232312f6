// Pieces IMM and OPIM-C share: sampler set-up from a campaign, the seed count their sample sizes are
// computed for, ln C(n,k), and turning a max-coverage answer into a SelectionResult.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/communicator.hpp"
#include "kuchikomi/selection/max_coverage.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// ln C(n, k) via lgamma (exact enough for sample sizes; no overflow for large n).
double log_binomial(double n, double k);

// Sampler for the campaign (model, deadline, target roots, seed, memory cap) in `domain`; on a
// distributed run it draws this rank's share of the sample (global indexes i % P == rank).
RrSamplerConfig ris_sampler_config(const SelectionProblem& problem, const SelectionOptions& options,
                                   StreamDomain domain);

// Seeds the sample size must cover: k, or with a budget the most candidates affordable together
// (cheapest first), so that bounds union over every affordable set.
std::uint32_t ris_seed_count(const InfluenceGraph& graph, const SelectionProblem& problem);

// Max-coverage request for the campaign (candidate mask owned by the caller).
CoverageRequest ris_coverage_request(const SelectionProblem& problem, std::span<const std::uint8_t> candidate,
                                     bool upper_bound);

// Coverage of every prefix of `ranked` (include first, then seeds) on `collection`: entry i counts
// sets hit by one of ranked[0..i]. One pass over the sets.
std::vector<std::uint64_t> prefix_coverage(const RrCollection& collection, std::span<const NodeId> ranked,
                                           NodeId num_nodes);

// Seeds (include first, fixed), gains and spread curve scaled to spread units from per-prefix
// coverage counts out of `sets` sets.
void fill_seeds_from_prefix_coverage(SelectionResult& result, const SelectionProblem& problem,
                                     std::span<const NodeId> ranked, std::span<const std::uint64_t> prefix,
                                     std::uint64_t sets, double scale);

// Distributed RIS. Every helper below is collective on a distributed run (all ranks call it in the
// same order) and is the plain serial function otherwise.
// The run's communicator: options.communicator, or the serial one.
Communicator& ris_communicator(const SelectionOptions& options);
// Sets this rank holds of a sample of `global_count` sets.
std::uint64_t ris_local_count(const Communicator& comm, std::uint64_t global_count);
// Sum of a per-rank count.
std::uint64_t ris_global_sum(Communicator& comm, std::uint64_t local);
// greedy_max_coverage / count_covered / prefix_coverage over the whole (distributed) sample.
CoverageResult ris_max_coverage(const RrCollection& collection, const RrIndex& index, const CoverageRequest& request,
                                Communicator& comm);
std::uint64_t ris_count_covered(const RrCollection& collection, std::span<const NodeId> nodes, NodeId num_nodes,
                                Communicator& comm);
std::vector<std::uint64_t> ris_prefix_coverage(const RrCollection& collection, std::span<const NodeId> ranked,
                                               NodeId num_nodes, Communicator& comm);
// result.rr_memory_bytes = peak RR-set bytes of the largest rank (the one --max-memory limits);
// on a distributed run also result.distribution (sum over ranks, communication counters).
void ris_record_memory(SelectionResult& result, Communicator& comm, std::uint64_t local_peak);

// "IC", "LT, deadline 3 steps", "... spread counted in a 120-user target segment" for guarantee text.
std::string ris_setting_text(const SelectionProblem& problem);

}  // namespace kuchikomi
