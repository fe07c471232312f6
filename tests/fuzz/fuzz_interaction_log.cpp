// Fuzz target: interaction logs (`graph build --log`), parsed and built into a graph as the command does.
//
// Feeds: the whole input as a log with the default options; then the input after its first byte,
// with the options that byte picks (--skip-bad-lines, --since/--until, --prob and so whether a
// probability column is needed, --min-weight, extra action weights 0 and 1e300). An input that
// starts with the gzip magic is read as a .gz file would be (read_text_input on an in-memory file).
// Must hold: only InputError/UsageError reject; a parsed log counts each data line exactly once
// (kept, outside the time window, or skipped as bad) and keeps one record per kept line with both
// users interned; the graph passes InfluenceGraph::validate(); under wc every user's
// in-probabilities sum to at most 1 (the summary says the graph is valid for LT).
#include <tbb/global_control.h>

#include <cmath>

#include "fuzz_support.hpp"
#include "kuchikomi/io/graph_ingest.hpp"

namespace {

using namespace kuchikomi;
using kuchikomi::fuzz::as_text;

void parse_and_build(std::string_view text, std::uint8_t choice) {
  InteractionLogOptions options;
  options.filters.skip_bad_lines = (choice & 1) != 0;
  if (choice & 2) options.filters.since = 1.5e9;
  if (choice & 4) options.filters.until = 1.7e9;
  static const char* const kModels[] = {"wc", "uniform:0.5", "trivalency", "exp:2", "const-from-file"};
  const ProbabilityModel model = parse_probability_model(kModels[((choice >> 3) & 7) % 5]);
  options.need_probability = model.kind == ProbabilityModel::Kind::kConstFromFile;
  const double min_weight = (choice & 64) ? 1.5 : 0.0;
  if (choice & 128) {
    options.action_weights.set("zero", 0.0);
    options.action_weights.set("huge", 1e300);
  }

  ParsedInput parsed;
  parse_interaction_log(text, "fuzz.csv", options, parsed);
  const IngestSummary& s = parsed.summary;
  KUCHIKOMI_FUZZ_CHECK(s.lines_read == s.interactions_kept + s.filtered_by_time + s.bad_lines_skipped);
  KUCHIKOMI_FUZZ_CHECK(options.filters.skip_bad_lines || s.bad_lines_skipped == 0);
  KUCHIKOMI_FUZZ_CHECK(options.filters.time_filtered() || s.filtered_by_time == 0);
  KUCHIKOMI_FUZZ_CHECK(parsed.records.size() == s.interactions_kept);
  std::uint64_t self = 0;
  for (const EdgeRecord& r : parsed.records) {
    KUCHIKOMI_FUZZ_CHECK(r.source < parsed.users.size() && r.target < parsed.users.size());
    KUCHIKOMI_FUZZ_CHECK(r.weight >= 0.0 && r.probability >= 0.0f && r.probability <= 1.0f);
    self += r.source == r.target ? 1 : 0;
  }
  KUCHIKOMI_FUZZ_CHECK(self == s.self_interactions);

  const std::uint64_t kept = s.interactions_kept - s.self_interactions;
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
  if (size > kuchikomi::fuzz::kMaxInput) return -1;
  std::string_view input = as_text(data, size);
  std::string unpacked;
  if (kuchikomi::fuzz::is_gzip(input)) {
    if (size > kuchikomi::fuzz::kMaxGzipInput) return -1;
    bool read = false;
    kuchikomi::fuzz::expect_clean_rejection([&] {
      unpacked = kuchikomi::fuzz::read_back_as_file(input);
      read = true;
    });
    if (!read) return 0;
    input = unpacked;
  }
  kuchikomi::fuzz::expect_clean_rejection([&] { parse_and_build(input, 0); });
  if (!input.empty())
    kuchikomi::fuzz::expect_clean_rejection(
        [&] { parse_and_build(input.substr(1), static_cast<std::uint8_t>(input[0])); });
  return 0;
}
