// One pass over live-edge worlds (plan_explanation.hpp): per world, one BFS per ambassador in rank
// order; the model only says whether an edge is live in the world (IcWorld, LtWorld: templates, so
// the BFS has no indirect call). A user's first visit in the world starts its record (reaching count,
// first ambassador, hop distance); later visits by other ambassadors bump the count, take over
// "first" only at a strictly smaller distance (so ties stay with the earlier rank) and add one to
// the overlap of every earlier ambassador that reached it (kept as a per-user list of them).
#include "kuchikomi/diffusion/plan_explanation.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <string>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/linear_threshold.hpp"

namespace kuchikomi {
namespace {

constexpr std::uint32_t kNone = 0xFFFFFFFFu;

struct Workspace {
  std::vector<std::uint32_t> world_stamp, bfs_stamp, reaching, first, best_distance, head;
  std::vector<std::uint32_t> entry_seed, entry_next;  // per-user lists of ambassadors reaching it
  std::vector<NodeId> queue, world_list;
  std::vector<std::uint32_t> pick_stamp;  // LT: the world whose in-edge choice pick[v] holds
  std::vector<NodeId> pick;               // LT: the source of v's kept in-edge, kNone for none
  std::uint32_t world_epoch = 0, bfs_epoch = 0, pick_epoch = 0;

  void prepare(NodeId n, bool picks) {
    if (picks && pick_stamp.size() != n) {
      pick_stamp.assign(n, 0);
      pick.assign(n, kNone);
    }
    if (world_stamp.size() == n) return;
    world_stamp.assign(n, 0);
    bfs_stamp.assign(n, 0);
    reaching.assign(n, 0);
    first.assign(n, 0);
    best_distance.assign(n, 0);
    head.assign(n, kNone);
    queue.resize(n);
  }
  static std::uint32_t bump(std::uint32_t& epoch, std::vector<std::uint32_t>& stamps) {
    if (++epoch == 0) {
      std::fill(stamps.begin(), stamps.end(), 0u);
      epoch = 1;
    }
    return epoch;
  }
};

struct Tally {
  // Zero counts for k ambassadors (and n users when per-user counts are kept).
  Tally(std::size_t k, NodeId n, bool per_user) : alone(k, 0), unique(k, 0), first(k, 0), overlap(k * k, 0) {
    if (per_user) {
      reached_runs.assign(n, 0);
      first_runs.assign(static_cast<std::size_t>(n) * k, 0);
    }
  }
  std::uint64_t reach = 0;
  std::vector<std::uint64_t> alone, unique, first, overlap;
  std::vector<std::uint32_t> reached_runs, first_runs;  // per user; per (user, ambassador)
};

// IC: edge e is live in the world of `key` when its coin, the evaluation's, comes up.
struct IcWorld {
  std::uint64_t key;
  const float* prob;
  bool live(EdgeId e, NodeId, NodeId) const { return to_unit_float(value_at(key, e)) < prob[e]; }
};

// LT's live-edge form: edge (u, v) is live when v keeps its in-edge from u. v's choice is made the
// first time the world asks and kept under the world's stamp, so each user draws once per world.
struct LtWorld {
  std::uint64_t key;
  EdgeId m;
  const EdgeId* in_offsets;
  const NodeId* in_sources;
  const double* cumulative;  // LinearThreshold::ReverseIndex: v's in-probabilities summed so far
  std::uint32_t stamp;
  std::uint32_t* pick_stamp;
  NodeId* pick;

