// Independent cascade on a large random graph against a published exact solution: IC with the same
// probability T on both arcs of every undirected edge is bond percolation, and on a configuration-
// model graph M. E. J. Newman, "Spread of epidemic disease on networks", Phys. Rev. E 66, 016128
// (2002) gives, with G0(x) = sum_k p_k x^k and G1(x) = G0'(x) / G0'(1):
//   below the threshold T_c = 1 / G1'(1): mean outbreak from a random user <s> = 1 + T G0'(1) / (1 - T G1'(1));
//   above it: epidemic size S = 1 - G0(1 + (u-1)T), u = G1(1 + (u-1)T), which is also the probability
//   that a random user starts an epidemic.
// p_k is the generated graph's own degree sequence, so only Monte Carlo noise and the finite graph
// separate the two. Tolerances (5 standard errors, two-sided P < 1e-6 each):
//   * Monte Carlo: sample sd / sqrt(runs), binomial sqrt(S(1-S)/runs);
//   * the finite graph's epidemic size varies around n S with variance n S(1-S) / (1 - c(1-S))^2
//     for the Poisson (Erdős–Rényi) case (the giant component's central limit theorem, Pittel 1990),
//     c = T <k> the percolated mean degree; below the threshold this bias is O(1/n), negligible.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"

namespace kuchikomi {
namespace {

constexpr NodeId kNodes = 20'000;

struct DegreeLaw {
  std::vector<double> p;  // p[k]: share of users with degree k
  double mean = 0, second = 0;
  double g0(double x) const {
    double s = 0;
    for (std::size_t k = 0; k < p.size(); ++k) s += p[k] * std::pow(x, static_cast<double>(k));
    return s;
  }
  double g1(double x) const {
    double s = 0;
    for (std::size_t k = 1; k < p.size(); ++k) s += static_cast<double>(k) * p[k] * std::pow(x, static_cast<double>(k - 1));
    return s / mean;
  }
};

DegreeLaw degrees_of(const InfluenceGraph& g) {
  DegreeLaw law;
  for (NodeId v = 0; v < g.num_nodes(); ++v) {
    const auto k = static_cast<std::size_t>(g.out_offsets[v + 1] - g.out_offsets[v]);
    if (law.p.size() <= k) law.p.resize(k + 1, 0.0);
    law.p[k] += 1.0 / g.num_nodes();
  }
  for (std::size_t k = 0; k < law.p.size(); ++k) {
    law.mean += static_cast<double>(k) * law.p[k];
    law.second += static_cast<double>(k * k) * law.p[k];
  }
  return law;
}

double epidemic_size(const DegreeLaw& law, double t) {
  double u = 0;  // iterating from 0 climbs to the smallest fixed point, the physical one
  for (int i = 0; i < 100'000; ++i) {
    const double next = law.g1(1 + (u - 1) * t);
    if (std::abs(next - u) < 1e-14) break;
    u = next;
  }
  return 1 - law.g0(1 + (u - 1) * t);
}

InfluenceGraph percolation_graph(double t) {
  InfluenceGraph g = generate_configuration_model(kNodes, parse_degree_distribution("poisson:3"), 11);
  assign_probabilities(g, parse_probability_model("uniform:" + std::to_string(t)), 11);
  return g;
}

SimulationOptions random_user(std::uint64_t runs) {
  SimulationOptions o;
  o.random_seed_count = 1;
  o.runs = runs;
  o.rng_seed = 5;
  o.per_node_probabilities = false;
  return o;
}

TEST(Newman2002, MeanOutbreakBelowTheThreshold) {
  const double t = 1.0 / 6;  // T <k> = 0.5, half the threshold
  const InfluenceGraph g = percolation_graph(t);
  const DegreeLaw law = degrees_of(g);
  const double excess = (law.second - law.mean) / law.mean;  // G1'(1)
  ASSERT_LT(t * excess, 0.7);
  const double exact = 1 + t * law.mean / (1 - t * excess);
  const auto stats = simulate_spread(g, {}, random_user(100'000));
  const double standard_error = stats.all.summary.stddev / std::sqrt(static_cast<double>(stats.runs));
  EXPECT_NEAR(stats.all.summary.mean, exact, 5 * standard_error);
}

TEST(Newman2002, EpidemicProbabilityAndSizeAboveTheThreshold) {
  const double t = 2.0 / 3;  // T <k> = 2
  const InfluenceGraph g = percolation_graph(t);
  const DegreeLaw law = degrees_of(g);
  const double s = epidemic_size(law, t);
  const double c = t * law.mean;
  const double graph_variance = s * (1 - s) / std::pow(1 - c * (1 - s), 2) / kNodes;  // of the epidemic share
  constexpr std::uint64_t runs = 4'000;
  const auto stats = simulate_spread(g, {}, random_user(runs));

  double epidemics = 0, reached = 0;
  for (std::uint32_t size : stats.run_spread)
    if (size > kNodes / 100) {  // finite outbreaks here stay below ~100 users, epidemics reach ~16,000
      epidemics += 1;
      reached += size;
    }
  const double share_starting = epidemics / runs;
  EXPECT_NEAR(share_starting, s, 5 * std::sqrt(s * (1 - s) / runs + graph_variance));
  EXPECT_NEAR(reached / epidemics / kNodes, s, 5 * std::sqrt(graph_variance));
}

}  // namespace
}  // namespace kuchikomi
