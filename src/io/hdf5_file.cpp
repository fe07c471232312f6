#include "kuchikomi/io/hdf5_file.hpp"

#include <fcntl.h>
#include <hdf5.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <map>
#include <type_traits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"

namespace kuchikomi::hdf5 {

// The bytes of an open file, read by kuchikomi itself: its size bounds what a dataset may claim, and
// legacy variable-length strings are parsed from it without libhdf5's global-heap code.
class RawFile {
 public:
  static std::shared_ptr<const RawFile> of_path(const std::string& path) {
    auto raw = std::make_shared<RawFile>();
    raw->descriptor_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat info {};
    if (raw->descriptor_ >= 0 && ::fstat(raw->descriptor_, &info) == 0) raw->size_ = static_cast<std::uint64_t>(info.st_size);
    return raw;
  }
  static std::shared_ptr<const RawFile> of_image(std::span<const std::byte> image) {
    auto raw = std::make_shared<RawFile>();
    raw->image_.assign(image.begin(), image.end());
    raw->size_ = image.size();
    return raw;
  }
  RawFile() = default;
  RawFile(const RawFile&) = delete;
  RawFile& operator=(const RawFile&) = delete;
  ~RawFile() {
    if (descriptor_ >= 0) ::close(descriptor_);
  }

  std::uint64_t size() const noexcept { return size_; }
  // Bytes [offset, offset + length) of the file; false when they are not all there.
  bool read(std::uint64_t offset, std::size_t length, std::byte* out) const {
    if (offset > size_ || length > size_ - offset) return false;
    if (descriptor_ < 0) {
      std::memcpy(out, image_.data() + offset, length);
      return true;
    }
    std::size_t done = 0;
    while (done < length) {
      const ssize_t got = ::pread(descriptor_, out + done, length - done, static_cast<off_t>(offset + done));
      if (got <= 0) return false;
      done += static_cast<std::size_t>(got);
    }
    return true;
  }

 private:
  int descriptor_ = -1;
  std::vector<std::byte> image_;
  std::uint64_t size_ = 0;
};

// Disk space reserved for a file being written: grows ahead of what HDF5 will write. The margins
// bound HDF5's metadata (object headers, group B-trees and heaps, the superblock) generously.
class WriteSpace {
 public:
  WriteSpace(AtomicOutput& output, std::uint64_t already) : output_(output), reserved_(already) {}
  // HDF5 keeps its file as long as the reservation; the file ends at HDF5's end of allocation.
  void release_unused(std::uint64_t used) const { output_.truncate(used); }
  void grow(std::uint64_t bytes) {
    constexpr std::uint64_t kPerObject = 64 * 1024;
    reserved_ += bytes + kPerObject;
    output_.reserve(reserved_);
  }

