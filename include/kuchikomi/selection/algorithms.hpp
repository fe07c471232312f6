// Every seed-selection algorithm, by name: the one place that knows what an algorithm is. The
// command line, experiment files and reports ask this registry (family, settings read, default
// epsilon, distributed or not, kind of guarantee) instead of comparing names. One file per algorithm
// under src/selection/; each is declared in its family's header (mc_greedy.hpp, imm.hpp,
// opim_c.hpp, heuristics.hpp).
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

enum class AlgorithmFamily {
  kMonteCarloGreedy,  // greedy, CELF, CELF++: simulated marginal gains
  kReverseSampling,   // IMM, OPIM-C: reverse-reachable sets
  kHeuristic,         // rankings without a guarantee
};

// What an algorithm promises about the spread of its answer.
enum class GuaranteeKind {
  kNone,       // heuristics
  kWorstCase,  // a bound that holds for every input: IMM (w.p. 1 - 1/n^ell), the greedy family
  kCertified,  // OPIM-C: a ratio proved for this run from its own samples
};

// The knobs of SelectionOptions an algorithm may read, named as `select` options and experiment
// keys are ("epsilon", "ell", "delta", "mc-runs").
enum class SelectionSetting : unsigned { kEpsilon = 1, kEll = 2, kDelta = 4, kMcRuns = 8 };
inline constexpr SelectionSetting kSelectionSettings[] = {SelectionSetting::kEpsilon, SelectionSetting::kEll,
                                                          SelectionSetting::kDelta, SelectionSetting::kMcRuns};
const char* selection_setting_name(SelectionSetting setting);
// The setting's range, whichever algorithm reads it: epsilon in (0, 1), ell > 0, delta in [0, 1)
// (0 = 1/n), mc-runs >= 1. Throws UsageError naming the setting.
void check_selection_setting(SelectionSetting setting, const SelectionOptions& options);

using SelectFunction = SelectionResult (*)(const InfluenceGraph&, const SelectionProblem&, const SelectionOptions&);

struct SelectionAlgorithm {
  const char* name;
  AlgorithmFamily family;
  unsigned settings;           // SelectionSetting bits: the knobs it reads
  double default_epsilon;      // when it reads epsilon and none is given (0: it does not read it)
  bool distributed;            // runs over the ranks of an MPI job (SelectionOptions::communicator)
  GuaranteeKind guarantee;
  SelectFunction select;       // takes a validated problem (run_selection validates)
  // Its own check of the settings it reads beyond their ranges, e.g. OPIM-C's target ratio 1-1/e-eps
  // must be positive; throws UsageError naming the setting. May be null.
  void (*check)(SelectionSetting setting, const SelectionOptions& options, bool budgeted);

  bool reads(SelectionSetting s) const noexcept { return (settings & static_cast<unsigned>(s)) != 0; }
  // check_selection_setting and `check` for one setting it reads (nothing for one it does not).
  void check_setting(SelectionSetting s, const SelectionOptions& options, bool budgeted) const;
  // The same for every setting it reads.
  void check_options(const SelectionOptions& options, bool budgeted) const;
  // SelectionOptions{} with this algorithm's default epsilon.
  SelectionOptions default_options() const;
};

// Every algorithm, in the order shown to users.
const std::vector<SelectionAlgorithm>& selection_algorithms();
// Names accepted by run_selection, in the same order.
const std::vector<std::string>& selection_algorithm_names();
// "greedy, celf, ..." (only those for which `keep` holds when given; the last two joined by
// `last_separator`, e.g. " and ").
std::string selection_algorithm_list(bool (*keep)(const SelectionAlgorithm&) = nullptr,
                                     const char* last_separator = ", ");
// The algorithm called exactly `name`, or null (a name read from a file may be anything).
const SelectionAlgorithm* find_selection_algorithm(std::string_view name);
// The same, case-insensitive; an unknown name is a UsageError listing the known ones.
const SelectionAlgorithm& selection_algorithm(std::string_view name);

// Validates the problem (k vs candidates, include/exclude overlap, costs, the model's conditions)
// and the settings the algorithm reads, once, then runs it.
SelectionResult run_selection(const std::string& algorithm, const InfluenceGraph& g, const SelectionProblem& p,
                              const SelectionOptions& o);

}  // namespace kuchikomi
