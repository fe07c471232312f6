// Greedy max coverage against brute force on small collections: picks, gains, constraints,
// the budgeted ratio-greedy/best-single rule and the OPIM-C top-k upper bound.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <random>

#include "kuchikomi/selection/max_coverage.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

RrCollection make_collection(const std::vector<std::vector<NodeId>>& sets) {
  RrCollection c;
  for (const auto& s : sets) {
    c.nodes.insert(c.nodes.end(), s.begin(), s.end());
    c.offsets.push_back(c.nodes.size());
  }
  return c;
}

std::uint64_t brute_force_best(const RrCollection& c, NodeId n, std::uint32_t k, const std::vector<std::uint8_t>& allowed) {
  std::uint64_t best = 0;
  std::vector<NodeId> chosen;
  std::function<void(NodeId, std::uint32_t)> recurse = [&](NodeId from, std::uint32_t left) {
    if (left == 0) {
      best = std::max(best, count_covered(c, chosen, n));
      return;
    }
    for (NodeId u = from; u < n; ++u) {
      if (!allowed[u]) continue;
      chosen.push_back(u);
      recurse(u + 1, left - 1);
      chosen.pop_back();
    }
  };
  recurse(0, k);
  return best;
}

TEST(MaxCoverage, PicksLargestThenMarginal) {
  // Node 0 covers 4 sets, node 1 covers 3 of those plus nothing new, node 2 covers 2 new ones.
  const auto c = make_collection({{0, 1}, {0, 1}, {0, 1}, {0}, {2}, {2, 3}, {3}});
  const auto index = build_rr_index(c, 4);
  std::vector<std::uint8_t> all(4, 1);
  CoverageRequest request{all, {}, 2, {}, 0, false};
  const auto r = greedy_max_coverage(c, index, request);
  ASSERT_EQ(r.seeds, (std::vector<NodeId>{0, 2}));  // not 1: its sets are already covered by 0
  EXPECT_EQ(r.gains, (std::vector<std::uint64_t>{4, 2}));
  EXPECT_EQ(r.covered, 6u);
  EXPECT_DOUBLE_EQ(r.fraction(), 6.0 / 7.0);
}

TEST(MaxCoverage, ExcludedNeverPickedAndIncludeCoveredFirst) {
  const auto c = make_collection({{0, 1}, {0, 1}, {0, 1}, {0}, {2}, {2, 3}, {3}});
  const auto index = build_rr_index(c, 4);
  std::vector<std::uint8_t> mask{0, 1, 1, 0};  // 0 excluded, 3 included (so not a candidate)
  const std::vector<NodeId> include{3};
  CoverageRequest request{mask, include, 2, {}, 0, false};
  const auto r = greedy_max_coverage(c, index, request);
  EXPECT_EQ(r.include_gains, (std::vector<std::uint64_t>{2}));
  ASSERT_EQ(r.seeds, (std::vector<NodeId>{1, 2}));  // 2's gain on top of 3 is only set {2}
  EXPECT_EQ(r.gains, (std::vector<std::uint64_t>{3, 1}));
  EXPECT_EQ(r.covered, 6u);
}

// `count` sets of 1..max_size distinct nodes of 0..n-1, drawn from `rng`.
RrCollection random_collection(std::mt19937& rng, NodeId n, std::size_t count, unsigned max_size) {
  std::vector<std::vector<NodeId>> sets(count);
  std::vector<NodeId> pool(n);
  for (auto& s : sets) {
    for (NodeId u = 0; u < n; ++u) pool[u] = u;
    std::shuffle(pool.begin(), pool.end(), rng);
    s.assign(pool.begin(), pool.begin() + 1 + static_cast<long>(rng() % max_size));
  }
  return make_collection(sets);
}

TEST(MaxCoverage, GreedyWithinOneMinusInvEOfBruteForceAndUpperBoundIsValid) {
  std::mt19937 rng(5);
  const NodeId n = 12;
  for (int trial = 0; trial < 40; ++trial) {
    const auto c = random_collection(rng, n, 60, 4);
    const auto index = build_rr_index(c, n);
    std::vector<std::uint8_t> allowed(n, 1);
    allowed[trial % n] = 0;
    for (std::uint32_t k : {1u, 2u, 3u}) {
      CoverageRequest request{allowed, {}, k, {}, 0, true};
      const auto r = greedy_max_coverage(c, index, request);
      const auto best = brute_force_best(c, n, k, allowed);
      EXPECT_EQ(r.covered, count_covered(c, r.seeds, n));
      for (NodeId u : r.seeds) EXPECT_TRUE(allowed[u]);
      EXPECT_GE(static_cast<double>(r.covered), (1 - std::exp(-1.0)) * static_cast<double>(best));
      if (k == 1) { EXPECT_EQ(r.covered, best); }  // one pick is exact
      EXPECT_GE(r.coverage_upper_bound, best);
      EXPECT_LE(static_cast<double>(r.coverage_upper_bound), static_cast<double>(r.covered) / (1 - std::exp(-1.0)) + 1e-9);
    }
  }
}

