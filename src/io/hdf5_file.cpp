// The HDF5 writer (io/hdf5_file.hpp), on libhdf5. Nothing here reads a file: see io/hdf5_reader.hpp.
#include "kuchikomi/io/hdf5_file.hpp"

#include <hdf5.h>

#include <algorithm>
#include <type_traits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"

namespace kuchikomi::hdf5 {

// Disk space reserved for a file being written: grows ahead of what HDF5 will write. The margins
// bound HDF5's metadata (object headers, group B-trees and heaps, the superblock) generously.
// Disk space reserved for a file being written: grows ahead of what HDF5 will write. Each write
// reserves its data plus a margin for HDF5's metadata about it (object header, group B-tree node,
// local heap and symbol table entries are a few hundred bytes each; the margins are several times
// that). Should a margin still fall short on a full disk, the write fails cleanly (File::close
// reports it, and no exit handler touches the broken file), it just is not caught ahead.
class WriteSpace {
 public:
  static constexpr std::uint64_t kFile = 256 * 1024;     // superblock, root group, first blocks
  static constexpr std::uint64_t kGroup = 16 * 1024;
  static constexpr std::uint64_t kDataset = 8 * 1024;
  static constexpr std::uint64_t kAttribute = 1024;

  WriteSpace(AtomicOutput& output, std::uint64_t already) : output_(output), reserved_(already) {}
  // HDF5 keeps its file as long as the reservation; the file ends at HDF5's end of allocation.
  void release_unused(std::uint64_t used) const { output_.truncate(used); }
  void grow(std::uint64_t bytes, std::uint64_t margin) {
    reserved_ += bytes + margin;
    output_.reserve(reserved_);
  }

 private:
  AtomicOutput& output_;
  std::uint64_t reserved_;
};

namespace {

void reserve(const std::shared_ptr<WriteSpace>& space, std::uint64_t bytes, std::uint64_t margin) {
  if (space) space->grow(bytes, margin);
}

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

Object fixed_string_type(std::size_t size) {
  Object type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.id(), std::max<std::size_t>(size, 1));
  H5Tset_strpad(type.id(), H5T_STR_NULLPAD);
  H5Tset_cset(type.id(), H5T_CSET_UTF8);
  return type;
}

void write_attribute(Handle location, const std::string& path, const std::string& name, hid_t type, const void* value) {
  if (H5Aexists(location, name.c_str()) > 0) H5Adelete(location, name.c_str());
  Object space(H5Screate(H5S_SCALAR));
  Object attr(check(H5Acreate2(location, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), path,
                    "cannot create attribute " + name));
  if (H5Awrite(attr.id(), type, value) < 0) fail(path, "cannot write attribute " + name);
}

}  // namespace

// HDF5 prints error stacks by default; we report our own messages instead. And it registers an
// exit handler that closes what is still open, which crashes (SEGV in H5F__close_cb) on a file whose
// close failed after a write error; every file here is closed explicitly or by its owner, so that
// handler has nothing to do and is not registered. Done on the first file written, not at start-up:
// initialising libhdf5 runs through much of its code and allocates its free lists, which the
// commands that write no HDF5 file (select --json, simulate to CSV, --version) need not pay.
void prepare_library() {
  static const bool prepared = [] {
    H5dont_atexit();
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    return true;
  }();
  (void)prepared;
}

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
  reserve(space_, 0, WriteSpace::kGroup);
  Object g(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_, "cannot create group " + name));
  return Location(std::move(g), path_, space_);
}

template <class T>
void Location::write(const std::string& name, std::span<const T> values) const {
  reserve(space_, values.size_bytes(), WriteSpace::kDataset);
  const hsize_t dims[1] = {values.size()};
  Object space(H5Screate_simple(1, dims, nullptr));
  Object set(check(H5Dcreate2(id(), name.c_str(), native_type<T>(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   path_, "cannot create dataset " + name));
  if (!values.empty() && H5Dwrite(set.id(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(path_, "cannot write dataset " + name);
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

void Location::set_attribute(const std::string& name, const std::string& value) const {
  std::string text = value;
  if (text.size() > kMaxTextAttribute) {
    const std::string mark = " [... cut: " + std::to_string(value.size()) + " bytes in all]";
    text.resize(kMaxTextAttribute - mark.size());
    text += mark;
  }
  const Object type = fixed_string_type(text.size());
  text.resize(std::max<std::size_t>(text.size(), 1), '\0');
  reserve(space_, text.size() + name.size(), WriteSpace::kAttribute);
  write_attribute(id(), path_, name, type.id(), text.data());
}
void Location::set_attribute(const std::string& name, double value) const {
  reserve(space_, sizeof value + name.size(), WriteSpace::kAttribute);
  write_attribute(id(), path_, name, H5T_NATIVE_DOUBLE, &value);
}
void Location::set_attribute(const std::string& name, std::int64_t value) const {
  reserve(space_, sizeof value + name.size(), WriteSpace::kAttribute);
  write_attribute(id(), path_, name, H5T_NATIVE_INT64, &value);
}
void Location::set_attribute(const std::string& name, std::uint64_t value) const {
  reserve(space_, sizeof value + name.size(), WriteSpace::kAttribute);
  write_attribute(id(), path_, name, H5T_NATIVE_UINT64, &value);
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
  prepare_library();
  Object fapl(H5Pcreate(H5P_FILE_ACCESS));
  H5Pset_fclose_degree(fapl.id(), H5F_CLOSE_SEMI);
  return fapl;
}

File adopt_written(hid_t id, AtomicOutput& output, const std::string& name, std::shared_ptr<WriteSpace> space) {
  const std::string destination = output.destination().string();
  File file(Object(check(id, destination, "cannot open the temporary output file with HDF5")), name, std::move(space));
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
  space->grow(0, WriteSpace::kFile);
  const std::string temporary = output.temporary_path().string();
  return adopt_written(H5Fcreate(temporary.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), output,
                       output.destination().string(), std::move(space));
}

File create_file(const std::string& path) {
  const Object fapl = writing_access();
  return File(Object(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()), path, "cannot create HDF5 file")),
              path, nullptr);
}

#define KUCHIKOMI_HDF5_INSTANTIATE(T) template void Location::write<T>(const std::string&, std::span<const T>) const;
KUCHIKOMI_HDF5_INSTANTIATE(float)
KUCHIKOMI_HDF5_INSTANTIATE(double)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint8_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint64_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int64_t)
#undef KUCHIKOMI_HDF5_INSTANTIATE

}  // namespace kuchikomi::hdf5
