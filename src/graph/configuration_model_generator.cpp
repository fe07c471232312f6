// Erased configuration model with a Poisson or cut-off power-law degree law; model, streams and
// parity rule in graph/generators.hpp.
//
// The pmf table is built from log-weights shifted by their largest value, so neither e^-c (c > 745)
// nor k^-TAU with TAU << 0 overflows or underflows where it matters. Successive weights have ratio
// r_k = c/(k+1) (Poisson) or (k/(k+1))^TAU e^(-1/KAPPA) (cut-off power law); past the mode these are
// monotone with a known limit, so the tail beyond K is at most w_{K+1} / (1 - r) with r the largest
// ratio still to come, which gives a cut that is provably below the target tail mass.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <utility>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/graph/generators.hpp"

namespace kuchikomi {
namespace {

constexpr const char* kSpellings = "poisson:MEAN (MEAN > 0) or powerlaw-cutoff:TAU,KAPPA (KAPPA > 0)";
constexpr double kTailMass = 1e-15;
constexpr std::size_t kMaxTable = std::size_t{1} << 24;

std::string shortest(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

double number(const std::string& text, const std::string& field) {
  double parsed = 0.0;
  const auto [end, ec] = std::from_chars(field.data(), field.data() + field.size(), parsed);
  if (field.empty() || ec != std::errc() || end != field.data() + field.size() || !std::isfinite(parsed))
    throw UsageError("degree distribution '" + text + "': '" + field + "' is not a number; accepted: " + kSpellings, {"degrees"});
  return parsed;
}

void check(const DegreeDistribution& d) {
  if (d.kind == DegreeDistribution::Kind::kPoisson) {
    if (!(d.mean > 0.0) || !std::isfinite(d.mean))
      throw UsageError("degree distribution " + d.text() + ": MEAN must be a finite number > 0", {"degrees"});
  } else {
    if (!(d.kappa > 0.0) || !std::isfinite(d.kappa) || !std::isfinite(d.tau))
      throw UsageError("degree distribution " + d.text() + ": KAPPA must be a finite number > 0 (TAU finite)", {"degrees"});
  }
}

// Unnormalised weights w_0 .. w_K (largest about 1) and their sum, accumulated in index order so
// that the running sum at K equals `total` exactly.
struct WeightTable {
  std::vector<double> weight;
  double total = 0.0;
};

WeightTable weight_table(const DegreeDistribution& d) {
  check(d);
  const bool poisson = d.kind == DegreeDistribution::Kind::kPoisson;
  const std::size_t first = poisson ? 0 : 1;
  const double log_c = poisson ? std::log(d.mean) : 0.0;
  auto log_weight = [&](double k) {
    return poisson ? k * log_c - std::lgamma(k + 1.0) : -d.tau * std::log(k) - k / d.kappa;
  };
  // ratio(k) = w_{k+1} / w_k, for k >= first.
  auto ratio = [&](double k) {
    return poisson ? d.mean / (k + 1.0) : std::pow(k / (k + 1.0), d.tau) * std::exp(-1.0 / d.kappa);
  };
  // Both log-weights are concave (or, for TAU >= 0, decreasing), so the integer maximum sits next to
  // the real one: c for Poisson, -TAU*KAPPA for the power law with TAU < 0, else k = 1.
  const double real_mode = poisson ? d.mean : (d.tau < 0.0 ? -d.tau * d.kappa : 1.0);
  if (real_mode >= static_cast<double>(kMaxTable))
    throw UsageError("degree distribution " + d.text() + ": typical degrees above 2^24 are not supported", {"degrees"});
  const double low = std::max(static_cast<double>(first), std::floor(real_mode));
  const double shift = std::max(log_weight(low), log_weight(low + 1.0));
  // Ratios past k+1 are at most max(ratio(k+1), their limit): Poisson's and TAU < 0's decrease,
  // TAU >= 0's increase towards e^(-1/KAPPA).
  const double limit = poisson ? 0.0 : std::exp(-1.0 / d.kappa);

  WeightTable table;
  table.weight.assign(first, 0.0);
  for (std::size_t k = first;; ++k) {
    if (k >= kMaxTable)
      throw UsageError("degree distribution " + d.text() + ": the degree table would pass 2^24 entries (KAPPA or MEAN too large)", {"degrees"});
    const double kd = static_cast<double>(k);
    table.weight.push_back(std::exp(log_weight(kd) - shift));
    table.total += table.weight.back();
    const double r = std::max(ratio(kd + 1.0), limit);
    if (r < 1.0 && table.total > 0.0 && std::exp(log_weight(kd + 1.0) - shift) / (1.0 - r) < kTailMass * table.total)
      break;
  }
  return table;
}

// CDF over the degrees whose parity is `parity` (0, 1), or over all degrees when parity is -1;
// the last entry is exactly 1 (running sum divided by itself).
std::vector<double> cumulative(const WeightTable& table, int parity) {
  std::vector<double> cdf(table.weight.size());
  double running = 0.0;
  for (std::size_t k = 0; k < cdf.size(); ++k) {
    if (parity < 0 || static_cast<int>(k % 2) == parity) running += table.weight[k];
    cdf[k] = running;
  }
  if (running > 0.0)
    for (double& x : cdf) x /= running;
  return cdf;
}

// Inverse CDF: the smallest k with cdf[k] > u, so a degree with zero weight is never chosen.
std::uint32_t draw(const std::vector<double>& cdf, double u) {
  return static_cast<std::uint32_t>(std::upper_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
}

}  // namespace

std::string DegreeDistribution::text() const {
  return kind == Kind::kPoisson ? "poisson:" + shortest(mean) : "powerlaw-cutoff:" + shortest(tau) + "," + shortest(kappa);
}

DegreeDistribution parse_degree_distribution(const std::string& text) {
  if (text.empty()) throw UsageError(std::string("empty degree distribution; accepted: ") + kSpellings, {"degrees"});
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  const std::string rest = colon == std::string::npos ? "" : text.substr(colon + 1);
  DegreeDistribution d;
  if (name == "poisson") {
    if (colon == std::string::npos)
      throw UsageError("degree distribution '" + text + "' needs its mean (poisson:MEAN)", {"degrees"});
    d.kind = DegreeDistribution::Kind::kPoisson;
    d.mean = number(text, rest);
  } else if (name == "powerlaw-cutoff") {
    const auto comma = rest.find(',');
    if (colon == std::string::npos || comma == std::string::npos)
      throw UsageError("degree distribution '" + text + "' needs two parameters (powerlaw-cutoff:TAU,KAPPA)", {"degrees"});
    d.kind = DegreeDistribution::Kind::kPowerLawCutoff;
    d.tau = number(text, rest.substr(0, comma));
    d.kappa = number(text, rest.substr(comma + 1));
  } else {
    throw UsageError("unknown degree distribution '" + text + "'; accepted: " + kSpellings, {"degrees"});
  }
  check(d);
  return d;
}

std::vector<double> degree_pmf(const DegreeDistribution& distribution) {
  WeightTable table = weight_table(distribution);
  for (double& w : table.weight) w /= table.total;
  return std::move(table.weight);
}

InfluenceGraph generate_configuration_model(NodeId num_nodes, const DegreeDistribution& distribution,
                                            std::uint64_t rng_seed) {
  if (num_nodes < 1 || num_nodes == kNoNode) throw UsageError("configuration model needs 1 <= nodes < 2^32 - 1");
  const WeightTable table = weight_table(distribution);
  const std::vector<double> cdf = cumulative(table, -1);
  const NodeId n = num_nodes;

  // 1. Degrees, node v from its own stream; the sum is an integer, so any reduction order gives it.
  std::vector<std::uint32_t> degree(n);
  tbb::parallel_for(tbb::blocked_range<NodeId>(0, n, 1 << 12), [&](const tbb::blocked_range<NodeId>& range) {
    for (NodeId v = range.begin(); v != range.end(); ++v)
      degree[v] = draw(cdf, to_unit_double(value_at(stream_key(rng_seed, StreamDomain::kGraphGeneration, v), 0)));
  });
  std::uint64_t stubs = tbb::parallel_reduce(
      tbb::blocked_range<NodeId>(0, n, 1 << 14), std::uint64_t{0},
      [&](const tbb::blocked_range<NodeId>& range, std::uint64_t sum) {
        for (NodeId v = range.begin(); v != range.end(); ++v) sum += degree[v];
        return sum;
      },
      std::plus<>());

  // 2. Parity: stubs pair up only if their number is even. The last node's degree is redrawn from
  // p_k restricted to the other parity, which is what redrawing until the parity fits would give.
  if (stubs % 2 == 1) {
    const NodeId last = n - 1;
    const int wanted = static_cast<int>((degree[last] + 1) % 2);
    const std::vector<double> parity_cdf = cumulative(table, wanted);
    if (parity_cdf.back() == 0.0)  // only when every degree is odd and N is odd
      throw UsageError("degree distribution " + distribution.text() + " has no even degrees, so " +
                       std::to_string(n) + " nodes cannot have an even stub total", {"degrees"});
    stubs -= degree[last];
    degree[last] = draw(parity_cdf, to_unit_double(value_at(stream_key(rng_seed, StreamDomain::kGraphGeneration, last), 1)));
    stubs += degree[last];
  }

  // 3. Stub list, one serial Fisher-Yates shuffle on its own stream, consecutive stubs paired.
  std::vector<NodeId> stub;
  detail::assign_large(stub, stubs, NodeId{0});
  for (std::uint64_t v = 0, position = 0; v < n; ++v)
    for (std::uint32_t i = 0; i < degree[v]; ++i) stub[position++] = static_cast<NodeId>(v);
  degree = {};
  RandomStream wiring(stream_key(rng_seed, StreamDomain::kGraphWiring, 0));
  for (std::uint64_t i = stubs; i > 1; --i) std::swap(stub[i - 1], stub[wiring.next_below(i)]);

  std::vector<std::uint64_t> pairs;
  detail::assign_large(pairs, stubs, std::uint64_t{0});
  tbb::parallel_for(tbb::blocked_range<std::uint64_t>(0, stubs / 2, 1 << 14),
                    [&](const tbb::blocked_range<std::uint64_t>& range) {
                      for (std::uint64_t p = range.begin(); p != range.end(); ++p) {
                        const std::uint64_t a = stub[2 * p], b = stub[2 * p + 1];
                        pairs[2 * p] = (a << 32) | b;
                        pairs[2 * p + 1] = (b << 32) | a;
                      }
                    });
  stub = {};

  GraphProvenance provenance;
  provenance.source = "config(" + distribution.text() + ",nodes=" + std::to_string(n) + ")";
  provenance.source_format = "generated:config";
  provenance.rng_seed = rng_seed;
  provenance.interactions = stubs;  // arcs drawn: two per stub pair
  return build_unit_graph(n, std::move(pairs), std::move(provenance));
}

}  // namespace kuchikomi
