// RR-set sampling against exact spreads: the RIS identity I(S) = scale * Pr[RR set meets S] must hold
// for IC, LT, deadlines and target segments; collections must not depend on the thread count.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/physical_memory.hpp"
#include "kuchikomi/selection/max_coverage.hpp"
#include "kuchikomi/selection/ris_sample.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"
#include "support/ris_fixtures.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

using support::two_hubs;

RrCollection sample(const InfluenceGraph& g, RrSamplerConfig config, std::uint64_t count) {
  RrSampler sampler(g, std::move(config));
  RrCollection collection;
  sampler.extend(collection, count);
  return collection;
}

// |estimate - exact| <= 5 standard deviations of a binomial proportion scaled to spread units.
void expect_estimate_matches(const InfluenceGraph& g, DiffusionModelKind model, std::vector<NodeId> seeds,
                             std::uint32_t max_steps, std::vector<NodeId> target) {
  const std::uint64_t sets = 200'000;
  RrSamplerConfig config;
  config.model = model;
  config.max_steps = max_steps;
  config.roots = target;
  config.rng_seed = 42;
  RrSampler sampler(g, config);
  RrCollection collection;
  sampler.extend(collection, sets);
  const double scale = sampler.scale();
  const double estimate = scale * static_cast<double>(count_covered(collection, seeds, g.num_nodes())) / sets;
  std::vector<std::uint8_t> mask;
  if (!target.empty()) {
    mask.assign(g.num_nodes(), 0);
    for (NodeId t : target) mask[t] = 1;
  }
  const double exact =
      support::exact_spread(g, model == DiffusionModelKind::kLinearThreshold, seeds, max_steps, mask);
  const double p = exact / scale;
  const double sigma = scale * std::sqrt(p * (1 - p) / sets);
  EXPECT_NEAR(estimate, exact, 5 * sigma + 1e-9) << "exact " << exact << " sigma " << sigma;
}

TEST(RrSets, IcEstimateMatchesExactSpread) {
  const auto g = two_hubs();
  expect_estimate_matches(g, DiffusionModelKind::kIndependentCascade, {0}, 0, {});
  expect_estimate_matches(g, DiffusionModelKind::kIndependentCascade, {0, 5}, 0, {});
  expect_estimate_matches(g, DiffusionModelKind::kIndependentCascade, {3, 7}, 0, {});
}

TEST(RrSets, LtEstimateMatchesExactSpread) {
  const auto g = two_hubs();
  expect_estimate_matches(g, DiffusionModelKind::kLinearThreshold, {0}, 0, {});
  expect_estimate_matches(g, DiffusionModelKind::kLinearThreshold, {0, 5}, 0, {});
  expect_estimate_matches(g, DiffusionModelKind::kLinearThreshold, {1, 8}, 0, {});
}

TEST(RrSets, TargetSegmentEstimateCountsOnlyTargets) {
  const auto g = two_hubs();
  expect_estimate_matches(g, DiffusionModelKind::kIndependentCascade, {0, 5}, 0, {4, 8, 9});
  expect_estimate_matches(g, DiffusionModelKind::kLinearThreshold, {0, 5}, 0, {4, 8, 9});
}

TEST(RrSets, DeadlineBoundedDepthMatchesExactDeadlineSpread) {
  const auto g = two_hubs();
  for (std::uint32_t steps : {1u, 2u}) {
    expect_estimate_matches(g, DiffusionModelKind::kIndependentCascade, {0, 5}, steps, {});
    expect_estimate_matches(g, DiffusionModelKind::kLinearThreshold, {0, 5}, steps, {});
  }
}

TEST(RrSets, DeadlineActuallyShrinksTheSpread) {
  // Guard that the deadline test above is not vacuous: on this graph 1 step < unbounded.
  const auto g = two_hubs();
  const std::vector<NodeId> seeds{0};
  EXPECT_LT(support::exact_ic_spread(g, seeds, 1) + 0.05, support::exact_ic_spread(g, seeds, 0));
}