  bool live(EdgeId, NodeId u, NodeId v) const {
    if (pick_stamp[v] != stamp) {
      pick_stamp[v] = stamp;
      // The in-edge whose cumulative interval holds x; none when x is at or above v's sum.
      const double x = to_unit_double(value_at(key, m + v));
      const double* begin = cumulative + in_offsets[v];
      const double* end = cumulative + in_offsets[v + 1];
      const double* hit = std::upper_bound(begin, end, x);
      pick[v] = hit == end ? kNone : in_sources[in_offsets[v] + static_cast<EdgeId>(hit - begin)];
    }
    return pick[v] == u;  // no multi-edges: the source names the edge
  }
};

void check_inputs(const InfluenceGraph& graph, std::span<const NodeId> plan, const PlanExplanationOptions& options) {
  if (!graph.has_forward()) throw UsageError("the graph was read for reverse sampling only: it cannot be simulated forward");
  if (plan.empty()) throw UsageError("the plan is empty: give at least one ambassador");
  if (options.runs == 0) throw UsageError("the number of runs must be at least 1");
  if (options.runs > (std::uint64_t{1} << 32)) throw UsageError("at most 2^32 runs are supported");
  const NodeId n = graph.num_nodes();
  if (!options.target_mask.empty() && options.target_mask.size() != n)
    throw UsageError("target mask has " + std::to_string(options.target_mask.size()) + " entries for " +
                     std::to_string(n) + " nodes");
  std::vector<std::uint8_t> seen(n, 0);
  for (NodeId s : plan) {
    if (s >= n) throw UsageError("ambassador id " + std::to_string(s) + " is not a node of the graph");
    if (seen[s]) throw UsageError("ambassador " + graph.label(s) + " appears twice in the plan");
    seen[s] = 1;
  }
}

// One world: BFS per ambassador, then the world's counted users are tallied.
template <class World>
void explain_world(const InfluenceGraph& graph, std::span<const NodeId> plan, World live, std::uint32_t max_steps,
                   const std::uint8_t* mask, Workspace& w, Tally& t, bool per_user) {
  const std::size_t k = plan.size();
  const std::uint32_t world = Workspace::bump(w.world_epoch, w.world_stamp);
  w.world_list.clear();
  w.entry_seed.clear();
  w.entry_next.clear();
  const EdgeId* offsets = graph.out_offsets.data();
  const NodeId* targets = graph.out_targets.data();

  for (std::uint32_t j = 0; j < k; ++j) {
    const std::uint32_t visit = Workspace::bump(w.bfs_epoch, w.bfs_stamp);
    std::size_t size = 0, head = 0;
    w.queue[size++] = plan[j];
    w.bfs_stamp[plan[j]] = visit;
    for (std::uint32_t distance = 0; head < size; ++distance) {
      const std::size_t level_end = size;
      for (; head < level_end; ++head) {
        const NodeId v = w.queue[head];
        if (mask == nullptr || mask[v]) {
          ++t.alone[j];
          if (w.world_stamp[v] != world) {
            w.world_stamp[v] = world;
            w.reaching[v] = 1;
            w.first[v] = j;
            w.best_distance[v] = distance;
            w.head[v] = kNone;
            w.world_list.push_back(v);
          } else {
            ++w.reaching[v];
            if (distance < w.best_distance[v]) {
              w.best_distance[v] = distance;
              w.first[v] = j;
            }
            for (std::uint32_t e = w.head[v]; e != kNone; e = w.entry_next[e]) ++t.overlap[w.entry_seed[e] * k + j];
          }
          w.entry_seed.push_back(j);
          w.entry_next.push_back(w.head[v]);
          w.head[v] = static_cast<std::uint32_t>(w.entry_seed.size() - 1);
        }
        if (max_steps > 0 && distance >= max_steps) continue;  // deadline: no hop beyond it
        for (EdgeId e = offsets[v]; e < offsets[v + 1]; ++e)
          if (live.live(e, v, targets[e])) {
            const NodeId u = targets[e];
            if (w.bfs_stamp[u] != visit) {
              w.bfs_stamp[u] = visit;
              w.queue[size++] = u;
            }
          }
      }
    }
  }
  t.reach += w.world_list.size();
  for (NodeId v : w.world_list) {
    const std::uint32_t f = w.first[v];
    ++t.first[f];
    if (w.reaching[v] == 1) ++t.unique[f];
    if (per_user) {
      ++t.reached_runs[v];
      ++t.first_runs[static_cast<std::size_t>(v) * k + f];
    }
  }
}

}  // namespace

PlanExplanation explain_plan(const InfluenceGraph& graph, std::span<const NodeId> plan,
                             const PlanExplanationOptions& options) {
  check_inputs(graph, plan, options);
  const bool lt = options.model == DiffusionModelKind::kLinearThreshold;
  if (lt) LinearThreshold::check_applicable(graph);
  const LinearThreshold::ReverseIndex lt_index = lt ? LinearThreshold::build_reverse_index(graph) : LinearThreshold::ReverseIndex{};
  const NodeId n = graph.num_nodes();
  const std::size_t k = plan.size();
  const bool per_user = options.per_user && static_cast<std::uint64_t>(n) * k <= kPlanExplanationMaxUserSeedPairs;
  const std::uint8_t* mask = options.target_mask.empty() ? nullptr : options.target_mask.data();

  tbb::enumerable_thread_specific<Workspace> workspaces;
  tbb::enumerable_thread_specific<Tally> tallies([&] { return Tally(k, n, per_user); });
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, options.runs), [&](const tbb::blocked_range<std::uint64_t>& range) {
    Workspace& w = workspaces.local();
    w.prepare(n, lt);
    Tally& t = tallies.local();
    for (std::uint64_t r = range.begin(); r != range.end(); ++r) {
      const std::uint64_t key = stream_key(options.rng_seed, options.domain, r);
      if (lt) {
        const LtWorld world{key, graph.num_edges(), graph.in_offsets.data(), graph.in_sources.data(),
                            lt_index.cumulative.data(), Workspace::bump(w.pick_epoch, w.pick_stamp),
                            w.pick_stamp.data(), w.pick.data()};
        explain_world(graph, plan, world, options.max_steps, mask, w, t, per_user);
      } else {
        explain_world(graph, plan, IcWorld{key, graph.out_prob.data()}, options.max_steps, mask, w, t, per_user);
      }
    }
  });

  // Integer sums are exact, so the reduction order (thread order) cannot change a bit.
  Tally total(k, n, per_user);
  for (const Tally& t : tallies) {
    total.reach += t.reach;
    for (std::size_t i = 0; i < k; ++i) {
      total.alone[i] += t.alone[i];
      total.unique[i] += t.unique[i];
      total.first[i] += t.first[i];
    }
    for (std::size_t i = 0; i < k * k; ++i) total.overlap[i] += t.overlap[i];
    for (std::size_t i = 0; i < total.reached_runs.size(); ++i) total.reached_runs[i] += t.reached_runs[i];
    for (std::size_t i = 0; i < total.first_runs.size(); ++i) total.first_runs[i] += t.first_runs[i];
  }

  const double runs = static_cast<double>(options.runs);
  auto mean = [&](std::uint64_t sum) { return static_cast<double>(sum) / runs; };
  PlanExplanation x;
  x.model = options.model;
  x.runs = options.runs;
  x.reach = mean(total.reach);
  x.overlap.assign(k * k, 0);
  for (std::size_t i = 0; i < k; ++i) {
    x.reach_alone.push_back(mean(total.alone[i]));
    x.unique_reach.push_back(mean(total.unique[i]));
    x.first_reach.push_back(mean(total.first[i]));
    x.overlap[i * k + i] = x.reach_alone[i];
    for (std::size_t j = i + 1; j < k; ++j)  // counted at (earlier, later) only
      x.overlap[i * k + j] = x.overlap[j * k + i] = mean(total.overlap[i * k + j]);
  }
  if (per_user) {
    x.has_per_user = true;
    x.reached_runs = std::move(total.reached_runs);
    x.usual_first_seed.assign(n, kNoSeed);
    x.usual_first_runs.assign(n, 0);
    for (NodeId v = 0; v < n; ++v)
      for (std::size_t j = 0; j < k; ++j) {
        const std::uint32_t c = total.first_runs[static_cast<std::size_t>(v) * k + j];
        if (c > x.usual_first_runs[v]) {
          x.usual_first_runs[v] = c;
          x.usual_first_seed[v] = static_cast<std::uint32_t>(j);
        }
      }
  }
  return x;
}

}  // namespace kuchikomi
