// The algorithm registry: what each algorithm is, dispatch with shared validation and timing.
#include "kuchikomi/selection/algorithms.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <chrono>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/heuristics.hpp"
#include "kuchikomi/selection/hist.hpp"
#include "kuchikomi/selection/imm.hpp"
#include "kuchikomi/selection/mc_greedy.hpp"
#include "kuchikomi/selection/opim_c.hpp"
#include "kuchikomi/selection/ris_common.hpp"

namespace kuchikomi {
namespace {

constexpr unsigned kEpsilon = static_cast<unsigned>(SelectionSetting::kEpsilon);
constexpr unsigned kEll = static_cast<unsigned>(SelectionSetting::kEll);
constexpr unsigned kDelta = static_cast<unsigned>(SelectionSetting::kDelta);
constexpr unsigned kMcRuns = static_cast<unsigned>(SelectionSetting::kMcRuns);

// OPIM-C stops once it certifies 1-1/e-eps ((1-1/e)/2-eps with a budget): that must be positive.
void check_opim_c(SelectionSetting setting, const SelectionOptions& options, bool budgeted) {
  if (setting == SelectionSetting::kEpsilon) opim_target_ratio(options.epsilon, budgeted);
}

// HIST: the same target, and no budgeted variant.
void check_hist(SelectionSetting setting, const SelectionOptions& options, bool budgeted) {
  if (setting == SelectionSetting::kEpsilon) check_hist_setting_epsilon(options.epsilon, budgeted);
}

using F = AlgorithmFamily;
using G = GuaranteeKind;

// Order is the order users see in --help and error messages. Default epsilon: IMM's sample grows
// with 1/eps^2, so it defaults to the paper's 0.5; OPIM-C's online bound makes a small epsilon cheap
// (it stops as soon as it certifies the ratio, which at 0.5 is only 0.13).
const std::vector<SelectionAlgorithm>& registry() {
  static const std::vector<SelectionAlgorithm> algorithms{
      {"greedy", F::kMonteCarloGreedy, kMcRuns, 0, false, G::kWorstCase, select_greedy, nullptr},
      {"celf", F::kMonteCarloGreedy, kMcRuns, 0, false, G::kWorstCase, select_celf, nullptr},
      {"celf++", F::kMonteCarloGreedy, kMcRuns, 0, false, G::kWorstCase, select_celf_plus_plus, nullptr},
      {"imm", F::kReverseSampling, kEpsilon | kEll, 0.5, true, G::kWorstCase, select_imm, nullptr},
      {"opim-c", F::kReverseSampling, kEpsilon | kDelta, 0.1, true, G::kCertified, select_opim_c, check_opim_c},
      {"opim-c-until-stable", F::kReverseSampling, kEpsilon | kDelta, 0.1, true, G::kCertified,
       select_opim_c_until_stable, check_opim_c},
      {"hist", F::kReverseSampling, kEpsilon | kDelta, 0.1, true, G::kCertified, select_hist, check_hist},
      {"degree", F::kHeuristic, 0, 0, false, G::kNone, select_degree, nullptr},
      {"degree-discount", F::kHeuristic, 0, 0, false, G::kNone, select_degree_discount, nullptr},
      {"pagerank", F::kHeuristic, 0, 0, false, G::kNone, select_pagerank, nullptr},
      {"random", F::kHeuristic, 0, 0, false, G::kNone, select_random, nullptr},
  };
  return algorithms;
}

// Shortest text that reads back as the same number ("got 1.5", not "got 1.500000").
std::string number(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace

const char* selection_setting_name(SelectionSetting setting) {
  switch (setting) {
    case SelectionSetting::kEpsilon: return "epsilon";
    case SelectionSetting::kEll: return "ell";
    case SelectionSetting::kDelta: return "delta";
    case SelectionSetting::kMcRuns: return "mc-runs";
  }
  return "?";
}

void check_selection_setting(SelectionSetting setting, const SelectionOptions& o) {
  const std::string name = selection_setting_name(setting);
  switch (setting) {
    case SelectionSetting::kEpsilon:
      if (!(o.epsilon > 0 && o.epsilon < 1)) throw UsageError("epsilon must be in (0, 1), got " + number(o.epsilon), {name});
      break;
    case SelectionSetting::kEll:
      if (!(o.ell > 0) || !std::isfinite(o.ell)) throw UsageError("ell must be positive, got " + number(o.ell), {name});
      break;
    case SelectionSetting::kDelta:
      if (!(o.delta >= 0 && o.delta < 1))
        throw UsageError("delta must be in [0, 1) (0 = 1/n), got " + number(o.delta), {name});
      break;
    case SelectionSetting::kMcRuns:
      if (o.mc_runs == 0) throw UsageError("mc-runs must be at least 1", {name});
      break;
  }
}

void SelectionAlgorithm::check_setting(SelectionSetting s, const SelectionOptions& options, bool budgeted) const {
  if (!reads(s)) return;
  check_selection_setting(s, options);
  if (check) check(s, options, budgeted);
}

void SelectionAlgorithm::check_options(const SelectionOptions& options, bool budgeted) const {
  for (SelectionSetting s : kSelectionSettings) check_setting(s, options, budgeted);
}

SelectionOptions SelectionAlgorithm::default_options() const {
  SelectionOptions options;
  if (reads(SelectionSetting::kEpsilon)) options.epsilon = default_epsilon;
  return options;
}

const std::vector<SelectionAlgorithm>& selection_algorithms() { return registry(); }

const std::vector<std::string>& selection_algorithm_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& entry : registry()) list.emplace_back(entry.name);
    return list;
  }();
  return names;
}

std::string selection_algorithm_list(bool (*keep)(const SelectionAlgorithm&), const char* last_separator) {
  std::vector<const char*> names;
  for (const auto& a : registry())
    if (keep == nullptr || keep(a)) names.push_back(a.name);
  std::string text;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) text += i + 1 == names.size() ? last_separator : ", ";
    text += names[i];
  }
  return text;
}

const SelectionAlgorithm* find_selection_algorithm(std::string_view name) {
  for (const auto& a : registry())
    if (name == a.name) return &a;
  return nullptr;
}

const SelectionAlgorithm& selection_algorithm(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (const SelectionAlgorithm* a = find_selection_algorithm(lower)) return *a;
  throw UsageError("unknown selection algorithm '" + std::string(name) + "' (known: " + selection_algorithm_list() + ")",
                   {"algo"});
}

SelectionResult run_selection(const std::string& algorithm, const InfluenceGraph& g, const SelectionProblem& p,
                              const SelectionOptions& o) {
  const SelectionAlgorithm& entry = selection_algorithm(algorithm);
  // Agreed over ranks on a distributed run (ris_communicator): the same error everywhere, no rank left
  // waiting in a reduction.
  ris_communicator(o).agreed([&] {
    entry.check_options(o, p.budgeted());
    if (!g.has_forward() && entry.family != AlgorithmFamily::kReverseSampling)
      throw UsageError(std::string(entry.name) + " simulates forward, but the graph was read for reverse sampling only");
    validate_problem(g, p);
    check_model_applicable(g, p.model);
  });
  const auto start = std::chrono::steady_clock::now();
  SelectionResult result = entry.select(g, p, o);
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.algorithm = entry.name;
  result.stopped_by = selection_stop(g, p, result);
  result.phase_seconds.emplace_back("total", total);
  return result;
}

}  // namespace kuchikomi
