// Cooperative cancellation of long library calls, for front ends that must stop work on request
// (the Python package's Ctrl-C). The front end calls request_cancellation() from any thread; the
// long loops poll the flag (every Monte Carlo run, every block of RR sets, every greedy estimate,
// every EM iteration, every MiB of a text input read and every 65,536 lines or edges parsed) and
// throw Cancelled, which unwinds through the TBB loops like any exception.
// The front end calls clear_cancellation() once the cancelled call has returned.
//
// One flag for the process: a request stops every call in flight. A relaxed atomic load per poll,
// so polling costs nothing next to one cascade. The CLI never sets it (SIGINT ends the process).
#pragma once
#include <atomic>
#include <stdexcept>

namespace kuchikomi {

class Cancelled : public std::runtime_error {
 public:
  Cancelled() : std::runtime_error("cancelled") {}
};

inline std::atomic<bool> cancellation_flag{false};

inline void request_cancellation() noexcept { cancellation_flag.store(true, std::memory_order_relaxed); }
inline void clear_cancellation() noexcept { cancellation_flag.store(false, std::memory_order_relaxed); }
inline bool cancellation_requested() noexcept { return cancellation_flag.load(std::memory_order_relaxed); }
inline void throw_if_cancelled() {
  if (cancellation_requested()) throw Cancelled();
}

}  // namespace kuchikomi