 private:
  AtomicOutput& output_;
  std::uint64_t reserved_;
};

namespace {

void reserve(const std::shared_ptr<WriteSpace>& space, std::uint64_t bytes) {
  if (space) space->grow(bytes);
}

// HDF5 prints error stacks by default; we report our own messages instead. And it registers an
// exit handler that closes what is still open, which crashes (SEGV in H5F__close_cb) on a file whose
// close failed after a write error; every file here is closed explicitly or by its owner, so that
// handler has nothing to do and is not registered.
struct SilenceHdf5 {
  SilenceHdf5() {
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  }
};
const SilenceHdf5 silence_hdf5;

[[noreturn]] void fail(const std::string& where, const std::string& what) { throw InputError(where, 0, what); }

Handle check(Handle id, const std::string& where, const std::string& what) {
  if (id < 0) fail(where, what);
  return id;
}

template <class T>
hid_t native_type() {
  if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return H5T_NATIVE_UINT32;
  else if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  else if constexpr (std::is_same_v<T, std::int64_t>) return H5T_NATIVE_INT64;
  else static_assert(sizeof(T) == 0, "unsupported HDF5 element type");
}

// Only the standard number types pass: HDF5 can describe floats with arbitrary bit fields and
// integers with odd precisions, and converting those is code no file of ours ever needs.
enum class NumberKind { kNone, kSigned, kUnsigned, kFloat };

NumberKind number_kind(hid_t type) {
  static const hid_t kSigned[] = {H5T_STD_I8LE, H5T_STD_I8BE, H5T_STD_I16LE, H5T_STD_I16BE,
                                  H5T_STD_I32LE, H5T_STD_I32BE, H5T_STD_I64LE, H5T_STD_I64BE};
  static const hid_t kUnsigned[] = {H5T_STD_U8LE, H5T_STD_U8BE, H5T_STD_U16LE, H5T_STD_U16BE,
                                    H5T_STD_U32LE, H5T_STD_U32BE, H5T_STD_U64LE, H5T_STD_U64BE};
  static const hid_t kFloat[] = {H5T_IEEE_F32LE, H5T_IEEE_F32BE, H5T_IEEE_F64LE, H5T_IEEE_F64BE};
  const auto any_equal = [type](const auto& list) {
    return std::any_of(std::begin(list), std::end(list), [type](hid_t t) { return H5Tequal(type, t) > 0; });
  };
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      if (any_equal(kSigned)) return NumberKind::kSigned;
      if (any_equal(kUnsigned)) return NumberKind::kUnsigned;
      return NumberKind::kNone;
    case H5T_FLOAT: return any_equal(kFloat) ? NumberKind::kFloat : NumberKind::kNone;
    default: return NumberKind::kNone;
  }
}

template <class T>
bool readable_as(NumberKind kind) {
  if constexpr (std::is_floating_point_v<T>) return kind != NumberKind::kNone;  // ints widen to floats
  else return kind == NumberKind::kSigned || kind == NumberKind::kUnsigned;
}

std::string describe_kind() { return "a standard integer or IEEE floating-point type"; }

// Number of elements of a one-dimensional dataspace; InputError for anything else.
std::uint64_t one_dimensional_length(hid_t space, const std::string& where, const std::string& what) {
  if (space < 0) fail(where, "cannot read the shape of " + what);
  if (H5Sget_simple_extent_type(space) != H5S_SIMPLE || H5Sget_simple_extent_ndims(space) != 1)
    fail(where, what + " is not a one-dimensional array");
  hsize_t dims[1] = {0};
  if (H5Sget_simple_extent_dims(space, dims, nullptr) != 1) fail(where, "cannot read the shape of " + what);
  return dims[0];
}

Object fixed_string_type(std::size_t size) {
  Object type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.id(), std::max<std::size_t>(size, 1));
  H5Tset_strpad(type.id(), H5T_STR_NULLPAD);
  H5Tset_cset(type.id(), H5T_CSET_UTF8);
  return type;
}

std::uint64_t little_endian(const std::byte* bytes, int count) {
  std::uint64_t value = 0;
  for (int i = count - 1; i >= 0; --i) value = (value << 8) | std::to_integer<std::uint64_t>(bytes[i]);
  return value;
}

