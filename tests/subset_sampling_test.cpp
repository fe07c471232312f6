// Subset sampling (independent_cascade.hpp: geometric jumps for equal in-probabilities, the
// decreasing-envelope method for differing ones, coins at 0.2 and above) must draw RR sets from the
// same distribution as a coin per in-edge (Borgs et al.'s definition).
//
// Truth 1, exact: on small graphs Pr[v in RR set] = sigma({v}) / n, sigma by enumerating live-edge
// worlds (exact_spread.hpp).
// Truth 2, one node's in-edges: a root whose d in-neighbours have no in-edges themselves, sampled a
// million times from that root. Each in-edge must be live with its probability (frequency within
// 5.5 standard deviations) and pairs of in-edges independently (co-occurrence = product), which is
// what the jump and envelope methods have to get exactly right: a 5% bias in the jump length or the
// acceptance test fails it.
// Truth 3, reference sampler: on larger graphs with hubs of in-degree in the hundreds (where jumps
// skip most edges) the per-node hit frequencies of the production sampler and of a plain
// coin-per-edge reverse BFS written here must agree. Each comparison allows 5.5 standard deviations
// of the difference of two binomial proportions; with a few thousand nodes compared per graph, a
// correct sampler fails a check with probability below 1e-4 (fixed seeds: the run is reproducible).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <string>
#include <utility>
#include <random>
#include <vector>

#include "support/exact_spread.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/independent_cascade.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

std::vector<std::uint64_t> hits_of(const InfluenceGraph& g, std::uint64_t sets, std::uint64_t seed) {
  RrSamplerConfig config;
  config.rng_seed = seed;
  RrCollection collection;
  RrSampler(g, config).extend(collection, sets);
  std::vector<std::uint64_t> hits(g.num_nodes(), 0);
  for (NodeId v : collection.nodes) ++hits[v];
  return hits;
}

// The definition: reverse BFS flipping one coin per examined in-edge.
std::vector<std::uint64_t> reference_hits(const InfluenceGraph& g, std::uint64_t sets, std::uint64_t seed) {
  std::vector<std::uint64_t> hits(g.num_nodes(), 0);
  std::vector<std::uint32_t> seen(g.num_nodes(), 0);
  std::vector<NodeId> queue;
  for (std::uint64_t i = 0; i < sets; ++i) {
    RandomStream rng(stream_key(seed, StreamDomain::kRrSample, i));
    const auto root = static_cast<NodeId>(rng.next_below(g.num_nodes()));
    const auto mark = static_cast<std::uint32_t>(i + 1);
    queue.assign(1, root);
    seen[root] = mark;
    for (std::size_t head = 0; head < queue.size(); ++head) {
      const NodeId v = queue[head];
      for (EdgeId e = g.in_offsets[v]; e < g.in_offsets[v + 1]; ++e)
        if (rng.next_double() < g.in_prob[e] && seen[g.in_sources[e]] != mark) {
          seen[g.in_sources[e]] = mark;
          queue.push_back(g.in_sources[e]);
        }
    }
    for (NodeId v : queue) ++hits[v];
  }
  return hits;
}

//   0 --.05--> 4 <--.05-- 1      a node of in-degree 4 with equal small probabilities (jumps),
//   2 --.05--> 4 <--.05-- 3      and one (5) with differing ones, some above the coin threshold
//   0 --.5--> 5 <--.02-- 1,   2 --.15--> 5 <--.3-- 3,   4 --.07--> 5,   5 --.6--> 6
TEST(SubsetSampling, HitFrequenciesMatchExactSpreadsOnSmallGraphs) {
  const InfluenceGraph g = support::make_graph(7, {{0, 4, 0.05f}, {1, 4, 0.05f}, {2, 4, 0.05f}, {3, 4, 0.05f},
                                                    {0, 5, 0.5f}, {1, 5, 0.02f}, {2, 5, 0.15f}, {3, 5, 0.3f},
                                                    {4, 5, 0.07f}, {5, 6, 0.6f}});
  constexpr std::uint64_t kSets = 400'000;
  const auto hits = hits_of(g, kSets, 3);
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const std::vector<NodeId> seed{v};
    const double p = support::exact_ic_spread(g, seed) / g.num_nodes();
    EXPECT_NEAR(static_cast<double>(hits[v]) / kSets, p, 5.5 * std::sqrt(p * (1 - p) / kSets)) << "node " << v;
  }
}

