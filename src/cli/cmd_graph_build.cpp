// `kuchikomi graph build`: interaction logs (CSV) -> influence graph (.h5).
// Options may also come from --config FILE (Boost.Program_options config syntax, `name = value`
// lines); the command line wins, except that --action-weight entries from both are merged, the
// command line overriding the same action. A config file is input like the logs: any problem in it
// (syntax, an unknown or repeated option, a bad value) exits 1 naming FILE:LINE, where the same
// value on the command line would be a usage error (exit 2).
#include "cli_common.hpp"
#include "commands.hpp"
#include "graph_build_options.hpp"
#include "ingest_report.hpp"
#include "kuchikomi/core/errors.hpp"
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

}  // namespace

int graph_build(const Args& args) {
  std::vector<std::string> logs, action_weights;
  std::string out, config;
  CommonOptions common;
  po::options_description options("graph build");
  options.add_options()
      ("log", po::value<std::vector<std::string>>(&logs)->composing(), "interaction log CSV (repeatable; .gz ok)")
      ("out,o", po::value<std::string>(&out), "output graph file (.h5)")
      ("config", po::value<std::string>(&config), "config file with more options (name = value lines)");
  add_common_options(options, common, kJson);
  add_graph_build_tunables(options, &action_weights);
  po::positional_options_description positional;
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, positional, vm)) return *code;

  return run_guarded("graph build", [&]() -> int {
    std::vector<std::string> config_weights;  // merged per action; every other option: the command line wins
    if (!config.empty()) {
      check_graph_build_config(vm, config, read_graph_build_config(read_text_input(config), config, vm, config_weights));
      po::notify(vm);
    }
    if (logs.empty()) throw po::error("--log FILE is required");
    if (out.empty()) throw po::error("--out FILE is required");

    InteractionLogOptions options_in;
    const ProbabilityModel model = parse_probability_model(vm["prob"].as<std::string>());
    for (const auto& spec : config_weights) options_in.action_weights.set_from_spec(spec);  // checked at their line
    for (const auto& spec : action_weights) options_in.action_weights.set_from_spec(spec);
    options_in.filters = ingest_filters_from(vm);

    std::vector<NamedPath> inputs{{"--config", config}};
    for (const auto& log : logs) inputs.push_back({"--log", log});
    check_output_paths(inputs, {{"--out", out}});
    { AtomicOutput check(out); }  // fail on an unwritable destination before the parsing work
    const IngestResult result = build_graph_from_logs(logs, options_in, model, vm["rng-seed"].as<Count64>().value,
                                                      command_line_text("graph build", args));
    write_graph_file(result.graph, out);
    print_ingest_summary(result, out, common.json);
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
