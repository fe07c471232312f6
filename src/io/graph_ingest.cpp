#include "kuchikomi/io/graph_ingest.hpp"

#include <tbb/parallel_sort.h>

#include <cmath>
#include <limits>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

namespace {

// Float rounding in WC can push a node's in-sum a few ulps past 1; that is not an LT problem.
constexpr double kLtTolerance = 1e-5;

std::string join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

// Sums repeated pairs here rather than in build_influence_graph: its parallel sort leaves equal
// pairs in a thread-dependent order, and float sums depend on order. Sorting by a total order
// (pair, then weight and probability) makes the summation order, hence every bit of the result,
// independent of the thread count. Self-loops are dropped (the parsers already counted them).
std::vector<EdgeRecord> merge_repeated_pairs(std::vector<EdgeRecord> records) {
  std::erase_if(records, [](const EdgeRecord& r) { return r.source == r.target; });
  tbb::parallel_sort(records.begin(), records.end(), [](const EdgeRecord& a, const EdgeRecord& b) {
    if (a.source != b.source) return a.source < b.source;
    if (a.target != b.target) return a.target < b.target;
    if (a.weight != b.weight) return a.weight < b.weight;
    if (a.probability != b.probability) return a.probability < b.probability;
    return a.count < b.count;
  });
  std::size_t kept = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    EdgeRecord& last = records[kept - (kept > 0 ? 1 : 0)];
    if (kept > 0 && last.source == records[i].source && last.target == records[i].target) {
      last.weight += records[i].weight;
      last.count += records[i].count;
      last.probability = 1.0f - (1.0f - last.probability) * (1.0f - records[i].probability);
    } else {
      records[kept++] = records[i];
    }
  }
  records.resize(kept);
  return records;
}

}  // namespace

void check_ingest_filters(const IngestFilters& filters) {
  if (filters.since && !std::isfinite(*filters.since)) throw UsageError("since must be a finite number", {"since"});
  if (filters.until && !std::isfinite(*filters.until)) throw UsageError("until must be a finite number", {"until"});
  if (filters.since && filters.until && *filters.since >= *filters.until)
    throw UsageError("since must be earlier than until", {"since"});
  if (!(filters.min_weight >= 0.0) || !std::isfinite(filters.min_weight))
    throw UsageError("min-weight must be a finite number >= 0", {"min-weight"});
}

IngestResult finish_ingest(ParsedInput parsed, double min_weight, const ProbabilityModel& model,
                           std::uint64_t rng_seed, const std::string& command_line) {
  IngestSummary summary = std::move(parsed.summary);
  GraphProvenance provenance;
  provenance.source = join(summary.files);
  provenance.source_format = summary.format;
  provenance.command_line = command_line;
  provenance.rng_seed = rng_seed;

  const NodeId n = parsed.users.size();
  provenance.self_loops_dropped = summary.self_interactions;
  std::vector<EdgeRecord> edges = merge_repeated_pairs(std::move(parsed.records));
  // Each weight fits in float32 (the parsers check), but a pair's summed weight may not.
  for (const EdgeRecord& e : edges)
    if (!(e.weight <= std::numeric_limits<float>::max()))
      throw InputError(join(summary.files), 0,
                       "the " + std::to_string(e.count) + " interactions of '" + parsed.users.labels()[e.target] +
                           "' with '" + parsed.users.labels()[e.source] + "' weigh " + std::to_string(e.weight) +
                           " in all, more than the largest storable weight (3.4e38); scale the weights down");
  InfluenceGraph graph = build_influence_graph(n, std::move(edges), parsed.users.labels(), std::move(provenance));

  if (min_weight > 0.0) {
    std::vector<EdgeRecord> kept;
    kept.reserve(graph.num_edges());
    for (NodeId u = 0; u < n; ++u) {
      for (EdgeId e = graph.out_offsets[u]; e < graph.out_offsets[u + 1]; ++e) {
        if (graph.out_weight[e] < min_weight) {
          ++summary.edges_below_min_weight;
          continue;
        }
        kept.push_back({u, graph.out_targets[e], graph.out_prob[e], graph.out_weight[e], graph.out_count[e]});
      }
    }
    graph = build_influence_graph(n, std::move(kept), std::move(graph.labels), std::move(graph.provenance));
  }

  if (graph.num_edges() == 0) {
    std::string why = std::to_string(summary.lines_read) + " data lines read";
    if (summary.filtered_by_time) why += ", " + std::to_string(summary.filtered_by_time) + " outside the time window (since/until)";
    if (summary.self_interactions) why += ", " + std::to_string(summary.self_interactions) + " self-interactions";
    if (summary.bad_lines_skipped) why += ", " + std::to_string(summary.bad_lines_skipped) + " bad lines skipped";
    if (summary.edges_below_min_weight)
      why += ", " + std::to_string(summary.edges_below_min_weight) + " edges below the minimum weight";
    throw InputError(join(summary.files), 0, "no edges left after filtering (" + why + ")");
  }

  // The records behind the kept edges, by definition the sum of their counts: one per interaction,
  // two for an undirected edge-list line (--direction both adds both arcs).
  graph.provenance.interactions = 0;
  for (std::uint32_t count : graph.out_count) graph.provenance.interactions += count;
  assign_probabilities(graph, model, rng_seed);
  graph.provenance.rng_seed = rng_seed;

  const auto [worst, sum] = graph.max_in_probability_sum();
  summary.lt_valid = sum <= 1.0 + kLtTolerance;
  summary.lt_worst_user = worst == kNoNode ? std::string() : graph.label(worst);
  summary.lt_worst_sum = sum;
  summary.users = graph.num_nodes();
  summary.edges = graph.num_edges();
  return {std::move(graph), std::move(summary)};
}

IngestResult build_graph_from_logs(const std::vector<std::string>& paths, InteractionLogOptions options,
                                   const ProbabilityModel& model, std::uint64_t rng_seed,
                                   const std::string& command_line) {
  if (paths.empty()) throw UsageError("no interaction log given");
  options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  ParsedInput parsed;
  for (const auto& path : paths) read_interaction_log(path, options, parsed);
  return finish_ingest(std::move(parsed), options.filters.min_weight, model, rng_seed, command_line);
}

IngestResult import_edge_lists(const std::vector<std::string>& paths, EdgeListOptions options,
                               const ProbabilityModel& model, std::uint64_t rng_seed,
                               const std::string& command_line) {
  if (paths.empty()) throw UsageError("no edge list given");
  options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  ParsedInput parsed;
  for (const auto& path : paths) read_edge_list(path, options, parsed);
  return finish_ingest(std::move(parsed), options.filters.min_weight, model, rng_seed, command_line);
}

}  // namespace kuchikomi
