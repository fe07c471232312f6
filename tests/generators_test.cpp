// Synthetic generators: determinism across thread counts, edge counts, and the statistical shape
// each model promises (R-MAT quadrant split and skew, Chung-Lu degree tail); the configuration
// model's own statistics are in configuration_model_test.cpp.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "support/thread_sweep.hpp"

using namespace kuchikomi;

namespace {

void expect_same(const InfluenceGraph& a, const InfluenceGraph& b) {
  EXPECT_EQ(a.out_offsets, b.out_offsets);
  EXPECT_EQ(a.out_targets, b.out_targets);
  EXPECT_EQ(a.in_offsets, b.in_offsets);
  EXPECT_EQ(a.in_sources, b.in_sources);
  EXPECT_EQ(a.provenance.self_loops_dropped, b.provenance.self_loops_dropped);
  EXPECT_EQ(a.provenance.interactions, b.provenance.interactions);
}

EdgeId max_out_degree(const InfluenceGraph& g) {
  EdgeId best = 0;
  for (NodeId u = 0; u < g.num_nodes(); ++u) best = std::max(best, g.out_degree(u));
  return best;
}

}  // namespace

TEST(Generators, SameSeedSameGraphForAnyThreadCount) {
  for (const std::string kind : {"rmat", "powerlaw", "config:poisson:4", "config:powerlaw-cutoff:2,10"}) {
    SCOPED_TRACE(kind);
    auto make = [&](std::uint64_t seed) {
      if (kind == "rmat") return generate_rmat(5000, 60000, seed, {0.57, 0.19, 0.19, 0.1});
      if (kind == "powerlaw") return generate_powerlaw(5000, 60000, seed);
      return generate_configuration_model(50000, parse_degree_distribution(kind.substr(7)), seed);
    };
    const auto one = kuchikomi::support::expect_same_for_thread_counts([&] { return make(42); }, expect_same);
    one.validate();
    const auto other = make(43);
    EXPECT_NE(one.out_targets, other.out_targets);
    EXPECT_EQ(one.out_weight, std::vector<float>(one.num_edges(), 1.0f));
    EXPECT_EQ(one.labels.size(), 0u);  // implicit labels
    EXPECT_EQ(one.provenance.rng_seed, 42u);
  }
}

// Erdős–Rényi corner case a = b = c = d = 1/4: with N = 2^16 and M = 2^19, expected self-loops are
// M/N = 8 and expected duplicate pairs M^2/(2 N^2) ≈ 32, so nearly all M edges are kept; and the
// degrees are Binomial(M, 1/N) ≈ Poisson(8), whose maximum over 65536 nodes is about 25 (< 5x mean).
TEST(Generators, RmatUniformCornerKeepsAlmostEveryEdgeAndHasNoSkew) {
  const EdgeId m = 1 << 19;
  const auto g = generate_rmat(1 << 16, m, 7, {0.25, 0.25, 0.25, 0.0});
  g.validate();
  EXPECT_LE(g.num_edges() + g.provenance.self_loops_dropped, m);
  EXPECT_GE(g.num_edges(), m - 120);
  EXPECT_LE(g.provenance.self_loops_dropped, 30u);
  EXPECT_EQ(g.provenance.interactions, m);
  const double mean = static_cast<double>(g.num_edges()) / g.num_nodes();
  EXPECT_LT(static_cast<double>(max_out_degree(g)), 5.0 * mean);
}

// Default R-MAT on the same size: node 0's expected out-degree is M (a+b)^16 ≈ 0.0124 M ≈ 6500 draws
// (fewer after dedup, still thousands) against a mean of about 8.
TEST(Generators, RmatDefaultIsSkewed) {
  const EdgeId m = 1 << 19;
  const auto g = generate_rmat(1 << 16, m, 7);
  g.validate();
  const double mean = static_cast<double>(g.num_edges()) / g.num_nodes();
  EXPECT_GT(static_cast<double>(max_out_degree(g)), 100.0 * mean);
  EXPECT_GT(static_cast<double>(g.out_degree(0)), 100.0 * mean);  // low ids are the hubs
  // Heavy cells repeat: fewer than M kept, but the bulk survives.
  EXPECT_LT(g.num_edges(), m);
  EXPECT_GT(g.num_edges(), m * 7 / 10);
}

// Top-level quadrant split, rows = sources: P(u < N/2) = a + b, P(v < N/2) = a + c, both = a. Sparse
// enough (M = N/8, Σ cell² tiny) that dedup removes ~100 of 131072 edges; the binomial standard
// error is ~0.0014, so 0.01 is a 7-sigma band that still catches b/c or row/column swaps (0.10 off).
TEST(Generators, RmatQuadrantProbabilitiesAndSourceOrientation) {
  const NodeId n = 1 << 20;
  const RmatParameters p{0.45, 0.25, 0.15, 0.0};
  const auto g = generate_rmat(n, 1 << 17, 11, p);
  double top = 0, left = 0, both = 0;
  for (NodeId u = 0; u < n; ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
      top += u < n / 2;
      left += g.out_targets[e] < n / 2;
      both += u < n / 2 && g.out_targets[e] < n / 2;
    }
  const double m = static_cast<double>(g.num_edges());
  EXPECT_NEAR(top / m, p.a + p.b, 0.01);
  EXPECT_NEAR(left / m, p.a + p.c, 0.01);
  EXPECT_NEAR(both / m, p.a, 0.01);
}

