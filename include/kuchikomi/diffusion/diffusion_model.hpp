// The small interface every diffusion model implements, and the engine-owned state it works on.
//
// Kempe, Kleinberg, Tardos, "Maximizing the spread of influence through a social network", KDD 2003,
// define both classic models as discrete rounds: seeds are active in round 0; in round t every node
// that became active in round t-1 acts on its out-neighbours once. The engine (cascade_engine.hpp)
// owns that loop; a model only says what happens when one newly active node u acts:
//
//   struct MyModel {
//     static constexpr DiffusionModelKind kKind = ...;   // enum value (monte_carlo.hpp)
//     static constexpr std::string_view kName = "...";  // CLI spelling, lower case
//     struct Scratch { ... };                           // per-thread state, reused across runs
//     static void check_applicable(const InfluenceGraph&);   // throw UsageError if the model can't run
//     static void prepare(Scratch&, const InfluenceGraph&);  // size scratch for the graph (idempotent)
//     static void begin_run(Scratch&, std::uint64_t key);    // O(1) reset (epoch counters)
//     static std::uint64_t spread_from(const InfluenceGraph&, Scratch&, std::uint64_t key, NodeId u,
//                                      ActivationFrontier&);  // returns edges examined
//   };
//
// Everything is static and the engine is a template over the model, so the hot loop has no virtual
// call. Adding a model (SIR, ...) = one header with such a struct, one enum value and one entry in
// model_list.hpp.
//
// Determinism rule for models: every random decision is drawn with value_at(key, index) where the
// index names *what* is decided (an edge, a node), never how many draws came before. Then the
// outcome of run r does not depend on the order in which the frontier is processed, and two seed
// sets simulated with the same key see the same world.
#pragma once
#include <algorithm>
#include <concepts>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// Active marks of one run plus the list of nodes activated in the round being built. Owned by the
// engine's per-thread workspace; epoch-stamped so a new run costs O(1) instead of clearing n marks.
// Invariant: a node is in `next` at most once per run (activate() is only called on inactive nodes).
class ActivationFrontier {
 public:
  ActivationFrontier(std::uint32_t* marks, std::uint32_t epoch, NodeId* next) noexcept
      : marks_(marks), epoch_(epoch), next_(next) {}
  bool is_active(NodeId v) const noexcept { return marks_[v] == epoch_; }
  // Precondition: !is_active(v). v becomes active in the round being built.
  void activate(NodeId v) noexcept {
    marks_[v] = epoch_;
    next_[size_++] = v;
  }
  std::uint32_t size() const noexcept { return size_; }

 private:
  std::uint32_t* marks_;
  std::uint32_t epoch_;
  NodeId* next_;
  std::uint32_t size_ = 0;
};

template <class M>
concept DiffusionModel =
    std::default_initializable<typename M::Scratch> &&
    requires(const InfluenceGraph& graph, typename M::Scratch& scratch, std::uint64_t key, NodeId u,
             ActivationFrontier& frontier) {
      { M::kKind } -> std::convertible_to<DiffusionModelKind>;
      { M::kName } -> std::convertible_to<std::string_view>;
      M::check_applicable(graph);
      M::prepare(scratch, graph);
      M::begin_run(scratch, key);
      { M::spread_from(graph, scratch, key, u, frontier) } -> std::same_as<std::uint64_t>;
    };

// Epoch counter shared by the engine and models: bumps the epoch and clears `marks` only when the
// 32-bit counter wraps (every 4 billion runs), so stale marks can never look current.
inline std::uint32_t next_epoch(std::uint32_t& epoch, std::vector<std::uint32_t>& marks) {
  if (++epoch == 0) {
    std::fill(marks.begin(), marks.end(), 0u);
    epoch = 1;
  }
  return epoch;
}

}  // namespace kuchikomi
