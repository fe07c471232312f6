// CELF++ (Goyal, Lu, Lakshmanan, "CELF++: optimizing the greedy algorithm for influence maximization
// in social networks", WWW 2011 companion).
//
// CELF plus a look-ahead: whenever node u is (re-)evaluated in a round, also compute its gain on top
// of the round's current best node: per node
//   mg1       = gain of u on top of S (S = fixed seeds + seeds picked so far),
//   prev_best = the best node (by score) evaluated earlier in the same round ("cur_best"),
//   mg2       = gain of u on top of S ∪ {prev_best},
//   flag      = |S| when mg1 was computed.
// If prev_best then becomes the next seed, u's mg2 *is* its fresh gain and u needs no evaluation in
// the next round. This costs one extra estimate per evaluation; the paper computes both in the same
// simulations, our estimates are separate calls, and the counts show what the look-ahead saves.
//
// Invariants: heap order is (mg1 score desc, node id asc), as in plain greedy and CELF; mg2 is used
// only when flag == |S| - 1 and prev_best is the seed picked last (then S_now = S_flag ∪ {prev_best}
// exactly); cur_best is reset when a seed is picked, so it is always a node fresh in the current round.
// Gains are exact integer units (mc_greedy.hpp), so under IC the picks equal plain greedy's; under LT
// (per-world spread not submodular) only in expectation. Budget and first-round parallelism as CELF:
// the first round computes all mg1 in parallel, then prev_best as the running best in id order (what a
// serial scan gives), then all mg2 in parallel.
#include <queue>

#include "mc_greedy_pass.hpp"

namespace kuchikomi {
namespace mc_greedy {

namespace {

struct Entry {
  double score;             // from mg1
  std::int64_t mg1;
  std::int64_t mg2;
  NodeId node;
  NodeId prev_best;         // kNoNode: no look-ahead available
  std::size_t flag;
};

struct WorseEntry {
  bool operator()(const Entry& a, const Entry& b) const { return better(b.score, b.node, a.score, a.node); }
};

// The best fresh node of the current round, with its gain (so sigma(S ∪ {best}) = total + gain).
struct CurrentBest {
  NodeId node = kNoNode;
  double score = 0;
  std::int64_t gain = 0;
  void offer(NodeId v, double s, std::int64_t g) {
    if (node == kNoNode || better(s, v, score, node)) node = v, score = s, gain = g;
  }
};

}  // namespace

PassResult celf_plus_plus_pass(Oracle& oracle, const Campaign& campaign, Rule rule, Stats& stats) {
  PassResult pass;
  pass.total = campaign.base_total;
  std::vector<NodeId> seeds = campaign.fixed;

  // Round 0, in parallel: mg1 for all, prev_best = running best in id order, then mg2 for all.
  std::vector<NodeId> first;
  for (NodeId v = 0; v < campaign.candidate.size(); ++v)
    if (campaign.candidate[v] && campaign.fits(0.0, v)) first.push_back(v);
  const auto totals1 = oracle.totals_with_each(seeds, first);
  std::vector<Entry> entries(first.size());
  std::vector<NodeId> prev(first.size(), kNoNode);
  std::vector<std::int64_t> prev_gain(first.size(), 0);
  CurrentBest running;
  for (std::size_t i = 0; i < first.size(); ++i) {
    const std::int64_t gain = totals1[i] - pass.total;
    entries[i] = {score(gain, campaign.cost(first[i]), rule), gain, 0, first[i], running.node, 0};
    prev[i] = running.node;
    prev_gain[i] = running.gain;
    running.offer(first[i], entries[i].score, gain);
  }
  std::vector<NodeId> with_look_ahead, look_ahead_partner;
  std::vector<std::size_t> slot;
  for (std::size_t i = 0; i < first.size(); ++i)
    if (prev[i] != kNoNode) with_look_ahead.push_back(first[i]), look_ahead_partner.push_back(prev[i]), slot.push_back(i);
  const auto totals2 = oracle.totals_with_pairs(seeds, look_ahead_partner, with_look_ahead);
  for (std::size_t j = 0; j < slot.size(); ++j)
    entries[slot[j]].mg2 = totals2[j] - (pass.total + prev_gain[slot[j]]);
  std::priority_queue<Entry, std::vector<Entry>, WorseEntry> heap(WorseEntry{}, std::move(entries));

  NodeId last_seed = kNoNode;
  CurrentBest current = running;  // round 0's best is fresh in round 0
  while (pass.picked.size() < campaign.limit() && !heap.empty()) {
    Entry top = heap.top();
    heap.pop();
    if (!campaign.fits(pass.spent, top.node)) continue;
    const std::size_t round = pass.picked.size();
    if (top.flag == round) {
      if (campaign.problem->budgeted() && top.mg1 <= 0) break;  // as plain greedy: no gain, no spend
      seeds.push_back(top.node);
      pass.picked.push_back(top.node);
      pass.gains.push_back(top.mg1);
      pass.total += top.mg1;
      pass.spent += campaign.cost(top.node);
      campaign.report_pick(pass.picked.size());
      last_seed = top.node;
      current = CurrentBest{};
      continue;
    }
    if (top.prev_best != kNoNode && top.prev_best == last_seed && top.flag + 1 == round) {
      top.mg1 = top.mg2;  // gain on top of S_flag ∪ {last_seed} = S now
      top.prev_best = kNoNode;
      ++stats.lookahead_hits;
    } else {
      seeds.push_back(top.node);
      top.mg1 = oracle.total(seeds) - pass.total;
      seeds.pop_back();
      top.prev_best = current.node;
      if (current.node != kNoNode) {
        seeds.push_back(current.node);
        seeds.push_back(top.node);
        top.mg2 = oracle.total(seeds) - (pass.total + current.gain);
        seeds.resize(seeds.size() - 2);
      }
    }
    top.flag = round;
    top.score = score(top.mg1, campaign.cost(top.node), rule);
    current.offer(top.node, top.score, top.mg1);
    heap.push(top);
  }
  return pass;
}

}  // namespace mc_greedy

SelectionResult select_celf_plus_plus(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& o) {
  return mc_greedy::run(g, p, o, mc_greedy::Variant::kCelfPlusPlus);
}

}  // namespace kuchikomi