// Strings of a variable-length string dataset written before format version 2, read from the file's
// bytes. On disk each element is {uint32 length, uint64 collection address, uint32 object index}; a
// global heap collection is "GCOL", version 1, 3 reserved bytes, uint64 size (header included), then
// objects {uint16 index, uint16 references, 4 reserved, uint64 size, data padded to 8 bytes} until an
// object with index 0 (free space). Every length and address is checked against the file.
std::vector<std::string> read_legacy_strings(hid_t set, std::uint64_t n, const RawFile& raw, const std::string& where,
                                             const std::string& what) {
  std::vector<std::string> values(n);
  if (n == 0) return values;
  const Object file(H5Iget_file_id(set));
  const Object fcpl(H5Fget_create_plist(file.id()));
  std::size_t address_bytes = 0, length_bytes = 0;
  hsize_t userblock = 0;
  if (fcpl.id() < 0 || H5Pget_sizes(fcpl.id(), &address_bytes, &length_bytes) < 0 ||
      H5Pget_userblock(fcpl.id(), &userblock) < 0 || address_bytes != 8 || length_bytes != 8 || userblock != 0)
    fail(where, what + ": variable-length strings in an unusual file layout cannot be read");
  const Object dcpl(H5Dget_create_plist(set));
  if (dcpl.id() < 0 || H5Pget_layout(dcpl.id()) != H5D_CONTIGUOUS || H5Pget_nfilters(dcpl.id()) != 0)
    fail(where, what + ": variable-length strings are read only from contiguous, uncompressed datasets");
  const haddr_t offset = H5Dget_offset(set);
  constexpr std::uint64_t kElement = 16;
  if (offset == HADDR_UNDEF || n > raw.size() / kElement)
    fail(where, what + " claims " + std::to_string(n) + " strings that the file does not hold");
  std::vector<std::byte> elements(n * kElement);
  if (!raw.read(offset, elements.size(), elements.data())) fail(where, what + ": string references lie outside the file");

  struct Collection {
    std::vector<std::byte> bytes;
    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> objects;  // index -> (offset, size)
  };
  std::map<std::uint64_t, Collection> collections;
  const auto collection_at = [&](std::uint64_t address) -> const Collection& {
    if (auto it = collections.find(address); it != collections.end()) return it->second;
    std::byte header[16];
    if (!raw.read(address, sizeof header, header) || std::memcmp(header, "GCOL", 4) != 0 ||
        std::to_integer<int>(header[4]) != 1)
      fail(where, what + ": a string points to a missing or corrupt heap collection");
    const std::uint64_t size = little_endian(header + 8, 8);
    if (size < 16 || size > raw.size()) fail(where, what + ": corrupt heap collection size");
    Collection c;
    c.bytes.resize(size);
    if (!raw.read(address, size, c.bytes.data())) fail(where, what + ": heap collection runs past the end of the file");
    for (std::uint64_t at = 16; at + 16 <= size;) {
      const std::uint64_t index = little_endian(&c.bytes[at], 2);
      const std::uint64_t object_size = little_endian(&c.bytes[at + 8], 8);
      if (index == 0) break;  // free space up to the end
      if (object_size > size - at - 16) fail(where, what + ": corrupt heap object size");
      c.objects[index] = {at + 16, object_size};
      at += 16 + ((object_size + 7) & ~std::uint64_t{7});
    }
    return collections.emplace(address, std::move(c)).first->second;
  };

  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < n; ++i) {
    const std::byte* e = &elements[i * kElement];
    const std::uint64_t length = little_endian(e, 4);
    if (length == 0) continue;
    const Collection& c = collection_at(little_endian(e + 4, 8));
    const auto it = c.objects.find(little_endian(e + 12, 4));
    if (it == c.objects.end() || length > it->second.second)
      fail(where, what + ": string " + std::to_string(i) + " points to a missing or too short heap object");
    total += length;
    if (total > raw.size()) fail(where, what + ": strings claim more bytes than the file holds");
    values[i].assign(reinterpret_cast<const char*>(&c.bytes[it->second.first]), length);
  }
  return values;
}

struct DatasetInfo {
  Object set, type, space;
  std::uint64_t length = 0;
};

