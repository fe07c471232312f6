#include "progress_line.hpp"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace kuchikomi::cli {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_between(Clock::time_point from, Clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

// Seconds left at the rate seen since `since` (when `done_then` was done); negative when there is
// nothing to go on yet or nothing left.
double remaining(Clock::time_point since, std::uint64_t done_then, std::uint64_t done, std::uint64_t planned) {
  if (planned == 0 || done <= done_then || done >= planned) return -1.0;
  return seconds_between(since, Clock::now()) * static_cast<double>(planned - done) / static_cast<double>(done - done_then);
}

}  // namespace

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled && ::isatty(STDERR_FILENO)), start_(Clock::now()) {}

std::string ProgressLine::time_left_text(double seconds) {
  if (!(seconds >= 0)) return {};
  const long long s = std::llround(seconds);
  char buffer[64];
  if (s < 60) std::snprintf(buffer, sizeof buffer, "about %lld s left", std::max(s, 1LL));
  else if (s < 3600) std::snprintf(buffer, sizeof buffer, "about %lld min left", (s + 30) / 60);
  else std::snprintf(buffer, sizeof buffer, "about %lld h %lld min left", s / 3600, (s % 3600) / 60);
  return buffer;
}

void ProgressLine::show(const std::string& text) {
  const Clock::time_point now = Clock::now();
  if (now - start_ < std::chrono::milliseconds(1500)) return;
  if (shown_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  std::fprintf(stderr, "\r\033[K%s", text.c_str());
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::update(std::uint64_t done, std::uint64_t planned, bool open_ended) {
  if (!enabled_) return;
  char buffer[160];
  if (open_ended) {
    std::snprintf(buffer, sizeof buffer, "simulating: %llu runs (up to %llu until the precision is reached)",
                  static_cast<unsigned long long>(done), static_cast<unsigned long long>(planned));
    show(buffer);
    return;
  }
  std::snprintf(buffer, sizeof buffer, "simulating: %llu/%llu runs (%.0f%%)", static_cast<unsigned long long>(done),
                static_cast<unsigned long long>(planned),
                planned ? 100.0 * static_cast<double>(done) / static_cast<double>(planned) : 0.0);
  const std::string left = time_left_text(remaining(start_, 0, done, planned));
  show(std::string(buffer) + (left.empty() ? "" : ", " + left));
}

void ProgressLine::step(const std::string& stage, std::uint64_t done, std::uint64_t planned) {
  if (!enabled_) return;
  const auto at = stages_.try_emplace(stage, Clock::now(), done).first;
  char buffer[96];
  if (planned > 0)
    std::snprintf(buffer, sizeof buffer, ": %llu/%llu (%.0f%%)", static_cast<unsigned long long>(done),
                  static_cast<unsigned long long>(planned), 100.0 * static_cast<double>(done) / static_cast<double>(planned));
  else
    std::snprintf(buffer, sizeof buffer, ": %llu", static_cast<unsigned long long>(done));
  const std::string left = planned > 0 ? time_left_text(remaining(at->second.first, at->second.second, done, planned)) : std::string();
  show(stage + buffer + (left.empty() ? "" : ", " + left));
}

void ProgressLine::finish() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
  shown_ = false;
}

}  // namespace kuchikomi::cli
