#include "cli_common.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <exception>

#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/core/shell_words.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "kuchikomi/report/json_text.hpp"

namespace kuchikomi::cli {

const char* const kProbHelp =
    "edge probabilities of a graph read from a log or edge list: wc (w / sum of w into the target), uniform:P, "
    "trivalency (0.1/0.01/0.001 at random), exp:TAU (1-exp(-w/TAU)), const-from-file (the input's probability column)";
const char* const kRngSeedHelp = "random seed (same seed, same results; also the trivalency draws)";

void add_common_options(po::options_description& d, CommonOptions& values, unsigned which, unsigned required) {
  auto mark = [&](auto* semantic, CommonOption option) {
    if (required & option) semantic->required();
    return semantic;
  };
  if (which & kGraph)
    d.add_options()("graph,g", mark(po::value(&values.graph), kGraph),
                    "graph: kuchikomi .h5 file, interaction log or edge list (.gz ok; a log or edge list is "
                    "imported with --prob)");
  if (which & kProb)
    d.add_options()("prob", mark(po::value(&values.prob)->default_value(values.prob), kProb), kProbHelp);
  if (which & kThreads)
    d.add_options()("threads", mark(po::value(&values.threads)->default_value(values.threads), kThreads),
                    "worker threads (0 = all cores; results are the same for any number)");
  if (which & kRngSeed)
    d.add_options()("rng-seed",
                    required & kRngSeed ? po::value(&values.rng_seed)->required()
                                        : po::value(&values.rng_seed)->default_value(values.rng_seed),
                    kRngSeedHelp);
  if (which & kJson) d.add_options()("json", po::bool_switch(&values.json), "print the result as JSON on stdout");
  if (which & kQuiet) d.add_options()("quiet,q", po::bool_switch(&values.quiet), "print nothing but errors");
}

ThreadLimit thread_limit(const CommonOptions& values, unsigned default_threads) {
  if (values.threads.value > kMaxThreads)
    throw po::error("--threads must be between 0 (all cores) and " + std::to_string(kMaxThreads));
  return ThreadLimit(values.threads.value > 0 ? values.threads.value : default_threads);
}

std::string command_line_text(const std::string& command, const std::vector<std::string>& args) {
  return shell_command_line("kuchikomi " + command, args);
}

std::vector<std::pair<std::string, std::string>> recorded_options(const po::variables_map& vm) {
  std::vector<std::pair<std::string, std::string>> options;
  for (const auto& [key, value] : vm) {
    if (key == "json" || key == "quiet") continue;
    const auto& any = value.value();
    std::string text;
    if (auto s = boost::any_cast<std::string>(&any)) text = *s;
    else if (auto d = boost::any_cast<double>(&any)) text = std::to_string(*d);
    else if (auto u = boost::any_cast<Count32>(&any)) text = std::to_string(u->value);
    else if (auto v = boost::any_cast<Count64>(&any)) text = std::to_string(v->value);
    options.emplace_back(key, text);
  }
  return options;
}

std::uint64_t parse_byte_size(const std::string& flag, const std::string& text) {
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    throw po::error(flag + " '" + text + "' is not a size like 4G, 512M or 1000000");
  }
  std::string suffix = text.substr(used);
  for (auto& c : suffix) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (suffix == "B") suffix.clear();
  if (!suffix.empty() && suffix.back() == 'B') suffix.pop_back();
  if (!suffix.empty() && suffix.back() == 'I') suffix.pop_back();  // GiB, MiB
  double factor = 1;
  if (suffix == "K") factor = 1024.0;
  else if (suffix == "M") factor = 1024.0 * 1024;
  else if (suffix == "G") factor = 1024.0 * 1024 * 1024;
  else if (suffix == "T") factor = 1024.0 * 1024 * 1024 * 1024;
  else if (!suffix.empty()) throw po::error(flag + " '" + text + "': unknown unit (use K, M, G or T)");
  if (!(value > 0) || !std::isfinite(value)) throw po::error(flag + " must be positive");
  return static_cast<std::uint64_t>(value * factor);
}

namespace {

std::string flags(const ErrorSettings& settings) {
  std::string text;
  for (const auto& s : settings) text += (text.empty() ? "--" : ", --") + s;
  return text;
}

}  // namespace