DatasetInfo open_dataset(hid_t location, const std::string& where, const std::string& name) {
  DatasetInfo d;
  if (H5Lexists(location, name.c_str(), H5P_DEFAULT) <= 0) fail(where, "missing dataset '" + name + "'");
  H5O_info_t info{};
  if (H5Oget_info_by_name2(location, name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_DATASET)
    fail(where, "'" + name + "' is not a dataset");
  d.set = Object(check(H5Dopen2(location, name.c_str(), H5P_DEFAULT), where, "cannot open dataset '" + name + "'"));
  d.type = Object(check(H5Dget_type(d.set.id()), where, "cannot read the type of dataset '" + name + "'"));
  d.space = Object(H5Dget_space(d.set.id()));
  d.length = one_dimensional_length(d.space.id(), where, "dataset '" + name + "'");
  return d;
}

// The dataset's values must really be in the file, uncompressed: then what we allocate for them is
// bounded by the file's size, whatever the header claims.
void check_stored(const DatasetInfo& d, const RawFile* raw, const std::string& where, const std::string& name) {
  if (d.length == 0) return;
  const std::size_t element = H5Tget_size(d.type.id());
  const std::uint64_t file_size = raw ? raw->size() : std::numeric_limits<std::uint64_t>::max();
  if (element == 0 || d.length > file_size / element)
    fail(where, "dataset '" + name + "' claims " + std::to_string(d.length) + " values, more than the file's " +
                    std::to_string(file_size) + " bytes can hold");
  const Object dcpl(H5Dget_create_plist(d.set.id()));
  if (dcpl.id() < 0) fail(where, "cannot read the storage of dataset '" + name + "'");
  if (H5Pget_nfilters(dcpl.id()) != 0)
    fail(where, "dataset '" + name + "' is compressed or filtered; kuchikomi reads uncompressed datasets only");
  const std::uint64_t stored = H5Dget_storage_size(d.set.id());
  if (stored < d.length * element)
    fail(where, "dataset '" + name + "' claims " + std::to_string(d.length) + " values (" +
                    std::to_string(d.length * element) + " bytes) but the file stores only " + std::to_string(stored) +
                    " bytes of them");
}

void write_attribute(Handle location, const std::string& path, const std::string& name, hid_t type, const void* value) {
  if (H5Aexists(location, name.c_str()) > 0) H5Adelete(location, name.c_str());
  Object space(H5Screate(H5S_SCALAR));
  Object attr(check(H5Acreate2(location, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), path,
                    "cannot create attribute " + name));
  if (H5Awrite(attr.id(), type, value) < 0) fail(path, "cannot write attribute " + name);
}

// Opens an attribute that must hold exactly one value.
Object open_scalar_attribute(hid_t location, const std::string& where, const std::string& name) {
  if (H5Aexists(location, name.c_str()) <= 0) fail(where, "missing attribute '" + name + "'");
  Object attr(check(H5Aopen(location, name.c_str(), H5P_DEFAULT), where, "cannot open attribute '" + name + "'"));
  const Object space(H5Aget_space(attr.id()));
  const H5S_class_t shape = space.id() < 0 ? H5S_NO_CLASS : H5Sget_simple_extent_type(space.id());
  if (shape != H5S_SCALAR && !(shape == H5S_SIMPLE && H5Sget_simple_extent_npoints(space.id()) == 1))
    fail(where, "attribute '" + name + "' must hold a single value");
  return attr;
}

// One number from a scalar attribute, as int64, uint64 or double depending on what is stored.
struct AttributeNumber {
  NumberKind kind = NumberKind::kNone;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
};

AttributeNumber read_number_attribute(hid_t location, const std::string& where, const std::string& name) {
  const Object attr = open_scalar_attribute(location, where, name);
  const Object type(H5Aget_type(attr.id()));
  AttributeNumber n;
  n.kind = type.id() < 0 ? NumberKind::kNone : number_kind(type.id());
  herr_t status = -1;
  switch (n.kind) {
    case NumberKind::kSigned: status = H5Aread(attr.id(), H5T_NATIVE_INT64, &n.i); break;
    case NumberKind::kUnsigned: status = H5Aread(attr.id(), H5T_NATIVE_UINT64, &n.u); break;
    case NumberKind::kFloat: status = H5Aread(attr.id(), H5T_NATIVE_DOUBLE, &n.d); break;
    case NumberKind::kNone: fail(where, "attribute '" + name + "' is not a number");
  }
  if (status < 0) fail(where, "cannot read attribute '" + name + "'");
  return n;
}

}  // namespace

