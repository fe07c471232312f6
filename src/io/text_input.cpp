#include "kuchikomi/io/text_input.hpp"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/format_bytes.hpp"
#include "kuchikomi/core/physical_memory.hpp"

namespace kuchikomi {

namespace {

struct FileCloser {
  void operator()(std::FILE* f) const noexcept { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File open_or_throw(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path, 0, "is a folder, not a file");
  File f(std::fopen(path.c_str(), "rb"));
  if (!f) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  return f;
}

[[noreturn]] void too_large(const std::string& path, std::uint64_t limit, bool compressed) {
  throw InputError(path, 0,
                   std::string(compressed ? "decompresses to" : "is") + " more than " + format_bytes(limit) +
                       ", the most one text input may hold (a quarter of this machine's memory); split the file");
}

std::string read_plain(const std::string& path, std::uint64_t limit) {
  File f = open_or_throw(path);
  std::string buffer;
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size > limit) too_large(path, limit, false);
  if (!ec) buffer.reserve(static_cast<std::size_t>(size));
  constexpr std::size_t kChunk = std::size_t{1} << 20;
  std::size_t used = 0;
  for (;;) {
    throw_if_cancelled();  // per MiB: a large file (or a pipe that never ends) stops on request
    if (used > limit) too_large(path, limit, false);  // a pipe or a file that grows while read
    buffer.resize(used + kChunk);
    const std::size_t got = std::fread(buffer.data() + used, 1, kChunk, f.get());
    used += got;
    if (got < kChunk) break;
  }
  if (std::ferror(f.get())) throw InputError(path, 0, "read error");
  buffer.resize(used);
  return buffer;
}

std::string read_gzip(const std::string& path, std::uint64_t limit) {
  gzFile gz = gzopen(path.c_str(), "rb");
  if (gz == nullptr) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  std::unique_ptr<gzFile_s, int (*)(gzFile)> guard(gz, gzclose);
  gzbuffer(gz, 1u << 18);
  std::string buffer;
  // Compressed text typically expands 3-6x; start there to avoid most reallocations.
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec) buffer.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(size * 5, limit)));
  constexpr unsigned kChunk = 1u << 20;
  std::size_t used = 0;
  for (;;) {
    throw_if_cancelled();  // per decompressed MiB
    if (used > limit) too_large(path, limit, true);
    if (buffer.size() < used + kChunk) buffer.resize(std::max(used + kChunk, buffer.capacity()));
    const int got = gzread(gz, buffer.data() + used, kChunk);
    if (got < 0) {
      int code = 0;
      const char* message = gzerror(gz, &code);
      throw InputError(path, 0, std::string("corrupt gzip data: ") + (message ? message : "unknown zlib error"));
    }
    used += static_cast<std::size_t>(got);
    if (got == 0) break;
  }
  // gzread returns 0 both at a clean end and at a truncated stream; gzerror tells them apart.
  int code = 0;
  const char* message = gzerror(gz, &code);
  if (code != Z_OK && code != Z_BUF_ERROR) throw InputError(path, 0, std::string("corrupt gzip data: ") + message);
  if (code == Z_BUF_ERROR) throw InputError(path, 0, "truncated gzip file (unexpected end of stream)");
  buffer.resize(used);
  return buffer;
}
void drop_utf8_bom(std::string& text) {
  if (without_utf8_bom(text).size() != text.size()) text.erase(0, 3);
}

}  // namespace

bool is_gzip_file(const std::string& path) {
  File f = open_or_throw(path);
  unsigned char magic[2] = {0, 0};
  const std::size_t got = std::fread(magic, 1, 2, f.get());
  return got == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
}

std::uint64_t default_text_input_limit() noexcept { return physical_memory_bytes() / 4; }

std::string read_text_input(const std::string& path, std::uint64_t max_bytes) {
  const std::uint64_t limit = max_bytes > 0 ? max_bytes : default_text_input_limit();
  std::string text = is_gzip_file(path) ? read_gzip(path, limit) : read_plain(path, limit);
  drop_utf8_bom(text);
  return text;
}

std::string read_text_prefix(const std::string& path, std::size_t max_bytes) {
  open_or_throw(path);  // a missing file or a folder fails here, named
  gzFile gz = gzopen(path.c_str(), "rb");  // plain files pass through gzread unchanged
  if (gz == nullptr) throw InputError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  std::unique_ptr<gzFile_s, int (*)(gzFile)> guard(gz, gzclose);
  std::string buffer(max_bytes, '\0');
  const int got = gzread(gz, buffer.data(), static_cast<unsigned>(max_bytes));
  if (got < 0) throw InputError(path, 0, "corrupt gzip data");
  buffer.resize(static_cast<std::size_t>(got));
  drop_utf8_bom(buffer);
  return buffer;
}

}  // namespace kuchikomi
