// The thread sweep of the determinism tests (support/thread_sweep.hpp) itself: it really runs at
// 1, 2, 3 and 8 threads (more than this machine's cores: the global cap is raised with the arena),
// leaves the cap as it was, and fails on a result that follows the thread count.
#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/info.h>
#include <tbb/task_arena.h>

#include <cstddef>
#include <vector>

#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

std::size_t thread_cap() { return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism); }

TEST(ThreadSweep, RunsAtEachCountAndRestoresTheCap) {
  const std::size_t before = thread_cap();
  std::vector<int> seen;
  support::for_thread_counts([&](int threads) {
    seen.push_back(threads);
    EXPECT_EQ(tbb::this_task_arena::max_concurrency(), threads);
    EXPECT_EQ(thread_cap(), static_cast<std::size_t>(threads));
  });
  EXPECT_EQ(seen, (std::vector<int>{1, 2, 3, 8}));
  EXPECT_EQ(thread_cap(), before);
}

TEST(ThreadSweep, AResultThatFollowsTheThreadCountFails) {
  // Only the 8-thread run differs: one failure, and it names the count.
  EXPECT_NONFATAL_FAILURE(
      support::expect_same_for_thread_counts([] { return tbb::this_task_arena::max_concurrency() > 3; }),
      "with 8 threads against 1");
  const int serial = support::expect_same_for_thread_counts([] { return 42; });
  EXPECT_EQ(serial, 42);
}

}  // namespace
}  // namespace kuchikomi