TEST(Generators, RmatNodeCountNeedNotBeAPowerOfTwo) {
  const auto g = generate_rmat(1000, 20000, 3);
  g.validate();  // includes: every endpoint < 1000
  EXPECT_EQ(g.num_nodes(), 1000u);
  // Redrawing keeps the edge count: no edge is lost to the range, only to dedup and self-loops.
  EXPECT_GT(g.num_edges(), 20000u * 6 / 10);
  NodeId highest = 0;
  for (NodeId u = 0; u < 1000; ++u)
    if (g.out_degree(u) + g.in_degree(u) > 0) highest = u;
  EXPECT_GT(highest, 900u);  // the upper ids are reachable, not cut off at 512
}

TEST(Generators, RejectsBadParameters) {
  EXPECT_THROW(generate_rmat(0, 10, 1), UsageError);
  EXPECT_THROW(generate_rmat(16, 10, 1, {0.5, 0.3, 0.3, 0.0}), UsageError);  // a + b + c > 1
  EXPECT_THROW(generate_rmat(16, 10, 1, {0.0, 0.5, 0.3, 0.0}), UsageError);  // a = 0
  EXPECT_THROW(generate_rmat(16, 10, 1, {0.57, 0.19, 0.19, 1.0}), UsageError);
  EXPECT_THROW(generate_powerlaw(16, 10, 1, 1.0), UsageError);
  EXPECT_THROW(generate_powerlaw(0, 10, 1), UsageError);
}

// Chung-Lu tail. Node i is a source with probability q_i = ((i+2)^(1-α) - (i+1)^(1-α)) / ((N+1)^(1-α) - 1),
// α = 1/(γ-1), independently per edge, so it draws K ~ Binomial(M, q_i) ≈ Poisson(M q_i) out-edges.
// Repeated targets are merged, and not only at the hubs: k draws repeat a target on average
// r_k = k - Σ_j (1 - (1 - q_j)^k) times (for γ = 2, about 30 of 100 draws hit an earlier hub).
// Repeats are rare events, so R_k ≈ Poisson(r_k), and out-degree >= d  ⇔  K - R_K >= d. The expected
// number of such nodes, E_d = Σ_i Σ_k P(K = k) P(R_k <= k - d), is computed here from the model,
// independently of the generator. The count is a sum of (negatively correlated) indicators with
// standard deviation <= sqrt(E_d); we allow 4 sqrt(E_d) plus 2% of E_d for the approximations
// (Poisson for binomial and for R_k). A wrong exponent (γ off by 0.15) moves E_10 by ~20%, well
// outside the band.
TEST(Generators, PowerLawDegreeTailMatchesChungLu) {
  const NodeId n = 100000;
  const EdgeId m = 500000;
  for (const double gamma : {2.1, 2.5, 2.0}) {
    SCOPED_TRACE("gamma " + std::to_string(gamma));
    const auto g = generate_powerlaw(n, m, 5, gamma);
    g.validate();
    const double alpha = 1.0 / (gamma - 1.0);
    auto mass = [&](double x) { return std::abs(alpha - 1.0) < 1e-12 ? std::log(x) : std::pow(x, 1.0 - alpha); };
    const double total = mass(n + 1.0) - mass(1.0);
    std::vector<double> q(n);
    for (NodeId i = 0; i < n; ++i) q[i] = (mass(i + 2.0) - mass(i + 1.0)) / total;
    // r_k: exact for the 2000 heaviest targets, C(k,2) q^2 (second-order term) for the light rest.
    double light_square = 0.0;
    for (NodeId j = 2000; j < n; ++j) light_square += q[j] * q[j];
    auto repeats = [&](int k) {
      double r = k * (k - 1) / 2.0 * light_square;
      for (NodeId j = 0; j < 2000; ++j) r += std::pow(1.0 - q[j], k) - 1.0 + k * q[j];
      return r;
    };
    auto poisson_cdf = [](double mean, int upto) {  // P(Poisson(mean) <= upto)
      double term = std::exp(-mean), sum = 0.0;
      for (int x = 0; x <= upto; ++x) {
        sum += term;
        term *= mean / (x + 1);
      }
      return std::min(1.0, sum);
    };
    for (const int d : {10, 100}) {
      // P(R_k <= k - d) for k = d, d+1, ... until it is 1 for all practical purposes.
      std::vector<double> keeps_d;
      for (int k = d; keeps_d.empty() || keeps_d.back() < 1.0 - 1e-9; ++k) keeps_d.push_back(poisson_cdf(repeats(k), k - d));
      double expected = 0.0;
      for (NodeId i = 0; i < n; ++i) {
        const double lambda = static_cast<double>(m) * q[i];
        double pmf = std::exp(-lambda), cumulative = 0.0, sum = 0.0;
        for (int k = 0; k < d + static_cast<int>(keeps_d.size()); ++k) {
          if (k >= d) sum += pmf * keeps_d[static_cast<std::size_t>(k - d)];
          cumulative += pmf;
          pmf *= lambda / (k + 1);
        }
        expected += sum + std::max(0.0, 1.0 - cumulative);  // beyond the table every draw count qualifies
      }
      double observed = 0.0;
      for (NodeId u = 0; u < n; ++u) observed += g.out_degree(u) >= static_cast<EdgeId>(d);
      EXPECT_NEAR(observed, expected, 4.0 * std::sqrt(expected) + 0.02 * expected) << "degree >= " << d;
      EXPECT_GT(expected, 50.0);  // the bound is meaningful only with enough nodes above d
    }
    // In-degrees use the same weights.
    double in_hub = 0.0;
    for (NodeId v = 0; v < n; ++v) in_hub = std::max(in_hub, static_cast<double>(g.in_degree(v)));
    EXPECT_EQ(in_hub, static_cast<double>(g.in_degree(0)));
  }
}
