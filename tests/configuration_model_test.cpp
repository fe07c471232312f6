// Configuration-model generator: degree-law parsing and pmf tables, the graph's structure (symmetric,
// simple), the parity rule, the realised degree statistics, and `graph generate --kind config`
// through the real executable (determinism across thread counts: generators_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "support/scratch_test.hpp"

using namespace kuchikomi;
namespace fs = std::filesystem;

namespace {

DegreeDistribution poisson(double c) { return parse_degree_distribution("poisson:" + std::to_string(c)); }

double log_poisson(double c, int k) { return -c + k * std::log(c) - std::lgamma(k + 1.0); }

// Every arc has its reverse, no arc is a self-loop, no list repeats a target, and the in-lists are
// the out-lists (the graph is symmetric).
void expect_simple_and_symmetric(const InfluenceGraph& g) {
  g.validate();
  EXPECT_EQ(g.in_offsets, g.out_offsets);
  EXPECT_EQ(g.in_sources, g.out_targets);
  for (NodeId u = 0; u < g.num_nodes(); ++u) {
    const auto begin = g.out_targets.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[u]);
    const auto end = g.out_targets.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[u + 1]);
    ASSERT_TRUE(std::adjacent_find(begin, end, std::greater_equal<>()) == end) << "list of " << u << " not strictly increasing";
    for (auto it = begin; it != end; ++it) {
      ASSERT_NE(*it, u) << "self-loop at " << u;
      const auto rb = g.out_targets.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[*it]);
      const auto re = g.out_targets.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[*it + 1]);
      ASSERT_TRUE(std::binary_search(rb, re, u)) << u << "->" << *it << " has no reverse";
    }
  }
}

struct Moments {
  double mean = 0.0, second = 0.0;
};
Moments moments(const std::vector<double>& pmf) {
  Moments m;
  for (std::size_t k = 0; k < pmf.size(); ++k) {
    m.mean += static_cast<double>(k) * pmf[k];
    m.second += static_cast<double>(k * k) * pmf[k];
  }
  return m;
}

}  // namespace

TEST(ConfigurationModel, ParsesBothFamiliesAndSpellsThemBack) {
  const auto p = parse_degree_distribution("poisson:4");
  EXPECT_EQ(p.kind, DegreeDistribution::Kind::kPoisson);
  EXPECT_EQ(p.mean, 4.0);
  EXPECT_EQ(p.text(), "poisson:4");
  const auto q = parse_degree_distribution("powerlaw-cutoff:2,10");
  EXPECT_EQ(q.kind, DegreeDistribution::Kind::kPowerLawCutoff);
  EXPECT_EQ(q.tau, 2.0);
  EXPECT_EQ(q.kappa, 10.0);
  EXPECT_EQ(q.text(), "powerlaw-cutoff:2,10");
  const auto r = parse_degree_distribution("powerlaw-cutoff:-1.5,0.25");
  EXPECT_EQ(r.tau, -1.5);
  EXPECT_EQ(parse_degree_distribution(r.text()).kappa, 0.25);
}

TEST(ConfigurationModel, RejectsBadTextAndParameters) {
  for (const char* bad : {"", "poisson", "poisson:", "poisson:0", "poisson:-2", "poisson:abc", "poisson:4x",
                          "poisson:inf", "poisson:nan", "powerlaw-cutoff", "powerlaw-cutoff:2", "powerlaw-cutoff:2,",
                          "powerlaw-cutoff:2,0", "powerlaw-cutoff:2,-1", "powerlaw-cutoff:x,10", "gauss:1",
                          "Poisson:4"}) {
    SCOPED_TRACE(bad);
    EXPECT_THROW(parse_degree_distribution(bad), UsageError);
  }
  try {
    parse_degree_distribution("gauss:1");
  } catch (const UsageError& e) {
    EXPECT_NE(std::string(e.what()).find("powerlaw-cutoff:TAU,KAPPA"), std::string::npos) << e.what();
  }
  // A default DegreeDistribution (mean 0) is no distribution; N < 1 is no graph.
  EXPECT_THROW(degree_pmf(DegreeDistribution{}), UsageError);
  EXPECT_THROW(generate_configuration_model(10, DegreeDistribution{}, 1), UsageError);
  EXPECT_THROW(generate_configuration_model(0, poisson(4), 1), UsageError);
  DegreeDistribution no_cutoff;
  no_cutoff.kind = DegreeDistribution::Kind::kPowerLawCutoff;
  no_cutoff.tau = 2.0;
  EXPECT_THROW(generate_configuration_model(10, no_cutoff, 1), UsageError);  // KAPPA = 0
  EXPECT_THROW(degree_pmf(parse_degree_distribution("poisson:1e9")), UsageError);  // table past 2^24
}

