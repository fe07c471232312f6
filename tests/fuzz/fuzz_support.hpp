// What the libFuzzer targets share.
//
// The contract every target checks: hostile bytes are rejected only by throwing InputError or
// UsageError (what the CLI turns into exit codes 1 and 2 with a message). Any other exception is a
// bug (the CLI would print "internal error") and aborts here, as does a broken check, so libFuzzer
// reports a crash and keeps the input. Inputs are capped at kMaxInput, so that no input needs more
// memory than libFuzzer's -rss_limit_mb by design.
#pragma once
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi::fuzz {

inline constexpr std::size_t kMaxInput = std::size_t{1} << 20;
// A gzip input may expand about 1000-fold; this keeps its text within kMaxInput too.
inline constexpr std::size_t kMaxGzipInput = std::size_t{1} << 10;

[[noreturn]] inline void fail(const std::string& what) {
  std::fprintf(stderr, "fuzz target: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

#define KUCHIKOMI_FUZZ_CHECK(condition)                                                              \
  do {                                                                                               \
    if (!(condition)) ::kuchikomi::fuzz::fail("check failed: " #condition " (" __FILE__ ":" +        \
                                              std::to_string(__LINE__) + ")");                       \
  } while (false)

// Runs `body`; InputError and UsageError (and the extra types `Expected...`) are the accepted ways to
// refuse the input, anything else aborts.
template <class... Expected, class Body>
void expect_clean_rejection(Body body) {
  try {
    try {
      body();
    } catch (const InputError&) {
    } catch (const UsageError&) {
    }
  } catch (const std::exception& e) {
    if ((dynamic_cast<const Expected*>(&e) || ...)) return;
    fail(std::string("unexpected exception (would be an internal error): ") + e.what());
  } catch (...) {
    fail("unexpected exception of unknown type");
  }
}

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline bool is_gzip(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f && static_cast<unsigned char>(bytes[1]) == 0x8b;
}

// The bytes as the contents of a file, read back with read_text_input (so gzip is decompressed by the
// code that reads real .gz inputs). The file lives in memory (memfd), one per process, rewritten per input.
inline std::string read_back_as_file(std::string_view bytes) {
  static const int fd = memfd_create("kuchikomi-fuzz-input", 0);
  if (fd < 0) fail("memfd_create failed");
  if (ftruncate(fd, 0) != 0) fail("ftruncate failed");
  std::size_t written = 0;
  while (written < bytes.size()) {
    const ssize_t got = pwrite(fd, bytes.data() + written, bytes.size() - written, static_cast<off_t>(written));
    if (got <= 0) fail("pwrite failed");
    written += static_cast<std::size_t>(got);
  }
  return read_text_input("/proc/self/fd/" + std::to_string(fd));
}

}  // namespace kuchikomi::fuzz
