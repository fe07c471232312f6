// What distributed RIS needs from a cluster: sum per-node counts over ranks, gather the ranks' count
// changes, and agree on failures so that an error on one rank never leaves the others waiting.
//
// Two implementations: SerialCommunicator (one process, every call a no-op; the default) and the
// MPI one (mpi_communicator.hpp, compiled only when CMake finds MPI). RIS code distributes its
// samples by global index (rank r owns indexes i with i % P == r) and calls allreduce_sum wherever
// a count over the whole sample is needed, so results are those of the serial run for every P.
//
// Every collective is counted (calls and payload bytes), so runs can report their communication.
#pragma once
#include <cstdint>
#include <exception>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace kuchikomi {

// Thrown on the ranks that did not fail when another rank did (see Communicator::agree): the real
// error is reported by the failing rank, so this one is for control flow, not for the user.
class PeerFailure : public std::runtime_error {
 public:
  PeerFailure(int failed_rank, int exit_code)
      : std::runtime_error("rank " + std::to_string(failed_rank) + " failed"), rank_(failed_rank), code_(exit_code) {}
  int failed_rank() const noexcept { return rank_; }
  int exit_code() const noexcept { return code_; }

 private:
  int rank_;
  int code_;
};

struct CommunicationStats {
  std::uint64_t reductions = 0;  // allreduce calls (agreements on errors excluded)
  std::uint64_t bytes = 0;       // payload bytes contributed by this rank to reductions and gathers
  std::uint64_t largest = 0;     // payload of the largest reduction (the dense per-node counts)
  std::uint64_t gathers = 0;     // allgather calls (one per greedy round)
  std::uint64_t gathered = 0;    // bytes every rank received from all ranks' gathers together
  std::uint64_t agreements = 0;  // error-agreement calls (8 bytes each)
};

class Communicator {
 public:
  virtual ~Communicator() = default;
  virtual int rank() const noexcept = 0;
  virtual int size() const noexcept = 0;
  // True for an MPI run (even with one rank): RIS then takes the distributed code path.
  virtual bool distributed() const noexcept = 0;
  // Element-wise sum over ranks, in place; identical result on every rank.
  virtual void allreduce_sum(std::span<std::uint64_t> values) = 0;
  virtual void allreduce_max(std::span<std::uint64_t> values) = 0;
  // Every rank's `local` concatenated in rank order, on every rank.
  virtual std::vector<std::uint64_t> allgather(std::span<const std::uint64_t> local) = 0;
  // Collective: every rank passes the exception it caught since the last agreement (or null) and
  // the exit code it would use. Returns normally when no rank failed; otherwise the failing rank
  // with the lowest id rethrows its own exception and every other rank throws PeerFailure naming it.
  virtual void agree(std::exception_ptr local_error, int exit_code = 1) = 0;
  // Ends the run at once on every rank (MPI_Abort): for failures that cannot be agreed on.
  [[noreturn]] virtual void abort(int exit_code) = 0;

  const CommunicationStats& stats() const noexcept { return stats_; }
  // True once agree() has seen a failure: every rank knows, so nobody waits in a collective.
  bool failure_agreed() const noexcept { return failure_agreed_; }
  bool lead() const noexcept { return rank() == 0; }

  // Runs `work` (local, no collectives inside) on every rank and agrees on the outcome.
  template <class Work>
  void agreed(Work&& work) {
    std::exception_ptr error;
    try {
      work();
    } catch (...) {
      error = std::current_exception();
    }
    agree(error);
  }

 protected:
  void count_reduction(std::uint64_t bytes) noexcept {
    ++stats_.reductions;
    stats_.bytes += bytes;
    if (bytes > stats_.largest) stats_.largest = bytes;
  }
  void count_gather(std::uint64_t sent, std::uint64_t received) noexcept {
    ++stats_.gathers;
    stats_.bytes += sent;
    stats_.gathered += received;
  }
  void count_agreement() noexcept { ++stats_.agreements; }
  void mark_failure_agreed() noexcept { failure_agreed_ = true; }

 private:
  CommunicationStats stats_;
  bool failure_agreed_ = false;
};

// One process, no MPI: reductions are the identity, agree() rethrows the local error.
class SerialCommunicator final : public Communicator {
 public:
  int rank() const noexcept override { return 0; }
  int size() const noexcept override { return 1; }
  bool distributed() const noexcept override { return false; }
  void allreduce_sum(std::span<std::uint64_t>) override {}
  void allreduce_max(std::span<std::uint64_t>) override {}
  std::vector<std::uint64_t> allgather(std::span<const std::uint64_t> local) override {
    return {local.begin(), local.end()};
  }
  // One process agrees with itself; no failure flag is kept (this object is shared process-wide).
  void agree(std::exception_ptr local_error, int) override {
    if (local_error) std::rethrow_exception(local_error);
  }
  [[noreturn]] void abort(int exit_code) override;
};

// A process-wide serial communicator for callers that pass none.
Communicator& serial_communicator();

// Samples of a global collection of `global_count` sets that rank `rank` of `ranks` owns (indexes
// i < global_count with i % ranks == rank).
inline std::uint64_t local_sample_count(std::uint64_t global_count, int rank, int ranks) noexcept {
  const auto r = static_cast<std::uint64_t>(rank), p = static_cast<std::uint64_t>(ranks);
  return global_count > r ? (global_count - r + p - 1) / p : 0;
}

}  // namespace kuchikomi
