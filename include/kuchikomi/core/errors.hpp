// Error types that carry where the problem is, so the CLI can say "file:line: what".
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace kuchikomi {

// The settings whose values caused an error or would fix it, spelled as options and experiment
// files spell them ("epsilon", "max-memory", "prob"). Messages say what is wrong without naming a
// command-line flag, because other front ends (the Python package) show them too; a front end adds
// its own spelling of these settings (the CLI: --epsilon).
using ErrorSettings = std::vector<std::string>;

// Bad input data, or a request that the data make impossible: a malformed line, an unknown id, a
// probability outside [0,1], a missing file; k larger than the graph's candidate users, LT on a graph
// whose in-probabilities sum above 1, RR sets over the memory cap. The command line exits 1.
// `line` is 1-based; 0 means the problem concerns the file as a whole.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::uint64_t line, const std::string& what, ErrorSettings settings = {})
      : std::runtime_error(format(file, line, what)), file_(std::move(file)), line_(line), settings_(std::move(settings)) {}
  explicit InputError(const std::string& what, ErrorSettings settings = {})
      : std::runtime_error(what), line_(0), settings_(std::move(settings)) {}
  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }
  const ErrorSettings& settings() const noexcept { return settings_; }

 private:
  static std::string format(const std::string& file, std::uint64_t line, const std::string& what) {
    if (file.empty()) return what;
    return line == 0 ? file + ": " + what : file + ":" + std::to_string(line) + ": " + what;
  }
  std::string file_;
  std::uint64_t line_;
  ErrorSettings settings_;
};

// A request that is wrong whatever the data: an unknown model or algorithm name, epsilon outside
// (0, 1), runs = 0, k = 0, an empty seed set handed to the library. The command line exits 2: its
// values come from the command line (the experiment runner turns them into InputErrors naming the
// experiment file, whose values they are there).
class UsageError : public std::runtime_error {
 public:
  explicit UsageError(const std::string& what, ErrorSettings settings = {})
      : std::runtime_error(what), settings_(std::move(settings)) {}
  const ErrorSettings& settings() const noexcept { return settings_; }

 private:
  ErrorSettings settings_;
};

}  // namespace kuchikomi
