// Writing HDF5 files: a thin RAII layer over the libhdf5 C API for files, groups, 1-D datasets of
// numbers and strings, scalar attributes. Everything kuchikomi writes goes through here, so every
// file is plain HDF5 that h5py reads. Reading never uses libhdf5 (it is not safe on files from
// others): io/hdf5_reader.hpp parses files itself, and the writer sticks to what it reads:
//   * datasets are one-dimensional, contiguous, uncompressed, of standard number types;
//   * strings never use HDF5's variable-length types. A list of strings is stored as NAME_utf8
//     (uint8, the texts one after the other) and NAME_offsets (uint64[n+1]: text i is bytes
//     [offsets[i], offsets[i+1])); string attributes are fixed-length.
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

#include "kuchikomi/io/hdf5_reader.hpp"  // kMaxTextAttribute: what readers accept

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

// The disk space reserved for a file being written (internal).
class WriteSpace;

// A location (file or group) being written: datasets, subgroups and attributes.
class Location {
 public:
  Location(Object object, std::string path, std::shared_ptr<WriteSpace> space = nullptr)
      : object_(std::move(object)), path_(std::move(path)), space_(std::move(space)) {}
  Handle id() const noexcept { return object_.id(); }
  const std::string& path() const noexcept { return path_; }

  Location create_group(const std::string& name) const;

  // Numeric datasets (contiguous, uncompressed: loads at disk speed).
  template <class T>
  void write(const std::string& name, std::span<const T> values) const;
  template <class T>
  void write(const std::string& name, const std::vector<T>& values) const {
    write(name, std::span<const T>(values));
  }
  // Lists of strings (NAME_utf8 + NAME_offsets).
  void write_strings(const std::string& name, const std::vector<std::string>& values) const;

  // Scalar attributes on this location.
  void set_attribute(const std::string& name, const std::string& value) const;
  void set_attribute(const std::string& name, const char* value) const { set_attribute(name, std::string(value)); }
  void set_attribute(const std::string& name, double value) const;
  void set_attribute(const std::string& name, std::int64_t value) const;
  void set_attribute(const std::string& name, std::uint64_t value) const;
  void set_attribute(const std::string& name, int value) const { set_attribute(name, static_cast<std::int64_t>(value)); }

 protected:
  Object object_;
  std::string path_;  // file path for error messages
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

// Silences libhdf5's own error printing and keeps it from registering its exit handler; must come
// before any other call into libhdf5. The functions below call it; code that calls the HDF5 C API
// directly (tests crafting files) calls it first.
void prepare_library();

// Creates the HDF5 file in `output`'s temporary (checking that HDF5 opened that very file). Disk
// space is reserved ahead of every dataset and attribute written: libhdf5 cannot recover from a
// failed write (it crashes at exit), so a full disk must be met before it writes.
File create_file(AtomicOutput& output);
// Creates or truncates `path` directly: for tests that craft files, never for outputs.
File create_file(const std::string& path);

}  // namespace kuchikomi::hdf5