TEST(RrSets, SameCollectionForAnyThreadCount) {
  const auto g = two_hubs();
  for (auto model : {DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold}) {
    RrSamplerConfig config;
    config.model = model;
    config.rng_seed = 7;
    const RrCollection serial = support::expect_same_for_thread_counts(
        [&] { return sample(g, config, 100'000); },
        [](const RrCollection& one, const RrCollection& other) {
          EXPECT_EQ(one.offsets, other.offsets);
          EXPECT_EQ(one.nodes, other.nodes);
        });
    EXPECT_EQ(serial.offsets.size(), 100'001u);
  }
}

TEST(RrSets, ExtendingInStepsEqualsOneShot) {
  // Sample i depends on i only, so growing a collection (IMM, OPIM-C) gives the same sets.
  const auto g = two_hubs();
  RrSamplerConfig config;
  RrSampler sampler(g, config);
  RrCollection stepwise;
  sampler.extend(stepwise, 1000);
  sampler.extend(stepwise, 70'000);
  const auto oneshot = sample(g, config, 70'000);
  EXPECT_EQ(stepwise.nodes, oneshot.nodes);
  EXPECT_EQ(stepwise.offsets, oneshot.offsets);
}

TEST(RrSets, DomainsGiveDifferentSamples) {
  const auto g = two_hubs();
  RrSamplerConfig a, b;
  b.domain = StreamDomain::kRrSampleFinal;
  EXPECT_NE(sample(g, a, 1000).nodes, sample(g, b, 1000).nodes);
}

TEST(RrSets, SetsAreDistinctRootedAndWidthIsInDegreeOfMembers) {
  const auto g = two_hubs();
  for (auto model : {DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold}) {
    RrSamplerConfig config;
    config.model = model;
    config.roots = {9};
    const auto c = sample(g, config, 5000);
    ASSERT_EQ(c.size(), 5000u);
    for (std::uint64_t i = 0; i < c.size(); ++i) {
      auto set = c.set(i);
      ASSERT_FALSE(set.empty());
      EXPECT_EQ(set[0], 9u);  // root first
      std::vector<NodeId> sorted(set.begin(), set.end());
      std::sort(sorted.begin(), sorted.end());
      EXPECT_EQ(std::adjacent_find(sorted.begin(), sorted.end()), sorted.end());
    }
  }
}

// The index against a brute-force one (every set scanned for every node), in both encodings, at
// each thread count: one thread walks the sets once per pass, more threads split the nodes into
// ranges. A budget below the plain index's size makes it packed. Rebuilding into a used index and
// scratch, either way round (as RisSample does between OPIM-C rounds), must give the same as a
// fresh build.
TEST(RrSets, IndexListsEachMembershipOnceInSetOrder) {
  const auto g = two_hubs();
  const auto small = sample(g, {}, 20);
  const auto large = sample(g, {}, 40'000);
  auto expect_exact = [&](const RrIndex& index, const RrCollection& c) {
    std::vector<std::vector<std::uint32_t>> expected(g.num_nodes());
    for (std::uint64_t i = 0; i < c.size(); ++i)
      for (NodeId u : c.set(i)) expected[u].push_back(static_cast<std::uint32_t>(i));
    ASSERT_EQ(index.num_nodes(), g.num_nodes());
    for (NodeId u = 0; u < g.num_nodes(); ++u) {
      EXPECT_EQ(index.sets_of(u), expected[u]) << "node " << u;
      EXPECT_EQ(index.count(u), expected[u].size()) << "node " << u;
    }
  };
  const std::uint64_t large_plain = rr_plain_index_bytes(large.nodes.size(), g.num_nodes());
  support::for_thread_counts([&](int) {
    RrIndex index;
    RrIndexScratch scratch;
    build_rr_index(small, g.num_nodes(), index, scratch);
    EXPECT_FALSE(index.packed());
    EXPECT_EQ(index.list_bytes(), 4 * small.nodes.size());
    expect_exact(index, small);
    build_rr_index(large, g.num_nodes(), index, scratch, large_plain - 1);
    EXPECT_TRUE(index.packed());
    EXPECT_LT(index.list_bytes(), 2 * large.nodes.size());  // mostly 1-byte gaps: 40k sets on 10 nodes
    EXPECT_LT(index.memory_bytes() + scratch.memory_bytes(), large_plain);
    expect_exact(index, large);
    build_rr_index(small, g.num_nodes(), index, scratch);
    EXPECT_FALSE(index.packed());
    expect_exact(index, small);
    build_rr_index(large, g.num_nodes(), index, scratch, 2 * large_plain);  // fits with its counters: plain
    EXPECT_FALSE(index.packed());
    expect_exact(index, large);
  });
}

// A budget that the plain index fits exactly but its per-slice counters would pass: plain on one
// slice, at every thread count (not packed, which on a sample this sparse is the larger and would
// be refused): whether a run fits must not depend on the thread count.
TEST(RrSets, IndexFitsPlainOnOneSliceBeforePacking) {
  constexpr NodeId n = 2000;
  RrCollection c;
  for (std::uint32_t i = 0; i < 4000; ++i) {
    c.nodes.push_back((i * 7) % n);
    c.offsets.push_back(c.nodes.size());
  }
  const std::uint64_t plain = rr_plain_index_bytes(c.entries(), n);
  support::for_thread_counts([&](int) {
    RrIndex index;
    RrIndexScratch scratch;
    build_rr_index(c, n, index, scratch, plain);
    EXPECT_FALSE(index.packed());
    EXPECT_TRUE(scratch.histograms.empty());
    for (NodeId u = 0; u < n; u += 97) EXPECT_EQ(index.count(u), 2u) << "node " << u;
    EXPECT_THROW(build_rr_index(c, n, index, scratch, plain - 1), RrIndexOverBudget);
  });
}

// RisSample's second try: the sampler picks a layout from estimates (packed index: 2.5 bytes per
// entry); where the exact packed index is larger (here isolated users, so every RR set is its
// root alone and a node's gaps run to ~10^5, 3 bytes), it does not fit beside plain sets, and
// packing the sets makes room. 10^6 one-node sets on 10^5 nodes, a cap between the plain and the
// packed-index estimates: the greedy picks equal the uncapped sample's, and the sample ends fully
// packed although the sampler only asked for a packed index.
TEST(RrSets, SampleWhoseIndexOutgrowsItsEstimatePacksItsSets) {
  constexpr NodeId n = 100'000;
  constexpr std::uint64_t sets = 1'000'000;
  const InfluenceGraph g = support::make_graph(n, {});
  RrSamplerConfig config;
  const std::uint64_t plain = rr_memory_estimate(sets, sets, n);
  config.max_memory_bytes = rr_memory_estimate(sets, sets, n, RrLayout::kPackedIndex) + 4096;
  ASSERT_LT(config.max_memory_bytes, plain);
  ASSERT_EQ(RrSampler(g, config).check_memory(sets, 1.0), RrLayout::kPackedIndex);
  const std::vector<std::uint8_t> all(n, 1);
  const CoverageRequest request{all, {}, 5, {}, 0, true};
  RisSample capped(g, config, serial_communicator());
  capped.grow_to(sets);
  const CoverageResult packed = capped.max_coverage(request);
  EXPECT_EQ(capped.layout(), RrLayout::kPackedSetsAndIndex);
  RisSample uncapped(g, RrSamplerConfig{}, serial_communicator());
  uncapped.grow_to(sets);
  const CoverageResult expected = uncapped.max_coverage(request);
  EXPECT_EQ(uncapped.layout(), RrLayout::kPlain);
  EXPECT_EQ(packed.seeds, expected.seeds);
  EXPECT_EQ(packed.gains, expected.gains);
  EXPECT_EQ(packed.coverage_upper_bound, expected.coverage_upper_bound);
}

// A budget even the packed index passes is refused before its lists are allocated, with what it
// needs, and leaves an empty index behind.
TEST(RrSets, IndexOverItsBudgetIsRefusedWithItsSize) {
  const auto g = two_hubs();
  const auto c = sample(g, {}, 40'000);
  RrIndex index;
  RrIndexScratch scratch;
  try {
    build_rr_index(c, g.num_nodes(), index, scratch, 1000);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("RR-set index needs about"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("even packed, over the 1000 B"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(index.empty());
}

// A packed collection (each set sorted and gap-coded) holds the same members as the plain one it
// came from, reads the same through for_each_node / any_node, and indexes to the same lists; a
// block packed on its own (as the sampler packs each chunk) appends the same bytes.
TEST(RrSets, PackedSetsHoldTheSameMembers) {
  const auto g = two_hubs();
  const RrCollection plain = sample(g, {}, 5000);
  RrCollection packed = plain;
  packed.pack();
  ASSERT_TRUE(packed.packed);
  EXPECT_TRUE(packed.nodes.empty());
  EXPECT_EQ(packed.size(), plain.size());
  EXPECT_EQ(packed.entries(), plain.entries());
  EXPECT_LT(packed.bytes.size(), 2 * plain.entries());
  for (std::uint64_t i = 0; i < plain.size(); ++i) {
    std::vector<NodeId> expected(plain.set(i).begin(), plain.set(i).end());
    std::sort(expected.begin(), expected.end());
    std::vector<NodeId> got;
    packed.for_each_node(i, [&](NodeId u) { got.push_back(u); });
    ASSERT_EQ(got, expected) << "set " << i;
    for (NodeId probe = 0; probe < g.num_nodes(); ++probe)
      ASSERT_EQ(packed.any_node(i, [&](NodeId u) { return u == probe; }),
                std::binary_search(expected.begin(), expected.end(), probe))
          << "set " << i << " node " << probe;
  }
  support::for_thread_counts([&](int) {
    const RrIndex from_plain = build_rr_index(plain, g.num_nodes());
    const RrIndex from_packed = build_rr_index(packed, g.num_nodes());
    for (NodeId u = 0; u < g.num_nodes(); ++u) EXPECT_EQ(from_packed.sets_of(u), from_plain.sets_of(u)) << "node " << u;
  });
  RrBlock block;
  for (std::uint64_t i = 0; i < plain.size(); ++i) {
    block.nodes.insert(block.nodes.end(), plain.set(i).begin(), plain.set(i).end());
    block.sizes.push_back(plain.set(i).size());
  }
  block.pack();
  EXPECT_EQ(block.bytes, packed.bytes);
  for (std::uint64_t i = 0; i < plain.size(); ++i) EXPECT_EQ(block.sizes[i], packed.offsets[i + 1] - packed.offsets[i]);
}

// Gap coding at the edges of its byte lengths: gaps needing 1, 2, 3 and 4 bytes decode back
// exactly. Sets are empty except where node 0 or 1 appears, so the collection stays small while
// its ids are large.
TEST(RrSets, IndexGapsOfEveryByteLengthDecodeExactly) {
  const std::vector<std::uint32_t> ids0 = {0, 127, 255, 255 + 16384, 255 + 16384 + 2097152};
  // Node 1: eleven gaps of 0, then one of 2^21.
  const std::vector<std::uint32_t> ids1 = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10 + 2097153};
  RrCollection c;
  const std::uint32_t sets = ids0.back() + 1;
  c.offsets.assign(std::size_t{sets} + 1, 0);
  std::size_t a = 0, b = 0;
  for (std::uint32_t i = 0; i < sets; ++i) {
    if (a < ids0.size() && ids0[a] == i) c.nodes.push_back(0), ++a;
    if (b < ids1.size() && ids1[b] == i) c.nodes.push_back(1), ++b;
    c.offsets[i + 1] = c.nodes.size();
  }
  support::for_thread_counts([&](int) {
    RrIndex index;
    RrIndexScratch scratch;
    build_rr_index(c, 2, index, scratch, rr_plain_index_bytes(c.nodes.size(), 2) - 1);
    EXPECT_EQ(index.sets_of(0), ids0);
    EXPECT_EQ(index.sets_of(1), ids1);
    ASSERT_TRUE(index.packed());
    // Node 0's gaps 0, 126, 127, 16383, 2097151 take 1+1+1+2+3 bytes; node 1's, 11 * 1 + 4.
    EXPECT_EQ(index.list_bytes(), 8u + 15u);
  });
}

TEST(RrSets, MemoryCapStopsWithClearMessage) {
  const auto g = two_hubs();
  RrSamplerConfig config;
  config.max_memory_bytes = 64 * 1024;  // far below 10 million sets
  RrSampler sampler(g, config);
  RrCollection c;
  try {
    sampler.extend(c, 10'000'000);
    FAIL() << "expected the memory cap to stop sampling";
  } catch (const InputError& e) {  // the graph makes the request impossible: exit 1
    const std::string what = e.what();
    EXPECT_NE(what.find("10000000 RR sets"), std::string::npos) << what;
    EXPECT_NE(what.find("raise the memory cap or epsilon"), std::string::npos) << what;
  }
  EXPECT_LT(c.size(), 10'000'000u);
}

// Without a cap the machine's memory is the cap: a request no machine can hold (2^50 sets) stops
// at the first chunk with the size it would need, before any set is kept.
TEST(RrSets, WithoutACapTheMachinesMemoryIsTheCap) {
  if (physical_memory_bytes() == std::numeric_limits<std::uint64_t>::max()) GTEST_SKIP() << "the system does not report its memory";
  const auto g = two_hubs();
  RrSampler sampler(g, RrSamplerConfig{});
  RrCollection c;
  try {
    sampler.extend(c, std::uint64_t{1} << 50);
    FAIL() << "expected the machine's memory to stop sampling";
  } catch (const InputError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("1125899906842624 RR sets"), std::string::npos) << what;
    EXPECT_NE(what.find("over this machine's memory of"), std::string::npos) << what;
  }
  EXPECT_EQ(c.size(), 0u);
}

}  // namespace
}  // namespace kuchikomi
