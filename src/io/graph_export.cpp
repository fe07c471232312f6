#include "kuchikomi/io/graph_export.hpp"

#include <cstdio>
#include <string_view>
#include <unordered_map>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/utf8.hpp"
#include "parse_util.hpp"

namespace kuchikomi {

namespace {

// Collects output and hands it to the file in large pieces.
class Buffered {
 public:
  explicit Buffered(AtomicOutput& out) : out_(out) { buffer_.reserve(kFlush + 4096); }
  ~Buffered() = default;
  Buffered& operator<<(std::string_view s) {
    buffer_.append(s);
    if (buffer_.size() >= kFlush) flush();
    return *this;
  }
  Buffered& number(double value) {
    char text[32];
    const int n = std::snprintf(text, sizeof text, "%.9g", value);
    return *this << std::string_view(text, static_cast<std::size_t>(n));
  }
  void flush() {
    out_.write(buffer_);
    buffer_.clear();
  }

 private:
  static constexpr std::size_t kFlush = std::size_t{1} << 20;
  AtomicOutput& out_;
  std::string buffer_;
};

// Weights and counts may be absent (graphs from older files or built in code): 1 each.
double weight_of(const InfluenceGraph& g, EdgeId e) { return g.out_weight.empty() ? 1.0 : g.out_weight[e]; }
std::uint32_t count_of(const InfluenceGraph& g, EdgeId e) { return g.out_count.empty() ? 1 : g.out_count[e]; }

std::uint64_t isolated_nodes(const InfluenceGraph& g) {
  std::vector<bool> touched(g.num_nodes(), false);
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) touched[u] = touched[g.out_targets[e]] = true;
  std::uint64_t n = 0;
  for (bool t : touched) n += t ? 0 : 1;
  return n;
}

std::vector<std::string> all_labels(const InfluenceGraph& g) {
  std::vector<std::string> labels(g.num_nodes());
  for (NodeId u = 0; u < g.num_nodes(); ++u) labels[u] = g.label(u);
  return labels;
}

// The edge-list reader splits at blanks, tabs and commas and skips '#'/'%' lines.
void check_token(const std::string& label) {
  const bool bad_start = label.empty() || label[0] == '#' || label[0] == '%';
  if (bad_start || label.find_first_of(" \t,\r\n") != std::string::npos)
    throw InputError("label " + ingest_detail::quoted(label) +
                     (label.empty() ? " is empty" : bad_start ? " starts a comment" : " holds a blank, tab, comma or line break") +
                     ": an edge list cannot hold it; export as csv or graphml instead");
}

std::string csv_field(const std::string& label) {
  if (label.find_first_of(",\"\r\n") == std::string::npos && (label.empty() || (label.front() != ' ' && label.back() != ' ')))
    return label;
  std::string out = "\"";
  for (char c : label) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// Escaped for an XML attribute value; characters XML 1.0 cannot hold become U+FFFD.
std::string xml_attribute(std::string_view raw, bool& replaced) {
  const std::string text = to_valid_utf8(raw);
  replaced = text.size() != raw.size() || text != raw;
  std::string out;
  out.reserve(text.size() + 8);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    switch (c) {
      case '&': out += "&amp;"; continue;
      case '<': out += "&lt;"; continue;
      case '>': out += "&gt;"; continue;
      case '"': out += "&quot;"; continue;
      case '\t': out += "&#9;"; continue;
      case '\n': out += "&#10;"; continue;
      case '\r': out += "&#13;"; continue;
      default: break;
    }
    // U+FFFE and U+FFFF (EF BF BE/BF) are not XML characters either.
    const bool nonchar = c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBF &&
                         (static_cast<unsigned char>(text[i + 2]) & 0xFE) == 0xBE;
    if (c < 0x20 || nonchar) {
      out += "\xEF\xBF\xBD";
      replaced = true;
      if (nonchar) i += 2;
      continue;
    }
    out += static_cast<char>(c);
  }
  return out;
}

void write_edge_list(const InfluenceGraph& g, Buffered& out, const std::vector<std::string>& labels) {
  for (const auto& label : labels) check_token(label);
  out << "# kuchikomi influence graph: " << std::to_string(g.num_nodes()) << " nodes, "
      << std::to_string(g.num_edges()) << " influence edges\n"
      << "# source target weight probability (an influence edge source -> target; kuchikomi reads it back "
         "with direction forward and columns u,v,w,p)\n";
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
      out << labels[u] << " " << labels[g.out_targets[e]] << " ";
      out.number(weight_of(g, e)) << " ";
      out.number(g.out_prob[e]) << "\n";
    }
}

