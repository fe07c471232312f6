// The superblock (File Format Specification 3.0, II.A) and the links of a group: old-style groups
// (symbol table message IV.A.2.r -> version 1 B-tree of type 0, III.A.1 -> symbol table nodes,
// III.B, with entries III.C whose names are in the group's local heap, III.D) and new-style compact
// groups (link info IV.A.2.c + link messages IV.A.2.g). Dense storage (fractal heaps) is refused.
//
// A B-tree walk visits each node once (a set of visited addresses stops cycles), descends at most
// 64 levels, checks every child's level, and stops when the bytes it has read exceed twice the
// file's size: a crafted tree cannot make it loop, recurse deeply or allocate without bound.
#include <algorithm>
#include <cstring>
#include <set>

#include "hdf5_format.hpp"

namespace kuchikomi::hdf5::format {
namespace {

constexpr char kSignature[8] = {'\x89', 'H', 'D', 'F', '\r', '\n', '\x1a', '\n'};
constexpr unsigned kMaxTreeDepth = 64;

std::string address_text(std::uint64_t address) { return std::to_string(address); }

void check_sizes(const FileBytes& file, unsigned offsets, unsigned lengths) {
  if (offsets != 8 || lengths != 8)
    file.fail("uses " + std::to_string(offsets) + "-byte addresses and " + std::to_string(lengths) +
              "-byte lengths; kuchikomi reads HDF5 files with 8-byte ones (libhdf5's default)");
}

void check_end_of_file(const FileBytes& file, std::uint64_t end) {
  if (end > file.size())
    file.fail("truncated: the superblock says the file has " + std::to_string(end) + " bytes, it has " +
              std::to_string(file.size()));
}

// Walks an old-style group: its local heap's names, its B-tree, its symbol table nodes.
class SymbolTableWalk {
 public:
  SymbolTableWalk(const FileBytes& file, std::uint64_t group_address)
      : file_(file), what_("group at " + address_text(group_address)), budget_(2 * file.size() + 4096) {}

  std::vector<Link> links(std::span<const std::byte> message) {
    Cursor c(message, file_, what_ + " (symbol table message)");
    const std::uint64_t tree = c.u64(), heap = c.u64();
    read_heap(heap);
    walk(tree, -1, 0);
    return std::move(links_);
  }

 private:
  std::vector<std::byte> read(std::uint64_t address, std::uint64_t length, const std::string& what) {
    if (length > budget_) file_.fail(what_ + ": its B-tree and symbol tables are larger than the file (corrupt)");
    budget_ -= length;
    return file_.read(address, length, what);
  }

  void read_heap(std::uint64_t address) {
    const std::string what = what_ + ": local heap at " + address_text(address);
    const auto header = read(address, 32, what);
    Cursor c(header, file_, what);
    if (std::memcmp(c.take(4).data(), "HEAP", 4) != 0) c.fail("no HEAP signature");
    if (c.u8() != 0) c.fail("unknown version");
    c.skip(3);
    const std::uint64_t size = c.u64();
    c.skip(8);  // free list
    const std::uint64_t data = c.u64();
    heap_ = read(data, size, what + " (data)");
  }

  std::string name_at(std::uint64_t offset) {
    if (offset >= heap_.size()) file_.fail(what_ + ": a link name lies outside the local heap");
    const std::byte* begin = heap_.data() + offset;
    const std::byte* end = std::find(begin, static_cast<const std::byte*>(heap_.data() + heap_.size()), std::byte{0});
    if (end == heap_.data() + heap_.size()) file_.fail(what_ + ": a link name is not terminated in the local heap");
    if (end == begin) file_.fail(what_ + ": a link has an empty name");
    const auto length = static_cast<std::uint64_t>(end - begin);
    if (length > budget_) file_.fail(what_ + ": link names add up to more than the file (corrupt)");
    budget_ -= length;
    return std::string(reinterpret_cast<const char*>(begin), static_cast<std::size_t>(length));
  }

