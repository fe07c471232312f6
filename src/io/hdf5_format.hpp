// Internal to kuchikomi's HDF5 reader (io/hdf5_reader.hpp, which says what subset is read and the
// safety rules every function here follows). The file's bytes, a bounds-checked cursor over them,
// and the on-disk structures of the HDF5 File Format Specification version 3.0, decoded:
//   hdf5_bytes.cpp          FileBytes, Cursor, the lookup3 checksum of version-2 structures
//   hdf5_messages.cpp       object header messages: dataspace, datatype, data layout, attribute
//   hdf5_object_header.cpp  object headers version 1 and 2 with their continuation blocks
//   hdf5_groups.cpp         superblock, old-style groups (B-tree, symbol nodes, local heap), links
//   hdf5_global_heap.cpp    variable-length strings of legacy files (global heap collections)
// Everything throws InputError(file, 0, what) for a file it cannot read, and nothing else.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace kuchikomi::hdf5::format {

// Addresses and lengths are 8 bytes (checked at the superblock); all ones means "not allocated".
inline constexpr std::uint64_t kUndefinedAddress = ~std::uint64_t{0};

// The bytes of one file, read on demand (pread) or copied from a file image in memory.
class FileBytes {
 public:
  // InputError naming the file when it is missing, not a regular file or unreadable.
  static std::shared_ptr<const FileBytes> open(const std::string& path);
  static std::shared_ptr<const FileBytes> copy_of(std::span<const std::byte> image, const std::string& name);
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  ~FileBytes();

  const std::string& name() const noexcept { return name_; }
  std::uint64_t size() const noexcept { return size_; }
  bool holds(std::uint64_t offset, std::uint64_t length) const noexcept {
    return offset <= size_ && length <= size_ - offset;
  }
  // Bytes [offset, offset + out.size()); InputError "<what> lies outside the file" when they are not all there.
  void read(std::uint64_t offset, std::span<std::byte> out, std::string_view what) const;
  std::vector<std::byte> read(std::uint64_t offset, std::uint64_t length, std::string_view what) const;
  [[noreturn]] void fail(const std::string& what) const;

 private:
  FileBytes() = default;
  std::string name_;
  int descriptor_ = -1;
  std::vector<std::byte> image_;
  std::uint64_t size_ = 0;
};

// Reads little-endian fields from a block of bytes already in memory; running past its end is an
// InputError "<what> is truncated".
class Cursor {
 public:
  Cursor(std::span<const std::byte> bytes, const FileBytes& file, std::string what)
      : bytes_(bytes), file_(&file), what_(std::move(what)) {}
  std::uint64_t number(std::size_t width);  // unsigned, 1 to 8 bytes
  std::uint8_t u8() { return static_cast<std::uint8_t>(number(1)); }
  std::uint16_t u16() { return static_cast<std::uint16_t>(number(2)); }
  std::uint32_t u32() { return static_cast<std::uint32_t>(number(4)); }
  std::uint64_t u64() { return number(8); }
  std::span<const std::byte> take(std::uint64_t count);
  void skip(std::uint64_t count) { take(count); }
  std::uint64_t left() const noexcept { return bytes_.size() - at_; }
  std::uint64_t position() const noexcept { return at_; }
  const std::string& what() const noexcept { return what_; }
  [[noreturn]] void fail(const std::string& detail) const;  // "<what>: <detail>"

 private:
  std::span<const std::byte> bytes_;
  std::size_t at_ = 0;
  const FileBytes* file_;
  std::string what_;
};

std::uint64_t little_endian(const std::byte* bytes, std::size_t width);
// Jenkins' lookup3 hash ("hashlittle", initial value 0): the checksum of version-2 object headers
// and superblocks.
std::uint32_t lookup3(std::span<const std::byte> bytes);

// ---- Messages (IV.A.2) --------------------------------------------------------------------------

enum class NumberKind { kNone, kSigned, kUnsigned, kFloat };

struct Datatype {
  int type_class = -1;     // 0 fixed-point, 1 floating-point, 3 string, 9 variable-length, ...
  std::uint32_t size = 0;  // bytes per element
  NumberKind number = NumberKind::kNone;  // set only for a standard integer or IEEE float
  bool big_endian = false;
  int string_padding = 0;  // fixed-length strings: 0 null-terminated, 1 null-padded, 2 space-padded
  bool variable_length_string = false;
};

