// The kuchikomi graph file: write and read (layout in io/graph_file.hpp).
//
// Writing goes to AtomicOutput's temporary path and is renamed only after the HDF5 file is closed,
// so a failed write never leaves a half-written graph under the destination name.
//
// Reading is built for speed: every array is one contiguous HDF5 dataset read straight into its
// vector (no chunking, no compression, no per-element parsing; io/hdf5_reader.hpp, not libhdf5),
// then checked in one parallel pass:
//   * attribute format == "kuchikomi-graph", format_version supported, num_nodes/num_edges present;
//   * every dataset's type, shape and stored size checked (hdf5_reader.hpp), and the lengths match
//     n+1 / m and fit in memory (--max-memory, else the machine's) before anything is allocated;
//   * labels non-empty and distinct; weights finite and >= 0;
//   * offsets start at 0, never decrease and end at m (both directions);
//   * targets/sources < n, no self-loops, each adjacency list strictly increasing (no multi-edges);
//   * probabilities in [0, 1] (NaN rejected);
//   * reverse mirrors forward, checked cheaply: the multiset of (source, target, probability) is
//     compared through an order-independent sum of 64-bit hashes, one sequential pass per direction
//     instead of an O(m) random-access rebuild. Together with the strict sorting of both sides this
//     means the reverse arrays are exactly the ones rebuild_reverse() would produce, unless a hash
//     sum collides (probability ~2^-64).
// Any violation is an InputError(file, 0, what), reported at the lowest offending node so the
// message does not depend on the thread schedule.
#include "kuchikomi/core/physical_memory.hpp"
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/io/graph_file.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string_view>
#include <functional>
#include <bit>
#include <chrono>
#include <ctime>
#include <limits>
#include <type_traits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/format_bytes.hpp"
#include "kuchikomi/core/large_array.hpp"
#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"