void write_csv(const InfluenceGraph& g, Buffered& out, const std::vector<std::string>& labels) {
  out << "source,target,weight,probability\n";
  std::vector<std::string> fields(labels.size());
  for (std::size_t i = 0; i < labels.size(); ++i) fields[i] = csv_field(labels[i]);
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
      out << fields[u] << "," << fields[g.out_targets[e]] << ",";
      out.number(weight_of(g, e)) << ",";
      out.number(g.out_prob[e]) << "\n";
    }
}

std::uint64_t write_graphml(const InfluenceGraph& g, Buffered& out, const std::vector<std::string>& labels) {
  std::vector<std::string> ids(labels.size());
  std::unordered_map<std::string_view, NodeId> first;
  std::uint64_t replaced_count = 0;
  for (NodeId u = 0; u < labels.size(); ++u) {
    bool replaced = false;
    ids[u] = xml_attribute(labels[u], replaced);
    replaced_count += replaced ? 1 : 0;
  }
  for (NodeId u = 0; u < labels.size(); ++u)
    if (const auto [it, added] = first.try_emplace(ids[u], u); !added)
      throw InputError("labels " + ingest_detail::quoted(labels[it->second]) + " and " + ingest_detail::quoted(labels[u]) +
                       " become the same GraphML id once the characters XML cannot hold are replaced");
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
         "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
         "  <key id=\"probability\" for=\"edge\" attr.name=\"probability\" attr.type=\"double\"/>\n"
         "  <key id=\"count\" for=\"edge\" attr.name=\"count\" attr.type=\"long\"/>\n"
         "  <graph id=\"influence\" edgedefault=\"directed\">\n";
  for (NodeId u = 0; u < labels.size(); ++u) out << "    <node id=\"" << ids[u] << "\"/>\n";
  for (NodeId u = 0; u < g.num_nodes(); ++u)
    for (EdgeId e = g.out_offsets[u]; e < g.out_offsets[u + 1]; ++e) {
      out << "    <edge source=\"" << ids[u] << "\" target=\"" << ids[g.out_targets[e]] << "\"><data key=\"weight\">";
      out.number(weight_of(g, e)) << "</data><data key=\"probability\">";
      out.number(g.out_prob[e]) << "</data><data key=\"count\">" << std::to_string(count_of(g, e)) << "</data></edge>\n";
    }
  out << "  </graph>\n</graphml>\n";
  return replaced_count;
}

}  // namespace

ExportFormat parse_export_format(const std::string& name) {
  if (name == "edgelist") return ExportFormat::kEdgeList;
  if (name == "csv") return ExportFormat::kCsv;
  if (name == "graphml") return ExportFormat::kGraphml;
  throw UsageError("format must be edgelist, csv or graphml, got '" + name + "'", {"format"});
}

ExportSummary export_graph(const InfluenceGraph& graph, ExportFormat format, AtomicOutput& out) {
  if (!graph.has_forward()) throw InputError("the graph has no forward edges to export");
  ExportSummary summary;
  summary.nodes = graph.num_nodes();
  summary.edges = graph.num_edges();
  const std::vector<std::string> labels = all_labels(graph);
  Buffered buffer(out);
  switch (format) {
    case ExportFormat::kEdgeList:
      write_edge_list(graph, buffer, labels);
      summary.isolated_nodes_left_out = isolated_nodes(graph);
      break;
    case ExportFormat::kCsv:
      write_csv(graph, buffer, labels);
      summary.isolated_nodes_left_out = isolated_nodes(graph);
      break;
    case ExportFormat::kGraphml:
      summary.labels_replaced = write_graphml(graph, buffer, labels);
      break;
  }
  buffer.flush();
  return summary;
}

}  // namespace kuchikomi
