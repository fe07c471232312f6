// PageRank heuristic: influencers are the people many (influential) people listen to.
//
// PageRank (Brin, Page 1998) on the REVERSED influence graph: for every influence edge u -> v ("u can
// influence v") the walk goes v -> u, so rank flows from listeners to the people they listen to.
// Computed by boost::graph::page_rank on a boost::compressed_sparse_row_graph (graph/boost_view.hpp)
// with damping 0.85 and a fixed 50 iterations (0.85^50 < 3e-4: ranking-stable, and deterministic,
// unlike a tolerance test). Boost's variant: rank(v) = (1-d) + d * sum over in-links of rank(w)/outdeg(w),
// unweighted (edge probabilities are ignored), and users nobody influences (no out-links in the
// reversed graph) keep their rank instead of spreading it. Top-k candidates by rank, ties by lowest
// id; budget: rank per cost (heuristic_support.hpp). Reported marginal_gain is the rank. No guarantee.
#include <boost/graph/page_rank.hpp>
#include <boost/property_map/property_map.hpp>

#include "graph/boost_view.hpp"
#include "heuristic_support.hpp"
#include "kuchikomi/selection/heuristics.hpp"

namespace kuchikomi {

namespace {
constexpr double kDamping = 0.85;
constexpr std::size_t kIterations = 50;
}  // namespace

SelectionResult select_pagerank(const InfluenceGraph& g, const SelectionProblem& p, const SelectionOptions& /*o*/) {
  auto start = std::chrono::steady_clock::now();
  const BoostCsrGraph reversed = to_boost_csr(g, BoostEdgeDirection::kReverse);
  SelectionResult result = heuristics::begin_result("pagerank", p);
  result.phase_seconds.emplace_back("boost graph", heuristics::seconds_since(start));

  start = std::chrono::steady_clock::now();
  std::vector<double> rank(g.num_nodes(), 0.0);
  auto rank_map = boost::make_iterator_property_map(rank.begin(), boost::get(boost::vertex_index, reversed));
  boost::graph::page_rank(reversed, rank_map, boost::graph::n_iterations(kIterations), kDamping);
  result.phase_seconds.emplace_back("pagerank", heuristics::seconds_since(start));

  start = std::chrono::steady_clock::now();
  heuristics::pick_by_score(g, p, rank, result);
  result.phase_seconds.emplace_back("selection", heuristics::seconds_since(start));
  return result;
}

}  // namespace kuchikomi
