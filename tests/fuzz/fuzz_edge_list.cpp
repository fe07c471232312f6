// Fuzz target: edge lists (`graph import --edges`, and any --graph argument that is not a log or .h5),
// parsed and built into a graph as the command does.
//
// Feeds: the input after its first two bytes as an edge list; byte 0 picks --direction,
// --skip-lines 0-3, --skip-bad-lines, a --since/--until window and --prob (const-from-file needs a
// p column); byte 1 picks --columns from auto and explicit layouts (some invalid, which must be a
// UsageError) and --min-weight. An input whose text starts with the gzip magic is read as a .gz file
// would be (read_text_input on an in-memory file).
// Must hold: only InputError/UsageError reject; each data line is counted once (kept, outside the
// time window, or skipped as bad); a kept line gives one record, two with --direction both; records
// name interned users; the graph passes InfluenceGraph::validate(); under wc every user's
// in-probabilities sum to at most 1.
#include <tbb/global_control.h>

#include <cmath>
#include <iterator>

#include "fuzz_support.hpp"
#include "kuchikomi/io/graph_ingest.hpp"

namespace {

using namespace kuchikomi;

void parse_and_build(std::string_view text, std::uint8_t choice, std::uint8_t layout) {
  // The first eleven are indexed by scripts/make_fuzz_corpus.py (COLUMNS): keep their order.
  static const char* const kColumns[] = {
      "auto", "u,v", "v,u", "u,v,w", "u,v,t", "u,v,w,t", "u,v,p", "u,v,-,t", "-,u,v", "u,v,p,w,t", "t,w,v,u",
      "u,v,_,_,_,_,_,_,_,_,_,_,_,_,_,_",              // the most columns there may be (16)
      "u,v,w,w", "u", "u,v,x", "u,,v", " u , v "};  // invalid (a UsageError), but the last
  static const char* const kModels[] = {"wc", "trivalency", "const-from-file", "exp:2"};
  EdgeListOptions options;
  options.direction = static_cast<EdgeDirection>((choice & 3) % 3);
  options.skip_lines = (choice >> 2) & 3;
  options.filters.skip_bad_lines = (choice & 16) != 0;
  if (choice & 32) {
    options.filters.since = 1e9;
    options.filters.until = 2e9;
  }
  const ProbabilityModel model = parse_probability_model(kModels[(choice >> 6) & 3]);
  options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  options.columns = kColumns[(layout & 127) % std::size(kColumns)];
  const double min_weight = (layout & 128) ? 1.5 : 0.0;

  check_edge_columns(options.columns);  // what the command checks before reading (UsageError)
  ParsedInput parsed;
  parse_edge_list(text, "fuzz.txt", options, parsed);
  const IngestSummary& s = parsed.summary;
  KUCHIKOMI_FUZZ_CHECK(s.lines_read == s.interactions_kept + s.filtered_by_time + s.bad_lines_skipped);
  KUCHIKOMI_FUZZ_CHECK(options.filters.skip_bad_lines || s.bad_lines_skipped == 0);
  KUCHIKOMI_FUZZ_CHECK(options.filters.time_filtered() || s.filtered_by_time == 0);
  const std::uint64_t per_line = options.direction == EdgeDirection::kBoth ? 2 : 1;
  KUCHIKOMI_FUZZ_CHECK(parsed.records.size() == s.interactions_kept * per_line);
  std::uint64_t self = 0;
  for (const EdgeRecord& r : parsed.records) {
    KUCHIKOMI_FUZZ_CHECK(r.source < parsed.users.size() && r.target < parsed.users.size());
    KUCHIKOMI_FUZZ_CHECK(r.weight >= 0.0 && r.probability >= 0.0f && r.probability <= 1.0f);
    self += r.source == r.target ? 1 : 0;
  }
  KUCHIKOMI_FUZZ_CHECK(self == s.self_interactions * per_line);

  const std::uint64_t kept = (s.interactions_kept - s.self_interactions) * per_line;
  const NodeId users = parsed.users.size();
  const IngestResult result = finish_ingest(std::move(parsed), min_weight, model, 1);
  result.graph.validate();  // throws std::logic_error: not an accepted rejection
  KUCHIKOMI_FUZZ_CHECK(result.graph.num_nodes() == users && result.graph.labels.size() == users);
  KUCHIKOMI_FUZZ_CHECK(result.summary.edges == result.graph.num_edges() && result.graph.num_edges() > 0);
  KUCHIKOMI_FUZZ_CHECK(min_weight > 0.0 || result.graph.provenance.interactions == kept);
  for (float w : result.graph.out_weight) KUCHIKOMI_FUZZ_CHECK(std::isfinite(w) && w >= 0.0f);
  if (model.kind == ProbabilityModel::Kind::kWeightedCascade) KUCHIKOMI_FUZZ_CHECK(result.summary.lt_valid);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One thread: waking TBB's workers for these small sorts costs more than the sorts (same code runs).
  static const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  if (size > kuchikomi::fuzz::kMaxInput || size < 2) return -1;
  std::string_view text = kuchikomi::fuzz::as_text(data + 2, size - 2);
  std::string unpacked;
  if (kuchikomi::fuzz::is_gzip(text)) {
    if (text.size() > kuchikomi::fuzz::kMaxGzipInput) return -1;
    bool read = false;
    kuchikomi::fuzz::expect_clean_rejection([&] {
      unpacked = kuchikomi::fuzz::read_back_as_file(text);
      read = true;
    });
    if (!read) return 0;
    text = unpacked;
  }
  kuchikomi::fuzz::expect_clean_rejection([&] { parse_and_build(text, data[0], data[1]); });
  return 0;
}
