// Graph files in XML: GraphML and GEXF (what networkx's write_graphml / write_gexf, igraph and Gephi
// produce), told apart by the root element. Nodes keep their declaration order and their labels
// (GraphML: a `label` attribute, else the node id; GEXF: the node's label, else its id), isolated
// nodes included. Edge attributes named weight, probability or time (the edge lists' header names:
// w, p, prob, t, ts, timestamp too, any case) are read; others are ignored.
//
// Direction: a directed edge source -> target is read like an edge-list line `source target` under
// options.direction (reverse by default: source acted on target's content, influence target ->
// source); an undirected edge (GraphML edgedefault="undirected" or directed="false", GEXF's default
// type) gives influence both ways, counted in IngestSummary::undirected_edges.
//
// The parser is libexpat with every DTD refused (no entity expansion, nothing external read) and
// nesting and text lengths capped; malformed XML and bad values are InputErrors naming the file and
// line (bad edge values are skippable bad lines under options.filters.skip_bad_lines).
#pragma once
#include <string>
#include <string_view>

#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/ingest_records.hpp"

namespace kuchikomi {

// True when the text's first non-blank character is '<': an XML document, never an edge list.
bool looks_like_graph_xml(std::string_view text) noexcept;

// Parses a GraphML or GEXF document. options.columns and options.skip_lines do not apply: other than
// their defaults ("auto", 0) they are an InputError.
void parse_graph_xml(std::string_view text, const std::string& file_name, const EdgeListOptions& options,
                     ParsedInput& into);

}  // namespace kuchikomi
