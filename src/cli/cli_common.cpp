#include "cli_common.hpp"

#include <exception>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::cli {

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
  } catch (const po::error& e) {
    std::cerr << "kuchikomi: " << e.what() << "\nUsage: " << usage << "\n(try --help)\n";
    return kExitUsage;
  }
  return std::nullopt;
}

int run_guarded(const std::string& command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    std::cerr << "kuchikomi " << command << ": error: " << e.what() << "\n";
  } catch (const UsageError& e) {
    std::cerr << "kuchikomi " << command << ": error: " << e.what() << "\n";
  } catch (const po::error& e) {
    std::cerr << "kuchikomi " << command << ": " << e.what() << " (try --help)\n";
    return kExitUsage;
  } catch (const std::bad_alloc&) {
    std::cerr << "kuchikomi " << command << ": error: out of memory\n";
  } catch (const std::exception& e) {
    std::cerr << "kuchikomi " << command << ": internal error: " << e.what() << "\n";
  }
  return kExitInputError;
}

void print_json(const nlohmann::json& value) { std::cout << value.dump(2) << "\n"; }

std::vector<std::string> split_list(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::string current;
  auto flush = [&] {
    const auto begin = current.find_first_not_of(" \t");
    const auto end = current.find_last_not_of(" \t\r");
    if (begin != std::string::npos) parts.push_back(current.substr(begin, end - begin + 1));
    current.clear();
  };
  for (char c : text) {
    if (c == separator) flush();
    else current += c;
  }
  flush();
  return parts;
}

}  // namespace kuchikomi::cli
