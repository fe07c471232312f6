// A boost::compressed_sparse_row_graph copy of an InfluenceGraph's topology, for Boost.Graph algorithms.
// Private to the library (Boost.Graph is not part of its interface): used by selection/pagerank.cpp.
//
// Why a copy and not an adaptor: Boost's CSR graph is a ready model of VertexListGraph and
// IncidenceGraph with a vertex_index map, which is what BGL algorithms (page_rank, ...) expect; our
// arrays have the same layout, so building one is a single O(n + m) pass. Probabilities are not
// carried: the algorithms we use on it (PageRank) are unweighted.
//
// Invariants: vertex ids are the InfluenceGraph's dense NodeIds; the edge set is exactly the
// influence edges (forward) or all of them reversed (v -> u for every influence edge u -> v).
#pragma once
#include <cstdint>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

using BoostCsrGraph = boost::compressed_sparse_row_graph<boost::directedS, boost::no_property, boost::no_property,
                                                         boost::no_property, NodeId, EdgeId>;

enum class BoostEdgeDirection {
  kForward,  // u -> v: "u can influence v"
  kReverse,  // v -> u: "v listens to u" (PageRank on this ranks the people many listen to)
};

BoostCsrGraph to_boost_csr(const InfluenceGraph& graph, BoostEdgeDirection direction);

}  // namespace kuchikomi
