// GEXF (gexf.net, 1.1 to 1.3), as Gephi and networkx write it: <attributes class="edge"> declare
// attribute ids and titles; <node id label>, <edge source target [weight] [type]> with
// <attvalue for value> children. An edge's weight is its `weight` XML attribute (or an attribute
// titled weight); probability and time come from attributes titled like the edge lists' header
// columns. Hierarchical graphs (nodes inside nodes) are refused.
#include <map>

#include "kuchikomi/core/errors.hpp"
#include "xml_graph.hpp"

namespace kuchikomi::xml_detail {

namespace {

struct Declared {
  Attribute role = Attribute::kOther;
};

class GexfHandler final : public XmlHandler {
 public:
  explicit GexfHandler(XmlGraph& graph) : graph_(graph) {}

  void start(std::string_view name, const XmlAttributes& a, std::uint64_t line) override {
    keep_ = false;
    if (name == "graph") {
      if (graphs_++ > 0) fail(line, "more than one <graph>");
      const char* d = a.find("defaultedgetype");
      // GEXF's default edge type is undirected.
      directed_default_ = d != nullptr && std::string_view(d) == "directed";
    } else if (name == "attributes") {
      const char* c = a.find("class");
      edge_attributes_ = c != nullptr && std::string_view(c) == "edge";
    } else if (name == "attribute" && edge_attributes_) {
      const char* id = a.find("id");
      const char* title = a.find("title");
      if (id == nullptr) fail(line, "<attribute> without an id");
      declared_ = &(attributes_[id] = Declared{title == nullptr ? Attribute::kOther : attribute_role(title)});
    } else if (name == "default") {
      keep_ = declared_ != nullptr;
    } else if (name == "node") {
      if (graphs_ == 0) fail(line, "<node> outside a <graph>");
      if (in_node_) fail(line, "nodes inside nodes (hierarchical graphs) are not supported");
      const char* id = a.find("id");
      if (id == nullptr) fail(line, "<node> without an id");
      const std::uint32_t u = graph_.declare_node(id, line);
      if (const char* label = a.find("label")) graph_.set_label(u, label);
      in_node_ = true;
    } else if (name == "edge") {
      if (graphs_ == 0) fail(line, "<edge> outside a <graph>");
      edge_ = graph_.start_edge("GEXF", a, line);
      const char* type = a.find("type");
      edge_.directed = type == nullptr ? directed_default_ : std::string_view(type) == "directed";
      if (const char* w = a.find("weight")) edge_.weight = std::string(w);
      in_edge_ = true;
    } else if (name == "attvalue" && in_edge_) {
      const char* id = a.find("for");
      if (id == nullptr) id = a.find("id");  // GEXF 1.0 spelling
      const char* value = a.find("value");
      if (id == nullptr || value == nullptr) fail(line, "<attvalue> without for and value");
      const auto it = attributes_.find(id);
      if (it == attributes_.end()) return;
      set(it->second.role, value);
    }
  }

  bool keep_text() const override { return keep_; }

  void end(std::string_view name, std::string_view text, std::uint64_t) override {
    if (name == "attribute") {
      declared_ = nullptr;
    } else if (name == "default" && declared_ != nullptr) {
      if (declared_->role != Attribute::kOther && declared_->role != Attribute::kLabel)
        edge_default_[static_cast<int>(declared_->role)] = std::string(text);
    } else if (name == "attributes") {
      edge_attributes_ = false;
    } else if (name == "node") {
      in_node_ = false;
    } else if (name == "edge") {
      // One default per role (the last declared): no walk over every attribute per edge.
      for (Attribute role : {Attribute::kWeight, Attribute::kProbability, Attribute::kTime})
        if (const auto& d = edge_default_[static_cast<int>(role)]; d && !has(role)) set(role, *d);
      graph_.add_edge(std::move(edge_));
      in_edge_ = false;
    }
  }

 private:
  [[noreturn]] void fail(std::uint64_t line, const std::string& message) {
    throw InputError(graph_.file(), line, "GEXF: " + message);
  }
  void set(Attribute role, std::string_view value) {
    if (role == Attribute::kWeight) edge_.weight = std::string(value);
    if (role == Attribute::kProbability) edge_.probability = std::string(value);
    if (role == Attribute::kTime) edge_.time = std::string(value);
  }
  bool has(Attribute role) const {
    return role == Attribute::kWeight ? edge_.weight.has_value()
           : role == Attribute::kProbability ? edge_.probability.has_value()
           : role == Attribute::kTime ? edge_.time.has_value() : true;
  }
  XmlGraph& graph_;
  std::map<std::string, Declared> attributes_;
  std::optional<std::string> edge_default_[5];  // by Attribute
  Declared* declared_ = nullptr;
  int graphs_ = 0;
  bool directed_default_ = false;
  bool edge_attributes_ = false, in_node_ = false, in_edge_ = false, keep_ = false;
  XmlEdge edge_;
};

}  // namespace

std::unique_ptr<XmlHandler> make_gexf_handler(XmlGraph& graph) { return std::make_unique<GexfHandler>(graph); }

}  // namespace kuchikomi::xml_detail
