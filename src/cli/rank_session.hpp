// A command run as one rank of an MPI job (`mpirun -np P kuchikomi select ... [--distributed]`) or,
// by default, as a plain single process. Rank 0 alone prints and writes; the other ranks' std::cout
// and std::cerr are muted. Failures never leave a rank waiting in a reduction:
//   * setup (parsing, loading, reading lists): the command calls end_setup(), an agreement; a rank
//     that failed joins it from its error handler, so all ranks learn of the failure and exit with
//     the same code; the lowest failing rank prints the message;
//   * RIS code agrees on local failures itself (Communicator::agreed);
//   * anything else thrown while ranks exchange counts (between end_setup and end_collective) ends
//     the job with MPI_Abort after printing the message.
#pragma once
#include <exception>
#include <functional>
#include <memory>
#include <string>

#include "commands.hpp"
#include "kuchikomi/selection/communicator.hpp"

namespace kuchikomi::cli {

class RankSession {
 public:
  // MPI when `args` contain --distributed or an MPI launcher started the process; serial otherwise.
  explicit RankSession(const Args& args);
  ~RankSession();
  RankSession(const RankSession&) = delete;
  RankSession& operator=(const RankSession&) = delete;

  Communicator& comm() noexcept { return *comm_; }
  bool distributed() const noexcept { return comm_->distributed(); }
  bool lead() const noexcept { return comm_->lead(); }

  // Worker threads per rank when --threads is 0: the machine's cores divided among the ranks the
  // launcher placed on it (OMPI_COMM_WORLD_LOCAL_SIZE / MPI_LOCALNRANKS), so P ranks on one machine
  // do not start P x cores threads that fight over the cores; 0 (TBB's default) when serial.
  int default_threads() const;

  // run_guarded (cli_common.hpp) with the rules above.
  int run(const std::string& command, const std::function<int()>& body);
  void end_setup();
  void end_collective() noexcept { collective_ = false; }

 private:
  void report(const std::string& command, std::exception_ptr error);

  std::unique_ptr<Communicator> owned_;
  Communicator* comm_ = nullptr;
  bool mpi_missing_ = false;  // --distributed asked of a build without MPI
  std::exception_ptr start_error_;  // MPI could not be started (its plugin missing)
  bool setup_agreed_ = false;
  bool collective_ = false;
  std::streambuf* saved_cout_ = nullptr;
  std::streambuf* saved_cerr_ = nullptr;
};

}  // namespace kuchikomi::cli