TEST(ConfigurationModel, PoissonPmfMatchesClosedForm) {
  for (const double c : {0.5, 4.0, 1000.0}) {  // 1000: e^-c underflows, the table must not
    SCOPED_TRACE(c);
    const auto pmf = degree_pmf(poisson(c));
    double sum = 0.0;
    for (double p : pmf) sum += p;
    EXPECT_NEAR(sum, 1.0, 1e-12);
    for (const int k : {0, 1, 3, static_cast<int>(c), static_cast<int>(c) + 5}) {
      const double exact = std::exp(log_poisson(c, k));
      if (exact > 1e-300) { EXPECT_NEAR(pmf[k] / exact, 1.0, 1e-9) << "k = " << k; }
    }
    // Cut where the closed-form tail mass beyond K is below 1e-15, and not absurdly far beyond.
    const int top = static_cast<int>(pmf.size()) - 1;
    double tail = 0.0;
    for (int k = top + 1; k < top + 2000; ++k) tail += std::exp(log_poisson(c, k));
    EXPECT_LT(tail, 1e-15);
    EXPECT_GT(std::exp(log_poisson(c, top - 3)), 1e-18);
  }
  const auto four = degree_pmf(poisson(4.0));
  EXPECT_NEAR(four[0], std::exp(-4.0), 1e-15);
  EXPECT_NEAR(four[2], 8.0 * std::exp(-4.0), 1e-15);
}

TEST(ConfigurationModel, PowerLawCutoffPmfMatchesClosedForm) {
  for (const auto& [tau, kappa] : {std::pair{2.0, 10.0}, std::pair{2.5, 50.0}, std::pair{-1.0, 5.0}, std::pair{0.0, 3.0}}) {
    SCOPED_TRACE(std::to_string(tau) + "," + std::to_string(kappa));
    DegreeDistribution d;
    d.kind = DegreeDistribution::Kind::kPowerLawCutoff;
    d.tau = tau;
    d.kappa = kappa;
    const auto pmf = degree_pmf(d);
    EXPECT_EQ(pmf[0], 0.0);
    auto weight = [&](int k) { return std::pow(k, -tau) * std::exp(-k / kappa); };
    double z = 0.0;  // normalisation by brute force, far past the cut
    for (int k = 1; k < 200000; ++k) z += weight(k);
    double sum = 0.0;
    for (double p : pmf) sum += p;
    EXPECT_NEAR(sum, 1.0, 1e-12);
    for (const int k : {1, 2, 5, 20}) EXPECT_NEAR(pmf[k] / (weight(k) / z), 1.0, 1e-9) << "k = " << k;
    double tail = 0.0;
    for (int k = static_cast<int>(pmf.size()); k < 200000; ++k) tail += weight(k) / z;
    EXPECT_LT(tail, 1e-15);
  }
}

TEST(ConfigurationModel, SymmetricSimpleAndErasedWithCounts) {
  // Dense enough that erasure happens: with c = 30 on 200 nodes, about c/2 = 15 self-loops and
  // c^2/2 = 450 repeated pairs are expected.
  const auto dense = generate_configuration_model(200, poisson(30), 9);
  expect_simple_and_symmetric(dense);
  EXPECT_GT(dense.provenance.self_loops_dropped, 0u);
  EXPECT_EQ(dense.provenance.self_loops_dropped % 2, 0u);  // two arcs per self-loop pair
  EXPECT_EQ(dense.provenance.interactions % 2, 0u);         // an even stub total
  EXPECT_GT(dense.provenance.interactions, dense.num_edges() + dense.provenance.self_loops_dropped);
  EXPECT_EQ((dense.provenance.interactions - dense.num_edges() - dense.provenance.self_loops_dropped) % 2, 0u);
  EXPECT_EQ(dense.provenance.source, "config(poisson:30,nodes=200)");
  EXPECT_EQ(dense.provenance.source_format, "generated:config");
  EXPECT_EQ(dense.provenance.rng_seed, 9u);
  EXPECT_EQ(dense.out_weight, std::vector<float>(dense.num_edges(), 1.0f));

  expect_simple_and_symmetric(generate_configuration_model(5000, parse_degree_distribution("powerlaw-cutoff:2,10"), 3));
  const auto single = generate_configuration_model(1, poisson(2), 3);  // only self-loops are possible
  EXPECT_EQ(single.num_edges(), 0u);
  EXPECT_EQ(single.provenance.self_loops_dropped, single.provenance.interactions);
}

