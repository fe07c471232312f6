#include "kuchikomi/selection/campaign.hpp"

#include <cmath>
#include <string>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

std::vector<std::uint8_t> candidate_mask(const InfluenceGraph& graph, const SelectionProblem& problem) {
  std::vector<std::uint8_t> mask(graph.num_nodes(), 1);
  for (NodeId u : problem.exclude) mask.at(u) = 0;
  for (NodeId u : problem.include) mask.at(u) = 0;
  return mask;
}

std::vector<std::uint8_t> target_mask(const InfluenceGraph& graph, const SelectionProblem& problem) {
  if (problem.target.empty()) return {};
  std::vector<std::uint8_t> mask(graph.num_nodes(), 0);
  for (NodeId u : problem.target) mask.at(u) = 1;
  return mask;
}

const char* selection_stop_text(SelectionStop stop) noexcept {
  switch (stop) {
    case SelectionStop::kSeedCount: return "k reached";
    case SelectionStop::kBudget: return "budget exhausted";
    case SelectionStop::kNoGain: return "no more positive gain";
  }
  return "?";
}

const char* selection_stop_key(SelectionStop stop) noexcept {
  switch (stop) {
    case SelectionStop::kSeedCount: return "k";
    case SelectionStop::kBudget: return "budget";
    case SelectionStop::kNoGain: return "no_gain";
  }
  return "?";
}

SelectionStop selection_stop(const InfluenceGraph& graph, const SelectionProblem& problem,
                             const SelectionResult& result) {
  std::vector<std::uint8_t> open = candidate_mask(graph, problem);
  std::size_t added = 0;
  double spent = 0;
  for (const SelectedSeed& seed : result.seeds) {
    if (seed.node < open.size()) open[seed.node] = 0;
    if (!seed.fixed) {
      ++added;
      spent += seed.cost;
    }
  }
  if (added >= problem.seed_limit()) return SelectionStop::kSeedCount;
  if (problem.budgeted()) {
    const double left = (problem.budget - spent) * (1 + 1e-9);  // the algorithms' slack for sums that hit the budget
    bool affordable = false;
    for (NodeId u = 0; u < open.size() && !affordable; ++u) affordable = open[u] && seed_cost(problem, u) <= left;
    if (!affordable) return SelectionStop::kBudget;
  }
  return SelectionStop::kNoGain;
}

void validate_problem(const InfluenceGraph& graph, const SelectionProblem& problem) {
  const NodeId n = graph.num_nodes();
  if (n == 0) throw InputError("the graph has no nodes");
  auto check_range = [&](const std::vector<NodeId>& users, const char* what) {
    for (NodeId u : users)
      if (u >= n) throw UsageError(std::string(what) + " names node " + std::to_string(u) + " outside the graph", {what});
  };
  check_range(problem.exclude, "exclude");
  check_range(problem.include, "include");
  check_range(problem.target, "target");
  std::vector<std::uint8_t> excluded(n, 0);
  for (NodeId u : problem.exclude) excluded[u] = 1;
  for (NodeId u : problem.include)
    if (excluded[u]) throw InputError("user '" + graph.label(u) + "' is both included and excluded", {"include", "exclude"});
  if (!problem.costs.empty()) {
    if (problem.costs.size() != n) throw UsageError("cost table does not cover every node");
    for (double c : problem.costs)
      if (!(c > 0) || !std::isfinite(c)) throw UsageError("costs must be positive finite numbers");
  }
  const auto mask = candidate_mask(graph, problem);
  std::uint64_t candidates = 0;
  for (auto m : mask) candidates += m;
  if (problem.budgeted()) {
    bool affordable = false;
    for (NodeId u = 0; u < n && !affordable; ++u) affordable = mask[u] && seed_cost(problem, u) <= problem.budget;
    if (!affordable) throw InputError("no candidate user costs at most the budget " + std::to_string(problem.budget));
    return;
  }
  if (problem.k == 0) throw UsageError("k must be at least 1", {"k"});
  if (problem.k > candidates)
    throw InputError("k = " + std::to_string(problem.k) + " is larger than the " + std::to_string(candidates) +
                     " candidate users left (graph has " + std::to_string(n) + " users, " +
                     std::to_string(problem.exclude.size()) + " excluded, " + std::to_string(problem.include.size()) +
                     " already included)");
}

}  // namespace kuchikomi