  // A B-tree node of type 0 (group): its children are nodes one level down, or symbol table nodes
  // at level 0. `level` is what the parent says this node's level must be (-1 at the root).
  void walk(std::uint64_t address, int level, unsigned depth) {
    const std::string what = what_ + ": B-tree node at " + address_text(address);
    if (depth > kMaxTreeDepth) file_.fail(what + " is more than 64 levels deep");
    if (!visited_.insert(address).second) file_.fail(what + " is reached twice (a cycle)");
    const auto head = read(address, 24, what);
    Cursor c(head, file_, what);
    if (std::memcmp(c.take(4).data(), "TREE", 4) != 0) c.fail("no TREE signature");
    if (c.u8() != 0) c.fail("not a group B-tree");
    const int node_level = c.u8();
    const std::uint64_t entries = c.u16();
    if (level >= 0 && node_level != level) c.fail("level " + std::to_string(node_level) + ", expected " + std::to_string(level));
    if (node_level > static_cast<int>(kMaxTreeDepth)) c.fail("more than 64 levels");
    // key 0, then (child, key) per entry; keys are heap offsets of names, not needed to list.
    const auto body = read(address + 24, 8 + entries * 16, what);
    Cursor children(body, file_, what);
    children.skip(8);
    for (std::uint64_t i = 0; i < entries; ++i) {
      const std::uint64_t child = children.u64();
      children.skip(8);
      if (node_level > 0) walk(child, node_level - 1, depth + 1);
      else read_symbol_node(child);
    }
  }

  void read_symbol_node(std::uint64_t address) {
    const std::string what = what_ + ": symbol table node at " + address_text(address);
    if (!visited_.insert(address).second) file_.fail(what + " is reached twice (a cycle)");
    const auto head = read(address, 8, what);
    Cursor c(head, file_, what);
    if (std::memcmp(c.take(4).data(), "SNOD", 4) != 0) c.fail("no SNOD signature");
    if (c.u8() != 1) c.fail("unknown version");
    c.skip(1);
    const std::uint64_t count = c.u16();
    const auto entries = read(address + 8, count * 40, what);
    Cursor e(entries, file_, what);
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::uint64_t name = e.u64();
      const std::uint64_t header = e.u64();
      e.skip(4 + 4 + 16);  // cache type, reserved, scratch pad (a cache of the object header)
      links_.push_back(Link{name_at(name), true, header});
    }
  }

  const FileBytes& file_;
  std::string what_;
  std::uint64_t budget_;  // bytes the walk may still read
  std::vector<std::byte> heap_;
  std::set<std::uint64_t> visited_;
  std::vector<Link> links_;
};

Link decode_link(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (link message)");
  if (c.u8() != 1) c.fail("unknown version");
  const unsigned flags = c.u8();
  if (flags & 0xe0) c.fail("unknown flags");
  const unsigned type = (flags & 0x08) ? c.u8() : 0;
  if (flags & 0x04) c.skip(8);  // creation order
  if (flags & 0x10) c.skip(1);  // name character set
  const std::uint64_t length = c.number(std::size_t{1} << (flags & 0x03));
  const auto name = c.take(length);
  if (length == 0 || std::find(name.begin(), name.end(), std::byte{0}) != name.end())
    c.fail("link name empty or with a NUL byte");
  Link link;
  link.name.assign(reinterpret_cast<const char*>(name.data()), name.size());
  if (type == 0) {
    link.address = c.u64();
  } else if (type == 1 || type >= 64) {  // soft, external or user-defined: listed, not followed
    link.hard = false;
    c.skip(c.u16());
  } else {
    c.fail("unknown link type " + std::to_string(type));
  }
  return link;
}

// Link info and attribute info messages share their start: version 0, flags, an optional maximum
// creation index, then the fractal heap's address (undefined when the storage is compact).
bool uses_fractal_heap(std::span<const std::byte> data, const FileBytes& file, const std::string& what,
                       std::size_t index_width) {
  Cursor c(data, file, what);
  if (c.u8() != 0) c.fail("unknown version");
  const unsigned flags = c.u8();
  if (flags & 0xfc) c.fail("unknown flags");
  if (flags & 0x01) c.skip(index_width);
  return c.u64() != kUndefinedAddress;
}

}  // namespace

bool has_signature_at(const FileBytes& file, std::uint64_t offset) {
  if (!file.holds(offset, sizeof kSignature)) return false;
  std::byte bytes[sizeof kSignature];
  file.read(offset, bytes, "signature");
  return std::memcmp(bytes, kSignature, sizeof kSignature) == 0;
}

