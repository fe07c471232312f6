// GraphML (graphml.graphdrawing.org), as networkx, igraph, Gephi and yEd write it: <key> declarations
// map attribute names to ids; <node id>, <edge source target [directed]>, their <data key> values.
// Edge attributes named like the edge lists' header columns (weight, probability, time, ...) are
// read, with their keys' <default>; a node's label is its `label` attribute, else its id. Other
// attributes are ignored. Nested graphs and hyperedges have no influence-graph meaning: refused.
#include <map>

#include "kuchikomi/core/errors.hpp"
#include "xml_graph.hpp"

namespace kuchikomi::xml_detail {

namespace {

struct Key {
  Attribute role = Attribute::kOther;
  bool for_edges = false, for_nodes = false;
};

class GraphmlHandler final : public XmlHandler {
 public:
  explicit GraphmlHandler(XmlGraph& graph) : graph_(graph) {}

  void start(std::string_view name, const XmlAttributes& a, std::uint64_t line) override {
    keep_ = false;
    if (name == "key") {
      const char* id = a.find("id");
      if (id == nullptr) fail(line, "<key> without an id");
      const char* for_what = a.find("for");
      const std::string_view f = for_what == nullptr ? "all" : for_what;
      const char* attr_name = a.find("attr.name");
      Key key;
      key.role = attr_name == nullptr ? Attribute::kOther : attribute_role(attr_name);
      key.for_edges = f == "edge" || f == "all";
      key.for_nodes = f == "node" || f == "all";
      key_ = &(keys_[id] = key);
    } else if (name == "default") {
      keep_ = key_ != nullptr;
    } else if (name == "graph") {
      if (graphs_++ > 0) fail(line, "more than one <graph> (nested graphs are not supported)");
      const char* d = a.find("edgedefault");
      // The GraphML schema's default is directed.
      directed_default_ = d == nullptr || std::string_view(d) != "undirected";
    } else if (name == "node") {
      if (graphs_ == 0) fail(line, "<node> outside a <graph>");
      const char* id = a.find("id");
      if (id == nullptr) fail(line, "<node> without an id");
      node_ = graph_.declare_node(id, line);
      in_node_ = true;
    } else if (name == "edge") {
      if (graphs_ == 0) fail(line, "<edge> outside a <graph>");
      edge_ = graph_.start_edge("GraphML", a, line);
      const char* d = a.find("directed");
      edge_.directed = d == nullptr ? directed_default_ : std::string_view(d) == "true" || std::string_view(d) == "1";
      in_edge_ = true;
    } else if (name == "hyperedge") {
      fail(line, "hyperedges are not supported");
    } else if (name == "data" && (in_node_ || in_edge_)) {
      const char* key = a.find("key");
      data_role_ = Attribute::kOther;
      if (key != nullptr)
        if (const auto it = keys_.find(key); it != keys_.end() && (in_edge_ ? it->second.for_edges : it->second.for_nodes))
          data_role_ = it->second.role;
      keep_ = data_role_ != Attribute::kOther;
    }
  }

  bool keep_text() const override { return keep_; }

  void end(std::string_view name, std::string_view text, std::uint64_t) override {
    if (name == "key") {
      key_ = nullptr;
    } else if (name == "default" && key_ != nullptr) {
      if (key_->for_edges && key_->role != Attribute::kOther && key_->role != Attribute::kLabel)
        edge_default_[static_cast<int>(key_->role)] = std::string(text);
    } else if (name == "data" && data_role_ != Attribute::kOther) {
      if (in_edge_) {
        if (data_role_ == Attribute::kWeight) edge_.weight = std::string(text);
        if (data_role_ == Attribute::kProbability) edge_.probability = std::string(text);
        if (data_role_ == Attribute::kTime) edge_.time = std::string(text);
      } else if (in_node_ && data_role_ == Attribute::kLabel) {
        graph_.set_label(node_, text);
      }
      data_role_ = Attribute::kOther;
    } else if (name == "node") {
      in_node_ = false;
    } else if (name == "edge") {
      // One default per role (the last declared), not a walk over every key per edge: a file with
      // many keys and many edges must not take their product in time.
      if (!edge_.weight) edge_.weight = edge_default_[static_cast<int>(Attribute::kWeight)];
      if (!edge_.probability) edge_.probability = edge_default_[static_cast<int>(Attribute::kProbability)];
      if (!edge_.time) edge_.time = edge_default_[static_cast<int>(Attribute::kTime)];
      graph_.add_edge(std::move(edge_));
      in_edge_ = false;
    }
  }

 private:
  [[noreturn]] void fail(std::uint64_t line, const std::string& message) {
    throw InputError(graph_.file(), line, "GraphML: " + message);
  }
  XmlGraph& graph_;
  std::map<std::string, Key> keys_;
  std::optional<std::string> edge_default_[5];  // by Attribute
  Key* key_ = nullptr;
  int graphs_ = 0;
  bool directed_default_ = true;
  bool in_node_ = false, in_edge_ = false, keep_ = false;
  std::uint32_t node_ = 0;
  XmlEdge edge_;
  Attribute data_role_ = Attribute::kOther;
};

}  // namespace

std::unique_ptr<XmlHandler> make_graphml_handler(XmlGraph& graph) { return std::make_unique<GraphmlHandler>(graph); }

}  // namespace kuchikomi::xml_detail
