// Distributed RIS without MPI: P threads, each a "rank" with its own Communicator that sums through
// shared memory, run the distributed code paths. Truth is the serial code: the ranks' samples are
// exactly the serial sample split by index, distributed greedy equals serial greedy (picks, gains,
// bounds, budgeted rules), and whole IMM / OPIM-C runs equal the serial runs for P = 1..4.
// (The MPI transport itself is checked end to end in distributed_select_test.cpp.)
#include <gtest/gtest.h>

#include <barrier>
#include <functional>
#include <thread>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/campaign.hpp"
#include "kuchikomi/selection/distributed_coverage.hpp"
#include "kuchikomi/selection/opim_c.hpp"
#include "kuchikomi/selection/ris_common.hpp"
#include "kuchikomi/selection/rr_sampler.hpp"

namespace kuchikomi {
namespace {

// Ranks as threads: reductions through shared slots and a barrier.
struct Team {
  explicit Team(int ranks) : size(ranks), barrier(ranks), slots(ranks), failed(ranks, 0) {}
  int size;
  std::barrier<> barrier;
  std::vector<std::span<std::uint64_t>> slots;
  std::vector<std::span<const std::uint64_t>> parts = std::vector<std::span<const std::uint64_t>>(size);
  std::vector<std::uint64_t> result;
  std::vector<int> failed;
};

class TeamCommunicator final : public Communicator {
 public:
  TeamCommunicator(Team& team, int rank) : team_(team), rank_(rank) {}
  int rank() const noexcept override { return rank_; }
  int size() const noexcept override { return team_.size; }
  bool distributed() const noexcept override { return true; }
  void allreduce_sum(std::span<std::uint64_t> values) override {
    reduce(values, [](std::uint64_t a, std::uint64_t b) { return a + b; });
  }
  void allreduce_max(std::span<std::uint64_t> values) override {
    reduce(values, [](std::uint64_t a, std::uint64_t b) { return std::max(a, b); });
  }
  std::vector<std::uint64_t> allgather(std::span<const std::uint64_t> local) override {
    team_.parts[rank_] = local;
    team_.barrier.arrive_and_wait();
    std::vector<std::uint64_t> all;
    for (const auto& part : team_.parts) all.insert(all.end(), part.begin(), part.end());
    count_gather(local.size_bytes(), all.size() * 8);
    team_.barrier.arrive_and_wait();  // parts stay valid until everyone has copied them
    return all;
  }
  void agree(std::exception_ptr error, int code) override {
    count_agreement();
    team_.failed[rank_] = error ? code : 0;
    team_.barrier.arrive_and_wait();
    int first = -1;
    for (int r = 0; r < team_.size && first < 0; ++r)
      if (team_.failed[r]) first = r;
    const int first_code = first >= 0 ? team_.failed[first] : 0;
    team_.barrier.arrive_and_wait();
    if (first < 0) return;
    mark_failure_agreed();
    if (first == rank_) std::rethrow_exception(error);
    throw PeerFailure(first, first_code);
  }
  [[noreturn]] void abort(int) override { std::abort(); }