// Node 0 with in-edges from 1..d, probabilities probability(i, rng).
template <class Probability>
void expect_star_exact(std::uint32_t d, std::uint64_t seed, Probability probability, const char* what) {
  std::mt19937_64 rng(seed);
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  std::vector<float> p(d + 1, 0.0f);
  for (NodeId i = 1; i <= d; ++i) edges.emplace_back(i, 0, p[i] = probability(i, rng));
  const InfluenceGraph g = support::make_graph(d + 1, edges);
  constexpr std::uint64_t kSamples = 1'000'000;
  RrSamplerConfig config;
  config.rng_seed = seed;
  config.roots = {0};
  RrCollection sets;
  RrSampler(g, config).extend(sets, kSamples);
  std::vector<std::uint64_t> hits(d + 1, 0), pairs(d + 1, 0);  // pairs[i]: i and i+1 (cyclically) both live
  std::vector<std::uint8_t> live(d + 2, 0);
  for (std::uint64_t s = 0; s < sets.size(); ++s) {
    for (NodeId v : sets.set(s)) live[v] = 1, ++hits[v];
    for (NodeId i = 1; i <= d; ++i) pairs[i] += live[i] & live[i == d ? 1 : i + 1];
    for (NodeId v : sets.set(s)) live[v] = 0;
  }
  for (NodeId i = 1; i <= d; ++i) {
    const double q = p[i], frequency = static_cast<double>(hits[i]) / kSamples;
    ASSERT_NEAR(frequency, q, 5.5 * std::sqrt(q * (1 - q) / kSamples) + 1e-7) << what << ", in-edge " << i;
    const double both = q * p[i == d ? 1 : i + 1], joint = static_cast<double>(pairs[i]) / kSamples;
    ASSERT_NEAR(joint, both, 5.5 * std::sqrt(both * (1 - both) / kSamples) + 1e-7) << what << ", pair " << i;
  }
}

TEST(SubsetSampling, EveryInEdgeLiveWithItsProbabilityAndIndependently) {
  expect_star_exact(300, 1, [](NodeId, auto&) { return 1.0f / 300; }, "wc 1/300 (jumps)");
  expect_star_exact(40, 2, [](NodeId, auto&) { return 0.05f; }, "uniform 0.05 (jumps)");
  expect_star_exact(40, 3, [](NodeId, auto&) { return 0.35f; }, "uniform 0.35 (coins)");
  expect_star_exact(300, 4, [](NodeId i, auto&) { return std::array{0.1f, 0.01f, 0.001f}[i % 3]; },
                    "trivalency (envelopes)");
  expect_star_exact(200, 5, [](NodeId, auto& rng) { return std::uniform_real_distribution<float>(0, 0.05f)(rng); },
                    "continuous (envelopes)");
  expect_star_exact(100, 6, [](NodeId i, auto&) { return i % 7 == 0 ? 0.45f : 0.004f * static_cast<float>(i % 5); },
                    "coins, envelopes and zeros");
}

// A random graph with `hubs` nodes of in-degree ~hub_degree, the rest sparse; probabilities from
// `probability(rng, in_degree)`.
template <class Probability>
InfluenceGraph hub_graph(NodeId n, NodeId hubs, std::uint32_t hub_degree, std::uint64_t seed, Probability probability) {
  std::mt19937_64 rng(seed);
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  std::uniform_int_distribution<NodeId> node(0, n - 1);
  for (NodeId v = 0; v < n; ++v) {
    const std::uint32_t degree = v < hubs ? hub_degree : 3;
    std::vector<NodeId> sources;
    while (sources.size() < degree) {
      const NodeId u = node(rng);
      if (u != v && std::find(sources.begin(), sources.end(), u) == sources.end()) sources.push_back(u);
    }
    for (NodeId u : sources) edges.emplace_back(u, v, probability(rng, degree));
  }
  return support::make_graph(n, edges);
}

void expect_same_distribution(const InfluenceGraph& g, const char* what) {
  constexpr std::uint64_t kSets = 150'000;
  const auto fast = hits_of(g, kSets, 11), slow = reference_hits(g, kSets, 12);
  std::uint64_t fast_total = 0, slow_total = 0;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    fast_total += fast[v];
    slow_total += slow[v];
    const double a = static_cast<double>(fast[v]) / kSets, b = static_cast<double>(slow[v]) / kSets;
    const double p = (a + b) / 2;
    const double sigma = std::sqrt(2 * p * (1 - p) / kSets) + 1.0 / kSets;
    ASSERT_NEAR(a, b, 5.5 * sigma) << what << ", node " << v;
  }
  // Mean set size: a sum over nodes, checked with the spread of the set sizes bounded by n.
  const double mean_fast = static_cast<double>(fast_total) / kSets, mean_slow = static_cast<double>(slow_total) / kSets;
  EXPECT_NEAR(mean_fast, mean_slow, 0.02 * mean_slow + 0.05) << what;
}

