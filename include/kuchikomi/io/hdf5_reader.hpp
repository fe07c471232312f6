// Reading HDF5 files without libhdf5: kuchikomi's own small parser of the part of the format its
// files (and h5py's default files) use. libhdf5 1.10 is not safe on files from others (a
// use-after-free in object header parsing, 512 GB allocations on corrupt lengths, crashes in its
// global heap), so every file kuchikomi reads goes through here; libhdf5 only writes our own
// files (io/hdf5_file.hpp).
//
// Follows the HDF5 File Format Specification version 3.0. Read:
//   * superblock versions 0 and 1 (libhdf5's and h5py's default) and 2 and 3 (libver="latest"),
//     at byte 0, base address 0, 8-byte addresses and lengths (II.A); others are refused;
//   * object headers version 1 and version 2 ("OHDR", checksums verified) with continuation
//     blocks (IV.A.1, IV.A.2.q);
//   * old-style groups: symbol table message -> version 1 B-tree ("TREE", type 0) -> symbol table
//     nodes ("SNOD"), names in the local heap ("HEAP") (III.A.1-D, IV.A.2.r); new-style groups
//     with compact links (link info + link messages, IV.A.2.c, g); soft and external links are
//     listed, never followed;
//   * datasets: dataspace scalar, or simple (any rank; readers take rank 1) (IV.A.2.b); datatypes
//     (IV.A.2.d) fixed-point of 1, 2, 4, 8 bytes signed or unsigned, little or big endian, with
//     offset 0 and full precision; IEEE binary32/binary64 little or big endian; fixed-length
//     strings with any padding and character set; variable-length strings (only for the legacy
//     string lists of files written before kuchikomi 0.2, through the global heap, III.E);
//     data layout versions 1-4, contiguous and compact (IV.A.2.i);
//   * attributes, message versions 1-3, stored in the object header (IV.A.2.m).
// Refused with a message naming the file: chunked and virtual datasets ("chunked datasets are
// not supported"), any filter ("compressed or filtered"), external data files, other datatypes
// (compound, enum, reference, array, opaque, bitfield, time, odd float or integer layouts) when
// read as numbers or text, committed or shared datatypes/dataspaces, dense (fractal heap) link or
// attribute storage, messages of unknown type flagged "must understand", user blocks.
// Harmless messages (NIL, fill value, modification time, group info, comments, ...) are skipped.
//
// Safety invariants (the reader is fed hostile files, tests/untrusted_hdf5_test.cpp and fuzzing):
//   * every offset and length is checked against the file's size before it is read; every field
//     is read through a cursor that checks it lies inside the bytes already read;
//   * nothing is allocated that the file cannot hold: a dataset's values are allocated only once
//     its claimed size is checked against the bytes really stored for it;
//   * every loop is bounded by the bytes it walks; B-trees descend at most 64 levels, a set of
//     visited addresses stops cycles (B-tree nodes, symbol nodes, header continuation blocks), and
//     the bytes read to list one group or decode one object header are bounded by the file size;
//   * a bad file raises kuchikomi::InputError(file, 0, what) and no other exception.
//
// Lists of strings are stored as NAME_utf8 (uint8, the texts one after the other) and NAME_offsets
// (uint64[n+1]: text i is bytes [offsets[i], offsets[i+1])); see io/hdf5_file.hpp.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kuchikomi::hdf5 {

namespace format {
class FileBytes;
struct GroupNode;
}  // namespace format

// Longest text a string attribute holds; longer text (an informational command line, say) is cut
// by the writer and marked. Large text belongs in a string dataset.
inline constexpr std::size_t kMaxTextAttribute = 32 * 1024;

// A group (or the file's root group) of a file opened for reading. Every error is an InputError
// naming the file (path()).
class Group {
 public:
  const std::string& path() const noexcept;

  Group open_group(const std::string& name) const;  // InputError when missing or not a group
  bool has(const std::string& name) const;           // any link of that name (a single component)
  std::vector<std::string> names() const;            // every link's name, sorted

  // Numeric datasets: one-dimensional, of a standard integer or IEEE float type (integers convert
  // to integers saturating, any number to floating point, as libhdf5 converts), contiguous or
  // compact, unfiltered, and really stored in the file.
  template <class T>
  std::vector<T> read(const std::string& name) const;
  // The same into `out`, which must have the dataset's length (for callers that allocate themselves).
  template <class T>
  void read_into(const std::string& name, std::span<T> out) const;
  // Checked to be a one-dimensional dataset; its length.
  std::uint64_t length(const std::string& name) const;
  // All the checks of read<T> without reading: the length of a dataset that read<T> will accept.
  template <class T>
  std::uint64_t readable_length(const std::string& name) const;

  // Lists of strings (NAME_utf8 + NAME_offsets, or a legacy variable-length string dataset NAME).
  std::vector<std::string> read_strings(const std::string& name) const;
  bool has_strings(const std::string& name) const;
  std::uint64_t strings_length(const std::string& name) const;

  // Attributes holding exactly one value (scalar, or any shape with one element).
  bool has_attribute(const std::string& name) const;
  std::vector<std::string> attribute_names() const;  // sorted by name
  std::string string_attribute(const std::string& name) const;  // fixed-length text only
  // True for a string attribute stored as variable-length (files of format version 1, h5py's str).
  bool is_variable_length_string_attribute(const std::string& name) const;
  double double_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;
  std::uint64_t uint_attribute(const std::string& name) const;

 private:
  friend Group open_file(const std::string&);
  friend Group open_file_image(std::span<const std::byte>, const std::string&);
  Group(std::shared_ptr<const format::FileBytes> file, std::shared_ptr<const format::GroupNode> node);
  [[noreturn]] void fail(const std::string& what) const;

  std::shared_ptr<const format::FileBytes> file_;
  std::shared_ptr<const format::GroupNode> node_;
};

// Opens a file read-only; InputError naming the file if it is missing, not a regular file, not
// HDF5, or outside the subset above.
Group open_file(const std::string& path);
// The same for a file held in memory (copied); `name` is for messages.
Group open_file_image(std::span<const std::byte> image, const std::string& name);
// True when the file is readable and carries the HDF5 signature (at byte 0, or after a user block).
bool is_hdf5_file(const std::string& path);

}  // namespace kuchikomi::hdf5
