// Evidence from training cascades (definitions and cost in learning/cascade_evidence.hpp).
#include "kuchikomi/learning/cascade_evidence.hpp"

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <atomic>
#include <cmath>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {
namespace {

// Cascades per task: fixed, so the concatenation order never depends on the schedule.
constexpr std::size_t kBlock = 16;

// Per-thread marks of the current item's adopters: stamp[x] == epoch iff x adopted, at when[x].
struct ItemMarks {
  std::vector<std::uint32_t> stamp;
  std::vector<double> when;
  std::uint32_t epoch = 0;

  void mark(const Cascades& cascades, std::size_t c, NodeId n) {
    if (stamp.size() < n) {
      stamp.assign(n, 0);
      when.assign(n, 0.0);
      epoch = 0;
    }
    if (++epoch == 0) {
      std::fill(stamp.begin(), stamp.end(), 0u);
      epoch = 1;
    }
    for (std::uint64_t i = cascades.offsets[c]; i < cascades.offsets[c + 1]; ++i) {
      stamp[cascades.users[i]] = epoch;
      when[cascades.users[i]] = cascades.times[i];
    }
  }
  bool adopted(NodeId x) const noexcept { return stamp[x] == epoch; }
};

// Calls visit(u, forward edge u -> v) for every in-neighbour u of v that adopted item c (any time).
// Scans v's in-edges, or searches v among the out-edges of each of the item's adopters when the
// item has far fewer adopters than v has in-neighbours (hubs in small cascades).
template <class Visit>
void for_each_adopting_in_neighbour(const InfluenceGraph& g, const std::vector<EdgeId>& to_forward,
                                    const Cascades& cascades, std::size_t c, const ItemMarks& marks, NodeId v,
                                    Visit&& visit) {
  const std::uint64_t adopters = cascades.cascade_size(c);
  if (g.in_degree(v) <= 8 * adopters) {
    for (EdgeId s = g.in_offsets[v]; s < g.in_offsets[v + 1]; ++s)
      if (marks.adopted(g.in_sources[s])) visit(g.in_sources[s], to_forward[s]);
    return;
  }
  const NodeId* targets = g.out_targets.data();
  for (std::uint64_t i = cascades.offsets[c]; i < cascades.offsets[c + 1]; ++i) {
    const NodeId u = cascades.users[i];
    const NodeId* first = targets + g.out_offsets[u];
    const NodeId* last = targets + g.out_offsets[u + 1];
    const NodeId* at = std::lower_bound(first, last, v);
    if (at != last && *at == v) visit(u, static_cast<EdgeId>(at - targets));
  }
}

// What one block of cascades contributes to the observation lists.
struct BlockObservations {
  std::vector<std::uint32_t> parent_counts;
  std::vector<EdgeId> parents;
  std::vector<NodeId> users;
  std::uint64_t initiators = 0;
};

void check_window(double window) {
  if (!(window > 0)) throw UsageError("the window must be a positive number of seconds", {"window"});
}

}  // namespace

std::vector<EdgeId> reverse_to_forward(const InfluenceGraph& g) {
  std::vector<EdgeId> to_forward(g.num_edges());
  std::vector<EdgeId> cursor(g.in_offsets.begin(), g.in_offsets.end() - (g.in_offsets.empty() ? 0 : 1));
  // rebuild_reverse's order: sources ascending within each in-list, so this walk matches slot by slot.
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) to_forward[cursor[g.out_targets[e]]++] = e;
  return to_forward;
}

