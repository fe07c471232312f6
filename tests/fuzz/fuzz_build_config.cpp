// Fuzz target: `graph build --config FILE` (Program_options config syntax: `prob = exp:2`,
// `action-weight = like=0.5`, `since = 1520000000`, ...), run through the command's own code
// (src/cli/graph_build_options.cpp): the file's options read line by line and their values checked,
// then the parser settings made from them as graph build does (probability model, action weights
// through ActionWeights::set_from_spec, time window and min-weight).
//
// Feeds: the input as the config file's text.
// Must hold: only InputError/UsageError and Program_options' usage errors reject, and the config's
// own problems are InputErrors (a usage error can only come from a value the file did not give);
// accepted settings hold a probability model whose canonical spelling reads back as the same model,
// finite action weights >= 0, a time window whose start precedes its end, and a min-weight >= 0.
#include <cmath>

#include "fuzz_support.hpp"
#include "graph_build_options.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/action_weights.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace kuchikomi;
  namespace po = boost::program_options;
  if (size > fuzz::kMaxInput) return -1;
  fuzz::expect_clean_rejection([&] {
    std::vector<std::string> command_line_weights;
    po::options_description options;
    cli::add_graph_build_tunables(options, &command_line_weights);
    po::variables_map vm;
    po::store(po::command_line_parser(std::vector<std::string>{}).options(options).run(), vm);
    std::vector<std::string> config_weights;
    cli::check_graph_build_config(
        vm, "fuzz.cfg", cli::read_graph_build_config(fuzz::as_text(data, size), "fuzz.cfg", vm, config_weights));
    po::notify(vm);

    // What graph build then does with the options; every value came from the file and was checked.
    InteractionLogOptions settings;
    ProbabilityModel model;
    try {
      model = parse_probability_model(vm["prob"].as<std::string>());
      for (const auto& spec : config_weights) settings.action_weights.set_from_spec(spec);
      settings.filters = cli::ingest_filters_from(vm);
    } catch (const std::exception& e) {
      fuzz::fail(std::string("a checked config value was refused: ") + e.what());
    }
    const ProbabilityModel again = parse_probability_model(model.text());
    KUCHIKOMI_FUZZ_CHECK(again.kind == model.kind && again.parameter == model.parameter);
    for (const auto& [action, weight] : settings.action_weights.table()) {
      KUCHIKOMI_FUZZ_CHECK(std::isfinite(weight) && weight >= 0.0);
      KUCHIKOMI_FUZZ_CHECK(settings.action_weights.find(action) == weight);
    }
    const IngestFilters& f = settings.filters;
    KUCHIKOMI_FUZZ_CHECK(!(f.since && f.until) || *f.since < *f.until);
    KUCHIKOMI_FUZZ_CHECK(f.min_weight >= 0.0);
  });
  return 0;
}