std::uint64_t read_superblock(const FileBytes& file) {
  if (!has_signature_at(file, 0)) {
    // libhdf5 also looks after a user block (512, 1024, 2048, ... bytes); such files are not read.
    for (std::uint64_t at = 512; at < file.size(); at *= 2)
      if (has_signature_at(file, at))
        file.fail("an HDF5 file with a user block (its superblock is at byte " + std::to_string(at) +
                  "); kuchikomi reads files whose superblock is at byte 0");
    file.fail("not an HDF5 file");
  }
  if (!file.holds(0, 9)) file.fail("not an HDF5 file (truncated superblock)");
  std::byte version_byte[1];
  file.read(8, version_byte, "superblock");
  const unsigned version = std::to_integer<unsigned>(version_byte[0]);
  if (version <= 1) {
    const auto bytes = file.read(0, version == 0 ? 96 : 100, "superblock");
    Cursor c(bytes, file, "superblock");
    c.skip(9);
    if (c.u8() != 0 || c.u8() != 0) c.fail("unknown free-space or root group entry version");
    c.skip(1);
    if (c.u8() != 0) c.fail("unknown shared header message format version");
    const unsigned offsets = c.u8(), lengths = c.u8();
    check_sizes(file, offsets, lengths);
    c.skip(1 + 2 + 2 + 4);  // reserved, group leaf and internal node K, consistency flags
    if (version == 1) c.skip(4);  // indexed storage internal node K, reserved
    const std::uint64_t base = c.u64();
    c.skip(8);  // free-space info
    const std::uint64_t end = c.u64(), driver = c.u64();
    if (base != 0) file.fail("superblock base address " + std::to_string(base) + " (kuchikomi reads only 0)");
    if (driver != kUndefinedAddress)
      file.fail("written with a special HDF5 file driver (family, multi, ...); kuchikomi reads single plain files");
    check_end_of_file(file, end);
    c.skip(8);  // root group entry: link name offset
    return c.u64();
  }
  if (version == 2 || version == 3) {
    const auto bytes = file.read(0, 48, "superblock");
    Cursor c(bytes, file, "superblock");
    c.skip(9);
    const unsigned offsets = c.u8(), lengths = c.u8();
    check_sizes(file, offsets, lengths);
    c.skip(1);  // consistency flags
    const std::uint64_t base = c.u64();
    c.skip(8);  // superblock extension: holds no link or data kuchikomi needs
    const std::uint64_t end = c.u64(), root = c.u64();
    if (lookup3(std::span(bytes).first(44)) != c.u32()) file.fail("superblock checksum mismatch (the file is corrupt)");
    if (base != 0) file.fail("superblock base address " + std::to_string(base) + " (kuchikomi reads only 0)");
    check_end_of_file(file, end);
    return root;
  }
  file.fail("superblock version " + std::to_string(version) + " is not supported (0 to 3 are)");
}

std::vector<Link> read_links(const FileBytes& file, const ObjectHeader& group, bool* dense) {
  *dense = false;
  const std::string what = "group at " + address_text(group.address);
  std::vector<Link> links;
  if (const Message* table = group.find(kSymbolTable)) {
    if (table->flags & kMessageShared) file.fail(what + ": shared symbol table message");
    links = SymbolTableWalk(file, group.address).links(table->data);
  } else if (const Message* info = group.find(kLinkInfo)) {
    if (uses_fractal_heap(info->data, file, what + " (link info)", 8)) {
      *dense = true;
      return {};
    }
    for (const Message& m : group.messages)
      if (m.type == kLink) links.push_back(decode_link(m.data, file, what));
  } else {
    file.fail(what + " is not a group");
  }
  std::sort(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.name < b.name; });
  const auto twice = std::adjacent_find(links.begin(), links.end(), [](const Link& a, const Link& b) { return a.name == b.name; });
  if (twice != links.end()) file.fail(what + " has two links named '" + twice->name + "'");
  return links;
}

bool has_dense_attributes(const FileBytes& file, const ObjectHeader& header) {
  const Message* info = header.find(kAttributeInfo);
  return info && uses_fractal_heap(info->data, file, "object header at " + address_text(header.address) + " (attribute info)", 2);
}

}  // namespace kuchikomi::hdf5::format
