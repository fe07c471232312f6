#include "kuchikomi/io/graph_xml.hpp"

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "parse_util.hpp"
#include "xml_graph.hpp"

namespace kuchikomi {

namespace {

using namespace xml_detail;

// Picks the reader by the root element and hands it everything else.
class RootDispatch final : public XmlHandler {
 public:
  explicit RootDispatch(XmlGraph& graph) : graph_(graph) {}
  void start(std::string_view name, const XmlAttributes& a, std::uint64_t line) override {
    if (!inner_) {
      if (name == "graphml") inner_ = make_graphml_handler(graph_), format_ = "graphml";
      else if (name == "gexf") inner_ = make_gexf_handler(graph_), format_ = "gexf";
      else
        throw InputError(graph_.file(), line,
                         "XML root element " + ingest_detail::quoted(name) + " is neither graphml nor gexf");
    }
    inner_->start(name, a, line);
  }
  void end(std::string_view name, std::string_view text, std::uint64_t line) override {
    inner_->end(name, text, line);
  }
  bool keep_text() const override { return inner_->keep_text(); }
  const char* format() const noexcept { return format_; }

 private:
  XmlGraph& graph_;
  std::unique_ptr<XmlHandler> inner_;
  const char* format_ = "";
};

}  // namespace

bool looks_like_graph_xml(std::string_view text) noexcept { return looks_like_xml(without_utf8_bom(text)); }

void parse_graph_xml(std::string_view text, const std::string& file_name, const EdgeListOptions& options,
                     ParsedInput& into) {
  // Silently ignoring them would read the file otherwise than asked.
  if (options.columns != "auto" || options.skip_lines != 0)
    throw InputError(file_name, 0,
                     "a GraphML or GEXF file names its own attributes: columns and skip-lines apply to edge lists only",
                     {"columns", "skip-lines"});
  XmlGraph graph(file_name, options);
  RootDispatch root(graph);
  parse_xml(without_utf8_bom(text), file_name, root);
  graph.finish(root.format(), into);
}

}  // namespace kuchikomi