struct Dataspace {
  enum class Shape { kScalar, kSimple, kNull };
  Shape shape = Shape::kNull;
  std::vector<std::uint64_t> dims;
  std::uint64_t elements = 0;  // product of dims (1 for a scalar, 0 for null); overflow is an error
};

struct Layout {
  enum class Kind { kCompact, kContiguous, kChunked, kVirtual };
  Kind kind = Kind::kContiguous;
  std::uint64_t address = kUndefinedAddress;  // contiguous
  std::uint64_t size = 0;                     // bytes stored (contiguous: 0 when not given, version 1/2)
  bool size_given = false;
  std::span<const std::byte> compact;         // compact: the data, inside the object header
};

struct Attribute {
  std::string name;
  Datatype type;
  Dataspace space;
  bool shared_parts = false;  // datatype or dataspace stored elsewhere (committed / shared): not read
  std::span<const std::byte> data;  // elements x type.size bytes, inside the object header
};

// Each decoder reads one message's data; `what` names it for errors.
Dataspace decode_dataspace(std::span<const std::byte> data, const FileBytes& file, const std::string& what);
Datatype decode_datatype(std::span<const std::byte> data, const FileBytes& file, const std::string& what);
Layout decode_layout(std::span<const std::byte> data, const FileBytes& file, const std::string& what);
std::uint32_t decode_filter_count(std::span<const std::byte> data, const FileBytes& file, const std::string& what);
Attribute decode_attribute(std::span<const std::byte> data, const FileBytes& file, const std::string& what);

// ---- Object headers (IV.A.1) --------------------------------------------------------------------

enum MessageType : std::uint16_t {
  kNil = 0x00,
  kDataspace = 0x01,
  kLinkInfo = 0x02,
  kDatatype = 0x03,
  kFillValueOld = 0x04,
  kFillValue = 0x05,
  kLink = 0x06,
  kExternalFiles = 0x07,
  kLayout = 0x08,
  kFilterPipeline = 0x0B,
  kAttribute = 0x0C,
  kContinuation = 0x10,
  kSymbolTable = 0x11,
  kAttributeInfo = 0x15,
  kLastKnownType = 0x17,  // File Space Info; higher types are unknown to this reader
};

inline constexpr std::uint8_t kMessageShared = 0x02;

struct Message {
  std::uint16_t type = 0;
  std::uint8_t flags = 0;
  std::span<const std::byte> data;  // inside ObjectHeader::blocks
};

struct ObjectHeader {
  std::uint64_t address = 0;
  std::vector<std::vector<std::byte>> blocks;  // the header's chunks as read; messages point into them
  std::vector<Message> messages;
  const Message* find(std::uint16_t type) const;
  bool is_group() const;    // a symbol table or link info message (old- or new-style group)
  bool is_dataset() const;  // a datatype and a dataspace message, and not a group
};

// Reads the object header at `address` and every continuation block. A message of an unknown type
// flagged "fail if unknown" is an error.
ObjectHeader read_object_header(const FileBytes& file, std::uint64_t address);

// ---- Superblock and groups (II.A, III.A-D, IV.A.2.c/g/r/v) --------------------------------------

bool has_signature_at(const FileBytes& file, std::uint64_t offset);
// Checks the superblock (version 0-3, 8-byte addresses and lengths, base address 0) and returns the
// address of the root group's object header.
std::uint64_t read_superblock(const FileBytes& file);

struct Link {
  std::string name;
  bool hard = true;                           // soft and external links are listed, never followed
  std::uint64_t address = kUndefinedAddress;  // hard links: the object header
};

// The links of a group, sorted by name (two of one name are an error). `dense` is set instead
// for a new-style group whose links are in a fractal heap (not read).
std::vector<Link> read_links(const FileBytes& file, const ObjectHeader& group, bool* dense);

// True when attributes are stored densely (attribute info message with a fractal heap).
bool has_dense_attributes(const FileBytes& file, const ObjectHeader& header);

// ---- Global heap (III.E) --------------------------------------------------------------------------

// Variable-length strings: `elements` holds `count` 16-byte references {uint32 length, uint64
// collection address, uint32 object index} into global heap collections.
std::vector<std::string> read_variable_length_strings(const FileBytes& file, std::span<const std::byte> elements,
                                                      std::uint64_t count, const std::string& what);

}  // namespace kuchikomi::hdf5::format