// The reverse index itself, checked node by node (a serial verifier): a node whose in-edges share
// one probability p keeps ln(1 - p) (0 for none or p = 0); one whose in-edges differ keeps 1 + the
// start of its own in-edges in the sorted arrays, by decreasing probability, ties by source.
//
//   0 --.5--> 2 <--.3-- 1        2: differs (.5, .3)      4: differs (.4, .2)
//   0 --.4--> 4 <--.2-- 2        3: one in-edge (.25)     5: equal (.1, .1)
//   0 --.25-> 3    3 --.1--> 5 <--.1-- 4                  6: differs (.7, .7, .9)
//   5 --.7--> 6 <--.7-- 0, 3 --.9--> 6                    0, 1: no in-edges
TEST(SubsetSampling, ReverseIndexKeepsEachNodesRule) {
  const auto g = support::make_graph(7, {{0, 2, .5f}, {1, 2, .3f}, {0, 4, .4f}, {2, 4, .2f}, {0, 3, .25f}, {3, 5, .1f},
                                {4, 5, .1f}, {5, 6, .7f}, {0, 6, .7f}, {3, 6, .9f}});
  const auto index = IndependentCascade::build_reverse_index(g);
  using Index = IndependentCascade::ReverseIndex;
  ASSERT_EQ(index.log_skip.size(), 7u);
  EXPECT_EQ(index.log_skip[0], 0.0);
  EXPECT_EQ(index.log_skip[1], 0.0);
  EXPECT_DOUBLE_EQ(index.log_skip[3], std::log1p(-0.25));
  EXPECT_DOUBLE_EQ(index.log_skip[5], std::log1p(-static_cast<double>(0.1f)));
  const std::vector<std::pair<NodeId, std::vector<std::pair<NodeId, float>>>> differing = {
      {2, {{0, .5f}, {1, .3f}}}, {4, {{0, .4f}, {2, .2f}}}, {6, {{3, .9f}, {0, .7f}, {5, .7f}}}};
  std::size_t sorted = 0;
  for (const auto& [v, expected] : differing) {
    SCOPED_TRACE("node " + std::to_string(v));
    ASSERT_TRUE(Index::differs(index.log_skip[v]));
    const EdgeId start = Index::sorted_start(index.log_skip[v]);
    ASSERT_LE(start + expected.size(), index.sorted_source.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
      EXPECT_EQ(index.sorted_source[start + i], expected[i].first);
      EXPECT_EQ(index.sorted_prob[start + i], expected[i].second);
    }
    sorted += expected.size();
  }
  EXPECT_EQ(index.sorted_source.size(), sorted);  // only the differing nodes' in-edges
  for (NodeId v : {0u, 1u, 3u, 5u}) EXPECT_FALSE(Index::differs(index.log_skip[v])) << v;
}

TEST(SubsetSampling, SameDistributionAsCoinsForEqualProbabilities) {  // weighted cascade on unit weights
  expect_same_distribution(hub_graph(2000, 20, 400, 1, [](auto&, std::uint32_t d) { return 1.0f / static_cast<float>(d); }), "wc");
  expect_same_distribution(hub_graph(2000, 20, 400, 2, [](auto&, std::uint32_t) { return 0.01f; }), "uniform 0.01");
  expect_same_distribution(hub_graph(2000, 20, 400, 3, [](auto&, std::uint32_t) { return 0.25f; }), "uniform 0.25");
}

TEST(SubsetSampling, SameDistributionAsCoinsForDifferingProbabilities) {
  expect_same_distribution(hub_graph(2000, 20, 400, 4,
                                     [](auto& rng, std::uint32_t) {
                                       constexpr float kLevels[3] = {0.1f, 0.01f, 0.001f};
                                       return kLevels[rng() % 3];
                                     }),
                           "trivalency");
  expect_same_distribution(hub_graph(2000, 20, 400, 5,
                                     [](auto& rng, std::uint32_t d) {
                                       // skewed weights normalised per node: a few large, many tiny
                                       std::exponential_distribution<float> w(1.0f);
                                       return std::min(1.0f, w(rng) * w(rng) / static_cast<float>(d));
                                     }),
                           "skewed");
  expect_same_distribution(hub_graph(2000, 20, 400, 6,
                                     [](auto& rng, std::uint32_t) { return (rng() % 10 == 0) ? 0.6f : 0.003f; }),
                           "mixed with coins");
}

}  // namespace
}  // namespace kuchikomi
