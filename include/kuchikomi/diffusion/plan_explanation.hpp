// Why a plan reaches whom it reaches: each ambassador's part in it, from one pass over the same
// independent-cascade worlds the evaluation simulates.
//
// A world is run r's live-edge graph: forward edge e is live iff to_unit_float(value_at(key_r, e)) <
// p_e with key_r = stream_key(rng_seed, domain, r), exactly the coins simulate_spread flips in run r
// (independent_cascade.hpp), so with the same (rng_seed, domain, runs, max_steps) these figures are
// about the very worlds of the evaluation. In world r let R_r(s) be the users reachable from seed s
// over live edges within max_steps hops (all hops when 0), d_r(s, v) the hop distance, and A_r(S) =
// the union of R_r(s) over the plan S = (s_1, ..., s_k), which is the set the cascade activates.
// Only counted users (the target segment when one is given, else everyone) enter any figure.
// Expectations are means over the runs:
//   reach              E|A(S)|                                   (= the evaluation's mean, bit for bit)
//   reach_alone[i]     E|R(s_i)|                                 what s_i reaches on its own
//   unique_reach[i]    E|A(S)| - E|A(S \ {s_i})|                 what the plan loses without s_i
//                      = E|{v : v in R(s_i) and in no other R(s_j)}|
//   first_reach[i]     E|{v in A(S) : s_i reaches v first}|       "first" = the smallest d(s, v),
//                      ties to the earlier-ranked ambassador (the multi-source BFS of the cascade)
//   overlap[i*k + j]   E|R(s_i) ∩ R(s_j)|                         users each of the two reaches alone
// Invariants (tested against enumeration of every live-edge world): unique_reach[i] <= first_reach[i]
//   <= reach_alone[i] (a user only s_i reaches is first reached by s_i, and s_i reaches whom it reaches
//   first); overlap is symmetric with diagonal reach_alone; the first_reach add up to reach.
// Per user v (when kept): how many runs reached v and, among them, which ambassador most often
// reached it first (ties to the earlier rank) and in how many runs.
//
// Cost per world: one BFS per ambassador, plus, for the overlap, c(v)^2 / 2 for a user reached by
// c(v) ambassadors. Integers are summed per thread and reduced at the end, so results do not
// depend on the thread count. Only the independent cascade has these live-edge worlds; linear
// threshold plans are not explained (UsageError).
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct PlanExplanationOptions {
  std::uint64_t runs = 10'000;
  std::uint64_t rng_seed = 1;
  StreamDomain domain = StreamDomain::kEvaluationRun;
  std::uint32_t max_steps = 0;
  std::span<const std::uint8_t> target_mask;  // one byte per node; empty = every user counts
  // Keep per-user "who reaches them first" counts (n * k integers per thread); left off when
  // n * k exceeds kPlanExplanationMaxUserSeedPairs (a property of the inputs, never of threads).
  bool per_user = true;
};

inline constexpr std::uint64_t kPlanExplanationMaxUserSeedPairs = std::uint64_t{1} << 24;

// Marks "no ambassador" in PlanExplanation::usual_first_seed.
inline constexpr std::uint32_t kNoSeed = 0xFFFFFFFFu;

struct PlanExplanation {
  std::uint64_t runs = 0;
  double reach = 0;
  std::vector<double> reach_alone, unique_reach, first_reach;  // one entry per ambassador
  std::vector<double> overlap;                                  // k * k, row-major
  bool has_per_user = false;
  std::vector<std::uint32_t> reached_runs;        // per user: runs in which it was reached
  std::vector<std::uint32_t> usual_first_seed;    // per user: index into the plan, kNoSeed if never reached
  std::vector<std::uint32_t> usual_first_runs;    // per user: runs in which that ambassador was first

  std::size_t size() const { return reach_alone.size(); }
  double overlap_at(std::size_t i, std::size_t j) const { return overlap[i * size() + j]; }
};

// Throws UsageError on an empty plan, a repeated ambassador, an id out of range, runs == 0, a mask
// of the wrong size or a graph read without its forward arrays.
PlanExplanation explain_plan(const InfluenceGraph& graph, std::span<const NodeId> plan,
                             const PlanExplanationOptions& options);

}  // namespace kuchikomi
