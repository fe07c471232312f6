// What every subcommand shares, so that each cmd_*.cpp holds only its own options and work: the
// common options declared once, parsing with --help, library errors turned into messages that name
// the flag to change and into exit codes, the thread limit, the recorded command line, JSON output.
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

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/thread_limit.hpp"
#include "kuchikomi/io/user_list.hpp"

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

// The options most commands share, declared once: one name, short form, type and help everywhere.
enum CommonOption : unsigned { kGraph = 1, kProb = 2, kThreads = 4, kRngSeed = 8, kJson = 16, kQuiet = 32 };
struct CommonOptions {
  std::string graph;        // --graph,-g: a graph file, interaction log or edge list
  std::string prob = "wc";  // --prob: probability model of a graph read from a log or edge list
  Count32 threads{0};       // --threads: 0 = all cores
  Count64 rng_seed{1};      // --rng-seed
  bool json = false;        // --json: the result as JSON on stdout
  bool quiet = false;       // --quiet,-q: nothing but errors
};
// Their help texts (also for graph build's config-file options, which are declared without storage).
extern const char* const kProbHelp;
extern const char* const kRngSeedHelp;
// Adds the options in `which` (CommonOption bits) to `d`, stored in `values`; those in `required`
// must be given.
void add_common_options(po::options_description& d, CommonOptions& values, unsigned which, unsigned required = 0);

// --unknown-users error|skip, for commands that read user lists: by default a user a list names who
// is not in the graph is an error; `skip` leaves such users out and records them (`skipped`), for
// lists exported from other systems that mention people who never interacted.
struct UnknownUsersOption {
  std::string mode = "error";
  std::vector<UnknownUser> skipped;
  void add_to(po::options_description& d);
  // The policy for the list given by `option` ("--target"); checks the mode (a bad one exits 2).
  UserListPolicy policy(const std::string& option);
};

// --threads as a limit for this command's parallel work; 0 means `default_threads` (0: all cores).
// Above kMaxThreads is a command-line error.
ThreadLimit thread_limit(const CommonOptions& values, unsigned default_threads = 0);

// "kuchikomi <command> arg ...", each argument quoted for a POSIX shell (core/shell_words.hpp), so
// the line recorded in an output file runs again with the same arguments.
std::string command_line_text(const std::string& command, const std::vector<std::string>& args);

// Every option given or defaulted (but --json and --quiet) as text, for results files.
std::vector<std::pair<std::string, std::string>> recorded_options(const po::variables_map& vm);

// "4G", "512M", "64k", "1000000" -> bytes; a bad spelling is a command-line error naming `flag`.
std::uint64_t parse_byte_size(const std::string& flag, const std::string& text);

// Runs `work`; a UsageError it throws becomes a command-line error about `flag`. For library calls
// whose errors name no setting, or name it otherwise than this command's flag.
template <class Work>
auto as_flag_error(const std::string& flag, Work&& work) -> decltype(work()) {
  try {
    return work();
  } catch (const UsageError& e) {
    throw po::error(flag + ": " + e.what());
  }
}

// A library error's message with the settings it names (ErrorSettings) spelled as flags: a usage
// error "epsilon must be in (0, 1)" reads "--epsilon must be in (0, 1)", one that does not start
// with its setting gets them in front ("--prob: unknown probability model ..."); an input error
// gets them after it ("... raise the memory cap or epsilon (--max-memory, --epsilon)").
std::string usage_message(const UsageError& error);
std::string input_message(const InputError& error);

// Boost 1.74 fills in an error message by replacing each %placeholder% until none is left, so an
// argument holding a placeholder ("--since %value%") made what() loop forever. percent_escaped writes
// each '%' as "\%"; defuse_command_line_placeholders puts the escaped option, token and value of a
// parse error of `args` into its message (nothing when no argument holds a '%').
std::string percent_escaped(std::string_view text);

// --until/--since: unix seconds or ISO 8601 (io/timestamp.hpp); throws program_options::error.
double parse_time_option(const std::string& text, const std::string& option);
void defuse_command_line_placeholders(po::error& error, const std::vector<std::string>& args);

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
