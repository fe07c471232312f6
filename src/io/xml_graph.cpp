#include "xml_graph.hpp"

#include <limits>
#include <unordered_set>

#include "kuchikomi/core/errors.hpp"
#include "parse_util.hpp"

namespace kuchikomi::xml_detail {

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

Attribute attribute_role(std::string_view name) {
  const std::string n = lower(name);
  if (n == "weight" || n == "w") return Attribute::kWeight;
  if (n == "probability" || n == "prob" || n == "p") return Attribute::kProbability;
  if (n == "time" || n == "timestamp" || n == "ts" || n == "t") return Attribute::kTime;
  if (n == "label") return Attribute::kLabel;
  return Attribute::kOther;
}

std::uint32_t XmlGraph::index(std::string_view id, std::uint64_t line) {
  if (const auto it = index_.find(id); it != index_.end()) return it->second;
  if (labels_.size() >= std::numeric_limits<std::uint32_t>::max() - 1) throw InputError(file_, line, "more than 2^32 - 2 nodes");
  const auto u = static_cast<std::uint32_t>(labels_.size());
  index_.emplace(std::string(id), u);
  labels_.emplace_back(id);
  declared_at_.push_back(0);
  return u;
}

std::uint32_t XmlGraph::declare_node(std::string_view id, std::uint64_t line) {
  const std::uint32_t u = index(id, line);
  if (declared_at_[u] != 0)
    throw InputError(file_, line, "node " + ingest_detail::quoted(id) + " declared twice (also on line " +
                                      std::to_string(declared_at_[u]) + ")");
  declared_at_[u] = line;
  return u;
}

XmlEdge XmlGraph::start_edge(std::string_view format, const XmlAttributes& attributes, std::uint64_t line) {
  poll_.line();  // one poll per 65,536 edges
  const char* source = attributes.find("source");
  const char* target = attributes.find("target");
  if (source == nullptr || target == nullptr)
    throw InputError(file_, line, std::string(format) + ": <edge> without a source and a target");
  XmlEdge edge;
  edge.source = node(source, line);
  edge.target = node(target, line);
  edge.line = line;
  return edge;
}

std::uint32_t XmlGraph::node(std::string_view id, std::uint64_t line) { return index(id, line); }

void XmlGraph::finish(std::string_view format, ParsedInput& into) {
  using namespace ingest_detail;
  IngestSummary& summary = into.summary;
  summary.files.push_back(file_);
  if (summary.format.empty()) summary.format = std::string(format);
  const EdgeDirection direction = options_.direction;
  summary.direction = direction == EdgeDirection::kForward ? "forward" : direction == EdgeDirection::kBoth ? "both" : "reverse";
  const IngestFilters& filters = options_.filters;
  const bool skip = filters.skip_bad_lines;

  // Labels must name one node each: two nodes labelled alike would merge into one user.
  std::vector<NodeId> ids(labels_.size());
  std::unordered_set<NodeId> seen;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    std::uint64_t number = 0;
    ids[i] = parse_canonical_number(labels_[i], number) ? into.users.intern_number(number) : into.users.intern(labels_[i]);
    if (!seen.insert(ids[i]).second)
      throw InputError(file_, declared_at_[i], "label " + quoted(labels_[i]) + " names two nodes; labels must be unique");
  }
  if (filters.time_filtered() && !edges_.empty()) {
    bool any_time = false;
    for (const XmlEdge& e : edges_) any_time = any_time || e.time.has_value();
    if (!any_time) throw InputError(file_, 0, "a time window (since/until) needs a time attribute on the edges", {"since", "until"});
  }

  into.records.reserve(into.records.size() + 2 * edges_.size());
  for (const XmlEdge& e : edges_) {
    ++summary.lines_read;
    double weight = 1.0;
    if (e.weight && (!parse_number(*e.weight, weight) || weight < 0.0 || weight > kMaxWeight)) {
      bad_line(summary, skip, file_, e.line,
               "weight " + quoted(*e.weight) + " is not a number in [0, 3.4e38]");
      continue;
    }
    double probability = 0.0;
    if (e.probability) {
      if (!parse_number(*e.probability, probability) || probability < 0.0 || probability > 1.0) {
        bad_line(summary, skip, file_, e.line, "probability " + quoted(*e.probability) + " is outside [0,1]");
        continue;
      }
    } else if (options_.need_probability) {
      bad_line(summary, skip, file_, e.line, "edge has no probability attribute (probabilities const-from-file)",
               {"prob"});
      continue;
    }
    if (filters.time_filtered()) {
      double timestamp = 0.0;
      if (!e.time || !parse_timestamp(*e.time, timestamp)) {
        bad_line(summary, skip, file_, e.line,
                 e.time ? "time " + quoted(*e.time) + " is not a number" : std::string("edge has no time attribute"));
        continue;
      }
      if (!filters.keeps(timestamp)) {
        ++summary.filtered_by_time;
        continue;
      }
    } else if (e.time) {
      double ignored = 0.0;
      if (!parse_timestamp(*e.time, ignored)) {
        bad_line(summary, skip, file_, e.line, "time " + quoted(*e.time) + " is not a number");
        continue;
      }
    }
    ++summary.interactions_kept;
    const NodeId u = ids[e.source], v = ids[e.target];
    if (u == v) ++summary.self_interactions;
    const float p = static_cast<float>(probability);
    // An undirected edge gives influence both ways whatever the direction setting, as --direction
    // both does for an edge list.
    const bool both = !e.directed || direction == EdgeDirection::kBoth;
    if (!e.directed) ++summary.undirected_edges;
    if (both || direction == EdgeDirection::kForward) into.records.push_back({u, v, p, weight, 1});
    if (both || direction == EdgeDirection::kReverse) into.records.push_back({v, u, p, weight, 1});
  }
  // Users without edges stay: a graph file says who exists (isolated nodes included).
}

}  // namespace kuchikomi::xml_detail
