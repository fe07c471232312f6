// Object headers (File Format Specification 3.0, IV.A.1): version 1 (a 16-byte prefix, then
// messages with 8-byte headers) and version 2 ("OHDR", checksummed, messages with 4- or 6-byte
// headers), each continued in further blocks by continuation messages (IV.A.2.q; "OCHK" blocks in
// version 2). Every block lies inside the file, is visited once, and all blocks of one header
// together are no larger than the file, so a crafted chain of continuations cannot loop or grow.
#include <algorithm>
#include <cstring>
#include <deque>
#include <set>

#include "hdf5_format.hpp"

namespace kuchikomi::hdf5::format {
namespace {

struct Block {
  std::uint64_t address, length;
};

class HeaderReader {
 public:
  HeaderReader(const FileBytes& file, std::uint64_t address) : file_(file), what_("object header at " + std::to_string(address)) {
    header_.address = address;
  }

  ObjectHeader read() {
    std::byte signature[4] = {};
    if (!file_.holds(header_.address, 4)) file_.fail(what_ + " lies outside the file");
    file_.read(header_.address, signature, what_);
    if (std::memcmp(signature, "OHDR", 4) == 0) read_version2_prefix();
    else read_version1_prefix();
    while (!pending_.empty()) {
      const Block block = pending_.front();
      pending_.pop_front();
      read_continuation(block);
    }
    return std::move(header_);
  }

 private:
  // Keeps `bytes` as one of the header's blocks; the span stays valid as the vector moves.
  std::span<const std::byte> keep(std::vector<std::byte> bytes) {
    total_ += bytes.size();
    if (total_ > file_.size()) file_.fail(what_ + " has blocks that add up to more than the file");
    header_.blocks.push_back(std::move(bytes));
    return header_.blocks.back();
  }

  void read_version1_prefix() {
    const auto prefix = file_.read(header_.address, 16, what_);
    Cursor c(prefix, file_, what_);
    const unsigned version = c.u8();
    if (version != 1) file_.fail(what_ + ": not an object header (version " + std::to_string(version) + ")");
    c.skip(1 + 2 + 4);  // reserved, number of messages, reference count
    const std::uint64_t size = c.u32();
    if (!file_.holds(header_.address + 16, size)) file_.fail(what_ + " runs past the end of the file");
    visited_.insert(header_.address);
    parse_messages(keep(file_.read(header_.address + 16, size, what_)));
  }

  void read_version2_prefix() {
    version_ = 2;
    std::byte start[6];
    file_.read(header_.address, start, what_);
    const unsigned version = std::to_integer<unsigned>(start[4]), flags = std::to_integer<unsigned>(start[5]);
    if (version != 2) file_.fail(what_ + ": object header version " + std::to_string(version) + " is not supported");
    if (flags & 0xc0) file_.fail(what_ + ": unknown object header flags");
    creation_order_ = (flags & 0x04) != 0;
    const std::uint64_t size_width = std::uint64_t{1} << (flags & 0x03);
    const std::uint64_t prefix = 6 + ((flags & 0x20) ? 16 : 0) + ((flags & 0x10) ? 4 : 0) + size_width;
    const auto head = file_.read(header_.address, prefix, what_);
    const std::uint64_t size = little_endian(head.data() + prefix - size_width, size_width);
    if (size > file_.size() || !file_.holds(header_.address, prefix + size + 4))
      file_.fail(what_ + " runs past the end of the file");
    visited_.insert(header_.address);
    const auto whole = keep(file_.read(header_.address, prefix + size + 4, what_));
    check_sum(whole);
    parse_messages(whole.subspan(prefix, size));
  }

  void check_sum(std::span<const std::byte> block) {
    const std::size_t body = block.size() - 4;
    if (lookup3(block.first(body)) != little_endian(block.data() + body, 4))
      file_.fail(what_ + ": checksum mismatch (the file is corrupt)");
  }

  void read_continuation(const Block& block) {
    if (!visited_.insert(block.address).second) file_.fail(what_ + ": continuation blocks form a cycle");
    if (!file_.holds(block.address, block.length)) file_.fail(what_ + ": a continuation block lies outside the file");
    if (block.length > file_.size() - total_) file_.fail(what_ + " has blocks that add up to more than the file");
    const auto bytes = keep(file_.read(block.address, block.length, what_));
    if (version_ == 1) {
      parse_messages(bytes);
      return;
    }
    if (bytes.size() < 8 || std::memcmp(bytes.data(), "OCHK", 4) != 0)
      file_.fail(what_ + ": continuation block without its OCHK signature");
    check_sum(bytes);
    parse_messages(bytes.subspan(4, bytes.size() - 8));
  }

  void parse_messages(std::span<const std::byte> bytes) {
    Cursor c(bytes, file_, what_);
    const std::uint64_t header_size = version_ == 1 ? 8 : (creation_order_ ? 6 : 4);
    while (c.left() >= header_size) {  // less is a gap (free space at a block's end)
      Message m;
      if (version_ == 1) {
        m.type = c.u16();
        const std::uint64_t size = c.u16();
        m.flags = c.u8();
        c.skip(3);
        m.data = c.take(size);
      } else {
        m.type = c.u8();
        const std::uint64_t size = c.u16();
        m.flags = c.u8();
        if (creation_order_) c.skip(2);
        m.data = c.take(size);
      }
      if (m.type > kLastKnownType && (m.flags & 0x80))
        file_.fail(what_ + ": uses a message of type " + std::to_string(m.type) +
                   " that readers must understand (written by a newer HDF5?)");
      if (m.type == kContinuation) {
        Cursor continuation(m.data, file_, what_ + " (continuation message)");
        Block next{continuation.u64(), continuation.u64()};
        pending_.push_back(next);
      }
      header_.messages.push_back(m);
    }
  }

  const FileBytes& file_;
  std::string what_;
  ObjectHeader header_;
  int version_ = 1;
  bool creation_order_ = false;
  std::uint64_t total_ = 0;  // bytes of all blocks read so far
  std::set<std::uint64_t> visited_;
  std::deque<Block> pending_;
};

}  // namespace

const Message* ObjectHeader::find(std::uint16_t type) const {
  const auto it = std::find_if(messages.begin(), messages.end(), [type](const Message& m) { return m.type == type; });
  return it == messages.end() ? nullptr : &*it;
}

bool ObjectHeader::is_group() const { return find(kSymbolTable) || find(kLinkInfo); }

bool ObjectHeader::is_dataset() const { return !is_group() && find(kDatatype) && find(kDataspace); }

ObjectHeader read_object_header(const FileBytes& file, std::uint64_t address) {
  return HeaderReader(file, address).read();
}

}  // namespace kuchikomi::hdf5::format
