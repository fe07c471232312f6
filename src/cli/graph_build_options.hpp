// `graph build`'s tunable options, given on the command line or in a --config file (Program_options
// config syntax: `name = value` lines, '#' comments). A config file is input like the logs: any
// problem in it (syntax, an unknown or repeated option, a bad value) is an InputError naming
// FILE:LINE. Kept apart from cmd_graph_build.cpp so that the config fuzz target (tests/fuzz) runs
// this code.
#pragma once
#include <boost/program_options.hpp>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace kuchikomi::cli {

// --prob, --since, --until, --min-weight, --action-weight (repeatable, composing into
// `action_weights`), --skip-bad-lines, --rng-seed.
void add_graph_build_tunables(boost::program_options::options_description& d, std::vector<std::string>* action_weights);

// Stores the options of config `text` (`file_name` for messages) into `vm`; values already there
// from the command line win. Each line goes through Program_options on its own, so a value it cannot
// convert ("rng-seed = -5") is reported at its line (Program_options' config parser keeps no line
// numbers). Returns the line of each option whose value was taken from the file; action weights are
// checked at their line and appended to `config_weights` in file order (they merge per action).
std::map<std::string, std::uint64_t> read_graph_build_config(std::string_view text, const std::string& file_name,
                                                             boost::program_options::variables_map& vm,
                                                             std::vector<std::string>& config_weights);

// The values taken from a config file (`taken`, as returned above) that ingest_filters_from and
// parse_probability_model would refuse as a bad command line, refused as bad input at their line.
void check_graph_build_config(const boost::program_options::variables_map& vm, const std::string& file_name,
                              const std::map<std::string, std::uint64_t>& taken);

}  // namespace kuchikomi::cli
