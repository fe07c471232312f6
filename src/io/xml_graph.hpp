// What the GraphML and GEXF readers share: node ids to dense indexes (in first-seen order, so a
// file's declaration order becomes the graph's node order), labels, and the edges with their
// attributes, checked and turned into influence-direction records once the document is read
// (edges may come before the nodes they name). Private to src/io.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kuchikomi/io/edge_list.hpp"
#include "parse_util.hpp"
#include "xml_reader.hpp"

namespace kuchikomi::xml_detail {

// Roles of the attributes we read, by their (case-insensitive) names: the edge lists' header names.
enum class Attribute { kOther, kWeight, kProbability, kTime, kLabel };
Attribute attribute_role(std::string_view name);

struct XmlEdge {
  std::uint32_t source = 0, target = 0;  // node indexes
  std::uint64_t line = 0;
  bool directed = true;
  std::optional<std::string> weight, probability, time;  // as written; checked in finish()
};

class XmlGraph {
 public:
  XmlGraph(const std::string& file, const EdgeListOptions& options) : file_(file), options_(options) {}
  const std::string& file() const noexcept { return file_; }

  // A node declaration; its label defaults to its id. A second declaration of an id is an error.
  std::uint32_t declare_node(std::string_view id, std::uint64_t line);
  void set_label(std::uint32_t node, std::string_view label) { labels_[node] = std::string(label); }
  // A node named by an edge (declared or not yet).
  std::uint32_t node(std::string_view id, std::uint64_t line);
  // An <edge>'s endpoints from its source and target attributes; InputError "<format>: ..." at `line`
  // when one is missing. The caller adds direction and values.
  XmlEdge start_edge(std::string_view format, const XmlAttributes& attributes, std::uint64_t line);
  void add_edge(XmlEdge edge) { edges_.push_back(std::move(edge)); }

  // Checks the edges' values, applies the direction and filters, and appends records and users.
  void finish(std::string_view format, ParsedInput& into);

 private:
  std::uint32_t index(std::string_view id, std::uint64_t line);
  const std::string& file_;
  const EdgeListOptions& options_;
  struct Hash {  // lookups by string_view, without a string per edge end
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> index_;
  std::vector<std::string> labels_;
  std::vector<std::uint64_t> declared_at_;  // line, 0 when only named by an edge
  std::vector<XmlEdge> edges_;
  ingest_detail::CancellationPoll poll_;
};

std::unique_ptr<XmlHandler> make_graphml_handler(XmlGraph& graph);
std::unique_ptr<XmlHandler> make_gexf_handler(XmlGraph& graph);

}  // namespace kuchikomi::xml_detail
