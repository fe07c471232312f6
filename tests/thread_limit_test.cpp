// ThreadLimit, the cap behind every command's --threads and Python's threads=: while it lives,
// parallel loops really run on at most that many threads, and the cap goes when it goes.
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>

#include <mutex>
#include <set>
#include <thread>

#include "kuchikomi/core/thread_limit.hpp"

namespace kuchikomi {
namespace {

std::size_t cap() { return tbb::global_control::active_value(tbb::global_control::max_allowed_parallelism); }

// Distinct threads that took part in a loop long enough for every worker to join.
std::size_t threads_used() {
  std::set<std::thread::id> ids;
  std::mutex m;
  tbb::parallel_for(0, 1 << 21, [&](int) {
    std::lock_guard lock(m);
    ids.insert(std::this_thread::get_id());
  });
  return ids.size();
}

TEST(ThreadLimit, CapsParallelLoopsWhileItLives) {
  const std::size_t before = cap();
  {
    ThreadLimit one(1);
    EXPECT_EQ(cap(), 1u);
    EXPECT_EQ(active_thread_limit(), 1u);
    EXPECT_EQ(threads_used(), 1u);
    ThreadLimit moved = std::move(one);  // the cap moves with the object
    EXPECT_EQ(cap(), 1u);
    EXPECT_EQ(threads_used(), 1u);
    moved.release();
    EXPECT_EQ(cap(), before);
  }
  {
    ThreadLimit none(0);  // 0 = no cap
    EXPECT_EQ(cap(), before);
  }
  EXPECT_EQ(cap(), before);
}

// parallel_width(), which sizes one-piece-per-thread splits (the RR index, the graph builder): the
// cap and the task arena, whichever is smaller. The arena alone reports every core under
// --threads 1, which made the RR index build two slices and their counters on one thread.
TEST(ThreadLimit, ParallelWidthHonoursTheCapAndTheArena) {
  {
    ThreadLimit one(1);
    EXPECT_EQ(parallel_width(), 1u);
  }
  tbb::task_arena three(3);
  three.execute([] { EXPECT_EQ(parallel_width(), std::min(3u, active_thread_limit())); });
  ThreadLimit two(2);
  three.execute([] { EXPECT_EQ(parallel_width(), 2u); });
  EXPECT_LE(parallel_width(), 2u);
}

}  // namespace
}  // namespace kuchikomi