 private:
  void reduce(std::span<std::uint64_t> values, const std::function<std::uint64_t(std::uint64_t, std::uint64_t)>& op) {
    count_reduction(values.size_bytes());
    team_.slots[rank_] = values;
    team_.barrier.arrive_and_wait();
    if (rank_ == 0) {
      team_.result.assign(values.begin(), values.end());
      for (int r = 1; r < team_.size; ++r) {
        EXPECT_EQ(team_.slots[r].size(), values.size()) << "ranks disagree on a reduction's size";
        for (std::size_t i = 0; i < values.size(); ++i) team_.result[i] = op(team_.result[i], team_.slots[r][i]);
      }
    }
    team_.barrier.arrive_and_wait();
    std::copy(team_.result.begin(), team_.result.end(), values.begin());
    team_.barrier.arrive_and_wait();  // nobody reuses the slots before everyone has copied
  }
  Team& team_;
  int rank_;
};

// Runs body(comm) on `ranks` threads; returns what each rank returned.
template <class Result>
std::vector<Result> on_ranks(int ranks, const std::function<Result(Communicator&)>& body) {
  Team team(ranks);
  std::vector<Result> results(ranks);
  std::vector<std::thread> threads;
  for (int r = 0; r < ranks; ++r)
    threads.emplace_back([&, r] {
      TeamCommunicator comm(team, r);
      results[r] = body(comm);
    });
  for (auto& t : threads) t.join();
  return results;
}

InfluenceGraph test_graph() {
  auto g = generate_rmat(3000, 24000, 5);
  assign_probabilities(g, parse_probability_model("wc"), 1);
  return g;
}

RrSamplerConfig sampler_config(DiffusionModelKind model, int rank, int ranks) {
  RrSamplerConfig config;
  config.model = model;
  config.rng_seed = 11;
  config.index_offset = static_cast<std::uint64_t>(rank);
  config.index_stride = static_cast<std::uint64_t>(ranks);
  return config;
}

TEST(DistributedRis, LocalSampleCountSplitsEveryIndexOnce) {
  for (std::uint64_t total : {0u, 1u, 2u, 7u, 100u, 101u})
    for (int p = 1; p <= 5; ++p) {
      std::uint64_t sum = 0;
      for (int r = 0; r < p; ++r) {
        std::uint64_t expected = 0;
        for (std::uint64_t i = 0; i < total; ++i) expected += i % p == static_cast<std::uint64_t>(r);
        EXPECT_EQ(local_sample_count(total, r, p), expected) << total << " " << r << "/" << p;
        sum += local_sample_count(total, r, p);
      }
      EXPECT_EQ(sum, total);
    }
}

TEST(DistributedRis, RankSamplesAreTheSerialSetsWithTheirIndexes) {
  const auto g = test_graph();
  constexpr std::uint64_t kSets = 40'000;  // several sampler chunks
  for (auto model : {DiffusionModelKind::kIndependentCascade, DiffusionModelKind::kLinearThreshold}) {
    RrCollection serial;
    RrSampler(g, sampler_config(model, 0, 1)).extend(serial, kSets);
    const int ranks = 3;
    for (int r = 0; r < ranks; ++r) {
      RrCollection local;
      RrSampler(g, sampler_config(model, r, ranks)).extend(local, local_sample_count(kSets, r, ranks));
      ASSERT_EQ(local.size(), local_sample_count(kSets, r, ranks));
      for (std::uint64_t j = 0; j < local.size(); ++j) {
        const auto a = local.set(j), b = serial.set(r + j * ranks);
        ASSERT_TRUE(std::equal(a.begin(), a.end(), b.begin(), b.end())) << "rank " << r << " local set " << j;
      }
    }
  }
}

void expect_same(const CoverageResult& a, const CoverageResult& b, const std::string& what) {
  EXPECT_EQ(a.seeds, b.seeds) << what;
  EXPECT_EQ(a.gains, b.gains) << what;
  EXPECT_EQ(a.include_gains, b.include_gains) << what;
  EXPECT_EQ(a.covered, b.covered) << what;
  EXPECT_EQ(a.sets, b.sets) << what;
  EXPECT_EQ(a.coverage_upper_bound, b.coverage_upper_bound) << what;
  EXPECT_EQ(a.rule, b.rule) << what;
  EXPECT_EQ(a.budget_spent, b.budget_spent) << what;
}

TEST(DistributedRis, GreedyEqualsSerialGreedyForAnyRankCount) {
  const auto g = test_graph();
  const NodeId n = g.num_nodes();
  constexpr std::uint64_t kSets = 20'000;
  RrCollection serial;
  RrSampler(g, sampler_config(DiffusionModelKind::kIndependentCascade, 0, 1)).extend(serial, kSets);
  const RrIndex serial_index = build_rr_index(serial, n);

  std::vector<std::uint8_t> candidate(n, 1);
  for (NodeId u = 0; u < n; u += 7) candidate[u] = 0;  // excluded
  const std::vector<NodeId> include{7, 14};             // excluded from candidates above, fixed seeds
  std::vector<double> costs(n);
  for (NodeId u = 0; u < n; ++u) costs[u] = 1.0 + static_cast<double>((u * 2654435761u) % 5);
  CoverageRequest cardinality;
  cardinality.candidate = candidate;
  cardinality.include = include;
  cardinality.k = 25;
  cardinality.upper_bound = true;
  CoverageRequest budgeted = cardinality;
  budgeted.upper_bound = false;
  budgeted.costs = costs;
  budgeted.budget = 40;
  CoverageRequest tiny_budget = budgeted;  // only a few cheap seeds fit: exercises best-single too
  tiny_budget.budget = 2;

  for (const auto* request : {&cardinality, &budgeted, &tiny_budget}) {
    const CoverageResult expected = greedy_max_coverage(serial, serial_index, *request);
    ASSERT_FALSE(expected.seeds.empty());
    for (int ranks = 1; ranks <= 4; ++ranks) {
      const auto results = on_ranks<CoverageResult>(ranks, [&](Communicator& comm) {
        RrCollection local;
        RrSampler(g, sampler_config(DiffusionModelKind::kIndependentCascade, comm.rank(), comm.size()))
            .extend(local, local_sample_count(kSets, comm.rank(), comm.size()));
        const RrIndex index = build_rr_index(local, n);
        return distributed_max_coverage(local, index, *request, comm);
      });
      for (int r = 0; r < ranks; ++r)
        expect_same(results[r], expected, "P = " + std::to_string(ranks) + ", rank " + std::to_string(r) +
                                              ", budget " + std::to_string(request->budget));
    }
  }
}

void expect_same(const SelectionResult& a, const SelectionResult& b, const std::string& what) {
  ASSERT_EQ(a.seeds.size(), b.seeds.size()) << what;
  for (std::size_t i = 0; i < a.seeds.size(); ++i) {
    EXPECT_EQ(a.seeds[i].node, b.seeds[i].node) << what << " seed " << i;
    EXPECT_EQ(a.seeds[i].marginal_gain, b.seeds[i].marginal_gain) << what << " seed " << i;
  }
  EXPECT_EQ(a.spread_curve, b.spread_curve) << what;
  EXPECT_EQ(a.estimated_spread, b.estimated_spread) << what;
  EXPECT_EQ(a.approximation_ratio, b.approximation_ratio) << what;
  EXPECT_EQ(a.rr_sets, b.rr_sets) << what;
  EXPECT_EQ(a.guarantee, b.guarantee) << what;
}

TEST(DistributedRis, ImmAndOpimCEqualSerialRunsForAnyRankCount) {
  const auto g = test_graph();
  struct Case {
    const char* algorithm;
    DiffusionModelKind model;
    bool budget;
    bool target;
  };
  const Case cases[] = {{"imm", DiffusionModelKind::kIndependentCascade, false, false},
                        {"imm", DiffusionModelKind::kLinearThreshold, true, false},
                        {"opim-c", DiffusionModelKind::kIndependentCascade, true, true},
                        {"opim-c", DiffusionModelKind::kLinearThreshold, false, true}};
  for (const auto& c : cases) {
    SelectionProblem problem;
    problem.model = c.model;
    problem.k = 8;
    problem.rng_seed = 3;
    problem.exclude = {0, 1};
    problem.include = {5};
    if (c.budget) {
      problem.costs.assign(g.num_nodes(), 1.0);
      for (NodeId u = 0; u < g.num_nodes(); u += 3) problem.costs[u] = 2.5;
      problem.budget = 12;
    }
    if (c.target)
      for (NodeId u = 0; u < g.num_nodes(); u += 2) problem.target.push_back(u);
    SelectionOptions options;
    options.epsilon = 0.3;
    const std::string what = std::string(c.algorithm) + (c.model == DiffusionModelKind::kLinearThreshold ? " LT" : " IC") +
                             (c.budget ? " budget" : "") + (c.target ? " target" : "");
    const SelectionResult serial = run_selection(c.algorithm, g, problem, options);
    EXPECT_EQ(serial.distribution.ranks, 0);
    for (int ranks : {1, 2, 3}) {
      const auto results = on_ranks<SelectionResult>(ranks, [&](Communicator& comm) {
        SelectionOptions distributed = options;
        distributed.communicator = &comm;
        return run_selection(c.algorithm, g, problem, distributed);
      });
      for (int r = 0; r < ranks; ++r) {
        expect_same(results[r], serial, what + ", P = " + std::to_string(ranks) + ", rank " + std::to_string(r));
        EXPECT_EQ(results[r].distribution.ranks, ranks);
        // One dense reduction per greedy run: n counts, the included seeds' gains and the sample size;
        // then one gather per pick.
        EXPECT_EQ(results[r].distribution.dense_bytes, (g.num_nodes() + 1 + problem.include.size()) * 8u);
        EXPECT_GE(results[r].distribution.greedy_rounds, results[r].seeds.size() - problem.include.size());
        EXPECT_GE(results[r].distribution.rr_memory_sum, results[r].rr_memory_bytes);
      }
    }
  }
}

TEST(DistributedRis, FailureOnOneRankIsRaisedOnEveryRank) {
  // Rank 1 fails in local work; rank 1 gets its own error, the others PeerFailure naming rank 1, and
  // nobody is left waiting (the test would hang otherwise).
  const auto outcome = on_ranks<std::string>(3, [](Communicator& comm) -> std::string {
    try {
      comm.agreed([&] {
        if (comm.rank() == 1) throw UsageError("over the memory cap");
      });
      return "no error";
    } catch (const PeerFailure& e) {
      return "peer " + std::to_string(e.failed_rank());
    } catch (const UsageError& e) {
      return e.what();
    }
  });
  EXPECT_EQ(outcome, (std::vector<std::string>{"peer 1", "over the memory cap", "peer 1"}));
}

TEST(DistributedRis, MemoryCapAppliesPerRank) {
  // A cap too small for one process's sample but enough for a third of it: the serial run fails,
  // three ranks succeed with the serial result. (Held bytes count vector capacity, at most twice
  // the size the cap is checked against, so cap = peak / 2.5 is below the serial need.)
  const auto g = test_graph();
  SelectionProblem problem;
  problem.k = 5;
  SelectionOptions options;
  options.epsilon = 0.2;
  const SelectionResult serial = run_selection("imm", g, problem, options);
  options.max_memory_bytes = serial.rr_memory_bytes * 2 / 5;
  EXPECT_THROW(run_selection("imm", g, problem, options), InputError);
  const auto results = on_ranks<SelectionResult>(3, [&](Communicator& comm) {
    SelectionOptions distributed = options;
    distributed.communicator = &comm;
    return run_selection("imm", g, problem, distributed);
  });
  for (const auto& r : results) {
    expect_same(r, serial, "IMM under a per-rank memory cap");
    EXPECT_LT(r.rr_memory_bytes, serial.rr_memory_bytes / 2);
  }
}

}  // namespace
}  // namespace kuchikomi
