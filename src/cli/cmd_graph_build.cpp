// `kuchikomi graph build`: interaction logs (CSV) -> influence graph (.h5).
// Options may also come from --config FILE (Boost.Program_options config syntax, `name = value`
// lines); the command line wins, except that --action-weight entries from both are merged, the
// command line overriding the same action. A config file is input like the logs: any problem in it
// (syntax, an unknown or repeated option, a bad value) exits 1 naming FILE:LINE, where the same
// value on the command line would be a usage error (exit 2).
#include <algorithm>
#include <cmath>
#include <map>
#include <sstream>

#include "cli_common.hpp"
#include "commands.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/action_weights.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/io/output_paths.hpp"

namespace kuchikomi::cli {

namespace {

constexpr const char* kUsage =
    "kuchikomi graph build --log FILE [--log FILE2 ...] --out GRAPH.h5 [--prob wc] [options]\n\n"
    "Builds an influence graph from interaction logs: CSV (comma or tab, detected from the header)\n"
    "with header  actor,target,action[,timestamp][,weight][,probability]  (any column order).\n"
    "A row means `actor` reacted to `target`'s content (reply, answer, comment, like, vote, share),\n"
    "so influence flows target -> actor: the graph gets the edge target -> actor. Repeated pairs\n"
    "add up (weights and counts); self-interactions are dropped and counted.\n"
    "Interaction weight = action weight x weight column (default 1). Default action weights:\n"
    "like/vote/upvote/star 1, comment/reply/mention/message/c2q/c2a 2, answer/review/a2q 3.\n"
    "Config file lines look like:  action-weight = like=0.5   prob = exp:2   since = 1520000000";

// The options a config file may set too.
void add_tunables(po::options_description& d, std::vector<std::string>* action_weights) {
  d.add_options()
      ("prob", po::value<std::string>()->default_value("wc"),
       "edge probabilities: wc (w/sum of w into the target), uniform:P, trivalency (0.1/0.01/0.001 at "
       "random), exp:TAU (1-exp(-w/TAU)), const-from-file (the probability column)")
      ("since", po::value<double>(), "keep interactions with timestamp >= this (unix seconds)")
      ("until", po::value<double>(), "keep interactions with timestamp < this (unix seconds)")
      ("min-weight", po::value<double>()->default_value(0.0),
       "drop edges whose summed weight (after aggregation) is below this")
      ("action-weight", po::value<std::vector<std::string>>(action_weights)->composing(),
       "NAME=W: weight of one action (repeatable), overrides the default table")
      ("skip-bad-lines", po::bool_switch(), "skip malformed lines (counted and reported) instead of failing")
      ("rng-seed", po::value<Count64>()->default_value(Count64{1}), "seed for trivalency draws");
}

// The options a config file set, by line: each line goes through Program_options on its own, so a
// value it cannot convert ("rng-seed = -5") is reported at its line (Program_options' config parser
// keeps no line numbers). Returns the line of each option whose value was taken from the file (the
// command line wins); action weights are checked at their line and returned in file order.
std::map<std::string, std::uint64_t> read_config_file(const std::string& config, po::variables_map& vm,
                                                     std::vector<std::string>& config_weights) {
  std::istringstream stream(read_text_input(config));  // byte-order mark dropped
  std::vector<std::string> ignored;
  po::options_description config_options;
  add_tunables(config_options, &ignored);
  std::map<std::string, std::uint64_t> seen, taken;
  std::string text;
  for (std::uint64_t line = 1; std::getline(stream, text); ++line) {
    std::istringstream one(text);
    try {
      po::parsed_options parsed = po::parse_config_file(one, config_options);
      for (const auto& option : parsed.options) {
        const std::string& key = option.string_key;
        if (key == "action-weight") {
          for (const auto& spec : option.value) {
            try {
              ActionWeights().set_from_spec(spec);
            } catch (const UsageError& e) {
              throw InputError(config, line, e.what());
            }
            config_weights.push_back(spec);
          }
          continue;
        }
        if (seen.count(key)) throw InputError(config, line, "'" + key + "' given twice (also on line " + std::to_string(seen[key]) + ")");
        seen[key] = line;
        if (!vm.count(key) || vm[key].defaulted()) taken[key] = line;
      }
      std::erase_if(parsed.options, [](const po::option& o) { return o.string_key == "action-weight"; });
      po::store(parsed, vm);
    } catch (const po::error& e) {
      throw InputError(config, line, e.what());
    }
  }
  return taken;
}

// The values taken from a config file that ingest_filters_from and parse_probability_model would
// refuse as a bad command line, refused here as bad input at their line.
void check_config_values(const po::variables_map& vm, const std::string& config,
                         const std::map<std::string, std::uint64_t>& taken) {
  auto from_file = [&](const char* key) { return taken.count(key) > 0; };
  if (from_file("prob")) {
    try {
      parse_probability_model(vm["prob"].as<std::string>());
    } catch (const UsageError& e) {
      throw InputError(config, taken.at("prob"), e.what());
    }
  }
  for (const char* key : {"since", "until", "min-weight"})
    if (from_file(key) && !std::isfinite(vm[key].as<double>()))
      throw InputError(config, taken.at(key), std::string(key) + " must be a finite number");
  if (from_file("min-weight") && vm["min-weight"].as<double>() < 0)
    throw InputError(config, taken.at("min-weight"), "min-weight must be >= 0");
  if ((from_file("since") || from_file("until")) && vm.count("since") && vm.count("until") &&
      vm["since"].as<double>() >= vm["until"].as<double>())
    throw InputError(config, std::max(from_file("since") ? taken.at("since") : 0, from_file("until") ? taken.at("until") : 0),
                     "since must be earlier than until");
}

}  // namespace

int graph_build(const Args& args) {
  std::vector<std::string> logs, action_weights;
  std::string out, config;
  po::options_description options("graph build");
  options.add_options()
      ("log", po::value<std::vector<std::string>>(&logs)->composing(), "interaction log CSV (repeatable; .gz ok)")
      ("out,o", po::value<std::string>(&out), "output graph file (.h5)")
      ("config", po::value<std::string>(&config), "config file with more options (name = value lines)")
      ("json", po::bool_switch(), "print the summary as JSON");
  add_tunables(options, &action_weights);
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph build", [&]() -> int {
    std::vector<std::string> config_weights;  // merged per action; every other option: the command line wins
    if (!config.empty()) {
      check_config_values(vm, config, read_config_file(config, vm, config_weights));
      po::notify(vm);
    }
    if (logs.empty()) throw po::error("--log FILE is required");
    if (out.empty()) throw po::error("--out FILE is required");

    InteractionLogOptions options_in;
    ProbabilityModel model;
    try {
      model = parse_probability_model(vm["prob"].as<std::string>());
      for (const auto& spec : config_weights) options_in.action_weights.set_from_spec(spec);
      for (const auto& spec : action_weights) options_in.action_weights.set_from_spec(spec);
    } catch (const UsageError& e) {
      throw po::error(e.what());
    }
    options_in.filters = ingest_filters_from(vm);

    std::vector<NamedPath> inputs{{"--config", config}};
    for (const auto& log : logs) inputs.push_back({"--log", log});
    check_output_paths(inputs, {{"--out", out}});
    { AtomicOutput check(out); }  // fail on an unwritable destination before the parsing work
    const IngestResult result = build_graph_from_logs(logs, options_in, model, vm["rng-seed"].as<Count64>().value,
                                                      command_line_text("graph build", args));
    write_graph_file(result.graph, out);
    print_ingest_summary(result, out, vm["json"].as<bool>());
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
