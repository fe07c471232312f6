#include "kuchikomi/io/atomic_output.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {
namespace {

// The live temporaries, for the signal handler. A fixed table of fixed-size paths: a handler may not
// allocate or take locks. A slot is claimed by a compare-exchange, filled, then published.
constexpr int kCleanupSlots = 64;
constexpr std::size_t kCleanupPathBytes = 4096;
struct CleanupSlot {
  std::atomic<int> state{0};  // 0 free, 1 being filled or emptied, 2 live
  char path[kCleanupPathBytes];
};
CleanupSlot cleanup_slots[kCleanupSlots];

int register_temporary(const std::filesystem::path& path) {
  const std::string text = std::filesystem::absolute(path).string();
  if (text.size() >= kCleanupPathBytes) return -1;
  for (int i = 0; i < kCleanupSlots; ++i) {
    int expected = 0;
    if (!cleanup_slots[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(cleanup_slots[i].path, text.c_str(), text.size() + 1);
    cleanup_slots[i].state.store(2, std::memory_order_release);
    return i;
  }
  return -1;  // more live outputs than slots: this one is still removed on errors, not on signals
}

void unregister_temporary(int slot) {
  if (slot >= 0) cleanup_slots[slot].state.store(0, std::memory_order_release);
}

void on_fatal_signal(int signal_number) {
  remove_output_temporaries();
  ::signal(signal_number, SIG_DFL);
  ::raise(signal_number);
}

[[noreturn]] void fail(const std::filesystem::path& destination, const std::string& what) {
  throw InputError(destination.string(), 0, "cannot write output: " + what);
}

// ".NAME.XXXXXXXXXXXXXXXX.tmp": hidden, beside the destination (rename stays on one filesystem), and
// not guessable: 64 random bits from the kernel.
std::filesystem::path temporary_name(const std::filesystem::path& folder, const std::filesystem::path& destination) {
  std::uint64_t bits = 0;
  if (::getrandom(&bits, sizeof bits, 0) != static_cast<ssize_t>(sizeof bits))
    bits ^= static_cast<std::uint64_t>(::getpid()) * 0x9E3779B97F4A7C15ull ^ static_cast<std::uint64_t>(::time(nullptr));
  char suffix[24];
  std::snprintf(suffix, sizeof suffix, ".%016llx.tmp", static_cast<unsigned long long>(bits));
  auto name = destination.filename().string();
  if (name.size() > 200) name.resize(200);  // NAME_MAX is 255 on Linux filesystems
  return folder / ("." + name + suffix);
}

}  // namespace

AtomicOutput::AtomicOutput(std::filesystem::path destination) : destination_(std::move(destination)) {
  if (destination_.empty()) throw InputError("output path is empty");
  if (!destination_.has_filename() || destination_.filename() == "." || destination_.filename() == "..")
    fail(destination_, "it names a folder, not a file");
  auto folder = destination_.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code ec;
  if (!std::filesystem::is_directory(folder, ec)) fail(destination_, "folder '" + folder.string() + "' does not exist");
  if (::access(folder.c_str(), W_OK) != 0) fail(destination_, "folder '" + folder.string() + "' is not writable");
  const auto status = std::filesystem::status(destination_, ec);  // follows links: what a write would hit
  if (std::filesystem::is_directory(status)) fail(destination_, "it is a folder");
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    fail(destination_, "it exists and is not a regular file (a device, FIFO or socket is never replaced)");

  for (int attempt = 0; attempt < 16 && descriptor_ < 0; ++attempt) {
    temporary_ = temporary_name(folder, destination_);
    descriptor_ = ::open(temporary_.c_str(), O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
    if (descriptor_ < 0 && errno != EEXIST) fail(destination_, std::strerror(errno));
  }
  if (descriptor_ < 0) fail(destination_, "could not create a temporary file beside it");
  struct stat info {};
  ::fstat(descriptor_, &info);
  device_ = info.st_dev;
  inode_ = info.st_ino;
  cleanup_slot_ = register_temporary(temporary_);
}

AtomicOutput::~AtomicOutput() {
  if (descriptor_ >= 0) ::close(descriptor_);
  if (!committed_) ::unlink(temporary_.c_str());
  unregister_temporary(cleanup_slot_);
}

bool AtomicOutput::is_temporary(int descriptor) const {
  struct stat info {};
  return ::fstat(descriptor, &info) == 0 && info.st_dev == device_ && info.st_ino == inode_;
}

void AtomicOutput::write(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t written = ::write(descriptor_, bytes.data(), bytes.size());
    if (written < 0 && errno == EINTR) continue;
    if (written <= 0) fail(destination_, written < 0 ? std::strerror(errno) : "write failed");
    bytes.remove_prefix(static_cast<std::size_t>(written));
  }
}

void AtomicOutput::reserve(std::uint64_t total_bytes) const {
  if (total_bytes <= reserved_) return;
  const int error = ::posix_fallocate(descriptor_, static_cast<off_t>(reserved_),
                                      static_cast<off_t>(total_bytes - reserved_));
  if (error == 0) reserved_ = total_bytes;
  if (error == 0 || error == EOPNOTSUPP || error == EINVAL) return;  // no reservation on this filesystem
  fail(destination_, std::string(std::strerror(error)) + " (reserving " + std::to_string(total_bytes) + " bytes)");
}

void AtomicOutput::truncate(std::uint64_t size) const {
  if (::ftruncate(descriptor_, static_cast<off_t>(size)) != 0) fail(destination_, std::strerror(errno));
  reserved_ = std::min(reserved_, size);
}

void AtomicOutput::commit() {
  if (committed_) return;
  // Delayed write errors (a full disk on a network filesystem) surface at fsync or close.
  const bool synced = ::fsync(descriptor_) == 0 || errno == EINVAL;
  const int sync_error = errno;
  const bool closed = ::close(descriptor_) == 0;
  descriptor_ = -1;
  if (!synced) fail(destination_, std::strerror(sync_error));
  if (!closed) fail(destination_, std::strerror(errno));
  // The destination may have become a device or folder while we worked; rename would replace it.
  std::error_code ec;
  const auto status = std::filesystem::status(destination_, ec);
  if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
    fail(destination_, "it exists and is not a regular file");
  if (::rename(temporary_.c_str(), destination_.c_str()) != 0) fail(destination_, std::strerror(errno));
  committed_ = true;
  unregister_temporary(cleanup_slot_);
  cleanup_slot_ = -1;
}

void write_text_file_atomically(const std::filesystem::path& destination, std::string_view contents) {
  AtomicOutput out(destination);
  out.write(contents);
  out.commit();
}

AtomicOutput& OutputSet::add(const std::filesystem::path& destination) {
  outputs_.push_back(std::make_unique<AtomicOutput>(destination));
  return *outputs_.back();
}

void OutputSet::commit_all() {
  for (auto& output : outputs_) output->commit();
}

void install_output_cleanup_on_signals() {
  struct sigaction action {};
  action.sa_handler = on_fatal_signal;
  sigemptyset(&action.sa_mask);
  for (int signal_number : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signal_number, &action, nullptr);
}

void remove_output_temporaries() noexcept {
  for (auto& slot : cleanup_slots)
    if (slot.state.load(std::memory_order_acquire) == 2) ::unlink(slot.path);
}

}  // namespace kuchikomi
