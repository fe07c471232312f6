// R-MAT generator (Chakrabarti, Zhan, Faloutsos, SDM 2004); model and conventions in
// graph/generators.hpp. Without noise the quadrant choice compares 32-bit slices of one 64-bit draw
// against fixed-point thresholds (two levels per draw, resolution 2^-32 on a, b, c); with noise the
// perturbed probabilities are per edge and level, so doubles are used.
#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/graph/generators.hpp"

namespace kuchikomi {
namespace {

struct Quadrant {
  std::uint64_t row, column;
};

// Cumulative thresholds of a, a+b, a+b+c as 32-bit fixed point.
struct Thresholds {
  std::uint64_t ab[3];
  explicit Thresholds(const RmatParameters& p) {
    const double cumulative[3] = {p.a, p.a + p.b, p.a + p.b + p.c};
    for (int i = 0; i < 3; ++i)
      ab[i] = static_cast<std::uint64_t>(std::min(std::ldexp(cumulative[i], 32), 4294967296.0));
  }
  Quadrant pick(std::uint64_t r32) const {
    if (r32 < ab[0]) return {0, 0};
    if (r32 < ab[1]) return {0, 1};
    if (r32 < ab[2]) return {1, 0};
    return {1, 1};
  }
};

Quadrant pick_noisy(const RmatParameters& p, RandomStream& stream) {
  const double spread = 2.0 * p.noise, low = 1.0 - p.noise;
  const double a = p.a * (low + spread * stream.next_double());
  const double b = p.b * (low + spread * stream.next_double());
  const double c = p.c * (low + spread * stream.next_double());
  const double d = (1.0 - p.a - p.b - p.c) * (low + spread * stream.next_double());
  const double r = stream.next_double() * (a + b + c + d);
  if (r < a) return {0, 0};
  if (r < a + b) return {0, 1};
  if (r < a + b + c) return {1, 0};
  return {1, 1};
}

void check_parameters(NodeId num_nodes, const RmatParameters& p) {
  if (num_nodes < 1 || num_nodes == kNoNode) throw UsageError("R-MAT needs 1 <= nodes < 2^32 - 1");
  const double d = 1.0 - p.a - p.b - p.c;
  auto in_unit = [](double x) { return x >= 0.0 && x <= 1.0; };
  if (!in_unit(p.a) || !in_unit(p.b) || !in_unit(p.c) || !(d >= -1e-12) || !(p.a > 0.0))
    throw UsageError("R-MAT parameters need a > 0, b, c >= 0 and a + b + c <= 1 (d = 1 - a - b - c); got a=" +
                     std::to_string(p.a) + " b=" + std::to_string(p.b) + " c=" + std::to_string(p.c));
  if (!(p.noise >= 0.0 && p.noise < 1.0)) throw UsageError("R-MAT noise must be in [0, 1)");
}

}  // namespace

InfluenceGraph generate_rmat(NodeId num_nodes, EdgeId num_edges, std::uint64_t rng_seed, const RmatParameters& params) {
  check_parameters(num_nodes, params);
  const NodeId n = num_nodes;
  const int scale = n <= 1 ? 0 : static_cast<int>(std::bit_width(static_cast<std::uint64_t>(n) - 1));  // 2^scale >= n
  const Thresholds thresholds(params);
  const bool noisy = params.noise > 0.0;

  std::vector<std::uint64_t> pairs;
  detail::assign_large(pairs, num_edges, std::uint64_t{0});
  tbb::parallel_for(tbb::blocked_range<EdgeId>(0, num_edges, 1 << 12), [&](const tbb::blocked_range<EdgeId>& range) {
    for (EdgeId e = range.begin(); e != range.end(); ++e) {
      RandomStream stream(stream_key(rng_seed, StreamDomain::kGraphGeneration, e));
      std::uint64_t u, v;
      do {
        u = v = 0;
        std::uint64_t bits = 0;
        for (int level = 0; level < scale; ++level) {
          Quadrant q;
          if (noisy) {
            q = pick_noisy(params, stream);
          } else {
            if (level % 2 == 0) bits = stream.next();
            q = thresholds.pick(level % 2 == 0 ? bits >> 32 : bits & 0xFFFFFFFFULL);
          }
          u = (u << 1) | q.row;
          v = (v << 1) | q.column;
        }
      } while (u >= n || v >= n);
      pairs[e] = (u << 32) | v;
    }
  });

  std::ostringstream description;
  description << "rmat(a=" << params.a << ",b=" << params.b << ",c=" << params.c << ",noise=" << params.noise
              << ",nodes=" << n << ",edges=" << num_edges << ")";
  GraphProvenance provenance;
  provenance.source = description.str();
  provenance.source_format = "generated:rmat";
  provenance.rng_seed = rng_seed;
  provenance.interactions = num_edges;
  return build_unit_graph(n, std::move(pairs), std::move(provenance));
}

}  // namespace kuchikomi
