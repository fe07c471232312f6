#include "kuchikomi/core/thread_limit.hpp"

#include <tbb/global_control.h>

namespace kuchikomi {

struct ThreadLimit::Cap {
  tbb::global_control control;
};

ThreadLimit::ThreadLimit(unsigned threads) {
  if (threads > 0)
    cap_ = std::make_unique<Cap>(Cap{tbb::global_control(tbb::global_control::max_allowed_parallelism, threads)});
}
ThreadLimit::~ThreadLimit() = default;
ThreadLimit::ThreadLimit(ThreadLimit&&) noexcept = default;
ThreadLimit& ThreadLimit::operator=(ThreadLimit&&) noexcept = default;
void ThreadLimit::release() { cap_.reset(); }

unsigned active_thread_limit() {
  return static_cast<unsigned>(tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism));
}

}  // namespace kuchikomi
