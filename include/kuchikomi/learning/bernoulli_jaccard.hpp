// The static Bernoulli and Jaccard estimators of Goyal, Bonchi, Lakshmanan, "Learning influence
// probabilities in social networks", WSDM 2010, section 4.1. With the counts of
// learning/cascade_evidence.hpp (A_u: items u adopted; A_{u2v}: items v adopted after u, within the
// window when one is given; A_{u&v}: items both adopted):
//
//   Bernoulli   p(u,v) = A_{u2v} / A_u                       (the MLE of a coin u flips per action)
//   Jaccard     p(u,v) = A_{u2v} / A_{u|v},   A_{u|v} = A_u + A_v - A_{u&v}
//
// Evidence (denominator > 0): u adopted at least one training item (Bernoulli); u or v did (Jaccard).
#pragma once
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"
#include "kuchikomi/learning/edge_estimates.hpp"

namespace kuchikomi {

EdgeEstimates bernoulli_estimates(const InfluenceGraph& graph, const CascadeEvidence& evidence);
EdgeEstimates jaccard_estimates(const InfluenceGraph& graph, const CascadeEvidence& evidence);

}  // namespace kuchikomi
