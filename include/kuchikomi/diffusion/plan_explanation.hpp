// Why a plan reaches whom it reaches: each ambassador's part in it, from one pass over live-edge
// worlds: the very independent-cascade worlds the evaluation simulates, or linear threshold's
// live-edge worlds, drawn for the explanation.
//
// Independent cascade: a world is run r's live-edge graph: forward edge e is live iff
// to_unit_float(value_at(key_r, e)) < p_e with key_r = stream_key(rng_seed, domain, r), exactly the
// coins simulate_spread flips in run r (independent_cascade.hpp), so with the same (rng_seed, domain,
// runs, max_steps) these figures are about the very worlds of the evaluation.
// Linear threshold: a run of LT fixes thresholds, not edges, and has no live-edge graph of its own.
// But LT is equivalent in distribution to a live-edge model (Kempe, Kleinberg, Tardos, KDD 2003,
// Theorem 2.5; round by round, so deadlines too): each user v independently keeps at most one
// in-edge, (u, v) with probability p(u, v), none with 1 - the sum of v's in-probabilities, and the set
// LT activates from S by round t is distributed as the set reachable from S within t hops over kept
// edges. World r keeps v's in-edge whose interval of v's cumulative in-probabilities (the graph's
// in-edge order, summed in double as LinearThreshold's reverse walk does) holds
// to_unit_double(value_at(key_r, m + v)), none when that value is at or above v's sum; drawn the
// first time the world asks, once per user per world. That is the random number LT's run r draws v's
// threshold from, but a kept edge is not what a threshold decides: these worlds have the
// evaluation's distribution, not its draws. So for LT `reach` is a second estimate of the
// evaluation's expectation and differs from its mean within Monte Carlo error (reports say so).
//
// In world r let R_r(s) be the users reachable from seed s over live edges within max_steps hops
// (all hops when 0), d_r(s, v) the hop distance, and A_r(S) = the union of R_r(s) over the plan
// S = (s_1, ..., s_k), which is the set the cascade activates (for LT: in distribution), so every
// figure below means the same under both models.
// Only counted users (the target segment when one is given, else everyone) enter any figure.
// Expectations are means over the runs:
//   reach              E|A(S)|                                   (IC: the evaluation's mean, bit for bit)
//   reach_alone[i]     E|R(s_i)|                                 what s_i reaches on its own
//   unique_reach[i]    E|A(S)| - E|A(S \ {s_i})|                 what the plan loses without s_i
//                      = E|{v : v in R(s_i) and in no other R(s_j)}|
//   first_reach[i]     E|{v in A(S) : s_i reaches v first}|       "first" = the smallest d(s, v),
//                      ties to the earlier-ranked ambassador (the multi-source BFS of the cascade)
//   overlap[i*k + j]   E|R(s_i) ∩ R(s_j)|                         users each of the two reaches alone
// Invariants (tested against enumeration of every live-edge world of either model): unique_reach[i]
//   <= first_reach[i] <= reach_alone[i] (a user only s_i reaches is first reached by s_i, and s_i
//   reaches whom it reaches first); overlap is symmetric with diagonal reach_alone; the first_reach
//   add up to reach.
// Per user v (when kept): how many runs reached v and, among them, which ambassador most often
// reached it first (ties to the earlier rank) and in how many runs.
//
// Cost per world: one BFS per ambassador, plus, for the overlap, c(v)^2 / 2 for a user reached by
// c(v) ambassadors (LT adds one binary search per user the BFS touches). Integers are summed per
// thread and reduced at the end, so results do not depend on the thread count.
#pragma once
#include <cstdint>
#include <span>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/model_kind.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct PlanExplanationOptions {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
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
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;  // whose live-edge worlds
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
// of the wrong size or a graph read without its forward arrays; InputError when the model cannot
// run on the graph (LT: a user's in-probabilities sum above 1).
PlanExplanation explain_plan(const InfluenceGraph& graph, std::span<const NodeId> plan,
                             const PlanExplanationOptions& options);

}  // namespace kuchikomi
