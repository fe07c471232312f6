/* The C interface between kuchikomi and its MPI plugin (kuchikomi-mpi.so, built from plugin.cpp).
 *
 * Why a plugin: linking libmpi into the executable loads Open MPI's runtime (open-rte, open-pal,
 * hwloc, libevent, udev) into every run, ~3 MB of resident memory and start-up time, although only
 * `select --distributed` under mpirun uses it. The executable instead opens the plugin with dlopen
 * when a run is distributed (selection/mpi_communicator.cpp). Plain C types only, so the plugin and
 * the program need not share a C++ ABI; bump kKuchikomiMpiApiVersion on any change. */
#ifndef KUCHIKOMI_MPI_PLUGIN_API_H
#define KUCHIKOMI_MPI_PLUGIN_API_H
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define KUCHIKOMI_MPI_API_VERSION 1
#define KUCHIKOMI_MPI_API_SYMBOL "kuchikomi_mpi_api"

/* Every function returning int returns MPI's error code (0 = success); error_string explains one. */
typedef struct KuchikomiMpiApi {
  int version; /* KUCHIKOMI_MPI_API_VERSION */
  /* MPI_Init_thread(FUNNELED) unless already initialised (*owns = 1 then), errors returned instead
     of aborting, and this process's rank and the world size. */
  int (*init)(int* rank, int* size, int* owns);
  int (*finalize)(void);
  /* In place over MPI_COMM_WORLD; op 0 = sum, 1 = max. */
  int (*allreduce_u64)(uint64_t* values, int count, int op);
  /* Element-wise minimum of `count` ints. */
  int (*allreduce_min_int)(const int* mine, int* all, int count);
  /* Every rank's one value into all[rank]. */
  int (*allgather_u64)(uint64_t mine, uint64_t* all);
  int (*allgatherv_u64)(const uint64_t* local, int count, uint64_t* all, const int* counts, const int* displacements);
  void (*abort_world)(int exit_code);
  /* MPI's text for `code`, NUL-terminated, at most capacity bytes. */
  void (*error_string)(int code, char* text, int capacity);
} KuchikomiMpiApi;

typedef const KuchikomiMpiApi* (*KuchikomiMpiApiFunction)(void);

#ifdef __cplusplus
}
#endif
#endif
