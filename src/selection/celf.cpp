// CELF: lazy-forward greedy (Leskovec, Krause, Guestrin, Faloutsos, VanBriesen, Glance,
// "Cost-effective outbreak detection in networks", KDD 2007).
//
// Submodularity says a node's marginal gain can only shrink as the seed set grows, so a gain computed
// in an earlier round is an upper bound now. Keep every candidate in a max-heap keyed by its last
// score (gain, or gain/cost for the cost-benefit pass); pop the top: if its score was computed in this
// round it beats every other bound and is the greedy choice, else re-evaluate it and push it back.
//
// Invariants: heap order is (score desc, node id asc), the same tie rule as plain greedy; gains are
// exact integer units (mc_greedy.hpp), so under IC (sigma over common worlds is submodular) stale keys
// are true upper bounds and CELF returns exactly greedy's seeds. Under LT per-world spread is not
// submodular: a stale key may under-estimate, so CELF matches greedy only in expectation.
// Budget: a popped node that no longer fits is dropped for good (the remaining budget only shrinks).
// The first round (every candidate's gain on top of the fixed seeds) runs in parallel over candidates;
// each estimate is deterministic, so the result does not depend on the thread count.
#include <queue>

#include "mc_greedy_pass.hpp"

namespace kuchikomi {
namespace mc_greedy {

namespace {

struct Entry {
  double score;
  std::int64_t gain;
  NodeId node;
  std::size_t round;  // number of picked seeds when `gain` was computed
};

struct WorseEntry {  // std::priority_queue keeps the "largest" on top: the better pick
  bool operator()(const Entry& a, const Entry& b) const { return better(b.score, b.node, a.score, a.node); }
};

}  // namespace

PassResult celf_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& /*stats*/) {
  PassResult pass;
  pass.total = campaign.base_total;
  std::vector<NodeId> seeds = campaign.fixed;

  std::vector<NodeId> first;
  for (NodeId v = 0; v < campaign.candidate.size(); ++v)
    if (campaign.candidate[v] && campaign.fits(0.0, v)) first.push_back(v);
  const auto totals = oracle.totals_with_each(seeds, first);
  std::vector<Entry> entries;
  entries.reserve(first.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    const std::int64_t gain = totals[i] - pass.total;
    entries.push_back({score(gain, campaign.cost(first[i]), rule), gain, first[i], 0});
  }
  std::priority_queue<Entry, std::vector<Entry>, WorseEntry> heap(WorseEntry{}, std::move(entries));

  while (pass.picked.size() < campaign.limit() && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    if (!campaign.fits(pass.spent, top.node)) continue;
    if (top.round == pass.picked.size()) {
      if (campaign.problem->budgeted() && top.gain <= 0) break;  // as plain greedy: no gain, no spend
      seeds.push_back(top.node);
      pass.picked.push_back(top.node);
      pass.gains.push_back(top.gain);
      pass.total += top.gain;
      pass.spent += campaign.cost(top.node);
      campaign.report_pick(pass.picked.size());
      continue;
    }
    seeds.push_back(top.node);
    top.gain = oracle.total(seeds) - pass.total;
    seeds.pop_back();
    top.score = score(top.gain, campaign.cost(top.node), rule);
    top.round = pass.picked.size();
    heap.push(top);
  }
  return pass;
}

}  // namespace mc_greedy

SelectionResult select_celf(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o) {
  return mc_greedy::run(g, p, o, mc_greedy::Variant::kCelf);
}

}  // namespace kuchikomi
