// kuchikomi-mpi.so: MPI_COMM_WORLD behind the C table of plugin_api.h. The only code that includes
// mpi.h or links libmpi; the executable opens it with dlopen for distributed runs only
// (selection/mpi_communicator.cpp).
// The C API only: MPI's deprecated C++ bindings would need libmpi_cxx (not in MPI::MPI_C).
#define OMPI_SKIP_MPICXX 1
#define MPICH_SKIP_MPICXX 1
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

#include "plugin_api.h"

namespace {

int init(int* rank, int* size, int* owns) {
  int initialized = 0;
  MPI_Initialized(&initialized);
  *owns = 0;
  if (!initialized) {
    int provided = 0;
    if (const int code = MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided)) return code;
    *owns = 1;
  }
  // Errors come back as codes (the caller turns them into messages) instead of MPI's default abort.
  if (const int code = MPI_Comm_set_errhandler(MPI_COMM_WORLD, MPI_ERRORS_RETURN)) return code;
  if (const int code = MPI_Comm_rank(MPI_COMM_WORLD, rank)) return code;
  return MPI_Comm_size(MPI_COMM_WORLD, size);
}

int finalize() { return MPI_Finalize(); }

int allreduce_u64(std::uint64_t* values, int count, int op) {
  return MPI_Allreduce(MPI_IN_PLACE, values, count, MPI_UINT64_T, op == 1 ? MPI_MAX : MPI_SUM, MPI_COMM_WORLD);
}

int allreduce_min_int(const int* mine, int* all, int count) {
  return MPI_Allreduce(mine, all, count, MPI_INT, MPI_MIN, MPI_COMM_WORLD);
}

int allgather_u64(std::uint64_t mine, std::uint64_t* all) {
  return MPI_Allgather(&mine, 1, MPI_UINT64_T, all, 1, MPI_UINT64_T, MPI_COMM_WORLD);
}

int allgatherv_u64(const std::uint64_t* local, int count, std::uint64_t* all, const int* counts,
                   const int* displacements) {
  return MPI_Allgatherv(local, count, MPI_UINT64_T, all, counts, displacements, MPI_UINT64_T, MPI_COMM_WORLD);
}

void abort_world(int exit_code) { MPI_Abort(MPI_COMM_WORLD, exit_code); }

void error_string(int code, char* text, int capacity) {
  if (capacity <= 0) return;
  char message[MPI_MAX_ERROR_STRING] = {};
  int length = 0;
  MPI_Error_string(code, message, &length);
  const int kept = std::clamp(length, 0, capacity - 1);
  std::memcpy(text, message, static_cast<std::size_t>(kept));
  text[kept] = '\0';
}

constexpr KuchikomiMpiApi kApi{KUCHIKOMI_MPI_API_VERSION, init,        finalize,    allreduce_u64, allreduce_min_int,
                               allgather_u64,             allgatherv_u64, abort_world, error_string};

}  // namespace

extern "C" __attribute__((visibility("default"))) const KuchikomiMpiApi* kuchikomi_mpi_api(void) { return &kApi; }
