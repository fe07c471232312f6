// Communicator over MPI_COMM_WORLD, through the MPI plugin (mpi_plugin/plugin_api.h): this file
// opens kuchikomi-mpi.so with dlopen when a run is distributed, so serial runs never load libmpi.
// CMake defines KUCHIKOMI_WITH_MPI (and where the plugin is built) when MPI was found.
#include "kuchikomi/selection/mpi_communicator.hpp"

#include <algorithm>
#include <cstdlib>
#include <limits>

#include "kuchikomi/core/errors.hpp"

#ifdef KUCHIKOMI_WITH_MPI
#include <dlfcn.h>
#include <unistd.h>

#include <iostream>
#include <string>
#include <vector>

#include "selection/mpi_plugin/plugin_api.h"
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

// The plugin: $KUCHIKOMI_MPI_PLUGIN when set, else kuchikomi-mpi.so beside the executable, else
// where this build put it. RTLD_GLOBAL: Open MPI's own components, which libmpi opens in turn,
// resolve symbols of libmpi and its runtime.
const KuchikomiMpiApi& load_plugin() {
  static const KuchikomiMpiApi* api = [] {
    std::vector<std::string> candidates;
    if (const char* path = std::getenv("KUCHIKOMI_MPI_PLUGIN"); path && *path) {
      candidates.emplace_back(path);
    } else {
      std::string self(4096, '\0');
      const ssize_t length = readlink("/proc/self/exe", self.data(), self.size() - 1);
      if (length > 0) {
        self.resize(static_cast<std::size_t>(length));
        candidates.push_back(self.substr(0, self.rfind('/') + 1) + "kuchikomi-mpi.so");
      }
      candidates.emplace_back(KUCHIKOMI_MPI_PLUGIN_BUILT);
    }
    std::string errors;
    for (const std::string& path : candidates) {
      void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_GLOBAL);
      if (!handle) {
        const char* why = dlerror();
        errors += (errors.empty() ? " " : "; ") + (why ? std::string(why) : path);
        continue;
      }
      auto entry = reinterpret_cast<KuchikomiMpiApiFunction>(dlsym(handle, KUCHIKOMI_MPI_API_SYMBOL));
      const KuchikomiMpiApi* found = entry ? entry() : nullptr;
      if (found && found->version == KUCHIKOMI_MPI_API_VERSION) return found;
      errors += (errors.empty() ? " " : "; ") + path + ": not a kuchikomi MPI plugin of interface version " +
                std::to_string(KUCHIKOMI_MPI_API_VERSION);
      dlclose(handle);
    }
    throw UsageError("cannot load the MPI plugin kuchikomi-mpi.so, which distributed runs need (it is built beside "
                     "the kuchikomi executable; KUCHIKOMI_MPI_PLUGIN=PATH names another):" + errors);
  }();
  return *api;
}

class MpiCommunicator final : public Communicator {
 public:
  MpiCommunicator() : mpi_(load_plugin()) {
    int owns = 0;
    const int code = mpi_.init(&rank_, &size_, &owns);
    owns_mpi_ = owns != 0;
    if (code != 0) check(code, "MPI_Init_thread");
  }
  ~MpiCommunicator() override {
    if (owns_mpi_) mpi_.finalize();
  }
  int rank() const noexcept override { return rank_; }
  int size() const noexcept override { return size_; }
  bool distributed() const noexcept override { return true; }

  void allreduce_sum(std::span<std::uint64_t> values) override { reduce(values, 0); }
  void allreduce_max(std::span<std::uint64_t> values) override { reduce(values, 1); }

  std::vector<std::uint64_t> allgather(std::span<const std::uint64_t> local) override {
    std::vector<std::uint64_t> sizes(static_cast<std::size_t>(size_));
    check(mpi_.allgather_u64(local.size(), sizes.data()), "MPI_Allgather");
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
    check(mpi_.allgatherv_u64(local.data(), static_cast<int>(local.size()), all.data(), counts.data(),
                              displacements.data()),
          "MPI_Allgatherv");
    count_gather(local.size_bytes() + 8, total * 8 + sizes.size() * 8);
    return all;
  }

  void agree(std::exception_ptr local_error, int exit_code) override {
    count_agreement();
    // {lowest failing rank, highest exit code}: MIN over (rank or size), MAX over code via -code.
    int mine[2] = {local_error ? rank_ : size_, local_error ? -exit_code : 0};
    int all[2] = {0, 0};
    check(mpi_.allreduce_min_int(mine, all, 2), "MPI_Allreduce (error agreement)");
    if (all[0] == size_) return;
    mark_failure_agreed();
    if (rank_ == all[0]) std::rethrow_exception(local_error);
    throw PeerFailure(all[0], -all[1]);
  }

  [[noreturn]] void abort(int exit_code) override {
    mpi_.abort_world(exit_code);
    std::_Exit(exit_code);
  }

 private:
  void reduce(std::span<std::uint64_t> values, int op) {
    count_reduction(values.size_bytes());
    for (std::size_t done = 0; done < values.size(); done += kMaxReductionElements) {
      const std::size_t part = std::min(kMaxReductionElements, values.size() - done);
      check(mpi_.allreduce_u64(values.data() + done, static_cast<int>(part), op), "MPI_Allreduce");
    }
  }
  void check(int code, const char* what) {
    if (code == 0) return;
    char text[512];
    mpi_.error_string(code, text, sizeof text);
    // A failed collective leaves the others in an unknown state: end the whole run.
    std::cerr << "kuchikomi (rank " << rank_ << "): " << what << " failed: " << text << "\n";
    abort(1);
  }

  const KuchikomiMpiApi& mpi_;
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
