// Rank-aware command guard (see rank_session.hpp).
#include "rank_session.hpp"

#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "cli_common.hpp"
#include "kuchikomi/selection/mpi_communicator.hpp"

namespace kuchikomi::cli {
namespace {

// Discards everything: the output of ranks other than 0.
class NullBuffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
  std::streamsize xsputn(const char*, std::streamsize n) override { return n; }
};
NullBuffer null_buffer;

}  // namespace

RankSession::RankSession(const Args& args) {
  const bool asked = std::find(args.begin(), args.end(), "--distributed") != args.end();
  // Without MPI compiled in, a launcher's environment alone means one serial process; an explicit
  // --distributed is refused by run() as a usage error (never an exception out of main).
  mpi_missing_ = asked && !mpi_support_compiled();
  comm_ = &serial_communicator();
  if ((asked || launched_by_mpi()) && mpi_support_compiled()) {
    try {
      owned_ = make_mpi_communicator();
      comm_ = owned_.get();
    } catch (...) {  // no MPI plugin: every rank says so from run(), before any collective
      start_error_ = std::current_exception();
    }
  }
  if (!comm_->lead()) {
    saved_cout_ = std::cout.rdbuf(&null_buffer);
    saved_cerr_ = std::cerr.rdbuf(&null_buffer);
  }
}

RankSession::~RankSession() {
  if (saved_cout_) std::cout.rdbuf(saved_cout_);
  if (saved_cerr_) std::cerr.rdbuf(saved_cerr_);
}

int RankSession::default_threads() const {
  if (!distributed()) return 0;
  int local = 1;
  for (const char* name : {"OMPI_COMM_WORLD_LOCAL_SIZE", "MPI_LOCALNRANKS"})
    if (const char* value = std::getenv(name)) local = std::max(1, std::atoi(value));
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::max(1, cores / local);
}

void RankSession::end_setup() {
  setup_agreed_ = true;
  comm_->agree(nullptr);
  collective_ = true;
}

void RankSession::report(const std::string& command, std::exception_ptr error) {
  // The failing rank speaks even when it is not rank 0; its name says which one.
  std::streambuf* muted = nullptr;
  if (saved_cerr_) muted = std::cerr.rdbuf(saved_cerr_);
  const std::string name = comm_->lead() ? command : command + " (rank " + std::to_string(comm_->rank()) + ")";
  run_guarded(name, [&]() -> int { std::rethrow_exception(error); });
  if (muted) std::cerr.rdbuf(muted);
}

int RankSession::run(const std::string& command, const std::function<int()>& body) {
  if (mpi_missing_)
    return run_guarded(command, []() -> int {
      throw po::error("--distributed needs kuchikomi built with MPI (Debian: libopenmpi-dev, then rebuild)");
    });
  if (start_error_) return run_guarded(command, [&]() -> int { std::rethrow_exception(start_error_); });
  if (!distributed()) return run_guarded(command, body);
  std::exception_ptr error;
  try {
    return body();
  } catch (const PeerFailure& peer) {
    return peer.exit_code();  // the failing rank has said why
  } catch (...) {
    error = std::current_exception();
  }
  const int code = exit_code_of(error);
  if (!comm_->failure_agreed()) {
    if (!setup_agreed_) {
      // Join the agreement the other ranks reach at end_setup() (or in their own error handler).
      setup_agreed_ = true;
      try {
        comm_->agree(error, code);
      } catch (const PeerFailure& peer) {
        return peer.exit_code();  // a lower rank failed too and reports
      } catch (...) {
      }
    } else if (collective_) {
      report(command, error);
      comm_->abort(code);
    }
  }
  report(command, error);
  return code;
}

}  // namespace kuchikomi::cli
