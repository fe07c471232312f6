// Partial credits (Goyal, Bonchi, Lakshmanan, WSDM 2010, section 4.1, "partial credits"): when v
// adopts an item after several in-neighbours did, each of them gets an equal share of the credit
// instead of a full success each. With S(v, a) = v's potential parents for item a
// (learning/cascade_evidence.hpp):
//
//   credit_{u,v}(a) = 1 / |S(v, a)|  for u in S(v, a),        p(u,v) = Σ_a credit_{u,v}(a) / A_u
//
// (the Bernoulli form of the paper's partial-credit variant). Evidence: A_u > 0.
#pragma once
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"
#include "kuchikomi/learning/edge_estimates.hpp"

namespace kuchikomi {

EdgeEstimates partial_credit_estimates(const InfluenceGraph& graph, const CascadeEvidence& evidence);

}  // namespace kuchikomi
