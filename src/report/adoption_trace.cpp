#include "kuchikomi/report/adoption_trace.hpp"

#include <vector>

#include "kuchikomi/io/csv_field.hpp"

namespace kuchikomi {

std::function<void(std::uint64_t, std::span<const NodeId>, std::span<const std::uint32_t>)> adoption_trace(
    const InfluenceGraph& graph, std::string& csv) {
  csv = "user,item,time\n";
  std::vector<std::string> labels(graph.num_nodes());  // quoted once, written many times
  for (NodeId v = 0; v < graph.num_nodes(); ++v) labels[v] = csv_field(graph.label(v));
  return [&csv, labels = std::move(labels)](std::uint64_t run, std::span<const NodeId> nodes,
                                             std::span<const std::uint32_t> rounds) {
    std::string item(1, ',');
    item += std::to_string(run);
    item += ',';
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      csv += labels[nodes[i]];
      csv += item;
      csv += std::to_string(rounds[i]);
      csv += '\n';
    }
  };
}

}  // namespace kuchikomi
