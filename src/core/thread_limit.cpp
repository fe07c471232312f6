#include "kuchikomi/core/thread_limit.hpp"

#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <algorithm>

namespace kuchikomi {

// The control must be constructed where it lives: oneTBB registers the object's address, and
// Cap{tbb::global_control(...)} (aggregate initialisation from a temporary) left the cap without
// effect, so --threads 1 ran on every core (tests/thread_limit_test.cpp).
struct ThreadLimit::Cap {
  explicit Cap(unsigned threads) : control(tbb::global_control::max_allowed_parallelism, threads) {}
  tbb::global_control control;
};

ThreadLimit::ThreadLimit(unsigned threads) {
  if (threads > 0) cap_ = std::make_unique<Cap>(threads);
}
ThreadLimit::~ThreadLimit() = default;
ThreadLimit::ThreadLimit(ThreadLimit&&) noexcept = default;
ThreadLimit& ThreadLimit::operator=(ThreadLimit&&) noexcept = default;
void ThreadLimit::release() { cap_.reset(); }

unsigned active_thread_limit() {
  return static_cast<unsigned>(tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

unsigned parallel_width() {
  const int arena = std::max(1, tbb::this_task_arena::max_concurrency());
  return std::max(1u, std::min(active_thread_limit(), static_cast<unsigned>(arena)));
}

}  // namespace kuchikomi
