// One Monte Carlo run of a round-based diffusion model (Kempe, Kleinberg, Tardos, KDD 2003): seeds
// are round 0; in round t each node activated in round t-1 acts once through Model::spread_from.
// With max_steps = T > 0 the loop stops after round T, so only activations in rounds 1..T count.
//
// The engine is a template over the model (diffusion_model.hpp), so the per-edge work is inlined.
// A run allocates nothing: marks and the two frontier arrays live in a CascadeWorkspace that a
// thread reuses for every run (epoch-stamped marks make the reset O(1)). The Recorder sees each
// round's newly active nodes and decides what to count (spread only, per step, per node, target).
//
// Invariants: each node appears in exactly one round's list per run; the lists of a run partition
// its active set; a run's outcome depends only on (graph, seeds, key, max_steps).
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "kuchikomi/diffusion/diffusion_model.hpp"

namespace kuchikomi {

struct CascadeWorkspace {
  std::vector<std::uint32_t> marks;  // node active in this run iff marks[v] == epoch
  std::vector<NodeId> current, next;  // frontier of the previous round / the round being built
  std::uint32_t epoch = 0;

  void prepare(NodeId n) {
    if (marks.size() < n) {
      marks.resize(n, 0);
      current.resize(n);
      next.resize(n);
    }
  }
};

struct CascadeOutcome {
  std::uint64_t edges_examined = 0;
  std::uint32_t last_round = 0;  // last round in which someone became active (0: seeds only)
};

// recorder.on_round(round, std::span<const NodeId> newly_active) is called for round 0 (the
// distinct seeds) and then for every round with at least one activation.
// Preconditions: Model::prepare(scratch, graph) and workspace.prepare(n) were called; seeds < n.
template <DiffusionModel Model, class Recorder>
CascadeOutcome run_cascade(const InfluenceGraph& graph, CascadeWorkspace& workspace, typename Model::Scratch& scratch,
                           std::span<const NodeId> seeds, std::uint64_t key, std::uint32_t max_steps,
                           Recorder& recorder) {
  const std::uint32_t epoch = next_epoch(workspace.epoch, workspace.marks);
  Model::begin_run(scratch, key);
  CascadeOutcome outcome;

  // Round 0: the seeds, duplicates dropped.
  std::uint32_t current_size = 0;
  {
    ActivationFrontier seeding(workspace.marks.data(), epoch, workspace.current.data());
    for (NodeId s : seeds)
      if (!seeding.is_active(s)) seeding.activate(s);
    current_size = seeding.size();
  }
  recorder.on_round(0u, std::span<const NodeId>(workspace.current.data(), current_size));

  for (std::uint32_t round = 1; current_size > 0 && (max_steps == 0 || round <= max_steps); ++round) {
    ActivationFrontier frontier(workspace.marks.data(), epoch, workspace.next.data());
    for (std::uint32_t i = 0; i < current_size; ++i)
      outcome.edges_examined += Model::spread_from(graph, scratch, key, workspace.current[i], frontier);
    current_size = frontier.size();
    if (current_size == 0) break;
    outcome.last_round = round;
    recorder.on_round(round, std::span<const NodeId>(workspace.next.data(), current_size));
    std::swap(workspace.current, workspace.next);
  }
  return outcome;
}

// The spreads of all prefixes S_1 = {s_1} ⊂ S_2 ⊂ ... ⊂ S_k of a ranked seed list in one run: seed
// s_i is added to the final state of S_{i-1} and the cascade continues from it. Without a deadline
// a run's final active set is the closure of the seeds in that run's world (IC: the nodes reachable
// over live edges; LT: the least fixed point of "active iff active in-weight >= threshold"), and
// closures grow monotonically, so continuing gives exactly the active set of S_i — the cost is one
// cascade, not k. With a deadline the order of activation matters, so callers must not use this.
// recorder.on_prefix(i, newly_active) is called for each i in 0..k-1 (empty span when s_i was
// already active). Preconditions as for run_cascade.
template <DiffusionModel Model, class Recorder>
std::uint64_t run_cascade_prefixes(const InfluenceGraph& graph, CascadeWorkspace& workspace,
                                   typename Model::Scratch& scratch, std::span<const NodeId> ranked_seeds,
                                   std::uint64_t key, Recorder& recorder) {
  const std::uint32_t epoch = next_epoch(workspace.epoch, workspace.marks);
  Model::begin_run(scratch, key);
  std::uint64_t edges_examined = 0;
  for (std::size_t i = 0; i < ranked_seeds.size(); ++i) {
    const NodeId s = ranked_seeds[i];
    if (workspace.marks[s] == epoch) {
      recorder.on_prefix(i, std::span<const NodeId>());
      continue;
    }
    // Frontier rounds as in run_cascade; newly active nodes are appended to `current` after the
    // round being read, so the whole prefix's additions end up in current[0, added).
    std::uint32_t added = 0;
    {
      ActivationFrontier seeding(workspace.marks.data(), epoch, workspace.current.data());
      seeding.activate(s);
      added = 1;
    }
    for (std::uint32_t read = 0; read < added; ++read) {
      ActivationFrontier frontier(workspace.marks.data(), epoch, workspace.current.data() + added);
      edges_examined += Model::spread_from(graph, scratch, key, workspace.current[read], frontier);
      added += frontier.size();
    }
    recorder.on_prefix(i, std::span<const NodeId>(workspace.current.data(), added));
  }
  return edges_examined;
}

}  // namespace kuchikomi
