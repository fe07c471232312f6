// Helpers shared by the subcommands: option parsing with --help, JSON output, exit codes.
#pragma once
#include <boost/program_options.hpp>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace kuchikomi::cli {

namespace po = boost::program_options;

inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;  // bad data, missing files, impossible requests
inline constexpr int kExitUsage = 2;       // bad command line

// Parses `args` against `options` (and positional names). Prints help and returns kExitOk for
// --help; prints the problem and returns kExitUsage on a bad command line; otherwise returns
// nullopt and fills `vm`. `usage` is the one-line synopsis shown first in --help.
std::optional<int> parse_command_line(const std::vector<std::string>& args, const std::string& usage,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional, po::variables_map& vm);

// Runs a command body, turning kuchikomi's exceptions into a message on stderr and an exit code.
int run_guarded(const std::string& command, const std::function<int()>& body);

// Prints JSON on stdout (for --json).
void print_json(const nlohmann::json& value);


}  // namespace kuchikomi::cli
