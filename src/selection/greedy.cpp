// Plain Monte Carlo greedy (Kempe, Kleinberg, Tardos, "Maximizing the spread of influence through a
// social network", KDD 2003): one greedy pass of the Monte Carlo greedy family (mc_greedy.cpp runs it).
//
// Each round evaluates sigma(S ∪ {v}) for every remaining candidate v and adds the best; sigma is the
// Monte Carlo estimate over the same R worlds for every set (common random numbers: run r always uses
// stream (problem.rng_seed, run r)). Under IC, sigma over fixed worlds is a monotone submodular
// function (an average of reachability coverages, also with a deadline or a target segment), so greedy
// is a (1-1/e)-approximation *of that estimate*; against the true expected spread it holds up to the
// sampling error of R runs. This is the reference the lazy variants must reproduce exactly.
//
// Invariants: ties go to the lowest node id; a round evaluates all its candidates in parallel
// (Oracle::totals_with_each), each estimate deterministic, so the picks do not depend on threads.
#include "mc_greedy_pass.hpp"

namespace kuchikomi {
namespace mc_greedy {

PassResult greedy_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& /*stats*/) {
  PassResult pass;
  pass.total = campaign.base_total;
  std::vector<NodeId> seeds = campaign.fixed;
  std::vector<std::uint8_t> available = campaign.candidate;
  std::vector<NodeId> round;
  while (pass.picked.size() < campaign.limit()) {
    round.clear();
    for (NodeId v = 0; v < available.size(); ++v)
      if (available[v] && campaign.fits(pass.spent, v)) round.push_back(v);
    if (round.empty()) break;
    const auto totals = oracle.totals_with_each(seeds, round);
    std::size_t best = 0;
    double best_score = score(totals[0] - pass.total, campaign.cost(round[0]), rule);
    for (std::size_t i = 1; i < round.size(); ++i) {  // ascending ids: strict > keeps the lowest id on ties
      const double s = score(totals[i] - pass.total, campaign.cost(round[i]), rule);
      if (s > best_score) best = i, best_score = s;
    }
    const std::int64_t gain = totals[best] - pass.total;
    // Under a budget, a seed that reaches nobody new in any simulated world is pure cost.
    if (campaign.problem->budgeted() && gain <= 0) break;
    const NodeId v = round[best];
    available[v] = 0;
    seeds.push_back(v);
    pass.picked.push_back(v);
    pass.gains.push_back(gain);
    pass.total = totals[best];
    pass.spent += campaign.cost(v);
    campaign.report_pick(pass.picked.size());
  }
  return pass;
}

}  // namespace mc_greedy

SelectionResult select_greedy(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o) {
  return mc_greedy::run(g, p, o, mc_greedy::Variant::kGreedy);
}

}  // namespace kuchikomi
