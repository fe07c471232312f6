// The algorithm registry: names shown to users and dispatch with shared validation and timing.
#include "kuchikomi/selection/algorithms.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/heuristics.hpp"
#include "kuchikomi/selection/imm.hpp"
#include "kuchikomi/selection/mc_greedy.hpp"
#include "kuchikomi/selection/opim_c.hpp"
#include "kuchikomi/selection/ris_common.hpp"

namespace kuchikomi {
namespace {

using SelectFunction = SelectionResult (*)(const InfluenceGraph&, const SelectionProblem&, const SelectionOptions&);

struct Entry {
  const char* name;
  SelectFunction select;
  bool deadline_supported;
};

// Order is the order users see in --help and error messages.
constexpr Entry kAlgorithms[] = {
    {"greedy", select_greedy, true},
    {"celf", select_celf, true},
    {"celf++", select_celf_plus_plus, true},
    {"imm", select_imm, true},       // depth-bounded RR sets are exact for deadlines
    {"opim-c", select_opim_c, true},
    {"degree", select_degree, true},
    {"degree-discount", select_degree_discount, true},
    {"pagerank", select_pagerank, true},
    {"random", select_random, true},
};

}  // namespace

const std::vector<std::string>& selection_algorithm_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    for (const auto& entry : kAlgorithms) list.emplace_back(entry.name);
    return list;
  }();
  return names;
}

SelectionResult run_selection(const std::string& algorithm, const InfluenceGraph& g, const SelectionProblem& p,
                              const SelectionOptions& o) {
  std::string name = algorithm;
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const Entry* entry = nullptr;
  for (const auto& candidate : kAlgorithms)
    if (name == candidate.name) entry = &candidate;
  if (entry == nullptr) {
    std::string known;
    for (const auto& n : selection_algorithm_names()) known += (known.empty() ? "" : ", ") + n;
    throw UsageError("unknown selection algorithm '" + algorithm + "' (known: " + known + ")");
  }
  // Agreed over ranks on a distributed run (ris_communicator): the same error everywhere, no rank left
  // waiting in a reduction.
  ris_communicator(o).agreed([&] {
    validate_problem(g, p);
    check_model_applicable(g, p.model);
  });
  const auto start = std::chrono::steady_clock::now();
  SelectionResult result = entry->select(g, p, o);
  const double total = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.algorithm = entry->name;
  result.phase_seconds.emplace_back("total", total);
  return result;
}

}  // namespace kuchikomi