CascadeEvidence collect_evidence(const InfluenceGraph& g, const Cascades& cascades, double window) {
  check_window(window);
  const NodeId n = g.num_nodes();
  const EdgeId m = g.num_edges();
  CascadeEvidence ev;
  ev.window = window;
  ev.items = cascades.size();
  ev.adoptions = cascades.adoptions();
  ev.node_adoptions.assign(n, 0);
  for (NodeId u : cascades.users) ++ev.node_adoptions[u];
  ev.propagations.assign(m, 0);
  ev.co_adoptions.assign(m, 0);
  std::vector<std::uint32_t> blocked(m, 0);  // items with t_v <= t_u: no trial of u -> v
  const std::vector<EdgeId> to_forward = reverse_to_forward(g);

  const std::size_t blocks = (cascades.size() + kBlock - 1) / kBlock;
  std::vector<BlockObservations> found(blocks);
  tbb::enumerable_thread_specific<ItemMarks> all_marks;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, blocks, 1), [&](const tbb::blocked_range<std::size_t>& range) {
    ItemMarks& marks = all_marks.local();
    std::vector<EdgeId> parents;
    for (std::size_t b = range.begin(); b != range.end(); ++b) {
      BlockObservations& out = found[b];
      const std::size_t end = std::min(cascades.size(), (b + 1) * kBlock);
      for (std::size_t c = b * kBlock; c < end; ++c) {
        marks.mark(cascades, c, n);
        for (std::uint64_t i = cascades.offsets[c]; i < cascades.offsets[c + 1]; ++i) {
          const NodeId v = cascades.users[i];
          const double tv = cascades.times[i];
          parents.clear();
          for_each_adopting_in_neighbour(g, to_forward, cascades, c, marks, v, [&](NodeId u, EdgeId e) {
            const double tu = marks.when[u];
            std::atomic_ref<std::uint32_t>(ev.co_adoptions[e]).fetch_add(1, std::memory_order_relaxed);
            if (tv <= tu) {
              std::atomic_ref<std::uint32_t>(blocked[e]).fetch_add(1, std::memory_order_relaxed);
            } else if (tv - tu <= window) {
              std::atomic_ref<std::uint32_t>(ev.propagations[e]).fetch_add(1, std::memory_order_relaxed);
              parents.push_back(e);
            }
          });
          if (parents.empty()) {
            ++out.initiators;
            continue;
          }
          std::sort(parents.begin(), parents.end());  // the same order whichever search found them
          out.parent_counts.push_back(static_cast<std::uint32_t>(parents.size()));
          out.parents.insert(out.parents.end(), parents.begin(), parents.end());
          out.users.push_back(v);
        }
      }
    }
  });

  ev.trials.resize(m);
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) ev.trials[e] = ev.node_adoptions[u] - blocked[e];

  // Concatenate in block order, then transpose by edge (observations ascending within each edge).
  ev.parent_offsets.push_back(0);
  for (const BlockObservations& block : found) {
    ev.initiators += block.initiators;
    for (std::uint32_t count : block.parent_counts) ev.parent_offsets.push_back(ev.parent_offsets.back() + count);
    ev.parent_edges.insert(ev.parent_edges.end(), block.parents.begin(), block.parents.end());
    ev.observation_user.insert(ev.observation_user.end(), block.users.begin(), block.users.end());
  }
  ev.edge_offsets.assign(static_cast<std::size_t>(m) + 1, 0);
  for (EdgeId e = 0; e < m; ++e) ev.edge_offsets[e + 1] = ev.edge_offsets[e] + ev.propagations[e];
  ev.edge_observations.resize(ev.parent_edges.size());
  std::vector<std::uint64_t> cursor(ev.edge_offsets.begin(), ev.edge_offsets.end() - 1);
  for (std::uint64_t o = 0; o < ev.observations(); ++o)
    for (std::uint64_t k = ev.parent_offsets[o]; k < ev.parent_offsets[o + 1]; ++k)
      ev.edge_observations[cursor[ev.parent_edges[k]]++] = o;
  return ev;
}

std::vector<std::uint8_t> initiator_flags(const InfluenceGraph& g, const Cascades& cascades, double window) {
  check_window(window);
  const std::vector<EdgeId> to_forward = reverse_to_forward(g);
  std::vector<std::uint8_t> flags(cascades.adoptions(), 0);
  tbb::enumerable_thread_specific<ItemMarks> all_marks;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, cascades.size(), 1), [&](const tbb::blocked_range<std::size_t>& range) {
    ItemMarks& marks = all_marks.local();
    for (std::size_t c = range.begin(); c != range.end(); ++c) {
      marks.mark(cascades, c, g.num_nodes());
      for (std::uint64_t i = cascades.offsets[c]; i < cascades.offsets[c + 1]; ++i) {
        const double tv = cascades.times[i];
        bool parent = false;
        for_each_adopting_in_neighbour(g, to_forward, cascades, c, marks, cascades.users[i], [&](NodeId u, EdgeId) {
          const double tu = marks.when[u];
          parent |= tu < tv && tv - tu <= window;
        });
        flags[i] = parent ? 0 : 1;
      }
    }
  });
  return flags;
}

}  // namespace kuchikomi
