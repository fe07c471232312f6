// Pieces IMM and OPIM-C share: their RR sample for a campaign, the seed count their sample sizes are
// computed for, ln C(n,k), and turning coverage counts into a SelectionResult.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/communicator.hpp"
#include "kuchikomi/selection/max_coverage.hpp"
#include "kuchikomi/selection/ris_sample.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// ln C(n, k) via lgamma (exact enough for sample sizes; no overflow for large n).
double log_binomial(double n, double k);

// The campaign's RR sample (model, deadline, target roots, seed, memory cap) in `domain`, over the
// run's communicator (ris_sample.hpp).
// `stop`: empty, or a node mask at which sets are truncated (RrSamplerConfig::stop; HIST).
RisSample ris_sample(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionOptions& options,
                     StreamDomain domain, std::vector<std::uint8_t> stop = {});

// Seeds the sample size must cover: k, or with a budget the most candidates affordable together
// (cheapest first), so that bounds union over every affordable set.
std::uint32_t ris_seed_count(const InfluenceGraph& graph, const SelectionProblem& problem);

// Max-coverage request for the campaign (candidate mask owned by the caller).
CoverageRequest ris_coverage_request(const SelectionProblem& problem, std::span<const std::uint8_t> candidate,
                                     bool upper_bound);

// Seeds (include first, fixed), gains and spread curve scaled to spread units from per-prefix
// coverage counts out of `sets` sets.
void fill_seeds_from_prefix_coverage(SelectionResult& result, const SelectionProblem& problem,
                                     std::span<const NodeId> ranked, std::span<const std::uint64_t> prefix,
                                     std::uint64_t sets, double scale);

// The same from the spread estimate of every prefix (entry i: spread of ranked[0..i]).
void fill_seeds_from_spread_curve(SelectionResult& result, const SelectionProblem& problem,
                                  std::span<const NodeId> ranked, std::span<const double> curve);

// The run's communicator: options.communicator, or the serial one.
Communicator& ris_communicator(const SelectionOptions& options);
// result.rr_memory_bytes = peak RR-set bytes of the largest rank (the one --max-memory limits);
// on a distributed run also result.distribution (sum over ranks, communication counters).
void ris_record_memory(SelectionResult& result, Communicator& comm, std::uint64_t local_peak,
                       std::initializer_list<RrLayout> layouts);

// "IC", "LT, deadline 3 steps", "... spread counted in a 120-user target segment" for guarantee text.
std::string ris_setting_text(const SelectionProblem& problem);

}  // namespace kuchikomi
