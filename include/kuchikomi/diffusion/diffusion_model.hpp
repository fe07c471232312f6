// The small interface every diffusion model implements, and the engine-owned state it works on.
//
// Kempe, Kleinberg, Tardos, "Maximizing the spread of influence through a social network", KDD 2003,
// define both classic models as discrete rounds: seeds are active in round 0; in round t every node
// that became active in round t-1 acts on its out-neighbours once. The engine (cascade_engine.hpp)
// owns that loop; a model says what happens when one newly active node u acts, and how to draw one
// reverse-reachable set (Borgs et al., SODA 2014) for the RIS selection algorithms:
//
//   struct MyModel {
//     static constexpr DiffusionModelKind kKind = ...;   // its value in model_kind.hpp (built-in models)
//     static constexpr std::string_view kName = "...";  // CLI spelling, lower case
//     static constexpr std::string_view kShortName = "..";     // in guarantee texts
//     static constexpr std::string_view kDisplayName = "...";  // in reports
//     static constexpr bool kSubmodularPerWorld = ...;  // spread in one simulated world (one key) is
//                                                       // submodular in the seed set: greedy on
//                                                       // common worlds then keeps its (1-1/e)
//     static constexpr bool kNeedsInSumsAtMostOne = ...;
//     struct Scratch { ... };                           // per-thread state, reused across runs
//     static void check_applicable(const InfluenceGraph&);   // throw InputError if the model can't run
//     static void prepare(Scratch&, const InfluenceGraph&);  // size scratch for the graph (idempotent)
//     static void begin_run(Scratch&, std::uint64_t key);    // O(1) reset (epoch counters)
//     static std::uint64_t spread_from(const InfluenceGraph&, Scratch&, std::uint64_t key, NodeId u,
//                                      ActivationFrontier&);  // returns edges examined
//     struct ReverseIndex { ... };                      // what reverse sampling reads besides the
//     static ReverseIndex build_reverse_index(const InfluenceGraph&);   // graph, built once per graph
//     static void sample_reverse(const InfluenceGraph&, const ReverseIndex&, NodeId root, RandomStream&,
//                                std::uint32_t max_steps, ReverseScratch&,
//                                std::vector<NodeId>& out);  // appends one RR set
//     // optional: the same, ending at the first node u with stop[u] != 0 and keeping {u} alone (HIST's
//     // truncated sets); without it the sampler draws the whole set and cuts it afterwards
//     static void sample_reverse_until(..., std::vector<NodeId>& out, const std::uint8_t* stop);
//   };
//
// Everything is static and the engines are templates over the model, so the hot loops have no
// virtual call. Adding a model (SIR, ...) = one header with such a struct, one enum value and one
// entry in model_list.hpp; simulation, RR sampling, greedy's guarantee and the names shown to users
// all follow from it. A model used only in code (a test, an experiment) needs no kKind: it runs
// through run_cascade<Model> and RrSampler::for_model<Model> directly.
//
// Determinism rule for models: every random decision of a simulation run is drawn with
// value_at(key, index) where the index names *what* is decided (an edge, a node), never how many
// draws came before. Then the outcome of run r does not depend on the order in which the frontier
// is processed, and two seed sets simulated with the same key see the same world. An RR set is drawn
// from its own stream, keyed by the sample's index (rr_sampler.hpp).
#pragma once
#include <algorithm>
#include <concepts>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/model_kind.hpp"
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

// Per-thread state of reverse sampling: a visit stamp per node (stamp[v] == current: v is in the set
// being drawn), so a new set costs O(1) instead of clearing n marks.
struct ReverseScratch {
  std::vector<std::uint32_t> stamp;
  std::uint32_t current = 0;
  // Starts a new set on a graph of n nodes; returns its stamp.
  std::uint32_t next_stamp(std::size_t n) {
    if (stamp.size() != n) stamp.assign(n, 0), current = 0;
    if (++current == 0) std::fill(stamp.begin(), stamp.end(), 0), current = 1;
    return current;
  }
};

template <class M>
concept DiffusionModel =
    std::default_initializable<typename M::Scratch> &&
    requires(const InfluenceGraph& graph, typename M::Scratch& scratch, std::uint64_t key, NodeId u,
             ActivationFrontier& frontier, RandomStream& rng, ReverseScratch& reverse, std::vector<NodeId>& out) {
      { M::kName } -> std::convertible_to<std::string_view>;
      { M::kShortName } -> std::convertible_to<std::string_view>;
      { M::kDisplayName } -> std::convertible_to<std::string_view>;
      { M::kSubmodularPerWorld } -> std::convertible_to<bool>;
      { M::kNeedsInSumsAtMostOne } -> std::convertible_to<bool>;
      M::check_applicable(graph);
      M::prepare(scratch, graph);
      M::begin_run(scratch, key);
      { M::spread_from(graph, scratch, key, u, frontier) } -> std::same_as<std::uint64_t>;
      { M::build_reverse_index(graph) } -> std::same_as<typename M::ReverseIndex>;
      M::sample_reverse(graph, std::declval<const typename M::ReverseIndex&>(), u, rng, std::uint32_t{0}, reverse, out);
    };

// A model of the built-in list: it also has a value of DiffusionModelKind.
template <class M>
concept BuiltInDiffusionModel = DiffusionModel<M> && requires {
  { M::kKind } -> std::convertible_to<DiffusionModelKind>;
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
