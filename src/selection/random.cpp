// Random baseline: seeds drawn uniformly among the candidates (not excluded, not included).
//
// A partial Fisher-Yates shuffle of the candidate ids (ascending) driven by one sequential stream,
// RandomStream(stream_key(rng_seed, kHeuristic, 0)): the same rng_seed gives the same seeds, and the
// draw is independent of every simulation stream. Under a budget the shuffle continues until every
// candidate has been offered and each one that still fits is taken ("random among affordable").
// Reported marginal_gain is 0 (no score). No guarantee.
#include "kuchikomi/core/random_stream.hpp"
#include "heuristic_support.hpp"
#include "kuchikomi/selection/heuristics.hpp"

namespace kuchikomi {

SelectionResult select_random(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& /*o*/) {
  const auto start = std::chrono::steady_clock::now();
  const auto candidate = candidate_mask(g, p);
  std::vector<NodeId> pool;
  for (NodeId v = 0; v < g.num_nodes(); ++v)
    if (candidate[v]) pool.push_back(v);
  RandomStream stream(stream_key(p.rng_seed, StreamDomain::kHeuristic, 0));
  SelectionResult result = heuristics::begin_result("random", p);
  std::size_t added = 0;
  for (std::size_t i = 0; i < pool.size(); ++i) {
    if (added == p.seed_limit()) break;
    const std::size_t j = i + static_cast<std::size_t>(stream.next_below(pool.size() - i));
    std::swap(pool[i], pool[j]);
    if (!heuristics::fits(result, p, pool[i])) continue;
    heuristics::add_seed(result, p, pool[i], 0.0);
    ++added;
  }
  result.phase_seconds.emplace_back("selection", heuristics::seconds_since(start));
  return result;
}

}  // namespace kuchikomi
