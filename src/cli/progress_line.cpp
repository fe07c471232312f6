#include "progress_line.hpp"

#include <unistd.h>

#include <cstdio>

namespace kuchikomi::cli {

ProgressLine::ProgressLine(bool enabled)
    : enabled_(enabled && ::isatty(STDERR_FILENO)), start_(std::chrono::steady_clock::now()) {}

void ProgressLine::update(std::uint64_t done, std::uint64_t planned, bool open_ended) {
  if (!enabled_) return;
  if (std::chrono::steady_clock::now() - start_ < std::chrono::milliseconds(1500)) return;
  if (open_ended)
    std::fprintf(stderr, "\rsimulating: %llu runs (up to %llu until the precision is reached)",
                 static_cast<unsigned long long>(done), static_cast<unsigned long long>(planned));
  else
    std::fprintf(stderr, "\rsimulating: %llu/%llu runs (%.0f%%)", static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(planned), 100.0 * static_cast<double>(done) / static_cast<double>(planned));
  std::fflush(stderr);
  shown_ = true;
}

void ProgressLine::finish() {
  if (shown_) std::fprintf(stderr, "\r\033[K");
  shown_ = false;
}

}  // namespace kuchikomi::cli
