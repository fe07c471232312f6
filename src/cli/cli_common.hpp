// Helpers shared by the subcommands: option parsing with --help, JSON output, exit codes.
#pragma once
#include <boost/any.hpp>
#include <boost/program_options.hpp>
#include <charconv>
#include <exception>
#include <functional>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

namespace kuchikomi::cli {

namespace po = boost::program_options;

// Exit codes. The rule: 2 when the command line is wrong whatever the files say (an unknown option,
// a value out of range, an unknown --algo or --model, epsilon outside (0, 1), --runs 0, --seeds that
// list nobody); 1 when the files are (a malformed line, an unknown user, a missing or unwritable
// file, a bad config or experiment file) or when the data make the request impossible (k larger than
// the candidate users, more --random-seeds than users, LT on a graph whose in-probabilities sum above
// 1, RR sets over --max-memory). The library says which by its exception: po::error and UsageError
// exit 2, InputError and anything else exit 1.
inline constexpr int kExitOk = 0;
inline constexpr int kExitInputError = 1;  // bad data, missing files, requests the data make impossible
inline constexpr int kExitUsage = 2;       // bad command line

// The value of every unsigned option (counts, seeds, sizes): a whole number >= 0 that fits T.
// Program_options' own conversion of "-1" to an unsigned type wraps around (--mc-runs -1 ran
// forever, -k -1 became 4294967295); validate() below, found by argument-dependent lookup for
// po::value<Count<T>>, accepts decimal digits only (no sign, blank or exponent), in T's range,
// on the command line and in config files alike, and its error names the option (exit 2).
template <class T>
struct Count {
  static_assert(std::is_unsigned_v<T>, "Count holds unsigned values");
  T value{};
};
using Count32 = Count<std::uint32_t>;
using Count64 = Count<std::uint64_t>;

template <class T>
std::ostream& operator<<(std::ostream& out, const Count<T>& count) {  // defaults in --help
  return out << count.value;
}

template <class T>
void validate(boost::any& store, const std::vector<std::string>& values, Count<T>*, int) {
  po::validators::check_first_occurrence(store);
  const std::string& text = po::validators::get_single_string(values);
  T value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) {
    po::error_with_option_name error("the argument for option '%canonical_option%' must be a whole number from 0 to " +
                                     std::to_string(std::numeric_limits<T>::max()) + ", got '%value%'");
    error.set_substitute("value", text);
    throw error;
  }
  store = Count<T>{value};
}

// Parses `args` against `options` (and positional names). Prints help and returns kExitOk for
// --help; prints the problem and returns kExitUsage on a bad command line; otherwise returns
// nullopt and fills `vm`. `usage` is the one-line synopsis shown first in --help.
std::optional<int> parse_command_line(const std::vector<std::string>& args, const std::string& usage,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional, po::variables_map& vm);

// Runs a command body, turning kuchikomi's exceptions into a message on stderr and an exit code.
// Messages quote labels and lines from files, so they are shown through printable() (escape
// sequences escaped); every other text output that shows a label does the same.
int run_guarded(const std::string& command, const std::function<int()>& body);

// The exit code for an exception (the rule above).
int exit_code_of(const std::exception_ptr& error);

// Prints JSON on stdout (for --json).
void print_json(const nlohmann::json& value);


}  // namespace kuchikomi::cli