std::string usage_message(const UsageError& error) {
  const std::string what = error.what();
  const auto& settings = error.settings();
  if (settings.empty()) return what;
  if (settings.size() == 1 && what.rfind(settings[0] + " ", 0) == 0) return "--" + what;
  return flags(settings) + ": " + what;
}

std::string input_message(const InputError& error) {
  const std::string what = error.what();
  return error.settings().empty() ? what : what + " (" + flags(error.settings()) + ")";
}

std::string percent_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '%') out += '\\';
    out += c;
  }
  return out;
}

void defuse_command_line_placeholders(po::error& error, const std::vector<std::string>& args) {
  auto* e = dynamic_cast<po::error_with_option_name*>(&error);
  if (e == nullptr || std::none_of(args.begin(), args.end(), [](const std::string& a) { return a.find('%') != std::string::npos; }))
    return;
  // The option's name as Boost read it (safe: no substitution) leads to the token and its value.
  const std::string name = e->get_option_name();
  std::string token = name, value;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a == name) {
      token = a;
      if (i + 1 < args.size()) value = args[i + 1];
      break;
    }
    if (a.size() > name.size() && a.compare(0, name.size(), name) == 0 && a[name.size()] == '=') {
      token = a;
      value = a.substr(name.size() + 1);
      break;
    }
  }
  e->set_substitute("option", percent_escaped(name));
  e->set_substitute("original_token", percent_escaped(token));
  e->set_substitute("value", percent_escaped(value));
}

std::optional<int> parse_command_line(const std::vector<std::string>& args, const std::string& usage,
                                      const po::options_description& options,
                                      const po::positional_options_description& positional, po::variables_map& vm) {
  po::options_description all("Options");
  all.add(options);
  all.add_options()("help,h", "show this help");
  try {
    po::store(po::command_line_parser(args).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << "Usage: " << usage << "\n\n" << all << "\n";
      return kExitOk;
    }
    po::notify(vm);
  } catch (po::error& e) {
    defuse_command_line_placeholders(e, args);
    std::cerr << "kuchikomi: " << printable(e.what()) << "\nUsage: " << usage << "\n(try --help)\n";
    return kExitUsage;
  }
  return std::nullopt;
}

int run_guarded(const std::string& command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    std::cerr << "kuchikomi " << command << ": error: " << printable(input_message(e)) << "\n";
  } catch (const UsageError& e) {
    // One that names its setting is about this command's flag: worded like the parser's errors.
    if (e.settings().empty()) std::cerr << "kuchikomi " << command << ": error: " << printable(e.what()) << "\n";
    else std::cerr << "kuchikomi " << command << ": " << printable(usage_message(e)) << " (try --help)\n";
    return kExitUsage;
  } catch (const po::error& e) {
    std::cerr << "kuchikomi " << command << ": " << printable(e.what()) << " (try --help)\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "kuchikomi " << command << ": error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "kuchikomi " << command << ": internal error: " << printable(e.what()) << "\n";
  }
  return kExitInputError;
}

int exit_code_of(const std::exception_ptr& error) {
  try {
    std::rethrow_exception(error);
  } catch (const po::error&) {
    return kExitUsage;
  } catch (const UsageError&) {
    return kExitUsage;
  } catch (...) {
    return kExitInputError;
  }
}

void print_json(const nlohmann::json& value) { std::cout << json_text(value) << "\n"; }

void UnknownUsersOption::add_to(po::options_description& d) {
  d.add_options()("unknown-users", po::value(&mode)->default_value(mode),
                  "users a list names who are not in the graph: error, or skip (counted and listed in the output)");
}

UserListPolicy UnknownUsersOption::policy(const std::string& option) {
  if (mode != "error" && mode != "skip") throw po::error("--unknown-users must be error or skip, got '" + mode + "'");
  return {option, mode == "skip", &skipped};
}

double parse_time_option(const std::string& text, const std::string& option) {
  const auto value = parse_time_point(text);
  if (!value)
    throw boost::program_options::error("--" + option + " needs unix seconds or an ISO 8601 date/date-time "
                                        "(2011-01-01, 2011-01-01T12:00:00Z), got '" + percent_escaped(text) + "'");
  return *value;
}

}  // namespace kuchikomi::cli
