// Per-user activation probabilities as CSV (user_probability_csv.hpp).
#include "kuchikomi/report/user_probability_csv.hpp"

#include <cstdio>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/csv_field.hpp"

namespace kuchikomi {

std::string user_probability_csv(const InfluenceGraph& graph, const SpreadStatistics& stats,
                                 std::span<const NodeId> seeds, std::span<const NodeId> segment) {
  const NodeId n = graph.num_nodes();
  if (stats.node_probability.size() != n) throw UsageError("the simulation kept no per-user probabilities");
  std::vector<std::uint8_t> is_seed(n, 0), in_segment(n, 0);
  for (NodeId v : seeds) is_seed.at(v) = 1;
  for (NodeId v : segment) in_segment.at(v) = 1;
  std::string csv = segment.empty() ? "user,activation_probability,seed\n" : "user,activation_probability,seed,in_segment\n";
  char number[40];
  for (NodeId v = 0; v < n; ++v) {
    std::snprintf(number, sizeof number, "%.6g", stats.node_probability[v]);
    csv += csv_field(graph.label(v));
    csv += ',';
    csv += number;
    csv += is_seed[v] ? ",1" : ",0";
    if (!segment.empty()) csv += in_segment[v] ? ",1" : ",0";
    csv += '\n';
  }
  return csv;
}

}  // namespace kuchikomi
