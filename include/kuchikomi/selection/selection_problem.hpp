// What every seed-selection algorithm is asked and what it answers.
#pragma once
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "kuchikomi/core/types.hpp"
#include "kuchikomi/diffusion/model_kind.hpp"

namespace kuchikomi {

class Communicator;  // communicator.hpp

// The campaign: budget in seeds (k) or in cost, and who may or must be picked.
struct SelectionProblem {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint32_t k = 10;                 // seeds to add on top of `include` (without a budget)
  std::vector<NodeId> exclude;          // never picked
  std::vector<NodeId> include;          // fixed seeds, first in the answer; gains measured on top
  std::vector<double> costs;            // per node; empty = unit costs
  double budget = 0.0;                  // > 0: maximise spread with total cost of added seeds <= budget
  std::vector<NodeId> target;           // empty = everyone counts; else only reached targets count
  std::uint32_t max_steps = 0;          // deadline for MC methods (RIS: not supported, say so)
  std::uint64_t rng_seed = 1;
  std::uint32_t max_seeds = 0;          // with a budget: at most this many added seeds too (0 = budget alone)
  bool budgeted() const noexcept { return budget > 0.0; }
  // Most seeds to add: k, or under a budget max_seeds (no cap when 0); both constraints hold.
  std::size_t seed_limit() const noexcept {
    if (!budgeted()) return k;
    return max_seeds > 0 ? max_seeds : static_cast<std::size_t>(-1);
  }
};

// Why the selection stopped adding seeds, told to the planner: the seed count was reached, no
// candidate left fits the budget, or no candidate left adds anything (or none is left at all).
enum class SelectionStop { kSeedCount, kBudget, kNoGain };
const char* selection_stop_text(SelectionStop stop) noexcept;  // "k reached", "budget exhausted", ...
const char* selection_stop_key(SelectionStop stop) noexcept;   // "k", "budget", "no_gain" (JSON, HDF5)

// Algorithm knobs; each algorithm reads the ones it uses.
struct SelectionOptions {
  double epsilon = 0.5;                 // IMM / OPIM-C
  double ell = 1.0;                     // IMM: success probability 1 - n^-ell
  double delta = 0.0;                   // OPIM-C failure probability; 0 = 1/n
  std::uint64_t mc_runs = 10'000;       // greedy / CELF / CELF++ simulations per estimate
  std::uint64_t max_memory_bytes = 0;   // RR-set memory cap; 0 = the machine's physical memory
  std::function<void(const std::string&)> progress;  // phase messages (may be empty)
  // Progress within long passes (greedy, CELF, CELF++): (stage, done, planned; planned 0 = no fixed
  // end), called on the calling thread between chunks of candidates and after each pick, never per
  // simulation; may be empty; never changes a result.
  std::function<void(const std::string&, std::uint64_t, std::uint64_t)> step_progress;
  Communicator* communicator = nullptr; // IMM / OPIM-C over MPI ranks (communicator.hpp); null = serial
};

struct SelectedSeed {
  NodeId node;
  double marginal_gain;                 // the algorithm's own estimate
  double cost = 1.0;
  bool fixed = false;                   // came from `include`
};

struct SelectionResult {
  std::string algorithm;
  std::vector<SelectedSeed> seeds;      // ranked: included first, then in order picked
  std::vector<double> spread_curve;     // algorithm's estimate of spread of the first i+1 seeds
  bool curve_from_evaluation = false;   // heuristics: gains and curve were measured by evaluate_selection
  double estimated_spread = 0;          // algorithm's estimate for the whole set
  std::string guarantee;                // human-readable, e.g. "(1-1/e-0.5)-approximation w.p. 1-1/n"
  double approximation_ratio = 0;       // certified ratio (OPIM-C), bound (IMM), 0 for heuristics
  std::uint64_t rr_sets = 0;            // RIS only
  std::uint64_t rr_memory_bytes = 0;
  // RIS only: how the RR samples were held, "plain", or packed to fit the memory cap ("packed
  // index", "packed sets and index"; rr_sets.hpp): packed runs choose the same seeds, slower.
  std::string rr_layout;
  double budget_spent = 0;
  SelectionStop stopped_by = SelectionStop::kSeedCount;  // set by run_selection from the answer
  std::vector<std::pair<std::string, double>> phase_seconds;  // time per phase
  // Distributed RIS only (ranks > 0): rr_sets is the global count, rr_memory_bytes the largest rank's.
  struct Distribution {
    int ranks = 0;
    std::uint64_t rr_memory_sum = 0;     // peak RR-set bytes summed over ranks
    std::uint64_t reductions = 0;        // allreduce calls: dense counts once per greedy run, bounds
    std::uint64_t dense_bytes = 0;       // largest of them: (n + 1 + |include|) x 8 per-node counts
    std::uint64_t greedy_rounds = 0;     // picks, each one gather of the count changes
    std::uint64_t round_bytes = 0;       // bytes gathered by those rounds, all ranks, all rounds
    std::uint64_t bytes = 0;             // payload bytes this rank sent in all collectives
  } distribution;
};

}  // namespace kuchikomi