Object& Object::operator=(Object&& other) noexcept {
  if (this != &other) {
    this->~Object();
    id_ = other.id_;
    other.id_ = -1;
  }
  return *this;
}

Object::~Object() {
  if (id_ < 0) return;
  switch (H5Iget_type(id_)) {
    case H5I_FILE: H5Fclose(id_); break;
    case H5I_GROUP: H5Gclose(id_); break;
    case H5I_DATASET: H5Dclose(id_); break;
    case H5I_DATASPACE: H5Sclose(id_); break;
    case H5I_DATATYPE: H5Tclose(id_); break;
    case H5I_ATTR: H5Aclose(id_); break;
    case H5I_GENPROP_LST: H5Pclose(id_); break;
    default: break;
  }
  id_ = -1;
}

Location Location::create_group(const std::string& name) const {
  reserve(space_, 0);
  Object g(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_, "cannot create group " + name));
  return Location(std::move(g), path_, raw_, space_);
}

Location Location::open_group(const std::string& name) const {
  if (!has(name)) fail(path_, "missing group '" + name + "'");
  H5O_info_t info{};
  if (H5Oget_info_by_name2(id(), name.c_str(), &info, H5O_INFO_BASIC, H5P_DEFAULT) < 0 || info.type != H5O_TYPE_GROUP)
    fail(path_, "'" + name + "' is not a group");
  Object g(check(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), path_, "cannot open group '" + name + "'"));
  return Location(std::move(g), path_, raw_, space_);
}

bool Location::has(const std::string& name) const {
  // H5Lexists checks only the last component; names here are single components.
  return name.find('/') == std::string::npos && H5Lexists(id(), name.c_str(), H5P_DEFAULT) > 0;
}

