#include "graph_build_options.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "cli_common.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/action_weights.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/io/timestamp.hpp"

namespace kuchikomi::cli {

void add_graph_build_tunables(po::options_description& d, std::vector<std::string>* action_weights) {
  d.add_options()
      ("prob", po::value<std::string>()->default_value("wc"), kProbHelp)
      ("since", po::value<std::string>(), "keep interactions with timestamp >= this (unix seconds or ISO 8601: 2021-04-27, 2021-04-27T15:06:44+09:00)")
      ("until", po::value<std::string>(), "keep interactions with timestamp < this (unix seconds or ISO 8601)")
      ("min-weight", po::value<double>()->default_value(0.0),
       "drop edges whose summed weight (after aggregation) is below this")
      ("action-weight", po::value<std::vector<std::string>>(action_weights)->composing(),
       "NAME=W: weight of one action (repeatable), overrides the default table")
      ("skip-bad-lines", po::bool_switch(), "skip malformed lines (counted and reported) instead of failing")
      ("rng-seed", po::value<Count64>()->default_value(Count64{1}), kRngSeedHelp);
}

namespace {

// The config file's side of defuse_command_line_placeholders (cli_common.hpp): for a line with a '%',
// the message gets the line's parts, trimmed, with each '%' written as "\%".
void defuse_placeholders(po::error& error, std::string_view line) {
  auto* e = dynamic_cast<po::error_with_option_name*>(&error);
  if (e == nullptr || line.find('%') == std::string_view::npos) return;
  const auto escaped = [](std::string_view text) {
    const auto begin = text.find_first_not_of(" \t\r");
    if (begin == std::string_view::npos) return std::string();
    return percent_escaped(text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1));
  };
  const std::size_t equals = line.find('=');
  const std::string name = escaped(line.substr(0, equals));
  e->set_substitute("option", name);
  e->set_substitute("original_token", name);
  e->set_substitute("value", equals == std::string_view::npos ? std::string() : escaped(line.substr(equals + 1)));
  e->set_substitute("invalid_line", escaped(line));
}

}  // namespace

std::map<std::string, std::uint64_t> read_graph_build_config(std::string_view text, const std::string& config,
                                                             po::variables_map& vm,
                                                             std::vector<std::string>& config_weights) {
  std::istringstream stream{std::string(without_utf8_bom(text))};
  std::vector<std::string> ignored;
  po::options_description config_options;
  add_graph_build_tunables(config_options, &ignored);
  std::map<std::string, std::uint64_t> seen, taken;
  std::string current;
  for (std::uint64_t line = 1; std::getline(stream, current); ++line) {
    std::istringstream one(current);
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
    } catch (po::error& e) {
      defuse_placeholders(e, current);
      throw InputError(config, line, e.what());
    }
  }
  return taken;
}

void check_graph_build_config(const po::variables_map& vm, const std::string& config,
                              const std::map<std::string, std::uint64_t>& taken) {
  auto from_file = [&](const char* key) { return taken.count(key) > 0; };
  if (from_file("prob")) {
    try {
      parse_probability_model(vm["prob"].as<std::string>());
    } catch (const UsageError& e) {
      throw InputError(config, taken.at("prob"), e.what());
    }
  }
  std::map<std::string, double> when;
  for (const char* key : {"since", "until"}) {
    if (!vm.count(key)) continue;
    const auto value = parse_time_point(vm[key].as<std::string>());
    if (value) when[key] = *value;
    else if (from_file(key))
      throw InputError(config, taken.at(key), std::string(key) + " needs unix seconds or an ISO 8601 date/date-time, got '" +
                                                  vm[key].as<std::string>() + "'");
  }
  if (from_file("min-weight") && !std::isfinite(vm["min-weight"].as<double>()))
    throw InputError(config, taken.at("min-weight"), "min-weight must be a finite number");
  if (from_file("min-weight") && vm["min-weight"].as<double>() < 0)
    throw InputError(config, taken.at("min-weight"), "min-weight must be >= 0");
  if ((from_file("since") || from_file("until")) && when.count("since") && when.count("until") &&
      when["since"] >= when["until"])
    throw InputError(config, std::max(from_file("since") ? taken.at("since") : 0, from_file("until") ? taken.at("until") : 0),
                     "since must be earlier than until");
}

}  // namespace kuchikomi::cli
