// What `graph info` and `graph learn` show about a graph: its summary (graph/graph_summary.hpp)
// and how its probabilities were learned and how well they predicted real cascades
// (learning/graph_records.hpp), as text for a terminal (labels escaped) and as JSON.
#pragma once
#include <optional>
#include <string>

#include "kuchikomi/graph/graph_summary.hpp"
#include "kuchikomi/learning/graph_records.hpp"

namespace kuchikomi {

// What a graph file says about its probabilities; both absent for graphs that were neither learned
// nor validated, and for a graph given as a log or edge list.
struct GraphRecords {
  std::optional<LearningRecord> learning;
  std::optional<ValidationRecord> validation;
};
GraphRecords read_graph_records(const std::string& path);

// `graph info`: the summary of the graph read from `path`, then its records.
std::string graph_summary_text(const std::string& path, const GraphSummary& summary, const InfluenceGraph& graph,
                               const GraphRecords& records);
std::string graph_summary_json(const std::string& path, const GraphSummary& summary, const InfluenceGraph& graph,
                               const GraphRecords& records);

// The records alone as graph info's JSON holds them: {"learning": ..., "validation": ...}, each null
// when absent (the Python package's Graph.load).
std::string graph_records_json(const GraphRecords& records);

// `graph learn`: the record of the learning just done.
std::string learning_record_text(const LearningRecord& record);
std::string learning_record_json(const LearningRecord& record);

}  // namespace kuchikomi