// OPIM-C's bound (Tang et al. 2018, Sec. 4.2) recomputed the slow way: after each greedy prefix S_i
// (i = 0..k), cov(S_i) plus the k largest marginal coverages of the allowed nodes w.r.t. S_i, all
// counted from the sets; the bound is the smallest. The lazy top-k off the heap must give it exactly.
TEST(MaxCoverage, UpperBoundEqualsMinimumOverPrefixesOfCoveragePlusTopKGains) {
  std::mt19937 rng(9);
  const NodeId n = 40;
  for (int trial = 0; trial < 30; ++trial) {
    const auto c = random_collection(rng, n, 300, 6);
    const auto index = build_rr_index(c, n);
    std::vector<std::uint8_t> allowed(n, 1);
    for (NodeId u = 0; u < n; u += 7) allowed[u] = 0;
    for (std::uint32_t k : {1u, 3u, 8u}) {
      const auto r = greedy_max_coverage(c, index, CoverageRequest{allowed, {}, k, {}, 0, true});
      std::uint64_t expected = UINT64_MAX;
      for (std::size_t i = 0; i <= r.seeds.size(); ++i) {
        const std::vector<NodeId> prefix(r.seeds.begin(), r.seeds.begin() + static_cast<long>(i));
        const std::uint64_t covered = count_covered(c, prefix, n);
        std::vector<std::uint64_t> gains;
        for (NodeId u = 0; u < n; ++u) {
          if (!allowed[u]) continue;
          std::vector<NodeId> with = prefix;
          with.push_back(u);
          gains.push_back(count_covered(c, with, n) - covered);
        }
        std::sort(gains.rbegin(), gains.rend());
        std::uint64_t bound = covered;
        for (std::size_t j = 0; j < std::min<std::size_t>(k, gains.size()); ++j) bound += gains[j];
        expected = std::min(expected, bound);
      }
      EXPECT_EQ(r.coverage_upper_bound, expected) << "trial " << trial << ", k " << k;
    }
  }
}

TEST(MaxCoverage, BudgetedTakesBestSingleWhenRatioGreedyIsFooled) {
  // Cheap node 1 has the best ratio (2 sets for 1) and blocks node 0 (10 sets for 10, budget 10).
  std::vector<std::vector<NodeId>> sets;
  for (int i = 0; i < 10; ++i) sets.push_back({0});
  sets.push_back({1});
  sets.push_back({1});
  const auto c = make_collection(sets);
  const auto index = build_rr_index(c, 2);
  std::vector<std::uint8_t> all(2, 1);
  const std::vector<double> costs{10.0, 1.0};
  CoverageRequest request{all, {}, 0, costs, 10.0, false};
  const auto r = greedy_max_coverage(c, index, request);
  EXPECT_EQ(r.rule, "best-single");
  EXPECT_EQ(r.seeds, (std::vector<NodeId>{0}));
  EXPECT_EQ(r.covered, 10u);
  EXPECT_DOUBLE_EQ(r.budget_spent, 10.0);
}

TEST(MaxCoverage, BudgetedRatioGreedyNeverExceedsBudget) {
  std::mt19937 rng(11);
  const NodeId n = 20;
  std::vector<std::vector<NodeId>> sets(300);
  for (auto& s : sets) s = {static_cast<NodeId>(rng() % n), static_cast<NodeId>(rng() % n)};
  for (auto& s : sets)
    if (s[0] == s[1]) s.pop_back();
  const auto c = make_collection(sets);
  const auto index = build_rr_index(c, n);
  std::vector<double> costs(n);
  for (auto& x : costs) x = 0.5 + static_cast<double>(rng() % 100) / 20.0;
  std::vector<std::uint8_t> all(n, 1);
  for (double budget : {1.0, 3.3, 7.0, 15.0}) {
    CoverageRequest request{all, {}, 0, costs, budget, false};
    const auto r = greedy_max_coverage(c, index, request);
    double spent = 0;
    for (NodeId u : r.seeds) spent += costs[u];
    EXPECT_LE(spent, budget + 1e-9);
    EXPECT_DOUBLE_EQ(spent, r.budget_spent);
    EXPECT_EQ(r.covered, count_covered(c, r.seeds, n));
    EXPECT_FALSE(r.seeds.empty());
  }
}

