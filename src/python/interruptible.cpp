// Long calls run on a worker thread so that the calling (main) thread stays free to run Python's
// signal handlers: a C++ loop holding the main thread would delay Ctrl-C until it ends.
#include <chrono>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <thread>

#include "binding.hpp"
#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/thread_limit.hpp"

namespace kuchikomi::python {

void run_interruptible(std::optional<unsigned> threads, const std::function<void()>& work) {
  if (threads && *threads > kMaxThreads)
    throw UsageError("threads must be at most " + std::to_string(kMaxThreads) + " (0 or None: every core)", {"threads"});
  std::exception_ptr failure;
  std::optional<py::error_already_set> interrupt;  // the exception a signal handler raised
  {
    py::gil_scoped_release release;
    std::mutex mutex;
    std::condition_variable finished;
    bool done = false;
    std::thread worker([&] {
      try {
        ThreadLimit limit(threads.value_or(0));
        work();
      } catch (...) {
        failure = std::current_exception();
      }
      std::lock_guard lock(mutex);
      done = true;
      finished.notify_one();
    });
    std::unique_lock lock(mutex);
    while (!finished.wait_for(lock, std::chrono::milliseconds(50), [&] { return done; })) {
      if (interrupt) continue;  // cancelled: wait for the work to stop
      lock.unlock();
      {
        py::gil_scoped_acquire acquire;
        if (PyErr_CheckSignals() != 0) {
          interrupt.emplace();  // takes the pending exception
          request_cancellation();
        }
      }
      lock.lock();
    }
    lock.unlock();
    worker.join();
  }
  if (interrupt) {
    clear_cancellation();
    throw std::move(*interrupt);
  }
  if (failure) std::rethrow_exception(failure);
}

}  // namespace kuchikomi::python
