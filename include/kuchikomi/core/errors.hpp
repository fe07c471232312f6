// Error types that carry where the problem is, so the CLI can say "file:line: what".
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace kuchikomi {

// Bad input data: a malformed line, an unknown id, a probability outside [0,1], a missing file.
// `line` is 1-based; 0 means the problem concerns the file as a whole.
class InputError : public std::runtime_error {
 public:
  InputError(std::string file, std::uint64_t line, const std::string& what)
      : std::runtime_error(format(file, line, what)), file_(std::move(file)), line_(line) {}
  explicit InputError(const std::string& what) : std::runtime_error(what), line_(0) {}
  const std::string& file() const noexcept { return file_; }
  std::uint64_t line() const noexcept { return line_; }

 private:
  static std::string format(const std::string& file, std::uint64_t line, const std::string& what) {
    if (file.empty()) return what;
    return line == 0 ? file + ": " + what : file + ":" + std::to_string(line) + ": " + what;
  }
  std::string file_;
  std::uint64_t line_;
};

// A request that cannot be honoured with valid data: k larger than the graph, runs = 0, an empty
// seed set, LT weights that sum above 1.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace kuchikomi
