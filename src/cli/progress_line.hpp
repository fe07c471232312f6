// "\r12000/100000 runs" on stderr while a long computation runs: only for a terminal, only once the
// work has taken more than 1.5 s, erased before the command prints its summary.
#pragma once
#include <chrono>
#include <cstdint>

namespace kuchikomi::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  ~ProgressLine() { finish(); }
  // `planned` is a cap rather than a plan when `open_ended` (precision mode stops when it is reached).
  void update(std::uint64_t done, std::uint64_t planned, bool open_ended);
  void finish();

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace kuchikomi::cli
