#include "kuchikomi/io/hdf5_file.hpp"

#include <hdf5.h>

#include <cstring>
#include <fstream>
#include <type_traits>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::hdf5 {
namespace {

// HDF5 prints error stacks by default; we report our own messages instead.
struct SilenceHdf5 {
  SilenceHdf5() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }
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

Object string_type() {
  Object type(H5Tcopy(H5T_C_S1));
  H5Tset_size(type.id(), H5T_VARIABLE);
  H5Tset_cset(type.id(), H5T_CSET_UTF8);
  return type;
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
  Object g(check(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_, "cannot create group " + name));
  return Location(std::move(g), path_);
}

Location Location::open_group(const std::string& name) const {
  Object g(check(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), path_, "missing group '" + name + "'"));
  return Location(std::move(g), path_);
}

bool Location::has(const std::string& name) const { return H5Lexists(id(), name.c_str(), H5P_DEFAULT) > 0; }

template <class T>
void Location::write(const std::string& name, std::span<const T> values) const {
  const hsize_t dims[1] = {values.size()};
  Object space(H5Screate_simple(1, dims, nullptr));
  Object set(check(H5Dcreate2(id(), name.c_str(), native_type<T>(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                   path_, "cannot create dataset " + name));
  if (!values.empty() && H5Dwrite(set.id(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(path_, "cannot write dataset " + name);
}

std::uint64_t Location::length(const std::string& name) const {
  Object set(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), path_, "missing dataset '" + name + "'"));
  Object space(H5Dget_space(set.id()));
  if (H5Sget_simple_extent_ndims(space.id()) != 1) fail(path_, "dataset '" + name + "' is not one-dimensional");
  hsize_t dims[1] = {0};
  H5Sget_simple_extent_dims(space.id(), dims, nullptr);
  return dims[0];
}

template <class T>
std::vector<T> Location::read(const std::string& name) const {
  std::vector<T> values(length(name));
  Object set(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), path_, "missing dataset '" + name + "'"));
  if (!values.empty() && H5Dread(set.id(), native_type<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()) < 0)
    fail(path_, "cannot read dataset '" + name + "' as the expected type");
  return values;
}

void Location::write_strings(const std::string& name, const std::vector<std::string>& values) const {
  std::vector<const char*> pointers(values.size());
  for (std::size_t i = 0; i < values.size(); ++i) pointers[i] = values[i].c_str();
  const hsize_t dims[1] = {values.size()};
  Object space(H5Screate_simple(1, dims, nullptr));
  Object type = string_type();
  Object set(check(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), path_,
                   "cannot create dataset " + name));
  if (!values.empty() && H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
    fail(path_, "cannot write dataset " + name);
}

std::vector<std::string> Location::read_strings(const std::string& name) const {
  const auto n = length(name);
  Object set(check(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), path_, "missing dataset '" + name + "'"));
  Object type = string_type();
  std::vector<char*> pointers(n, nullptr);
  if (n > 0 && H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()) < 0)
    fail(path_, "cannot read dataset '" + name + "' as strings");
  std::vector<std::string> values(n);
  for (std::size_t i = 0; i < n; ++i) values[i] = pointers[i] ? pointers[i] : "";
  if (n > 0) {
    Object space(H5Dget_space(set.id()));
    H5Dvlen_reclaim(type.id(), space.id(), H5P_DEFAULT, pointers.data());
  }
  return values;
}

namespace {
void write_attribute(Handle location, const std::string& path, const std::string& name, hid_t type, const void* value) {
  if (H5Aexists(location, name.c_str()) > 0) H5Adelete(location, name.c_str());
  Object space(H5Screate(H5S_SCALAR));
  Object attr(check(H5Acreate2(location, name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT), path,
                    "cannot create attribute " + name));
  if (H5Awrite(attr.id(), type, value) < 0) fail(path, "cannot write attribute " + name);
}
}  // namespace

void Location::set_attribute(const std::string& name, const std::string& value) const {
  Object type = string_type();
  const char* pointer = value.c_str();
  write_attribute(id(), path_, name, type.id(), &pointer);
}
void Location::set_attribute(const std::string& name, double value) const {
  write_attribute(id(), path_, name, H5T_NATIVE_DOUBLE, &value);
}
void Location::set_attribute(const std::string& name, std::int64_t value) const {
  write_attribute(id(), path_, name, H5T_NATIVE_INT64, &value);
}
void Location::set_attribute(const std::string& name, std::uint64_t value) const {
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

std::string Location::string_attribute(const std::string& name) const {
  Object attr(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), path_, "missing attribute '" + name + "'"));
  Object stored(H5Aget_type(attr.id()));
  if (H5Tget_class(stored.id()) != H5T_STRING) fail(path_, "attribute '" + name + "' is not a string");
  if (H5Tis_variable_str(stored.id()) > 0) {
    Object type = string_type();
    char* pointer = nullptr;
    if (H5Aread(attr.id(), type.id(), &pointer) < 0) fail(path_, "cannot read attribute " + name);
    std::string value = pointer ? pointer : "";
    H5free_memory(pointer);
    return value;
  }
  // Fixed-length strings (as some h5py writers make them).
  std::string value(H5Tget_size(stored.id()), '\0');
  if (H5Aread(attr.id(), stored.id(), value.data()) < 0) fail(path_, "cannot read attribute " + name);
  value.resize(std::strlen(value.c_str()));
  return value;
}

double Location::double_attribute(const std::string& name) const {
  Object attr(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), path_, "missing attribute '" + name + "'"));
  double value = 0;
  if (H5Aread(attr.id(), H5T_NATIVE_DOUBLE, &value) < 0) fail(path_, "attribute '" + name + "' is not a number");
  return value;
}

std::int64_t Location::int_attribute(const std::string& name) const {
  Object attr(check(H5Aopen(id(), name.c_str(), H5P_DEFAULT), path_, "missing attribute '" + name + "'"));
  std::int64_t value = 0;
  if (H5Aread(attr.id(), H5T_NATIVE_INT64, &value) < 0) fail(path_, "attribute '" + name + "' is not an integer");
  return value;
}

Location create_file(const std::string& path) {
  Object file(check(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), path, "cannot create HDF5 file"));
  return Location(std::move(file), path);
}

Location open_file(const std::string& path) {
  if (!std::ifstream(path)) fail(path, "cannot open file (missing or unreadable)");
  if (!is_hdf5_file(path)) fail(path, "not an HDF5 file");
  Object file(check(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path, "cannot open HDF5 file"));
  return Location(std::move(file), path);
}

bool is_hdf5_file(const std::string& path) { return H5Fis_hdf5(path.c_str()) > 0; }

#define KUCHIKOMI_HDF5_INSTANTIATE(T)                                                          \
  template void Location::write<T>(const std::string&, std::span<const T>) const;              \
  template std::vector<T> Location::read<T>(const std::string&) const;
KUCHIKOMI_HDF5_INSTANTIATE(float)
KUCHIKOMI_HDF5_INSTANTIATE(double)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint8_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint64_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int64_t)
#undef KUCHIKOMI_HDF5_INSTANTIATE

}  // namespace kuchikomi::hdf5
