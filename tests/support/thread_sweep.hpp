// Deterministic parallelism, checked the way Galois's tests do it: one computation run at several
// thread counts must give the same bits as the serial run (random streams are keyed by run, sample
// or edge index, never by thread, so seeds, gains, spreads and RR-set counts are equal, not close).
#pragma once
#include <gtest/gtest.h>
#include <tbb/global_control.h>
#include <tbb/task_arena.h>

#include <cstddef>
#include <string>
#include <utility>

namespace kuchikomi::support {

// 1 is the reference; 2 and 3 split the work unevenly; 8 is more threads than the CI machine has
// cores, so tasks interleave in orders a small count never shows.
inline constexpr int kThreadCounts[] = {1, 2, 3, 8};

// fn() with exactly `threads` threads: an arena of that size, and TBB's global cap set to match
// (without it an arena gets no more workers than the machine has cores, so 8 would run as 2). The
// command line caps the same global value (ThreadLimit).
template <class Fn>
auto with_threads(int threads, Fn&& fn) {
  const tbb::global_control cap(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  tbb::task_arena arena(threads);
  return arena.execute(std::forward<Fn>(fn));
}

// fn(threads) for each count of kThreadCounts, inside with_threads, with the count in the trace of
// any failure.
template <class Fn>
void for_thread_counts(Fn fn) {
  for (int threads : kThreadCounts) {
    SCOPED_TRACE("with " + std::to_string(threads) + " thread(s)");
    with_threads(threads, [&] { fn(threads); });
  }
}

// compute() at every count; expect_same(serial, other) compares each result with the one-thread
// result, which is returned for further checks.
template <class Compute, class ExpectSame>
auto expect_same_for_thread_counts(Compute compute, ExpectSame expect_same) {
  auto serial = with_threads(1, compute);
  for (int threads : kThreadCounts) {
    if (threads == 1) continue;
    SCOPED_TRACE("with " + std::to_string(threads) + " threads against 1");
    expect_same(serial, with_threads(threads, compute));
  }
  return serial;
}

// The same, for results that compare with ==.
template <class Compute>
auto expect_same_for_thread_counts(Compute compute) {
  return expect_same_for_thread_counts(compute, [](const auto& serial, const auto& other) { EXPECT_EQ(serial, other); });
}

}  // namespace kuchikomi::support
