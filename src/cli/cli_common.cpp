#include "cli_common.hpp"

#include <exception>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/report/json_text.hpp"

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
    std::cerr << "kuchikomi: " << printable(e.what()) << "\nUsage: " << usage << "\n(try --help)\n";
    return kExitUsage;
  }
  return std::nullopt;
}

int run_guarded(const std::string& command, const std::function<int()>& body) {
  try {
    return body();
  } catch (const InputError& e) {
    std::cerr << "kuchikomi " << command << ": error: " << printable(e.what()) << "\n";
  } catch (const UsageError& e) {
    std::cerr << "kuchikomi " << command << ": error: " << printable(e.what()) << "\n";
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

}  // namespace kuchikomi::cli
