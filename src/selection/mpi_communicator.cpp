// Communicator over MPI_COMM_WORLD. This is the only file that includes mpi.h; CMake defines
// KUCHIKOMI_WITH_MPI for it alone when MPI was found, so the project builds without MPI.
#include "kuchikomi/selection/mpi_communicator.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "kuchikomi/core/errors.hpp"

#ifdef KUCHIKOMI_WITH_MPI
// The C API only: MPI's deprecated C++ bindings would need libmpi_cxx (not in MPI::MPI_C).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <iostream>
#endif

namespace kuchikomi {

bool launched_by_mpi() noexcept {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr;
}

#ifdef KUCHIKOMI_WITH_MPI

bool mpi_support_compiled() noexcept { return true; }

namespace {

// Reductions larger than this are split: MPI counts are int, and moderate messages pipeline better.
constexpr std::size_t kMaxReductionElements = std::size_t{1} << 24;

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() {
    int initialized = 0;
    MPI_Initialized(&initialized);
    if (!initialized) {
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
      owns_mpi_ = true;
    }
    // Errors come back as codes and become exceptions below, instead of MPI's default abort.
    MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
    MPI_Comm_size(MPI_COMM_WORLD, &size_);
  }
  ~MpiCommunicator() override {
    if (owns_mpi_) MPI_Finalize();
  }
  int rank() const noexcept override { return rank_; }
  int size() const noexcept override { return size_; }
  bool distributed() const noexcept override { return true; }

  void allreduce_sum(std::span<std::uint64_t> values) override { reduce(values, MPI_SUM); }
  void allreduce_max(std::span<std::uint64_t> values) override { reduce(values, MPI_MAX); }

  std::vector<std::uint64_t> allgather(std::span<const std::uint64_t> local) override {
    std::vector<std::uint64_t> sizes(static_cast<std::size_t>(size_));
    std::uint64_t mine = local.size();
    check(MPI_Allgather(&mine, 1, MPI_UINT64_T, sizes.data(), 1, MPI_UINT64_T, MPI_COMM_WORLD), "MPI_Allgather");
    std::vector<int> counts(sizes.size()), displacements(sizes.size());
    std::uint64_t total = 0;
    for (std::size_t r = 0; r < sizes.size(); ++r) {
      if (total + sizes[r] > static_cast<std::uint64_t>(std::numeric_limits<int>::max())) {
        std::cerr << "kuchikomi (rank " << rank_ << "): a greedy round exchanges more than 2^31 count changes\n";
        abort(1);
      }
      counts[r] = static_cast<int>(sizes[r]);
      displacements[r] = static_cast<int>(total);
      total += sizes[r];
    }
    std::vector<std::uint64_t> all(total);
    check(MPI_Allgatherv(local.data(), static_cast<int>(local.size()), MPI_UINT64_T, all.data(), counts.data(),
                         displacements.data(), MPI_UINT64_T, MPI_COMM_WORLD),
          "MPI_Allgatherv");
    count_gather(local.size_bytes() + 8, total * 8 + sizes.size() * 8);
    return all;
  }

  void agree(std::exception_ptr local_error, int exit_code) override {
    count_agreement();
    // {lowest failing rank, highest exit code}: MIN over (rank or size), MAX over code via -code.
    int mine[2] = {local_error ? rank_ : size_, local_error ? -exit_code : 0};
    int all[2] = {0, 0};
    check(MPI_Allreduce(mine, all, 2, MPI_INT, MPI_MIN, MPI_COMM_WORLD), "MPI_Allreduce (error agreement)");
    if (all[0] == size_) return;
    mark_failure_agreed();
    if (rank_ == all[0]) std::rethrow_exception(local_error);
    throw PeerFailure(all[0], -all[1]);
  }

  [[noreturn]] void abort(int exit_code) override {
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::_Exit(exit_code);
  }

 private:
  void reduce(std::span<std::uint64_t> values, MPI_Op op) {
    count_reduction(values.size_bytes());
    for (std::size_t done = 0; done < values.size(); done += kMaxReductionElements) {
      const std::size_t part = std::min(kMaxReductionElements, values.size() - done);
      check(MPI_Allreduce(MPI_IN_PLACE, values.data() + done, static_cast<int>(part), MPI_UINT64_T, op,
                          MPI_COMM_WORLD),
            "MPI_Allreduce");
    }
  }
  void check(int code, const char* what) {
    if (code == MPI_SUCCESS) return;
    char text[MPI_MAX_ERROR_STRING];
    int length = 0;
    MPI_Error_string(code, text, &length);
    // A failed collective leaves the others in an unknown state: end the whole run.
    std::cerr << "kuchikomi (rank " << rank_ << "): " << what << " failed: " << std::string(text, length) << "\n";
    abort(1);
  }

  int rank_ = 0;
  int size_ = 1;
  bool owns_mpi_ = false;
};

}  // namespace

std::unique_ptr<Communicator> make_mpi_communicator() { return std::make_unique<MpiCommunicator>(); }

#else  // built without MPI

bool mpi_support_compiled() noexcept { return false; }

std::unique_ptr<Communicator> make_mpi_communicator() {
  throw UsageError("this kuchikomi was built without MPI (install libopenmpi-dev and reconfigure with CMake) "
                   "so it cannot run distributed");
}

#endif

}  // namespace kuchikomi
