// Fuzz target: experiment files (`experiment run NAME.ini`), read as if they were
// experiments/fuzz.ini in this source tree, so relative graph paths such as
// ../graphs/tiny_community.csv resolve to real files (whose format is then detected from their first
// bytes, as in a real run).
//
// Feeds: the input as the .ini text. Inputs naming /proc, /sys or /dev are skipped: the parser checks
// graph paths on disk, and reading the machine's special files is not what is being tested.
// Must hold: only InputError/UsageError reject; an accepted grid has graphs, models, algorithms and
// k values, each algorithm's epsilon in (0, 1), each graph a known format with a file exactly when it
// is not generated, and every cell identity can be written.
#include <set>

#include "fuzz_support.hpp"
#include "kuchikomi/experiment/experiment_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kuchikomi;
  if (size > fuzz::kMaxInput) return -1;
  const std::string_view text = fuzz::as_text(data, size);
  for (const char* special : {"/proc", "/sys", "/dev"})
    if (text.find(special) != std::string_view::npos) return -1;
  static const std::filesystem::path ini = std::filesystem::path(KUCHIKOMI_SOURCE_DIR) / "experiments" / "fuzz.ini";
  fuzz::expect_clean_rejection([&] {
    const ExperimentConfig config = parse_experiment_config(text, ini);
    KUCHIKOMI_FUZZ_CHECK(!config.graphs.empty() && !config.models.empty());
    KUCHIKOMI_FUZZ_CHECK(!config.algorithms.empty() && !config.k_values.empty() && !config.threads.empty());
    KUCHIKOMI_FUZZ_CHECK(config.repetitions >= 1 && config.evaluation_runs >= 1);
    static const std::set<std::string> formats{"h5", "edge-list", "log", "rmat", "powerlaw"};
    for (const ExperimentGraph& g : config.graphs) {
      KUCHIKOMI_FUZZ_CHECK(formats.count(g.format) == 1);
      const bool generated = g.format == "rmat" || g.format == "powerlaw";
      KUCHIKOMI_FUZZ_CHECK(generated == g.path.empty() && generated == g.resolved_path.empty());
      KUCHIKOMI_FUZZ_CHECK(!g.identity().empty());
    }
    for (const ExperimentAlgorithm& a : config.algorithms) {
      KUCHIKOMI_FUZZ_CHECK(a.epsilon > 0.0 && a.epsilon < 1.0);
      (void)a.knobs();
    }
    for (std::uint32_t k : config.k_values) KUCHIKOMI_FUZZ_CHECK(k >= 1);
  });
  return 0;
}
