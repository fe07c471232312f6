// Directed Chung-Lu power-law generator; model in graph/generators.hpp.
//
// Inverse CDF of the density x^-α on [1, N+1]:  F(x) = (x^(1-α) - 1) / ((N+1)^(1-α) - 1), so
// x = (1 + U ((N+1)^(1-α) - 1))^(1/(1-α)) and node floor(x) - 1; α = 1 (γ = 2) uses x = (N+1)^U.
// Node i thus gets mass ∫_{i+1}^{i+2} x^-α dx / ∫_1^{N+1} x^-α dx exactly (up to rounding).
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <cmath>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/graph/generators.hpp"

namespace kuchikomi {
namespace {

class PowerLawSampler {
 public:
  PowerLawSampler(NodeId n, double gamma) : n_(n), alpha_(1.0 / (gamma - 1.0)) {
    unit_ = std::abs(1.0 - alpha_) < 1e-12;
    if (unit_) {
      log_top_ = std::log(static_cast<double>(n) + 1.0);
    } else {
      exponent_ = 1.0 / (1.0 - alpha_);
      span_ = std::pow(static_cast<double>(n) + 1.0, 1.0 - alpha_) - 1.0;
    }
  }
  NodeId operator()(double u) const {
    const double x = unit_ ? std::exp(u * log_top_) : std::pow(1.0 + u * span_, exponent_);
    const double node = std::floor(x) - 1.0;
    if (!(node >= 0.0)) return 0;  // rounding at x = 1
    return node >= static_cast<double>(n_ - 1) ? n_ - 1 : static_cast<NodeId>(node);
  }

 private:
  NodeId n_;
  double alpha_;
  bool unit_ = false;
  double log_top_ = 0.0, exponent_ = 0.0, span_ = 0.0;
};

}  // namespace

InfluenceGraph generate_powerlaw(NodeId num_nodes, EdgeId num_edges, std::uint64_t rng_seed, double gamma) {
  if (num_nodes < 1 || num_nodes == kNoNode) throw UsageError("power-law graph needs 1 <= nodes < 2^32 - 1");
  if (!(gamma > 1.0) || !std::isfinite(gamma)) throw UsageError("power-law exponent must be > 1, got " + std::to_string(gamma));
  const PowerLawSampler sample(num_nodes, gamma);

  std::vector<std::uint64_t> pairs;
  detail::assign_large(pairs, num_edges, std::uint64_t{0});
  tbb::parallel_for(tbb::blocked_range<EdgeId>(0, num_edges, 1 << 12), [&](const tbb::blocked_range<EdgeId>& range) {
    for (EdgeId e = range.begin(); e != range.end(); ++e) {
      const std::uint64_t key = stream_key(rng_seed, StreamDomain::kGraphGeneration, e);
      const NodeId u = sample(to_unit_double(value_at(key, 0)));
      const NodeId v = sample(to_unit_double(value_at(key, 1)));
      pairs[e] = (static_cast<std::uint64_t>(u) << 32) | v;
    }
  });

  std::ostringstream description;
  description << "powerlaw(gamma=" << gamma << ",nodes=" << num_nodes << ",edges=" << num_edges << ")";
  GraphProvenance provenance;
  provenance.source = description.str();
  provenance.source_format = "generated:powerlaw";
  provenance.rng_seed = rng_seed;
  provenance.interactions = num_edges;
  return build_unit_graph(num_nodes, std::move(pairs), std::move(provenance));
}

}  // namespace kuchikomi
