// Fuzz target: GraphML and GEXF (`graph import --edges` and any --graph argument that is XML), parsed
// with libexpat and built into a graph as the command does.
//
// Feeds: the input after its first byte as an XML document; byte 0 picks --direction, --skip-bad-lines,
// a --since/--until window and --prob (const-from-file needs a probability attribute).
// Must hold: only InputError/UsageError reject (a DTD, malformed XML, bad values, no edges); each edge
// is counted once (kept, outside the time window, or skipped as bad); a kept edge gives one record,
// two when undirected or under --direction both; records name interned users; the graph passes
// InfluenceGraph::validate(); under wc every user's in-probabilities sum to at most 1.
#include <tbb/global_control.h>

#include <cmath>

#include "fuzz_support.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_xml.hpp"

namespace {

using namespace kuchikomi;

void parse_and_build(std::string_view text, std::uint8_t choice) {
  static const char* const kModels[] = {"wc", "trivalency", "const-from-file", "exp:2"};
  EdgeListOptions options;
  options.direction = static_cast<EdgeDirection>((choice & 3) % 3);
  options.filters.skip_bad_lines = (choice & 4) != 0;
  if (choice & 8) {
    options.filters.since = 10;
    options.filters.until = 1e9;
  }
  const ProbabilityModel model = parse_probability_model(kModels[(choice >> 4) & 3]);
  options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;

  ParsedInput parsed;
  parse_graph_xml(text, "fuzz.graphml", options, parsed);
  const IngestSummary& s = parsed.summary;
  KUCHIKOMI_FUZZ_CHECK(s.lines_read == s.interactions_kept + s.filtered_by_time + s.bad_lines_skipped);
  KUCHIKOMI_FUZZ_CHECK(options.filters.skip_bad_lines || s.bad_lines_skipped == 0);
  KUCHIKOMI_FUZZ_CHECK(options.filters.time_filtered() || s.filtered_by_time == 0);
  KUCHIKOMI_FUZZ_CHECK(s.undirected_edges <= s.interactions_kept);
  const std::uint64_t per_directed = options.direction == EdgeDirection::kBoth ? 2 : 1;
  KUCHIKOMI_FUZZ_CHECK(parsed.records.size() ==
                       2 * s.undirected_edges + per_directed * (s.interactions_kept - s.undirected_edges));
  for (const EdgeRecord& r : parsed.records) {
    KUCHIKOMI_FUZZ_CHECK(r.source < parsed.users.size() && r.target < parsed.users.size());
    KUCHIKOMI_FUZZ_CHECK(r.weight >= 0.0 && r.probability >= 0.0f && r.probability <= 1.0f);
  }
  const NodeId users = parsed.users.size();
  const IngestResult result = finish_ingest(std::move(parsed), 0.0, model, 1);
  result.graph.validate();  // throws std::logic_error: not an accepted rejection
  KUCHIKOMI_FUZZ_CHECK(result.graph.num_nodes() == users && result.graph.labels.size() == users);
  KUCHIKOMI_FUZZ_CHECK(result.summary.edges == result.graph.num_edges() && result.graph.num_edges() > 0);
  for (float w : result.graph.out_weight) KUCHIKOMI_FUZZ_CHECK(std::isfinite(w) && w >= 0.0f);
  if (model.kind == ProbabilityModel::Kind::kWeightedCascade) KUCHIKOMI_FUZZ_CHECK(result.summary.lt_valid);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  if (size > kuchikomi::fuzz::kMaxInput || size < 1) return -1;
  const std::string_view text = kuchikomi::fuzz::as_text(data + 1, size - 1);
  kuchikomi::fuzz::expect_clean_rejection([&] { parse_and_build(text, data[0]); });
  return 0;
}