template <class T>
void Location::write(const std::string& name, std::span<const T> values) const {
  reserve(space_, values.size_bytes());
  const hsize_t dims[1] = {values.size()};
  Object space(H5Screate_simple(1, dims, nullptr));
  Object set(check(H5Dcreate2(id(), name.c_str(), native_type<T>(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   path_, "cannot create dataset " + name));
  if (!values.empty() && H5Dwrite(set.id(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(path_, "cannot write dataset " + name);
}

std::uint64_t Location::length(const std::string& name) const { return open_dataset(id(), path_, name).length; }

namespace {

template <class T>
DatasetInfo open_readable(hid_t location, const RawFile* raw, const std::string& where, const std::string& name) {
  DatasetInfo d = open_dataset(location, where, name);
  if (!readable_as<T>(number_kind(d.type.id())))
    fail(where, "dataset '" + name + "' does not hold " + (std::is_floating_point_v<T> ? "numbers" : "integers") +
                    " of " + describe_kind());
  check_stored(d, raw, where, name);
  return d;
}

template <class T>
void read_checked(const DatasetInfo& d, std::span<T> out, const std::string& where, const std::string& name) {
  if (!out.empty() && H5Dread(d.set.id(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    fail(where, "cannot read dataset '" + name + "'");
}

}  // namespace

template <class T>
std::vector<T> Location::read(const std::string& name) const {
  const DatasetInfo d = open_readable<T>(id(), raw_.get(), path_, name);
  std::vector<T> values(d.length);
  read_checked(d, std::span<T>(values), path_, name);
  return values;
}

template <class T>
std::uint64_t Location::readable_length(const std::string& name) const {
  return open_readable<T>(id(), raw_.get(), path_, name).length;
}

template <class T>
void Location::read_into(const std::string& name, std::span<T> out) const {
  const DatasetInfo d = open_readable<T>(id(), raw_.get(), path_, name);
  if (d.length != out.size())
    fail(path_, "dataset '" + name + "' has " + std::to_string(d.length) + " values, expected " + std::to_string(out.size()));
  read_checked(d, out, path_, name);
}

void Location::write_strings(const std::string& name, const std::vector<std::string>& values) const {
  std::vector<std::uint64_t> offsets{0};
  offsets.reserve(values.size() + 1);
  std::vector<std::uint8_t> bytes;
  for (const auto& v : values) {
    bytes.insert(bytes.end(), v.begin(), v.end());
    offsets.push_back(bytes.size());
  }
  write(name + "_utf8", bytes);
  write(name + "_offsets", offsets);
}

bool Location::has_strings(const std::string& name) const { return has(name + "_offsets") || has(name); }

void Location::delete_strings(const std::string& name) const {
  for (const std::string& part : {name + "_utf8", name + "_offsets", name})
    if (has(part) && H5Ldelete(id(), part.c_str(), H5P_DEFAULT) < 0) fail(path_, "cannot replace dataset " + part);
}

std::uint64_t Location::strings_length(const std::string& name) const {
  if (has(name + "_offsets")) {
    const std::uint64_t n = length(name + "_offsets");
    if (n == 0) fail(path_, "dataset '" + name + "_offsets' is empty (it holds n + 1 offsets)");
    return n - 1;
  }
  return length(name);
}

std::vector<std::string> Location::read_strings(const std::string& name) const {
  if (!has(name + "_offsets") && has(name)) {  // format version 1: a variable-length string dataset
    const DatasetInfo d = open_dataset(id(), path_, name);
    if (H5Tget_class(d.type.id()) != H5T_STRING || H5Tis_variable_str(d.type.id()) <= 0)
      fail(path_, "dataset '" + name + "' is not a list of strings");
    if (!raw_) fail(path_, "dataset '" + name + "' uses variable-length strings, not readable from a file image");
    return read_legacy_strings(d.set.id(), d.length, *raw_, path_, "dataset '" + name + "'");
  }
  const auto offsets = read<std::uint64_t>(name + "_offsets");
  const auto bytes = read<std::uint8_t>(name + "_utf8");
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size() ||
      std::adjacent_find(offsets.begin(), offsets.end(), std::greater<>()) != offsets.end())
    fail(path_, "'" + name + "_offsets' does not delimit the bytes of '" + name + "_utf8' (must rise from 0 to " +
                    std::to_string(bytes.size()) + ")");
  std::vector<std::string> values(offsets.size() - 1);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i)
    values[i].assign(reinterpret_cast<const char*>(bytes.data()) + offsets[i], offsets[i + 1] - offsets[i]);
  return values;
}

void Location::set_attribute(const std::string& name, const std::string& value) const {
  std::string text = value;
  if (text.size() > kMaxTextAttribute) {
    const std::string mark = " [... cut: " + std::to_string(value.size()) + " bytes in all]";
    text.resize(kMaxTextAttribute - mark.size());
    text += mark;
  }
  const Object type = fixed_string_type(text.size());
  text.resize(std::max<std::size_t>(text.size(), 1), '\0');
  reserve(space_, text.size());
  write_attribute(id(), path_, name, type.id(), text.data());
}
void Location::set_attribute(const std::string& name, double value) const {
  reserve(space_, sizeof value);
  write_attribute(id(), path_, name, H5T_NATIVE_DOUBLE, &value);
}
void Location::set_attribute(const std::string& name, std::int64_t value) const {
  reserve(space_, sizeof value);
  write_attribute(id(), path_, name, H5T_NATIVE_INT64, &value);
}
void Location::set_attribute(const std::string& name, std::uint64_t value) const {
  reserve(space_, sizeof value);
  write_attribute(id(), path_, name, H5T_NATIVE_UINT64, &value);
}
bool Location::has_attribute(const std::string& name) const { return H5Aexists(id(), name.c_str()) > 0; }

std::vector<std::string> Location::attribute_names() const {
  std::vector<std::string> names;
  auto collect = [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
    static_cast<std::vector<std::string>*>(data)->emplace_back(name);
    return 0;
  };
  hsize_t position = 0;
  // By name: the one index every file has (creation order is tracked only when asked for).
  if (H5Aiterate2(id(), H5_INDEX_NAME, H5_ITER_INC, &position, collect, &names) < 0)
    fail(path_, "cannot list attributes");
  return names;
}

bool Location::is_variable_length_string_attribute(const std::string& name) const {
  if (!has_attribute(name)) return false;
  const Object attr(H5Aopen(id(), name.c_str(), H5P_DEFAULT));
  const Object type(attr.id() < 0 ? -1 : H5Aget_type(attr.id()));
  return type.id() >= 0 && H5Tget_class(type.id()) == H5T_STRING && H5Tis_variable_str(type.id()) > 0;
}

std::string Location::string_attribute(const std::string& name) const {
  const Object attr = open_scalar_attribute(id(), path_, name);
  const Object stored(H5Aget_type(attr.id()));
  if (stored.id() < 0 || H5Tget_class(stored.id()) != H5T_STRING) fail(path_, "attribute '" + name + "' is not text");
  if (H5Tis_variable_str(stored.id()) != 0)
    fail(path_, "attribute '" + name + "' is a variable-length string (a file written before kuchikomi 0.2, or by "
                "h5py from a Python str): libhdf5 cannot read those safely from untrusted files; store it as "
                "fixed-length bytes (numpy.bytes_) or re-create the file with this version");
  const std::size_t size = H5Tget_size(stored.id());
  if (size == 0 || size > kMaxTextAttribute) fail(path_, "attribute '" + name + "' is longer than text attributes may be");
  // Read as stored (no character-set conversion, which HDF5 refuses between ASCII and UTF-8): the
  // buffer is exactly the attribute's size.
  const Object type(H5Tcopy(stored.id()));
  std::string value(size, '\0');
  if (type.id() < 0 || H5Aread(attr.id(), type.id(), value.data()) < 0)
    fail(path_, "cannot read attribute '" + name + "'");
  switch (H5Tget_strpad(stored.id())) {
    case H5T_STR_NULLTERM: value.resize(std::strlen(value.c_str())); break;
    case H5T_STR_SPACEPAD: while (!value.empty() && value.back() == ' ') value.pop_back(); break;
    default: while (!value.empty() && value.back() == '\0') value.pop_back(); break;
  }
  return value;
}

double Location::double_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(id(), path_, name);
  if (n.kind == NumberKind::kSigned) return static_cast<double>(n.i);
  if (n.kind == NumberKind::kUnsigned) return static_cast<double>(n.u);
  return n.d;
}

std::int64_t Location::int_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(id(), path_, name);
  if (n.kind == NumberKind::kFloat) fail(path_, "attribute '" + name + "' is not an integer");
  if (n.kind == NumberKind::kUnsigned && n.u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    fail(path_, "attribute '" + name + "' is too large");
  return n.kind == NumberKind::kSigned ? n.i : static_cast<std::int64_t>(n.u);
}

std::uint64_t Location::uint_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(id(), path_, name);
  if (n.kind == NumberKind::kFloat) fail(path_, "attribute '" + name + "' is not an integer");
  if (n.kind == NumberKind::kSigned && n.i < 0) fail(path_, "attribute '" + name + "' is negative");
  return n.kind == NumberKind::kUnsigned ? n.u : static_cast<std::uint64_t>(n.i);
}

File::~File() = default;

void File::close() {
  if (id() < 0) return;
  // Flushing first makes HDF5 write everything it buffered and tell us if it could not (disk full);
  // the close itself then has nothing left to fail on.
  const bool flushed = H5Fflush(id(), H5F_SCOPE_LOCAL) >= 0;
  haddr_t end = 0;  // HDF5's end of allocation: the file's size (closing only frees space within it)
  const bool measured = H5Fget_eoa(id(), &end) >= 0;
  const bool closed = H5Fclose(object_.release()) >= 0;
  if (!flushed || !closed || !measured) fail(path_, "cannot write output: HDF5 could not write the file (is the disk full?)");
  if (space_) space_->release_unused(end);
}

namespace {

// Writers close every group before the file; "semi" makes a forgotten one an error instead of a
// silently deferred close whose write errors nobody would see.
Object writing_access() {
  Object fapl(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_SEMI);
  return fapl;
}

File adopt_written(hid_t id, AtomicOutput& output, const std::string& name, std::shared_ptr<const RawFile> raw,
                   std::shared_ptr<WriteSpace> space) {
  const std::string destination = output.destination().string();
  File file(Object(check(id, destination, "cannot open the temporary output file with HDF5")), name, std::move(raw),
            std::move(space));
  void* handle = nullptr;
  if (H5Fget_vfd_handle(file.id(), H5P_DEFAULT, &handle) < 0 || !handle ||
      !output.is_temporary(*static_cast<int*>(handle)))
    fail(destination, "cannot write output: the temporary file was replaced while it was being opened");
  return file;
}

}  // namespace

File create_file(AtomicOutput& output) {
  const Object fapl = writing_access();
  auto space = std::make_shared<WriteSpace>(output, 0);
  space->grow(1024 * 1024);  // superblock, root group and the first metadata blocks
  const std::string temporary = output.temporary_path().string();
  return adopt_written(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), output,
                       output.destination().string(), nullptr, std::move(space));
}

File create_file(const std::string& path) {
  const Object fapl = writing_access();
  return File(Object(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), path, "cannot create HDF5 file")),
              path, nullptr);
}

File open_file_for_update(AtomicOutput& output, const std::string& name_for_messages) {
  const Object fapl = writing_access();
  const std::string temporary = output.temporary_path().string();
  auto raw = RawFile::of_path(temporary);  // what the file held before this update, for reading it
  auto space = std::make_shared<WriteSpace>(output, raw->size());
  space->grow(1024 * 1024);
  return adopt_written(H5Fopen(temporary.c_str(), H5F_ACC_RDWR, fapl.id()), output, name_for_messages, std::move(raw),
                       std::move(space));
}

File open_file(const std::string& path) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0) fail(path, "cannot open file (missing or unreadable)");
  if (!S_ISREG(info.st_mode)) fail(path, "not a regular file");
  if (!is_hdf5_file(path)) fail(path, "not an HDF5 file");
  auto raw = RawFile::of_path(path);
  Object file(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path, "cannot open HDF5 file"));
  return File(std::move(file), path, std::move(raw));
}

