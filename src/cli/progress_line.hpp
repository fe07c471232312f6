// One line of progress on stderr while a long computation runs ("\rsimulating: 12000/100000 runs
// (12%), about 9 s left"): only for a terminal, only once the command has worked more than 1.5 s,
// redrawn at most ten times a second, erased before the command prints anything else. Callers
// report from counters they already keep (runs per batch, candidates per chunk, seeds picked), never
// per simulation, so progress costs nothing in the hot loops and cannot change a result.
#pragma once
#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace kuchikomi::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool enabled);
  ~ProgressLine() { finish(); }
  // Simulation runs; `planned` is a cap rather than a plan when `open_ended` (precision mode stops
  // when it is reached).
  void update(std::uint64_t done, std::uint64_t planned, bool open_ended);
  // Any stage: "stage: done/planned (p%), about T left", the time left from the stage's own rate
  // since its first report (stages may interleave, as a greedy pass's candidates and picks do);
  // planned 0 = no fixed end (no time left shown).
  void step(const std::string& stage, std::uint64_t done, std::uint64_t planned);
  void finish();

  // "about 3 s left", "about 2 min left", "about 1 h 5 min left"; exposed for tests.
  static std::string time_left_text(double seconds);

 private:
  void show(const std::string& text);
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_{};
  // Per stage: when it was first reported and how much was done then.
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, std::uint64_t>> stages_;
};

}  // namespace kuchikomi::cli
