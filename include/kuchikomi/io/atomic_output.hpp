// Output files that are either complete or absent.
//
// Every output is written to a temporary file in the destination's folder and renamed onto the
// destination only once it is complete, so a failed, interrupted or full-disk run never leaves a
// partial file under the destination's name. Because outputs may be named by someone else's script
// and folders may be shared, the temporary is created the way mkstemp does it: an unpredictable name
// opened with O_CREAT | O_EXCL | O_NOFOLLOW, so no link planted in advance can redirect the write.
// A destination that exists and is not a regular file (a device, a FIFO, a folder) is refused: an
// output never replaces /dev/null or a named pipe with a regular file.
//
// The temporaries alive in the process are recorded in a fixed table that a SIGINT/SIGTERM/SIGHUP
// handler (install_output_cleanup_on_signals, called by the command-line front end) removes before
// the process dies, so Ctrl-C in the middle of a large write leaves nothing behind.
#pragma once
#include <sys/types.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kuchikomi {

class AtomicOutput {
 public:
  // Checks the destination (folder exists and is writable; destination is absent or a regular file)
  // and creates the temporary. Throws InputError naming the destination otherwise.
  explicit AtomicOutput(std::filesystem::path destination);
  AtomicOutput(const AtomicOutput&) = delete;
  AtomicOutput& operator=(const AtomicOutput&) = delete;
  ~AtomicOutput();  // removes the temporary unless commit() succeeded

  const std::filesystem::path& temporary_path() const noexcept { return temporary_; }
  const std::filesystem::path& destination() const noexcept { return destination_; }
  // True when `descriptor` (an open file) is the temporary this object created: writers that reopen
  // the temporary by name (HDF5) check that nobody swapped it in between.
  bool is_temporary(int descriptor) const;

  // Appends bytes to the temporary through the descriptor it was created with.
  void write(std::string_view bytes);
  // Makes sure the temporary has disk space for `total_bytes` (posix_fallocate), so that a writer
  // which cannot survive a failed write (libhdf5 crashes at exit after one) never meets a full
  // disk; InputError naming the destination when the space is not there.
  void reserve(std::uint64_t total_bytes) const;
  // Cuts the temporary to `size` bytes (what a writer used of its reservation).
  void truncate(std::uint64_t size) const;
  // Makes the temporary the destination: closes it (reporting a failed close, as on a full disk) and
  // renames it. Throws InputError naming the destination on any failure; the temporary is removed.
  void commit();

 private:
  std::filesystem::path destination_;
  std::filesystem::path temporary_;
  int descriptor_ = -1;
  // Bytes from 0 already reserved: each reservation allocates only what is new (posix_fallocate over
  // the whole range walks every extent again, quadratic in the number of reservations).
  mutable std::uint64_t reserved_ = 0;
  dev_t device_ = 0;
  ino_t inode_ = 0;
  int cleanup_slot_ = -1;  // entry in the signal-cleanup table, -1 when the table was full
  bool committed_ = false;
};

// Writes a whole text file atomically.
void write_text_file_atomically(const std::filesystem::path& destination, std::string_view contents);

// Several outputs of one command: all are written to temporaries first and renamed together at the
// end, so a command that fails half-way (an unwritable second output, an error while rendering the
// third) leaves none of them behind.
class OutputSet {
 public:
  // Adds an output; its temporary is created now, so an unwritable destination fails before any work.
  AtomicOutput& add(const std::filesystem::path& destination);
  void commit_all();

 private:
  std::vector<std::unique_ptr<AtomicOutput>> outputs_;
};

// Installs handlers for SIGINT, SIGTERM and SIGHUP that remove the live temporaries and then let the
// signal end the process as it would have (same signal, default action). For programs; a library
// user who handles these signals calls remove_output_temporaries() from their own handler.
void install_output_cleanup_on_signals();
// Async-signal-safe: unlinks every live temporary.
void remove_output_temporaries() noexcept;

}  // namespace kuchikomi
