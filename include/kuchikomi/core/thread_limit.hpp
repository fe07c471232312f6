// How many worker threads kuchikomi's parallel loops (oneTBB) may use, in one place: commands and
// the experiment runner cap it with ThreadLimit, results record active_thread_limit(). Results never
// depend on it (random streams are keyed by index, not by thread).
#pragma once
#include <memory>

namespace kuchikomi {

// The largest thread count a ThreadLimit accepts (a typo such as 40960 is refused, not obeyed).
inline constexpr unsigned kMaxThreads = 4096;

// While it lives, parallel loops use at most `threads` threads (0 = no cap: every core).
class ThreadLimit {
 public:
  explicit ThreadLimit(unsigned threads = 0);
  ~ThreadLimit();
  ThreadLimit(ThreadLimit&&) noexcept;
  ThreadLimit& operator=(ThreadLimit&&) noexcept;
  void release();  // no cap from here on

 private:
  struct Cap;
  std::unique_ptr<Cap> cap_;
};

// The threads parallel loops may use now (the machine's cores when nothing caps them).
unsigned active_thread_limit();
// The threads a parallel loop started here gets: the cap above and the current task arena's size
// (an arena alone misses the cap: under --threads 1 it still reports every core). Code that splits
// work into one piece per thread sizes the split with this.
unsigned parallel_width();

}  // namespace kuchikomi
