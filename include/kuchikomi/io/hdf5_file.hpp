// Thin RAII layer over the HDF5 C API: files, groups, 1-D datasets of numbers and strings, scalar
// attributes. Everything kuchikomi writes or reads goes through here, so every file is plain HDF5
// that h5py reads, and every read of a file from someone else is checked before libhdf5 touches
// its data:
//   * datasets must be one-dimensional, of a standard integer or IEEE float type, uncompressed, and
//     really stored in the file (a 14 KB file cannot make us allocate 23 GB by claiming 2^31 values
//     in chunks it never wrote);
//   * attributes must hold exactly one value of the expected kind (an array attribute read into one
//     variable would overwrite the stack);
//   * strings never go through HDF5's variable-length types: libhdf5 1.10 crashes on corrupted
//     global-heap data. A list of strings is stored as NAME_utf8 (uint8, the texts one after the
//     other) and NAME_offsets (uint64[n+1]: text i is bytes [offsets[i], offsets[i+1])); string
//     attributes are fixed-length. Variable-length string datasets of files written before this
//     layout (format version 1) are still read, by our own bounds-checked parser of the heap.
// h5py reads a string list as
//   b = g["NAME_utf8"][:].tobytes(); o = g["NAME_offsets"][:]
//   texts = [b[o[i]:o[i + 1]].decode("utf-8", "replace") for i in range(len(o) - 1)]
// and a string attribute as bytes: g.attrs["format"].decode().
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace kuchikomi {
class AtomicOutput;
}

namespace kuchikomi::hdf5 {

using Handle = std::int64_t;  // hid_t

// Owns one HDF5 identifier and closes it with the right H5*close function.
class Object {
 public:
  Object() = default;
  explicit Object(Handle id) : id_(id) {}
  Object(Object&& other) noexcept : id_(other.id_) { other.id_ = -1; }
  Object& operator=(Object&& other) noexcept;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;
  ~Object();
  Handle id() const noexcept { return id_; }
  Handle release() noexcept {
    const Handle id = id_;
    id_ = -1;
    return id;
  }

 private:
  Handle id_ = -1;
};

// The raw bytes of an open file, for the checks above, and the disk space reserved for a file being
// written (internal).
class RawFile;
class WriteSpace;

// Longest text a string attribute holds; longer text (an informational command line, say) is cut
// and marked. Large text belongs in a string dataset.
inline constexpr std::size_t kMaxTextAttribute = 32 * 1024;

// A location (file or group) that holds datasets, subgroups and attributes.
class Location {
 public:
  Location(Object object, std::string path, std::shared_ptr<const RawFile> raw,
           std::shared_ptr<WriteSpace> space = nullptr)
      : object_(std::move(object)), path_(std::move(path)), raw_(std::move(raw)), space_(std::move(space)) {}
  Handle id() const noexcept { return object_.id(); }
  const std::string& path() const noexcept { return path_; }

  Location create_group(const std::string& name) const;
  Location open_group(const std::string& name) const;  // InputError when missing or not a group
  bool has(const std::string& name) const;              // any link of that name

  // Numeric datasets (contiguous, uncompressed: loads at disk speed).
  template <class T>
  void write(const std::string& name, std::span<const T> values) const;
  template <class T>
  void write(const std::string& name, const std::vector<T>& values) const {
    write(name, std::span<const T>(values));
  }
  // Checked as described above; InputError naming the file and dataset otherwise.
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

  // Lists of strings (NAME_utf8 + NAME_offsets).
  void write_strings(const std::string& name, const std::vector<std::string>& values) const;
  std::vector<std::string> read_strings(const std::string& name) const;
  bool has_strings(const std::string& name) const;
  void delete_strings(const std::string& name) const;  // to rewrite a list in a file opened for update
  std::uint64_t strings_length(const std::string& name) const;

  // Scalar attributes on this location.
  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, const char* value) const { set_attribute(name, std::string(value)); }
  void set_attribute(const std::string& name, double value) const;
  void set_attribute(const std::string& name, std::int64_t value) const;
  void set_attribute(const std::string& name, std::uint64_t value) const;
  void set_attribute(const std::string& name, int value) const { set_attribute(name, static_cast<std::int64_t>(value)); }
  bool has_attribute(const std::string& name) const;
  std::vector<std::string> attribute_names() const;  // sorted by name
  std::string string_attribute(const std::string& name) const;
  // True for a string attribute stored as variable-length (files of format version 1, h5py's str).
  bool is_variable_length_string_attribute(const std::string& name) const;
  double double_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;
  std::uint64_t uint_attribute(const std::string& name) const;

 protected:
  Object object_;
  std::string path_;  // file path (+ group) for error messages
  std::shared_ptr<const RawFile> raw_;
  std::shared_ptr<WriteSpace> space_;  // outputs: disk space is reserved before each write
};

// An open file. close() reports what the destructor cannot: a write that failed when HDF5 flushed
// its buffers (a full disk). Writers call it before committing their output.
class File : public Location {
 public:
  using Location::Location;
  File(File&&) = default;
  ~File();
  void close();
};

// Creates the HDF5 file in `output`'s temporary (checking that HDF5 opened that very file). Disk
// space is reserved ahead of every dataset and attribute written: libhdf5 cannot recover from a
// failed write (it crashes at exit), so a full disk must be met before it writes.
File create_file(AtomicOutput& output);
// Creates or truncates `path` directly: for tests that craft files, never for outputs.
File create_file(const std::string& path);
// Opens `output`'s temporary, which holds a copy of an HDF5 file, for update.
File open_file_for_update(AtomicOutput& output, const std::string& name_for_messages);
// Opens an existing file read-only; InputError naming the file if it is missing or not HDF5.
File open_file(const std::string& path);
// Opens an HDF5 file held in memory (a file image), read-only; `name` is for messages.
File open_file_image(std::span<const std::byte> image, const std::string& name);
// True when the file starts with the HDF5 signature.
bool is_hdf5_file(const std::string& path);

}  // namespace kuchikomi::hdf5
