// Thin RAII layer over the HDF5 C API: files, groups, 1-D datasets of numbers or strings, and
// scalar attributes. Everything kuchikomi writes goes through here, so every file is plain HDF5
// that h5py reads with f["group/name"][:] and f.attrs["key"].
#pragma once
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

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

 private:
  Handle id_ = -1;
};

// A location (file or group) that holds datasets, subgroups and attributes.
class Location {
 public:
  explicit Location(Object object, std::string path) : object_(std::move(object)), path_(std::move(path)) {}
  Handle id() const noexcept { return object_.id(); }
  const std::string& path() const noexcept { return path_; }

  Location create_group(const std::string& name) const;
  Location open_group(const std::string& name) const;
  bool has(const std::string& name) const;

  // Numeric datasets (gzip-free, chunk-free: contiguous layout loads at disk speed).
  template <class T>
  void write(const std::string& name, std::span<const T> values) const;
  template <class T>
  void write(const std::string& name, const std::vector<T>& values) const {
    write(name, std::span<const T>(values));
  }
  template <class T>
  std::vector<T> read(const std::string& name) const;
  std::uint64_t length(const std::string& name) const;

  // Variable-length UTF-8 string datasets (h5py gives them back as bytes/str).
  void write_strings(const std::string& name, const std::vector<std::string>& values) const;
  std::vector<std::string> read_strings(const std::string& name) const;

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
  double double_attribute(const std::string& name) const;
  std::int64_t int_attribute(const std::string& name) const;

 private:
  Object object_;
  std::string path_;  // file path (+ group) for error messages
};

// Creates (truncates) a file for writing; use with AtomicOutput's temporary path.
Location create_file(const std::string& path);
// Opens an existing file read-only; throws InputError naming the file if it is not HDF5.
Location open_file(const std::string& path);
// True when the file starts with the HDF5 signature.
bool is_hdf5_file(const std::string& path);

}  // namespace kuchikomi::hdf5