File open_file_image(std::span<const std::byte> image, const std::string& name) {
  auto raw = RawFile::of_image(image);
  Object fapl(H5Pcreate(H5P_FILE_ACCESS));
  // The core driver serves the file from memory; no backing store is written.
  if (H5Pset_fapl_core(fapl.id(), 64 * 1024, false) < 0 ||
      H5Pset_file_image(fapl.id(), const_cast<std::byte*>(image.data()), image.size()) < 0)
    fail(name, "cannot open the file image");
  Object file(check(H5Fopen(name.c_str(), H5F_ACC_RDONLY, fapl.id()), name, "not an HDF5 file"));
  return File(std::move(file), name, std::move(raw));
}

bool is_hdf5_file(const std::string& path) { return H5Fis_hdf5(path.c_str()) > 0; }

#define KUCHIKOMI_HDF5_INSTANTIATE(T)                                                          \
  template void Location::write<T>(const std::string&, std::span<const T>) const;              \
  template std::vector<T> Location::read<T>(const std::string&) const;                      \
  template void Location::read_into<T>(const std::string&, std::span<T>) const;                \
  template std::uint64_t Location::readable_length<T>(const std::string&) const;
KUCHIKOMI_HDF5_INSTANTIATE(float)
KUCHIKOMI_HDF5_INSTANTIATE(double)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint8_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint64_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int64_t)
#undef KUCHIKOMI_HDF5_INSTANTIATE

}  // namespace kuchikomi::hdf5