// Hubs in tens of thousands of sets, as the first picks on a big sample meet them: each pick is the
// naive greedy's (recount every candidate's uncovered sets, largest first, ties to the smaller id),
// and picks, gains and bound are the same at every thread count (the index is built in parallel)
// and with the sets and index packed.
TEST(MaxCoverage, HubsPickWhatNaiveGreedyPicksAtAnyThreadCount) {
  constexpr NodeId n = 300;
  std::mt19937_64 rng(7);
  std::vector<std::vector<NodeId>> sets(60'000);
  for (auto& set : sets) {
    // Node 0 in ~2/3 of the sets, node 1 in ~1/2, node 2 in ~1/3: lists far above the split size.
    for (NodeId hub = 0; hub < 3; ++hub)
      if (std::uniform_int_distribution<int>(0, 5)(rng) < 4 - static_cast<int>(hub)) set.push_back(hub);
    const int extra = std::uniform_int_distribution<int>(0, 4)(rng);
    for (int i = 0; i < extra; ++i) {
      const NodeId u = std::uniform_int_distribution<NodeId>(3, n - 1)(rng);
      if (std::find(set.begin(), set.end(), u) == set.end()) set.push_back(u);
    }
    if (set.empty()) set.push_back(std::uniform_int_distribution<NodeId>(3, n - 1)(rng));
  }
  const RrCollection c = make_collection(sets);
  const RrIndex index = build_rr_index(c, n);
  const std::vector<std::uint8_t> all(n, 1);
  const CoverageRequest request{all, {}, 12, {}, 0, true};
  struct Picks {
    std::vector<NodeId> seeds;
    std::vector<std::uint64_t> gains;
    std::uint64_t covered, bound;
    bool operator==(const Picks&) const = default;
  };
  const Picks serial = support::expect_same_for_thread_counts([&] {
    const CoverageResult r = greedy_max_coverage(c, index, request);
    return Picks{r.seeds, r.gains, r.covered, r.coverage_upper_bound};
  });
  ASSERT_GT(index.sets_of(0).size(), 30'000u);  // a hub indeed
  // The same picks, gains, bound and counts with the sets and the index packed (rr_sets.hpp,
  // rr_index.hpp: the layouts a tight memory cap chooses).
  RrCollection packed = c;
  packed.pack();
  RrIndex packed_index;
  RrIndexScratch scratch;
  build_rr_index(packed, n, packed_index, scratch, rr_plain_index_bytes(packed.entries(), n) - 1);
  ASSERT_TRUE(packed_index.packed());
  const CoverageResult p = greedy_max_coverage(packed, packed_index, request);
  EXPECT_EQ((Picks{p.seeds, p.gains, p.covered, p.coverage_upper_bound}), serial);
  EXPECT_EQ(count_covered(packed, serial.seeds, n), count_covered(c, serial.seeds, n));
  EXPECT_EQ(prefix_coverage(packed, serial.seeds, n), prefix_coverage(c, serial.seeds, n));
  std::vector<std::uint8_t> covered(sets.size(), 0);
  for (std::size_t pick = 0; pick < serial.seeds.size(); ++pick) {
    std::vector<std::uint64_t> gain(n, 0);
    for (std::size_t s = 0; s < sets.size(); ++s)
      if (!covered[s])
        for (NodeId u : sets[s]) ++gain[u];
    const NodeId best = static_cast<NodeId>(std::max_element(gain.begin(), gain.end()) - gain.begin());
    EXPECT_EQ(serial.seeds[pick], best) << "pick " << pick;
    EXPECT_EQ(serial.gains[pick], gain[best]) << "pick " << pick;
    for (std::size_t s = 0; s < sets.size(); ++s)
      if (std::find(sets[s].begin(), sets[s].end(), best) != sets[s].end()) covered[s] = 1;
  }
}

}  // namespace
}  // namespace kuchikomi