// The documented parity rule, replayed: node v's degree is the inverse CDF of value 0 of its stream;
// an odd total is fixed by redrawing the last node's degree with value 1, conditioned on parity.
TEST(ConfigurationModel, OddStubTotalRedrawsTheLastDegree) {
  const auto d = poisson(3);
  const auto pmf = degree_pmf(d);
  auto inverse = [&](double u, int parity) {
    double total = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) total += parity < 0 || static_cast<int>(k % 2) == parity ? pmf[k] : 0.0;
    double running = 0.0;
    for (std::size_t k = 0; k < pmf.size(); ++k) {
      running += parity < 0 || static_cast<int>(k % 2) == parity ? pmf[k] : 0.0;
      if (running / total > u) return static_cast<std::uint64_t>(k);
    }
    return static_cast<std::uint64_t>(pmf.size() - 1);
  };
  int odd = 0;
  for (std::uint64_t seed = 0; seed < 40; ++seed) {
    const auto g = generate_configuration_model(1, d, seed);
    const std::uint64_t key = stream_key(seed, StreamDomain::kGraphGeneration, 0);
    const std::uint64_t first = inverse(to_unit_double(value_at(key, 0)), -1);
    const std::uint64_t expected = first % 2 == 0 ? first : inverse(to_unit_double(value_at(key, 1)), 0);
    odd += first % 2;
    EXPECT_EQ(g.provenance.interactions, expected) << "seed " << seed;
  }
  EXPECT_GT(odd, 5);  // the redraw path was exercised
  // All mass on degree 1 (TAU = 200 puts 2^-200 on degree 2, cut off): odd N has no even total.
  const auto ones = parse_degree_distribution("powerlaw-cutoff:200,1");
  ASSERT_EQ(degree_pmf(ones).size(), 2u);
  EXPECT_THROW(generate_configuration_model(3, ones, 1), UsageError);
  const auto matching = generate_configuration_model(4, ones, 1);  // one stub each: a perfect matching
  EXPECT_EQ(matching.num_edges(), 4u);
  EXPECT_EQ(matching.provenance.self_loops_dropped, 0u);
}

// Realised degrees of the erased graph against p_k, N = 200000.
//   Mean degree: the sample mean of N i.i.d. degrees has standard error sqrt(Var k / N) (0.0045 for
//   Poisson(4)); we allow 5 of them. Two small shifts are added to the band rather than ignored:
//   erasure removes (<k^2>-<k>)/(2<k>) self-loops and ((<k^2>-<k>)/<k>)^2 / 2 repeated pairs in
//   expectation, i.e. the mean degree drops by (q + q^2)/N with q = (<k^2>-<k>)/<k> (q = c = 4 for
//   Poisson: 1e-4, 0.02 standard errors), and the parity redraw moves one degree by at most K.
//   Fractions of nodes with degree k: binomial standard error sqrt(p(1-p)/N), 5 of them; erasure
//   changes O(1) degrees in all, about 1e-5 of a fraction.
TEST(ConfigurationModel, RealisedDegreesFollowTheDistribution) {
  const NodeId n = 200000;
  for (const char* spec : {"poisson:4", "powerlaw-cutoff:2,10"}) {
    SCOPED_TRACE(spec);
    const auto d = parse_degree_distribution(spec);
    const auto pmf = degree_pmf(d);
    const auto g = generate_configuration_model(n, d, 2024);
    const Moments m = moments(pmf);
    const double variance = m.second - m.mean * m.mean;
    const double q = (m.second - m.mean) / m.mean;
    const double erased = (q + q * q) / n;
    const double observed_mean = static_cast<double>(g.num_edges()) / n;  // arcs per node = degree
    const double band = 5.0 * std::sqrt(variance / n) + static_cast<double>(pmf.size()) / n;
    EXPECT_NEAR(observed_mean, m.mean - erased, band);
    EXPECT_LT(erased, 0.05 * band);  // the erasure correction is small, as claimed above

    std::vector<double> count(pmf.size() + 1, 0.0);
    for (NodeId v = 0; v < n; ++v) count[std::min<std::size_t>(g.out_degree(v), pmf.size())] += 1.0;
    for (const std::size_t k : {0, 1, 2, 4, 8}) {
      const double p = pmf[k];
      const double se = std::sqrt(std::max(p * (1.0 - p), 1.0 / n) / n);
      EXPECT_NEAR(count[k] / n, p, 5.0 * se) << "degree " << k;
    }
    if (d.kind == DegreeDistribution::Kind::kPoisson) {
      const double p0 = std::exp(-4.0);  // the closed form, not the table
      EXPECT_NEAR(count[0] / n, p0, 5.0 * std::sqrt(p0 * (1.0 - p0) / n));
    }
  }
}