namespace kuchikomi {
namespace {

constexpr const char* kFormatName = "kuchikomi-graph";
// 2: strings as bytes + offsets and fixed-length attributes (no HDF5 variable-length data).
constexpr std::int64_t kFormatVersion = 2;
// Matches `kuchikomi --version` and project(VERSION) in CMakeLists.txt.

std::string iso_time_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Reads a 1-D dataset whose length was already checked straight into a vector on huge pages
// (plain vectors fault 4 KiB pages one by one; page faults dominated the load of large graphs).
template <class T>
std::vector<T> read_large(const hdf5::Group& group, const std::string& name, std::uint64_t count) {
  std::vector<T> values;
  detail::assign_large(values, count, T{});
  group.read_into(name, std::span<T>(values));
  return values;
}

std::uint64_t optional_uint(const hdf5::Group& file, const std::string& name) {
  return file.has_attribute(name) ? file.uint_attribute(name) : 0;
}

// Order-independent fingerprint of one edge; equal sums over both directions = same edge multiset.
inline std::uint64_t edge_hash(NodeId source, NodeId target, float probability) {
  const std::uint64_t pair = (static_cast<std::uint64_t>(source) << 32) | target;
  return mix64(mix64(pair) ^ (std::bit_cast<std::uint32_t>(probability) * kGoldenGamma));
}

// Result of checking one CSR direction over a range of nodes.
struct CheckResult {
  NodeId first_bad = kNoNode;  // lowest node whose list breaks an invariant
  std::uint64_t hash_sum = 0;
};

// Checks adjacency lists of nodes [0, n): neighbours < n, not the node itself, strictly increasing,
// probabilities in [0, 1]. `forward` tells how to orient the (node, neighbour) pair in the hash;
// `hash` = false skips it (a reverse-only read has no other direction to compare it with; two mixes
// per edge were 5% of a small graph's select).
CheckResult check_direction(const std::vector<EdgeId>& offsets, const std::vector<NodeId>& neighbours,
                            const std::vector<float>& prob, bool forward, bool hash = true) {
  const NodeId n = static_cast<NodeId>(offsets.size() - 1);
  return tbb::parallel_reduce(
      tbb::blocked_range<NodeId>(0, n, 1024), CheckResult{},
      [&](const tbb::blocked_range<NodeId>& range, CheckResult acc) {
        for (NodeId u = range.begin(); u != range.end(); ++u) {
          const EdgeId begin = offsets[u], end = offsets[u + 1];
          bool ok = true;
          for (EdgeId e = begin; e < end; ++e) {
            const NodeId v = neighbours[e];
            const float p = prob[e];
            ok &= v < n && v != u && (e == begin || v > neighbours[e - 1]) && p >= 0.0f && p <= 1.0f;
            if (hash) acc.hash_sum += forward ? edge_hash(u, v, p) : edge_hash(v, u, p);
          }
          if (!ok && acc.first_bad == kNoNode) acc.first_bad = u;
        }
        return acc;
      },
      [](CheckResult a, const CheckResult& b) {
        a.first_bad = std::min(a.first_bad, b.first_bad);
        a.hash_sum += b.hash_sum;
        return a;
      });
}

// Describes what is wrong with node u's list (called once, serially, for the reported node).
std::string describe_bad_list(const std::vector<EdgeId>& offsets, const std::vector<NodeId>& neighbours,
                              const std::vector<float>& prob, NodeId u, const std::string& group) {
  const NodeId n = static_cast<NodeId>(offsets.size() - 1);
  const std::string where = "/" + group + ": node " + std::to_string(u) + ": ";
  for (EdgeId e = offsets[u]; e < offsets[u + 1]; ++e) {
    const NodeId v = neighbours[e];
    if (v >= n) return where + "neighbour " + std::to_string(v) + " is not below num_nodes " + std::to_string(n);
    if (v == u) return where + "self-loop";
    if (e > offsets[u] && v <= neighbours[e - 1]) return where + "neighbours not strictly increasing (duplicate edge?)";
    if (!(prob[e] >= 0.0f && prob[e] <= 1.0f))
      return where + "probability " + std::to_string(prob[e]) + " outside [0, 1] at edge " + std::to_string(e);
  }
  return where + "invalid adjacency list";
}

void check_offsets(const std::string& path, const std::string& group, const std::vector<EdgeId>& offsets, EdgeId m) {
  if (offsets.front() != 0) throw InputError(path, 0, "/" + group + "/offsets does not start at 0");
  if (offsets.back() != m)
    throw InputError(path, 0, "/" + group + "/offsets ends at " + std::to_string(offsets.back()) + ", not num_edges " +
                                  std::to_string(m));
  const auto it = std::adjacent_find(offsets.begin(), offsets.end(), std::greater<>());
  if (it != offsets.end())
    throw InputError(path, 0, "/" + group + "/offsets decreases at node " + std::to_string(it - offsets.begin()));
}

// The dataset is readable as T and really stored in the file (hdf5_reader.hpp), and has `expected` values.
template <class T>
void check_length(const hdf5::Group& group, const std::string& group_name, const std::string& name,
                  std::uint64_t expected) {
  const std::uint64_t actual = group.readable_length<T>(name);
  if (actual != expected)
    throw InputError(group.path(), 0, "/" + group_name + "/" + name + " has " + std::to_string(actual) +
                                          " elements, expected " + std::to_string(expected));
}

}  // namespace

void write_graph_file(const InfluenceGraph& graph, const std::string& path) {
  AtomicOutput output(path);
  write_graph_file(graph, output);
  output.commit();
}

void write_graph_file(const InfluenceGraph& graph, AtomicOutput& output, const GraphFileExtension& extension) {
  if (!graph.has_forward()) throw UsageError("a graph read for reverse sampling only cannot be written: it lacks the forward arrays");
  const NodeId n = graph.num_nodes();
  const EdgeId m = graph.num_edges();
  auto file = hdf5::create_file(output);
  const GraphProvenance& p = graph.provenance;
  file.set_attribute("format", kFormatName);
  file.set_attribute("format_version", kFormatVersion);
  file.set_attribute("num_nodes", static_cast<std::uint64_t>(n));
  file.set_attribute("num_edges", static_cast<std::uint64_t>(m));
  file.set_attribute("probability_model", p.probability_model);
  file.set_attribute("source", p.source);
  file.set_attribute("source_format", p.source_format);
  file.set_attribute("command_line", p.command_line);
  file.set_attribute("rng_seed", p.rng_seed);
  file.set_attribute("self_loops_dropped", p.self_loops_dropped);
  file.set_attribute("interactions", p.interactions);
  file.set_attribute("created_at", iso_time_now());
  file.set_attribute("kuchikomi_version", kVersion);

  // An empty graph may have no offsets at all; the file always has n + 1 of them.
  const std::vector<EdgeId> zero_offsets{0};
  const auto& out_offsets = graph.out_offsets.empty() ? zero_offsets : graph.out_offsets;
  const auto& in_offsets = graph.in_offsets.empty() ? zero_offsets : graph.in_offsets;
  {
    const auto forward = file.create_group("forward");
    forward.write("offsets", out_offsets);
    forward.write("targets", graph.out_targets);
    forward.write("probability", graph.out_prob);
    // Weight and count are optional in memory; a graph without them has unit interactions.
    if (graph.out_weight.size() == m) forward.write("weight", graph.out_weight);
    else forward.write("weight", std::vector<float>(m, 1.0f));
    if (graph.out_count.size() == m) forward.write("count", graph.out_count);
    else forward.write("count", std::vector<std::uint32_t>(m, 1));
  }
  {
    const auto reverse = file.create_group("reverse");
    reverse.write("offsets", in_offsets);
    reverse.write("sources", graph.in_sources);
    reverse.write("probability", graph.in_prob);
  }
  {
    const auto nodes = file.create_group("nodes");
    if (!graph.labels.empty()) nodes.write_strings("label", graph.labels);
  }
  if (extension) extension(file);
  file.close();  // reports a failed write (full disk) before the caller commits the output
}

namespace {

std::uint64_t memory_limit(const GraphReadLimits& limits) {
  return limits.max_memory_bytes > 0 ? limits.max_memory_bytes : physical_memory_bytes();
}

// Labels name users: each must be non-empty and name one user only, or lookups by label are ambiguous.
// Labels must be non-empty and distinct. An open-addressing table of user ids (linear probing,
// at most half full) rather than a node-based hash map: no allocation per label, which made the
// check 7% of a select on Epinions.
void check_labels(const std::string& path, const std::vector<std::string>& labels) {
  std::size_t slots = 16;
  while (slots < 2 * labels.size()) slots *= 2;
  std::vector<NodeId> table(slots, kNoNode);
  const std::hash<std::string_view> hash;
  for (NodeId v = 0; v < labels.size(); ++v) {
    const std::string_view label = labels[v];
    if (label.empty()) throw InputError(path, 0, "/nodes/label: user " + std::to_string(v) + " has an empty label");
    std::size_t i = hash(label) & (slots - 1);
    for (; table[i] != kNoNode; i = (i + 1) & (slots - 1))
      if (labels[table[i]] == label)
        throw InputError(path, 0, "/nodes/label: users " + std::to_string(table[i]) + " and " + std::to_string(v) +
                                      " have the same label '" + labels[v] + "'");
    table[i] = v;
  }
}

void check_weights(const std::string& path, const std::vector<float>& weight) {
  const auto bad = std::find_if(weight.begin(), weight.end(), [](float w) { return !(w >= 0.0f && std::isfinite(w)); });
  if (bad != weight.end())
    throw InputError(path, 0, "/forward/weight: edge " + std::to_string(bad - weight.begin()) + " has weight " +
                                  std::to_string(*bad) + " (weights must be finite and >= 0)");
}

// A text attribute of the provenance. Files of format version 1 store them as variable-length
// strings, which are not read as text (see hdf5_reader.hpp): they come back empty.
std::string provenance_text(const hdf5::Group& file, const std::string& name) {
  if (!file.has_attribute(name) || file.is_variable_length_string_attribute(name)) return {};
  return file.string_attribute(name);
}

InfluenceGraph read_graph(const hdf5::Group& file, const GraphReadLimits& limits) {
  const std::string& path = file.path();
  if (!file.has_attribute("format_version") || !file.has_attribute("format"))
    throw InputError(path, 0, "not a kuchikomi graph file (no format attributes)");
  const std::int64_t version = file.int_attribute("format_version");
  if (version < 1 || version > kFormatVersion)
    throw InputError(path, 0, "unsupported graph format_version " + std::to_string(version) + " (this build reads 1 to " +
                                  std::to_string(kFormatVersion) + ")");
  // Version 1 wrote its format name as a variable-length string, which is not read (hdf5_reader.hpp);
  // for those files the structure checks below decide whether it is a graph.
  const bool legacy_text = file.is_variable_length_string_attribute("format");
  if ((legacy_text && version != 1) || (!legacy_text && file.string_attribute("format") != kFormatName))
    throw InputError(path, 0, "not a kuchikomi graph file (attribute format != \"kuchikomi-graph\")");
  const std::uint64_t n64 = file.uint_attribute("num_nodes");
  const std::uint64_t m = file.uint_attribute("num_edges");
  if (n64 >= kNoNode) throw InputError(path, 0, "num_nodes " + std::to_string(n64) + " exceeds the 32-bit node id range");

  const auto forward = file.open_group("forward");
  const auto reverse = file.open_group("reverse");

  // All lengths first: a corrupt header must not make us allocate or read gigabytes.
  const bool full = !limits.reverse_only;
  if (full) {
    check_length<EdgeId>(forward, "forward", "offsets", n64 + 1);
    check_length<NodeId>(forward, "forward", "targets", m);
    check_length<float>(forward, "forward", "probability", m);
    check_length<float>(forward, "forward", "weight", m);
    check_length<std::uint32_t>(forward, "forward", "count", m);
  }
  check_length<EdgeId>(reverse, "reverse", "offsets", n64 + 1);
  check_length<NodeId>(reverse, "reverse", "sources", m);
  check_length<float>(reverse, "reverse", "probability", m);
  // Labels are optional: a graph without /nodes/label has implicit labels "0".."n-1".
  const bool has_labels = file.has("nodes") && file.open_group("nodes").has_strings("label");
  if (has_labels) {
    const std::uint64_t count = file.open_group("nodes").strings_length("label");
    if (count != n64)
      throw InputError(path, 0, "/nodes/label has " + std::to_string(count) + " labels, expected " + std::to_string(n64));
  }
  const std::uint64_t needed = full ? 2 * (n64 + 1) * sizeof(EdgeId) + m * (2 * sizeof(NodeId) + 3 * sizeof(float) + 4)
                                    : (n64 + 1) * sizeof(EdgeId) + m * (sizeof(NodeId) + sizeof(float));
  if (needed > memory_limit(limits))
    throw InputError(path, 0,
                     "the graph needs " + format_bytes(needed) + " of memory, more than the " +
                         (limits.max_memory_bytes ? "memory limit of " : "machine's ") + format_bytes(memory_limit(limits)),
                     limits.max_memory_bytes ? ErrorSettings{"max-memory"} : ErrorSettings{});

  InfluenceGraph g;
  if (full) {
    g.out_offsets = read_large<EdgeId>(forward, "offsets", n64 + 1);
    g.out_targets = read_large<NodeId>(forward, "targets", m);
    g.out_prob = read_large<float>(forward, "probability", m);
    g.out_weight = read_large<float>(forward, "weight", m);
    g.out_count = read_large<std::uint32_t>(forward, "count", m);
  }
  g.in_offsets = read_large<EdgeId>(reverse, "offsets", n64 + 1);
  g.in_sources = read_large<NodeId>(reverse, "sources", m);
  g.in_prob = read_large<float>(reverse, "probability", m);
  if (has_labels && !limits.defer_labels) {
    g.labels = file.open_group("nodes").read_strings("label");
    check_labels(path, g.labels);
  }

  check_offsets(path, "reverse", g.in_offsets, m);
  const CheckResult in = check_direction(g.in_offsets, g.in_sources, g.in_prob, false, full);
  if (in.first_bad != kNoNode)
    throw InputError(path, 0, describe_bad_list(g.in_offsets, g.in_sources, g.in_prob, in.first_bad, "reverse"));
  if (full) {
    check_offsets(path, "forward", g.out_offsets, m);
    const CheckResult out = check_direction(g.out_offsets, g.out_targets, g.out_prob, true);
    if (out.first_bad != kNoNode)
      throw InputError(path, 0, describe_bad_list(g.out_offsets, g.out_targets, g.out_prob, out.first_bad, "forward"));
    if (out.hash_sum != in.hash_sum)
      throw InputError(path, 0, "/reverse does not hold the same edges and probabilities as /forward");
    check_weights(path, g.out_weight);
  }

  GraphProvenance& p = g.provenance;
  p.source = provenance_text(file, "source");
  p.source_format = provenance_text(file, "source_format");
  p.probability_model = provenance_text(file, "probability_model");
  p.command_line = provenance_text(file, "command_line");
  p.rng_seed = optional_uint(file, "rng_seed");
  p.self_loops_dropped = optional_uint(file, "self_loops_dropped");
  p.interactions = optional_uint(file, "interactions");
  return g;
}

}  // namespace

InfluenceGraph read_graph_file(const std::string& path, const GraphReadLimits& limits) {
  return read_graph(hdf5::open_file(path), limits);
}

void read_graph_labels(const std::string& path, InfluenceGraph& graph) {
  const hdf5::Group file = hdf5::open_file(path);
  const std::uint64_t n = graph.num_nodes();
  if (!file.has_attribute("num_nodes") || file.uint_attribute("num_nodes") != n)
    throw InputError(path, 0, "the graph file changed while it was being used (no longer " + std::to_string(n) + " users)");
  if (!(file.has("nodes") && file.open_group("nodes").has_strings("label"))) return;  // implicit labels
  const hdf5::Group nodes = file.open_group("nodes");
  const std::uint64_t count = nodes.strings_length("label");
  if (count != n)
    throw InputError(path, 0, "/nodes/label has " + std::to_string(count) + " labels, expected " + std::to_string(n));
  std::vector<std::string> labels = nodes.read_strings("label");
  check_labels(path, labels);
  graph.labels = std::move(labels);
}

InfluenceGraph read_graph_file_image(std::span<const std::byte> image, const std::string& name,
                                     const GraphReadLimits& limits) {
  return read_graph(hdf5::open_file_image(image, name), limits);
}

}  // namespace kuchikomi
