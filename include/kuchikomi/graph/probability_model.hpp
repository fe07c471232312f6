// Edge influence probabilities from aggregated interaction weights (--prob).
//   wc          weighted cascade: p(u,v) = w(u,v) / sum_x w(x,v)   (Kempe et al. 2003, weighted)
//   uniform:P   every edge P
//   trivalency  0.1 / 0.01 / 0.001 drawn per edge from the seeded stream keyed by edge index
//   exp:TAU     p = 1 - exp(-w / TAU): more interactions, more influence, saturating at 1
//   const-from-file  the probability column read from the input, kept as is
// WC makes every node's in-probabilities sum to exactly 1, so it is always valid for LT.
#pragma once
#include <cstdint>
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct ProbabilityModel {
  enum class Kind { kWeightedCascade, kUniform, kTrivalency, kExponential, kConstFromFile };
  Kind kind = Kind::kWeightedCascade;
  double parameter = 0.0;  // P for uniform, TAU for exp
  std::string text() const;  // canonical spelling, as stored in graph files
};

// Throws UsageError with the accepted spellings when `text` is not one of them or P/TAU is invalid.
ProbabilityModel parse_probability_model(const std::string& text);

// Sets out_prob from out_weight (except const-from-file), rebuilds the reverse arrays and records
// the model in graph.provenance.probability_model.
void assign_probabilities(InfluenceGraph& graph, const ProbabilityModel& model, std::uint64_t rng_seed);

}  // namespace kuchikomi