// `kuchikomi graph generate --kind config` end to end.
class ConfigCliTest : public support::ScratchTest {};

TEST_F(ConfigCliTest, WritesASymmetricGraphWithUniformProbabilities) {
  const auto r = kuchikomi("graph generate --kind config --nodes 3000 --degrees poisson:3 --rng-seed 5 --prob uniform:0.4 --out " +
                     path("c.h5") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["kind"], "config");
  EXPECT_EQ(j["degrees"], "poisson:3");
  EXPECT_EQ(j["nodes"], 3000);
  EXPECT_EQ(j["arcs_drawn"].get<std::uint64_t>(),
            j["edges"].get<std::uint64_t>() + j["self_loops_dropped"].get<std::uint64_t>() +
                j["duplicates_merged"].get<std::uint64_t>());
  EXPECT_EQ(j["undirected_edges"].get<std::uint64_t>() * 2, j["edges"].get<std::uint64_t>());
  EXPECT_FALSE(j.contains("edges_requested"));

  const auto g = read_graph_file(path("c.h5"));
  expect_simple_and_symmetric(g);
  EXPECT_EQ(g.num_nodes(), 3000u);
  EXPECT_EQ(g.num_edges(), j["edges"].get<std::uint64_t>());
  EXPECT_EQ(g.provenance.source_format, "generated:config");
  EXPECT_EQ(g.provenance.source, "config(poisson:3,nodes=3000)");
  EXPECT_EQ(g.provenance.rng_seed, 5u);
  EXPECT_EQ(g.out_prob, std::vector<float>(g.num_edges(), 0.4f));
  // The same graph as the library call.
  EXPECT_EQ(g.out_targets, generate_configuration_model(3000, poisson(3), 5).out_targets);

  const auto text = kuchikomi("graph generate --kind config --nodes 3000 --degrees powerlaw-cutoff:2,10 --rng-seed 5 --out " +
                        path("t.h5"));
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find("self-loops"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("undirected edges"), std::string::npos) << text.out;
}

TEST_F(ConfigCliTest, RejectsMisplacedOptions) {
  const std::string out = " --rng-seed 1 --out " + path("x.h5");
  auto r = kuchikomi("graph generate --kind config --nodes 100 --degrees poisson:3 --edges 10" + out);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--edges"), std::string::npos) << r.err;
  r = kuchikomi("graph generate --kind config --nodes 100" + out);  // no --degrees
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--degrees"), std::string::npos) << r.err;
  r = kuchikomi("graph generate --kind rmat --nodes 100" + out);  // rmat still needs --edges
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--edges"), std::string::npos) << r.err;
  EXPECT_EQ(kuchikomi("graph generate --kind rmat --nodes 100 --edges 10 --degrees poisson:3" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind config --nodes 100 --degrees poisson:0" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind config --nodes 100 --degrees poisson:3 --exponent 2.5" + out).code, 2);
  EXPECT_EQ(kuchikomi("graph generate --kind config --nodes 100 --degrees poisson:3 --rmat-a 0.5" + out).code, 2);
  r = kuchikomi("graph generate --kind config --nodes 100 --degrees gauss:1" + out);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("poisson:MEAN"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("x.h5")));
}
