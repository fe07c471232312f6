// MPI (OpenMPI / any MPI-3 library) behind the Communicator interface, for `select --distributed`.
// Built with MPI only when CMake found it (KUCHIKOMI_WITH_MPI); otherwise make_mpi_communicator
// throws a UsageError saying so, and the rest of kuchikomi is unaffected. libmpi itself is loaded
// only by make_mpi_communicator, through the plugin kuchikomi-mpi.so (src/selection/mpi_plugin).
#pragma once
#include <memory>

#include "kuchikomi/selection/communicator.hpp"

namespace kuchikomi {

// True when this build can run distributed.
bool mpi_support_compiled() noexcept;

// True when the process was started by an MPI launcher (mpirun / mpiexec / srun set the world size
// in the environment: OMPI_COMM_WORLD_SIZE, PMI_SIZE or PMIX_RANK).
bool launched_by_mpi() noexcept;

// Loads the MPI plugin (UsageError naming what was tried when it cannot), initialises MPI
// (MPI_Init_thread, MPI_THREAD_FUNNELED: TBB workers never call MPI) and returns MPI_COMM_WORLD as
// a Communicator; the destructor calls MPI_Finalize. One per process.
std::unique_ptr<Communicator> make_mpi_communicator();

}  // namespace kuchikomi
