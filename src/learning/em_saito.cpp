// Saito et al.'s EM for IC probabilities (model, update and stopping rule in learning/em_saito.hpp).
#include "kuchikomi/learning/em_saito.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>
#include <tbb/partitioner.h>

#include <algorithm>
#include <cmath>
#include <functional>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {
namespace {

constexpr std::size_t kGrain = 4096;

// P_o = 1 - Π (1 - p_w) over o's parents, for every observation.
void observation_chances(const CascadeEvidence& ev, const std::vector<double>& p, std::vector<double>& chance) {
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, ev.observations(), kGrain),
                    [&](const tbb::blocked_range<std::uint64_t>& range) {
                      for (std::uint64_t o = range.begin(); o != range.end(); ++o) {
                        double none = 1.0;
                        for (std::uint64_t k = ev.parent_offsets[o]; k < ev.parent_offsets[o + 1]; ++k)
                          none *= 1.0 - p[ev.parent_edges[k]];
                        chance[o] = 1.0 - none;
                      }
                    });
}

// A sum whose rounding does not depend on the thread count: parallel_deterministic_reduce splits
// the range the same way every time (simple_partitioner, fixed grain).
template <class Term>
double deterministic_sum(std::uint64_t count, Term term) {
  return tbb::parallel_deterministic_reduce(
      tbb::blocked_range<std::uint64_t>(0, count, kGrain), 0.0,
      [&](const tbb::blocked_range<std::uint64_t>& range, double acc) {
        for (std::uint64_t i = range.begin(); i != range.end(); ++i) acc += term(i);
        return acc;
      },
      std::plus<>(), tbb::simple_partitioner());
}

double log_likelihood(const CascadeEvidence& ev, const std::vector<double>& p, const std::vector<double>& chance) {
  const double observed = deterministic_sum(ev.observations(), [&](std::uint64_t o) { return std::log(chance[o]); });
  const double failed = deterministic_sum(p.size(), [&](std::uint64_t e) {
    const std::uint32_t failures = ev.trials[e] - ev.propagations[e];
    return failures > 0 ? failures * std::log1p(-p[e]) : 0.0;
  });
  return observed + failed;
}

}  // namespace

double ic_log_likelihood(const CascadeEvidence& ev, const std::vector<double>& probability) {
  std::vector<double> chance(ev.observations());
  observation_chances(ev, probability, chance);
  return log_likelihood(ev, probability, chance);
}

EmResult em_estimates(const InfluenceGraph& g, const CascadeEvidence& ev, const EmOptions& options) {
  if (!(options.tolerance > 0)) throw UsageError("the EM tolerance must be a positive number", {"tolerance"});
  if (options.max_iterations == 0) throw UsageError("the EM iteration limit must be at least 1", {"max-iterations"});
  const EdgeId m = g.num_edges();
  EmResult result;
  EdgeEstimates& out = result.estimates;
  out.resize(m);
  std::vector<double>& p = out.probability;
  // Only edges with a success can end above 0: one with trials but no success starts at 0 and stays
  // there, its failures adding log 1 = 0 to L. So the steps run over the successful edges alone.
  std::vector<EdgeId> active;
  for (EdgeId e = 0; e < m; ++e) {
    out.denominator[e] = ev.trials[e];
    p[e] = ev.trials[e] > 0 ? static_cast<double>(ev.propagations[e]) / ev.trials[e] : 0.0;
    if (ev.propagations[e] > 0) active.push_back(e);
  }
  std::vector<double> chance(ev.observations());
  std::vector<double> next(active.size());
  // The expected successes of edge e under `p`: Σ_{o in S+_e} p_e / P_o (P_o >= p_e: e is a parent
  // of o; an edge whose p underflowed to 0 contributes nothing rather than 0/0).
  auto expected_successes = [&](EdgeId e) {
    if (p[e] <= 0) return 0.0;
    double inverse_sum = 0;
    for (std::uint64_t k = ev.edge_offsets[e]; k < ev.edge_offsets[e + 1]; ++k)
      inverse_sum += 1.0 / chance[ev.edge_observations[k]];
    return p[e] * inverse_sum;
  };
  // E step: every P_o, and Σ log P_o in the same pass.
  auto observe = [&] {
    return deterministic_sum(ev.observations(), [&](std::uint64_t o) {
      double none = 1.0;
      for (std::uint64_t k = ev.parent_offsets[o]; k < ev.parent_offsets[o + 1]; ++k) none *= 1.0 - p[ev.parent_edges[k]];
      chance[o] = 1.0 - none;
      return std::log(chance[o]);
    });
  };
  // M step over the active edges, with the failures' part of L at the old p and the largest move.
  // A fixed split (deterministic reduce) keeps the sum's rounding the same for any thread count.
  struct Step {
    double failed = 0, largest = 0;
  };
  auto maximise = [&] {
    return tbb::parallel_deterministic_reduce(
        tbb::blocked_range<std::size_t>(0, active.size(), kGrain), Step{},
        [&](const tbb::blocked_range<std::size_t>& range, Step acc) {
          for (std::size_t k = range.begin(); k != range.end(); ++k) {
            const EdgeId e = active[k];
            const std::uint32_t failures = ev.trials[e] - ev.propagations[e];
            if (failures > 0) acc.failed += failures * std::log1p(-p[e]);
            next[k] = expected_successes(e) / ev.trials[e];
            acc.largest = std::max(acc.largest, std::fabs(next[k] - p[e]));
          }
          return acc;
        },
        [](Step a, const Step& b) { return Step{a.failed + b.failed, std::max(a.largest, b.largest)}; },
        tbb::simple_partitioner());
  };

  while (result.iterations < options.max_iterations) {
    throw_if_cancelled();
    const double observed = observe();
    const Step step = maximise();
    result.log_likelihood.push_back(observed + step.failed);
    for (std::size_t k = 0; k < active.size(); ++k) p[active[k]] = next[k];
    ++result.iterations;
    result.last_change = step.largest;
    if (step.largest <= options.tolerance) {
      result.converged = true;
      break;
    }
  }
  observe();
  result.log_likelihood.push_back(log_likelihood(ev, p, chance));
  tbb::parallel_for(tbb::blocked_range<EdgeId>(0, m, kGrain), [&](const tbb::blocked_range<EdgeId>& range) {
    for (EdgeId e = range.begin(); e != range.end(); ++e) out.numerator[e] = expected_successes(e);
  });
  return result;
}

}  // namespace kuchikomi
