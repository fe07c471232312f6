// A diffusion model that exists only in this file runs through the simulation engine and the RR
// sampler unchanged (issue 12: a model owns everything specific to it). The model is a *dampened*
// cascade: independent cascade in which every influence attempt succeeds with half the edge's
// probability (word of mouth that is passed on, but less eagerly). Nothing in src/ knows it; it is
// plugged in through run_cascade<Model> and RrSampler::for_model<Model>.
//
// Truth: the dampened cascade on G is IC on G with every probability halved, whose expected spread
// the live-edge enumeration of exact_spread.hpp gives exactly. Both the forward simulation and the
// RR sets are checked against it within 4.5 standard errors (a fixed seed; the chance that a correct
// engine fails one check is below 1e-5).
//
//    0 --0.8--> 1 --0.6--> 3 --0.9--> 4
//    |          ^          ^
//   0.5        0.4        0.7
//    v          |          |
//    2 ---------+          5
#include <gtest/gtest.h>

#include <cmath>
#include <span>
#include <vector>

#include "support/exact_spread.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/cascade_engine.hpp"
#include "kuchikomi/diffusion/diffusion_model.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

struct DampenedCascade {
  static constexpr std::string_view kName = "dampened";
  static constexpr std::string_view kShortName = "DC";
  static constexpr std::string_view kDisplayName = "dampened cascade";
  static constexpr bool kSubmodularPerWorld = true;
  static constexpr bool kNeedsInSumsAtMostOne = false;
  struct Scratch {};

  static void check_applicable(const InfluenceGraph&) {}
  static void prepare(Scratch&, const InfluenceGraph&) {}
  static void begin_run(Scratch&, std::uint64_t) {}
  static std::uint64_t spread_from(const InfluenceGraph& g, Scratch&, std::uint64_t key, NodeId u,
                                   ActivationFrontier& frontier) {
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e)
      if (to_unit_float(value_at(key, e)) < 0.5f * g.out_prob[e] && !frontier.is_active(g.out_targets[e]))
        frontier.activate(g.out_targets[e]);
    return g.out_degree(u);
  }
  struct ReverseIndex {};
  static ReverseIndex build_reverse_index(const InfluenceGraph&) { return {}; }
  static void sample_reverse(const InfluenceGraph& g, const ReverseIndex&, NodeId root, RandomStream& rng, std::uint32_t,
                             ReverseScratch& scratch, std::vector<NodeId>& out) {
    const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
    std::size_t head = out.size();
    out.push_back(root);
    scratch.stamp[root] = mark;
    while (head < out.size()) {
      const NodeId v = out[head++];
      for (EdgeId e = g.in_offsets[v]; e < g.in_offsets[v + 1]; ++e)
        if (rng.next_float() < 0.5f * g.in_prob[e] && scratch.stamp[g.in_sources[e]] != mark) {
          scratch.stamp[g.in_sources[e]] = mark;
          out.push_back(g.in_sources[e]);
        }
    }
  }
};
static_assert(DiffusionModel<DampenedCascade>);

InfluenceGraph example() {
  return support::make_graph(6, {{0, 1, 0.8f}, {1, 3, 0.6f}, {3, 4, 0.9f}, {0, 2, 0.5f}, {2, 1, 0.4f}, {5, 3, 0.7f}});
}

InfluenceGraph halved(InfluenceGraph g) {
  for (float& p : g.out_prob) p *= 0.5f;
  g.rebuild_reverse();
  return g;
}

struct Sum {
  std::uint64_t count = 0;
  void on_round(std::uint32_t, std::span<const NodeId> nodes) { count += nodes.size(); }
};

TEST(ThirdModel, SimulatesThroughTheCascadeEngine) {
  const InfluenceGraph g = example();
  const std::vector<NodeId> seeds{0};
  const double truth = support::exact_ic_spread(halved(g), seeds);
  CascadeWorkspace workspace;
  workspace.prepare(g.num_nodes());
  DampenedCascade::Scratch scratch;
  constexpr std::uint64_t kRuns = 200'000;
  double sum = 0, sum_squares = 0;
  for (std::uint64_t r = 0; r < kRuns; ++r) {
    Sum reached;
    run_cascade<DampenedCascade>(g, workspace, scratch, seeds, stream_key(11, StreamDomain::kSimulationRun, r), 0,
                                 reached);
    sum += static_cast<double>(reached.count);
    sum_squares += static_cast<double>(reached.count * reached.count);
  }
  const double mean = sum / kRuns;
  const double standard_error = std::sqrt((sum_squares / kRuns - mean * mean) / kRuns);
  EXPECT_NEAR(mean, truth, 4.5 * standard_error) << "exact " << truth;
  EXPECT_LT(truth, support::exact_ic_spread(g, seeds));  // and it is not IC's own spread
}

// Pr[v in RR set] = sigma({v}) / n (Borgs et al.): the hit frequency of every node must match the
// exact single-seed spread of the halved graph.
TEST(ThirdModel, SamplesReverseReachableSetsThroughTheSampler) {
  const InfluenceGraph g = example();
  const InfluenceGraph truth_graph = halved(g);
  RrSamplerConfig config;
  config.rng_seed = 5;
  const RrSampler sampler = RrSampler::for_model<DampenedCascade>(g, config);
  RrCollection sets;
  constexpr std::uint64_t kSets = 300'000;
  sampler.extend(sets, kSets);
  std::vector<std::uint64_t> hits(g.num_nodes(), 0);
  for (std::uint64_t s = 0; s < sets.size(); ++s)
    for (NodeId v : sets.set(s)) ++hits[v];
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const std::vector<NodeId> seed{v};
    const double p = support::exact_ic_spread(truth_graph, seed) / g.num_nodes();
    const double frequency = static_cast<double>(hits[v]) / kSets;
    EXPECT_NEAR(frequency, p, 4.5 * std::sqrt(p * (1 - p) / kSets)) << "node " << v;
  }
}

}  // namespace
}  // namespace kuchikomi
