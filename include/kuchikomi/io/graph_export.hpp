// An influence graph written in formats other tools read: every influence edge source -> target with
// its labels, summed weight and probability (and, in GraphML, its interaction count).
//
//   edgelist  `source target weight probability` lines after '#' comments (SNAP style; networkx
//             read_edgelist(path, data=[("weight", float), ("probability", float)])). Labels must be
//             tokens: no blank, tab, comma or line break, not starting with '#' or '%'; a label
//             that is not is an InputError naming it.
//   csv       a `source,target,weight,probability` header, then RFC 4180 rows (labels quoted when
//             they hold a comma, quote or line break): pandas, spreadsheets, and our edge-list
//             reader (a comma header makes it read the rest as CSV).
//   graphml   nodes in id order with the label as GraphML node id (so networkx's nodes are our
//             labels), isolated nodes included; edge data weight, probability, count. Characters
//             XML 1.0 cannot hold (control characters, invalid UTF-8) are replaced by U+FFFD and
//             counted; labels that become equal that way are an InputError.
// Numbers are written with 9 significant digits, so the float32 values read back exactly.
// Edge lists and CSV cannot hold isolated nodes; they are counted.
#pragma once
#include <cstdint>
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/atomic_output.hpp"

namespace kuchikomi {

enum class ExportFormat { kEdgeList, kCsv, kGraphml };

// "edgelist", "csv" or "graphml"; UsageError otherwise.
ExportFormat parse_export_format(const std::string& name);

struct ExportSummary {
  std::uint64_t nodes = 0;
  std::uint64_t edges = 0;
  std::uint64_t isolated_nodes_left_out = 0;  // edgelist and csv
  std::uint64_t labels_replaced = 0;          // graphml: labels with characters XML cannot hold
};

// Writes the whole graph to `out` (not committed: the caller commits).
ExportSummary export_graph(const InfluenceGraph& graph, ExportFormat format, AtomicOutput& out);

}  // namespace kuchikomi
