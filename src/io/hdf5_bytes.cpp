// The bytes of an HDF5 file as the reader sees them: every read is checked against the file's size
// before it happens, so no structure can make us read (or allocate) past the end of the file.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "hdf5_format.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::hdf5::format {

std::shared_ptr<const FileBytes> FileBytes::open(const std::string& path) {
  std::shared_ptr<FileBytes> file(new FileBytes);
  file->name_ = path;
  file->descriptor_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (file->descriptor_ < 0) file->fail("cannot open file (missing or unreadable)");
  struct stat info {};
  // Checked on the open descriptor: what is read is what was checked.
  if (::fstat(file->descriptor_, &info) != 0) file->fail("cannot open file (missing or unreadable)");
  if (!S_ISREG(info.st_mode)) file->fail("not a regular file");
  file->size_ = static_cast<std::uint64_t>(info.st_size);
  return file;
}

std::shared_ptr<const FileBytes> FileBytes::copy_of(std::span<const std::byte> image, const std::string& name) {
  std::shared_ptr<FileBytes> file(new FileBytes);
  file->name_ = name;
  file->image_.assign(image.begin(), image.end());
  file->size_ = image.size();
  return file;
}

FileBytes::~FileBytes() {
  if (descriptor_ >= 0) ::close(descriptor_);
}

void FileBytes::fail(const std::string& what) const { throw InputError(name_, 0, what); }

void FileBytes::read(std::uint64_t offset, std::span<std::byte> out, std::string_view what) const {
  if (!holds(offset, out.size())) fail(std::string(what) + " lies outside the file");
  if (out.empty()) return;
  if (descriptor_ < 0) {
    std::memcpy(out.data(), image_.data() + offset, out.size());
    return;
  }
  std::size_t done = 0;
  while (done < out.size()) {
    const ssize_t got = ::pread(descriptor_, out.data() + done, out.size() - done, static_cast<off_t>(offset + done));
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) fail("cannot read " + std::string(what) + " (the file shrank or a read failed)");
    done += static_cast<std::size_t>(got);
  }
}

std::vector<std::byte> FileBytes::read(std::uint64_t offset, std::uint64_t length, std::string_view what) const {
  if (!holds(offset, length)) fail(std::string(what) + " lies outside the file");
  std::vector<std::byte> bytes(static_cast<std::size_t>(length));
  read(offset, bytes, what);
  return bytes;
}

std::uint64_t little_endian(const std::byte* bytes, std::size_t width) {
  std::uint64_t value = 0;
  for (std::size_t i = width; i-- > 0;) value = (value << 8) | std::to_integer<std::uint64_t>(bytes[i]);
  return value;
}

std::uint64_t Cursor::number(std::size_t width) { return little_endian(take(width).data(), width); }

std::span<const std::byte> Cursor::take(std::uint64_t count) {
  if (count > left()) fail("truncated (needs " + std::to_string(count) + " more bytes, has " + std::to_string(left()) + ")");
  const auto part = bytes_.subspan(at_, static_cast<std::size_t>(count));
  at_ += static_cast<std::size_t>(count);
  return part;
}

void Cursor::fail(const std::string& detail) const { file_->fail(what_ + ": " + detail); }

namespace {

constexpr std::uint32_t rotate(std::uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }

std::uint32_t word(const std::byte* p, std::size_t count) {
  std::uint32_t value = 0;
  for (std::size_t i = 0; i < count; ++i) value |= std::to_integer<std::uint32_t>(p[i]) << (8 * i);
  return value;
}

}  // namespace

// Bob Jenkins' lookup3 (public domain), byte-at-a-time: 12-byte rounds mixed, the last 1 to 12
// bytes added little-endian and finished; an empty tail after full rounds skips the final mix.
std::uint32_t lookup3(std::span<const std::byte> bytes) {
  std::uint32_t a, b, c;
  a = b = c = 0xdeadbeefu + static_cast<std::uint32_t>(bytes.size());
  const std::byte* p = bytes.data();
  std::size_t length = bytes.size();
  while (length > 12) {
    a += word(p, 4);
    b += word(p + 4, 4);
    c += word(p + 8, 4);
    a -= c; a ^= rotate(c, 4);  c += b;
    b -= a; b ^= rotate(a, 6);  a += c;
    c -= b; c ^= rotate(b, 8);  b += a;
    a -= c; a ^= rotate(c, 16); c += b;
    b -= a; b ^= rotate(a, 19); a += c;
    c -= b; c ^= rotate(b, 4);  b += a;
    length -= 12;
    p += 12;
  }
  if (length == 0) return c;
  a += word(p, std::min<std::size_t>(length, 4));
  if (length > 4) b += word(p + 4, std::min<std::size_t>(length - 4, 4));
  if (length > 8) c += word(p + 8, length - 8);
  c ^= b; c -= rotate(b, 14);
  a ^= c; a -= rotate(c, 11);
  b ^= a; b -= rotate(a, 25);
  c ^= b; c -= rotate(b, 16);
  a ^= c; a -= rotate(c, 4);
  b ^= a; b -= rotate(a, 14);
  c ^= b; c -= rotate(b, 24);
  return c;
}

}  // namespace kuchikomi::hdf5::format
