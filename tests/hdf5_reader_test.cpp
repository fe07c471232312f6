// kuchikomi's own HDF5 reader (io/hdf5_reader.hpp) against libhdf5, on files that libhdf5 (here,
// through its C API) and h5py write: every number type in both byte orders read as every element
// type kuchikomi uses gives byte for byte what H5Dread/H5Aread give; scalar and 1-D, compact and
// contiguous, empty; text attributes of every padding; many attributes (continuation blocks in
// version 1 and 2 object headers); groups of thousands of members (multi-level B-trees) and
// nested, old- and new-style groups; h5py's defaults. Then what is refused, with messages naming
// the file, and hand-broken structures (B-tree and continuation cycles, checksums, truncation)
// that must be refused rather than followed.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "support/errors.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;
using hdf5::Object;

class Hdf5Reader : public support::ScratchTest {
 protected:
  std::string bytes_of(const std::string& name) const { return support::slurp(path(name)); }
  void put_bytes(const std::string& name, const std::string& bytes) const {
    std::ofstream(path(name), std::ios::binary) << bytes;
  }
};

using support::expect_input_error;

// ---- Writing test files with the C API ------------------------------------------------------------

enum class Libver { kEarliest, kLatest };

// A file in the old format (superblock 0, version 1 object headers, B-tree groups) or the newest
// (superblock 3, version 2 headers, link messages). In the newest, links and attributes stay in
// the object header up to 4000 of them (they would move to a fractal heap after 8 by default).
Object create(const std::string& file_path, Libver libver) {
  kuchikomi::hdf5::prepare_library();
  const Object fapl(H5Pcreate(H5P_FILE_ACCESS)), fcpl(H5Pcreate(H5P_FILE_CREATE));
  if (libver == Libver::kLatest) {
    H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    H5Pset_link_phase_change(fcpl.id(), 4000, 3999);
    H5Pset_attr_phase_change(fcpl.id(), 4000, 3999);
  }
  return Object(H5Fcreate(file_path.c_str(), H5F_ACC_TRUNC, fcpl.id(), fapl.id()));
}

Object create_group(hid_t parent, const std::string& name, Libver libver) {
  const Object gcpl(H5Pcreate(H5P_GROUP_CREATE));
  if (libver == Libver::kLatest) {
    H5Pset_link_phase_change(gcpl.id(), 4000, 3999);
    H5Pset_attr_phase_change(gcpl.id(), 4000, 3999);
  }
  return Object(H5Gcreate2(parent, name.c_str(), H5P_DEFAULT, gcpl.id(), H5P_DEFAULT));
}

void write_dataset(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type, std::size_t count,
                   const void* values, bool compact = false) {
  const hsize_t dims[1] = {count};
  const Object space(H5Screate_simple(1, dims, nullptr));
  const Object dcpl(H5Pcreate(H5P_DATASET_CREATE));
  if (compact) H5Pset_layout(dcpl.id(), H5D_COMPACT);
  const Object set(H5Dcreate2(parent, name.c_str(), file_type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT));
  ASSERT_GE(set.id(), 0) << name;
  if (count > 0) { ASSERT_GE(H5Dwrite(set.id(), memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values), 0) << name; }
}

void write_attribute(hid_t parent, const std::string& name, hid_t file_type, hid_t memory_type, const void* value,
                     hid_t space = -1) {
  const Object scalar(H5Screate(H5S_SCALAR));
  const Object attr(H5Acreate2(parent, name.c_str(), file_type, space >= 0 ? space : scalar.id(), H5P_DEFAULT, H5P_DEFAULT));
  ASSERT_GE(attr.id(), 0) << name;
  ASSERT_GE(H5Awrite(attr.id(), memory_type, value), 0) << name;
}

struct StoredType {
  std::string name;
  hid_t type;
  bool is_float;
};

std::vector<StoredType> stored_types() {
  return {{"i8le", H5T_STD_I8LE, false},   {"i8be", H5T_STD_I8BE, false},   {"u8le", H5T_STD_U8LE, false},
          {"u8be", H5T_STD_U8BE, false},   {"i16le", H5T_STD_I16LE, false}, {"i16be", H5T_STD_I16BE, false},
          {"u16le", H5T_STD_U16LE, false}, {"u16be", H5T_STD_U16BE, false}, {"i32le", H5T_STD_I32LE, false},
          {"i32be", H5T_STD_I32BE, false}, {"u32le", H5T_STD_U32LE, false}, {"u32be", H5T_STD_U32BE, false},
          {"i64le", H5T_STD_I64LE, false}, {"i64be", H5T_STD_I64BE, false}, {"u64le", H5T_STD_U64LE, false},
          {"u64be", H5T_STD_U64BE, false}, {"f32le", H5T_IEEE_F32LE, true}, {"f32be", H5T_IEEE_F32BE, true},
          {"f64le", H5T_IEEE_F64LE, true}, {"f64be", H5T_IEEE_F64BE, true}};
}

// Values at every width's edges; libhdf5 saturates them into each stored type as it writes.
const std::vector<std::int64_t> kSignedValues = {0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768,
                                                 -32769, 65535, 65536, 2147483647, 2147483648LL, -2147483648LL,
                                                 -2147483649LL, 4294967295LL, 4294967296LL, 9007199254740993LL,
                                                 std::numeric_limits<std::int64_t>::max(),
                                                 std::numeric_limits<std::int64_t>::min()};
const std::vector<std::uint64_t> kUnsignedValues = {0, 1, 255, 65535, 4294967295u, 9223372036854775807u,
                                                    9223372036854775808u, 18446744073709551615u, 9007199254740993u};
const std::vector<double> kFloatValues = {0.0, -0.0, 1.0, -1.5, 0.1, 1e-310, 1e-45, 3.4028234663852886e38,
                                          3.4028235677973366e38, 1e39, -1e39, 1e300, 16777217.0, 9007199254740993.0,
                                          std::numeric_limits<double>::infinity(),
                                          -std::numeric_limits<double>::infinity(),
                                          std::numeric_limits<double>::quiet_NaN()};

template <class T>
hid_t native() {
  if constexpr (std::is_same_v<T, float>) return H5T_NATIVE_FLOAT;
  else if constexpr (std::is_same_v<T, double>) return H5T_NATIVE_DOUBLE;
  else if constexpr (std::is_same_v<T, std::uint8_t>) return H5T_NATIVE_UINT8;
  else if constexpr (std::is_same_v<T, std::uint32_t>) return H5T_NATIVE_UINT32;
  else if constexpr (std::is_same_v<T, std::int32_t>) return H5T_NATIVE_INT32;
  else if constexpr (std::is_same_v<T, std::uint64_t>) return H5T_NATIVE_UINT64;
  else return H5T_NATIVE_INT64;
}

std::string little_endian_twin(const std::string& name) {
  std::string twin = name;
  if (const auto at = twin.find("be"); at != std::string::npos) twin.replace(at, 2, "le");
  return twin;
}

hid_t little_endian_type(const StoredType& t) {
  for (const auto& other : stored_types())
    if (other.name == little_endian_twin(t.name)) return other.type;
  return -1;
}

// Every stored type twice (from signed and from unsigned or float values), in `group`. Big-endian
// datasets hold the same numbers as their little-endian twins: they are written from the twin's
// bytes (a pure byte swap; libhdf5's own conversion into big-endian types is not trusted, below).
void write_number_datasets(hid_t group, bool compact) {
  const auto types = stored_types();
  for (const auto& t : types) {
    if (t.name.find("le") == std::string::npos) continue;
    if (t.is_float) {
      write_dataset(group, t.name, t.type, H5T_NATIVE_DOUBLE, kFloatValues.size(), kFloatValues.data(), compact);
    } else {
      write_dataset(group, t.name, t.type, H5T_NATIVE_INT64, kSignedValues.size(), kSignedValues.data(), compact);
      write_dataset(group, t.name + "_big", t.type, H5T_NATIVE_UINT64, kUnsignedValues.size(), kUnsignedValues.data(),
                    compact);
    }
  }
  for (const auto& t : types) {
    if (t.name.find("be") == std::string::npos) continue;
    for (const std::string& name : t.is_float ? std::vector<std::string>{t.name} : std::vector<std::string>{t.name, t.name + "_big"}) {
      const Object twin(H5Dopen2(group, little_endian_twin(name).c_str(), H5P_DEFAULT));
      const Object space(H5Dget_space(twin.id()));
      const auto count = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id()));
      std::vector<std::byte> bytes(count * H5Tget_size(t.type));
      H5Dread(twin.id(), little_endian_type(t), H5S_ALL, H5S_ALL, H5P_DEFAULT, bytes.data());
      write_dataset(group, name, t.type, little_endian_type(t), count, bytes.data(), compact);
    }
  }
}

// What libhdf5 reads from dataset `name` of `group` as T.
template <class T>
std::vector<T> libhdf5_read(hid_t group, const std::string& name) {
  const Object set(H5Dopen2(group, name.c_str(), H5P_DEFAULT));
  const Object space(H5Dget_space(set.id()));
  std::vector<T> values(static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id())));
  if (!values.empty()) { EXPECT_GE(H5Dread(set.id(), native<T>(), H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0); }
  return values;
}

// Equal bit for bit (so -0 differs from 0), except that any NaN equals any NaN: libhdf5 sets every
// mantissa bit of a NaN it converts between byte orders, a plain conversion keeps the payload.
template <class T>
bool same_values(const std::vector<T>& a, const std::vector<T>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if constexpr (std::is_floating_point_v<T>)
      if (std::isnan(a[i]) && std::isnan(b[i])) continue;
    if (std::memcmp(&a[i], &b[i], sizeof(T)) != 0) return false;
  }
  return true;
}

// libhdf5 1.10 converts big-endian numbers differently from little-endian ones: an integer to a
// native one of the same size but the other sign by swapping bytes only (-1 becomes 4294967295,
// not 0, where little-endian input saturates), and floats through a slower path that rounds
// 3.4028235677973366e38 to 1.7e38 instead of infinity. kuchikomi converts both byte orders the
// same way, so the truth for a big-endian dataset is libhdf5's reading of its little-endian twin
// (the same numbers, checked byte for byte here); read as its own type it must also equal
// libhdf5's reading of the big-endian data itself (a plain byte swap).
template <class T>
void expect_same_as_libhdf5(hid_t group, const hdf5::Group& ours, const StoredType& stored, const std::string& name) {
  SCOPED_TRACE(name + " as " + typeid(T).name());
  if (stored.is_float && !std::is_floating_point_v<T>) {
    expect_input_error([&] { ours.read<T>(name); }, ours.path(), "does not hold integers");
    return;
  }
  const std::vector<T> expected = libhdf5_read<T>(group, little_endian_twin(name));
  const std::vector<T> got = ours.read<T>(name);
  ASSERT_EQ(got.size(), expected.size());
  EXPECT_TRUE(same_values(got, expected)) << ::testing::PrintToString(got) << " vs " << ::testing::PrintToString(expected);
  std::vector<T> into(got.size());
  ours.read_into(name, std::span<T>(into));
  EXPECT_TRUE(same_values(into, expected));
  EXPECT_EQ(ours.readable_length<T>(name), expected.size());
  const bool own_type = H5Tget_size(stored.type) == sizeof(T) && std::is_floating_point_v<T> == stored.is_float &&
                        (stored.is_float || (H5Tget_sign(stored.type) == H5T_SGN_2) == std::is_signed_v<T>);
  if (own_type) { EXPECT_TRUE(same_values(got, libhdf5_read<T>(group, name))); }
}

void expect_group_same_as_libhdf5(hid_t group, const hdf5::Group& ours) {
  for (const auto& t : stored_types())
    for (const std::string& name : t.is_float ? std::vector<std::string>{t.name} : std::vector<std::string>{t.name, t.name + "_big"}) {
      if (name != little_endian_twin(name)) {  // the twins hold the same numbers
        const hid_t little = little_endian_type(t);
        const Object a(H5Dopen2(group, name.c_str(), H5P_DEFAULT)), b(H5Dopen2(group, little_endian_twin(name).c_str(), H5P_DEFAULT));
        const Object space(H5Dget_space(a.id()));
        const auto bytes = static_cast<std::size_t>(H5Sget_simple_extent_npoints(space.id())) * H5Tget_size(little);
        std::vector<char> x(bytes), y(bytes);
        H5Dread(a.id(), little, H5S_ALL, H5S_ALL, H5P_DEFAULT, x.data());
        H5Dread(b.id(), little, H5S_ALL, H5S_ALL, H5P_DEFAULT, y.data());
        ASSERT_EQ(x, y) << name;
      }
      expect_same_as_libhdf5<float>(group, ours, t, name);
      expect_same_as_libhdf5<double>(group, ours, t, name);
      expect_same_as_libhdf5<std::uint8_t>(group, ours, t, name);
      expect_same_as_libhdf5<std::uint32_t>(group, ours, t, name);
      expect_same_as_libhdf5<std::int32_t>(group, ours, t, name);
      expect_same_as_libhdf5<std::uint64_t>(group, ours, t, name);
      expect_same_as_libhdf5<std::int64_t>(group, ours, t, name);
    }
}

class Hdf5ReaderFormats : public Hdf5Reader, public ::testing::WithParamInterface<Libver> {};

TEST_P(Hdf5ReaderFormats, EveryNumberTypeReadsAsLibhdf5ConvertsIt) {
  {
    const Object file = create(path("n.h5"), GetParam());
    write_number_datasets(create_group(file.id(), "contiguous", GetParam()).id(), false);
    write_number_datasets(create_group(file.id(), "compact", GetParam()).id(), true);
  }
  const Object file(H5Fopen(path("n.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));  // our own file: libhdf5 reads it
  const hdf5::Group ours = hdf5::open_file(path("n.h5"));
  for (const std::string group : {"contiguous", "compact"}) {
    SCOPED_TRACE(group);
    const Object g(H5Gopen2(file.id(), group.c_str(), H5P_DEFAULT));
    expect_group_same_as_libhdf5(g.id(), ours.open_group(group));
  }
  // A few of them by hand: the conversions are libhdf5's (saturating integers, float overflow to inf).
  const hdf5::Group c = ours.open_group("contiguous");
  EXPECT_EQ(c.read<std::int64_t>("i16be")[6], -129);
  EXPECT_EQ(c.read<std::int64_t>("i8be")[6], -128);              // -129 saturated when written
  EXPECT_EQ(c.read<std::uint32_t>("u64be_big")[7], 4294967295u);  // 2^64-1 saturates
  EXPECT_EQ(c.read<std::uint8_t>("i32le")[2], 0u);                // -1 saturates at 0
  EXPECT_EQ(c.read<std::uint32_t>("i32be")[2], 0u);               // also from big-endian (not libhdf5)
  EXPECT_EQ(c.read<float>("f64be")[9], std::numeric_limits<float>::infinity());  // 1e39
  EXPECT_EQ(c.read<double>("u64le_big")[7], 18446744073709551615.0);
}

TEST_P(Hdf5ReaderFormats, EveryNumberAttributeReadsAsLibhdf5ConvertsIt) {
  {
    const Object file = create(path("a.h5"), GetParam());
    for (const auto& t : stored_types()) {
      if (t.is_float) {
        for (std::size_t i = 0; i < kFloatValues.size(); ++i)
          write_attribute(file.id(), t.name + "_" + std::to_string(i), t.type, H5T_NATIVE_DOUBLE, &kFloatValues[i]);
      } else {
        for (std::size_t i = 0; i < kSignedValues.size(); ++i)
          write_attribute(file.id(), t.name + "_s" + std::to_string(i), t.type, H5T_NATIVE_INT64, &kSignedValues[i]);
        for (std::size_t i = 0; i < kUnsignedValues.size(); ++i)
          write_attribute(file.id(), t.name + "_u" + std::to_string(i), t.type, H5T_NATIVE_UINT64, &kUnsignedValues[i]);
      }
    }
  }
  // Several hundred attributes: the object header continues in further blocks.
  const Object file(H5Fopen(path("a.h5").c_str(), H5F_ACC_RDONLY, H5P_DEFAULT));
  const hdf5::Group ours = hdf5::open_file(path("a.h5"));
  std::vector<std::string> names;
  hsize_t at = 0;
  H5Aiterate2(file.id(), H5_INDEX_NAME, H5_ITER_INC, &at,
              [](hid_t, const char* name, const H5A_info_t*, void* data) -> herr_t {
                static_cast<std::vector<std::string>*>(data)->push_back(name);
                return 0;
              },
              &names);
  ASSERT_GT(names.size(), 500u);
  ASSERT_EQ(ours.attribute_names(), names);
  for (const std::string& name : names) {
    SCOPED_TRACE(name);
    const Object attr(H5Aopen(file.id(), name.c_str(), H5P_DEFAULT));
    const Object type(H5Aget_type(attr.id()));
    double d = 0;
    H5Aread(attr.id(), H5T_NATIVE_DOUBLE, &d);
    EXPECT_TRUE(same_values(std::vector<double>{ours.double_attribute(name)}, std::vector<double>{d})) << d;
    if (H5Tget_class(type.id()) == H5T_FLOAT) {
      expect_input_error([&] { ours.int_attribute(name); }, path("a.h5"), "is not an integer");
      continue;
    }
    std::int64_t i = 0;
    std::uint64_t u = 0;
    H5Aread(attr.id(), H5T_NATIVE_INT64, &i);
    H5Aread(attr.id(), H5T_NATIVE_UINT64, &u);
    const bool is_signed = H5Tget_sign(type.id()) == H5T_SGN_2;
    if (is_signed && i < 0) expect_input_error([&] { ours.uint_attribute(name); }, path("a.h5"), "is negative");
    else EXPECT_EQ(ours.uint_attribute(name), u);
    if (!is_signed && u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
      expect_input_error([&] { ours.int_attribute(name); }, path("a.h5"), "is too large");
    else EXPECT_EQ(ours.int_attribute(name), i);
    expect_input_error([&] { ours.string_attribute(name); }, path("a.h5"), "is not text");
  }
}

TEST_P(Hdf5ReaderFormats, TextAttributesOfEveryPaddingAndCharacterSet) {
  struct Case {
    const char* name;
    H5T_str_t pad;
    H5T_cset_t cset;
    std::string stored, expected;
  };
  const std::vector<Case> cases = {
      {"term_ascii", H5T_STR_NULLTERM, H5T_CSET_ASCII, std::string("ab c\0zz ", 8), "ab c"},
      {"pad_utf8", H5T_STR_NULLPAD, H5T_CSET_UTF8, std::string("\xe5\x8f\xa3 \0\0\0", 7), "\xe5\x8f\xa3 "},
      {"space_ascii", H5T_STR_SPACEPAD, H5T_CSET_ASCII, "ab c    ", "ab c"},
      {"full_pad", H5T_STR_NULLPAD, H5T_CSET_ASCII, "exactly8", "exactly8"},
      {"inner_nul_pad", H5T_STR_NULLPAD, H5T_CSET_ASCII, std::string("a\0b\0", 4), std::string("a\0b", 3)},
  };
  {
    const Object file = create(path("t.h5"), GetParam());
    for (const auto& c : cases) {
      const Object type(H5Tcopy(H5T_C_S1));
      H5Tset_size(type.id(), c.stored.size());
      H5Tset_strpad(type.id(), c.pad);
      H5Tset_cset(type.id(), c.cset);
      write_attribute(file.id(), c.name, type.id(), type.id(), c.stored.data());
    }
    const Object vlen(H5Tcopy(H5T_C_S1));
    H5Tset_size(vlen.id(), H5T_VARIABLE);
    const char* text = "variable";
    write_attribute(file.id(), "vlen", vlen.id(), vlen.id(), &text);
    const std::uint64_t one = 1, three[3] = {1, 2, 3};
    const hsize_t dims1[1] = {1}, dims3[1] = {3}, dims11[2] = {1, 1};
    const Object s1(H5Screate_simple(1, dims1, nullptr)), s3(H5Screate_simple(1, dims3, nullptr)),
        s11(H5Screate_simple(2, dims11, nullptr)), null(H5Screate(H5S_NULL));
    write_attribute(file.id(), "one_of_one", H5T_STD_U64LE, H5T_NATIVE_UINT64, &one, s1.id());
    write_attribute(file.id(), "one_of_1x1", H5T_STD_U64LE, H5T_NATIVE_UINT64, &one, s11.id());
    write_attribute(file.id(), "three", H5T_STD_U64LE, H5T_NATIVE_UINT64, three, s3.id());
    write_attribute(file.id(), "none", H5T_STD_U64LE, H5T_NATIVE_UINT64, &one, null.id());
    const Object compound(H5Tcreate(H5T_COMPOUND, 8));
    H5Tinsert(compound.id(), "x", 0, H5T_NATIVE_INT32);
    H5Tinsert(compound.id(), "y", 4, H5T_NATIVE_INT32);
    const std::int32_t pair[2] = {1, 2};
    write_attribute(file.id(), "compound", compound.id(), compound.id(), pair);
    const Object enumeration(H5Tenum_create(H5T_NATIVE_INT32));
    const std::int32_t zero = 0;
    H5Tenum_insert(enumeration.id(), "zero", &zero);
    write_attribute(file.id(), "enum", enumeration.id(), enumeration.id(), &zero);
    const Object odd(H5Tcopy(H5T_STD_I16LE));  // 12 of 16 bits used: not a standard integer
    H5Tset_precision(odd.id(), 12);
    const std::int16_t small = 5;
    write_attribute(file.id(), "odd_int", odd.id(), H5T_NATIVE_INT16, &small);
  }
  const hdf5::Group f = hdf5::open_file(path("t.h5"));
  for (const auto& c : cases) {
    EXPECT_EQ(f.string_attribute(c.name), c.expected) << c.name;
    EXPECT_FALSE(f.is_variable_length_string_attribute(c.name));
  }
  EXPECT_TRUE(f.is_variable_length_string_attribute("vlen"));
  EXPECT_FALSE(f.is_variable_length_string_attribute("missing"));
  expect_input_error([&] { f.string_attribute("vlen"); }, path("t.h5"), "'vlen' is a variable-length string");
  EXPECT_EQ(f.uint_attribute("one_of_one"), 1u);
  EXPECT_EQ(f.uint_attribute("one_of_1x1"), 1u);
  expect_input_error([&] { f.uint_attribute("three"); }, path("t.h5"), "'three' must hold a single value");
  expect_input_error([&] { f.uint_attribute("none"); }, path("t.h5"), "'none' must hold a single value");
  expect_input_error([&] { f.double_attribute("compound"); }, path("t.h5"), "'compound' is not a number");
  expect_input_error([&] { f.string_attribute("compound"); }, path("t.h5"), "'compound' is not text");
  expect_input_error([&] { f.int_attribute("enum"); }, path("t.h5"), "'enum' is not a number");
  expect_input_error([&] { f.int_attribute("odd_int"); }, path("t.h5"), "'odd_int' is not a number");
  expect_input_error([&] { f.int_attribute("missing"); }, path("t.h5"), "missing attribute 'missing'");
  EXPECT_TRUE(f.has_attribute("compound"));
  EXPECT_FALSE(f.has_attribute("missing"));
}

// Thousands of members: old-style groups need several B-tree levels (8 links per symbol node, 32
// children per B-tree node), new-style ones many header continuation blocks (600 there: libhdf5
// takes quadratic time to add links to one header).
TEST_P(Hdf5ReaderFormats, GroupsWithThousandsOfMembersAndNestedGroups) {
  const int kMembers = GetParam() == Libver::kEarliest ? 3000 : 600;
  std::set<std::string> expected;
  {
    const Object file = create(path("g.h5"), GetParam());
    const Object many = create_group(file.id(), "many", GetParam());
    for (int i = 0; i < kMembers; ++i) {
      const std::string name = (i % 2 ? "set" : "group") + std::to_string(i);
      expected.insert(name);
      const std::int64_t value = i;
      if (i % 2) {
        write_dataset(many.id(), name, H5T_STD_I64LE, H5T_NATIVE_INT64, 1, &value);
      } else {
        const Object g = create_group(many.id(), name, GetParam());
        write_attribute(g.id(), "i", H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
      }
    }
    Object level = create_group(file.id(), "a", GetParam());
    for (const char* name : {"b", "c", "d", "e"}) level = create_group(level.id(), name, GetParam());
    const double pi = 3.25;
    write_dataset(level.id(), "deep", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1, &pi);
  }
  if (GetParam() == Libver::kLatest) { EXPECT_GT(support::occurrences(bytes_of("g.h5"), "OCHK"), 5u); }
  const hdf5::Group f = hdf5::open_file(path("g.h5"));
  EXPECT_EQ(f.names(), (std::vector<std::string>{"a", "many"}));
  const hdf5::Group many = f.open_group("many");
  const std::vector<std::string> names = many.names();
  EXPECT_EQ(std::set<std::string>(names.begin(), names.end()), expected);
  EXPECT_EQ(names.size(), static_cast<std::size_t>(kMembers));
  for (int i = 0; i < kMembers; i += 7) {
    const std::string name = (i % 2 ? "set" : "group") + std::to_string(i);
    ASSERT_TRUE(many.has(name)) << name;
    if (i % 2) EXPECT_EQ(many.read<std::int64_t>(name), std::vector<std::int64_t>{i});
    else EXPECT_EQ(many.open_group(name).int_attribute("i"), i);
  }
  EXPECT_FALSE(many.has("group1"));
  EXPECT_FALSE(many.has("many/group0"));  // one component only
  expect_input_error([&] { many.open_group("set1"); }, path("g.h5"), "'set1' is not a group");
  expect_input_error([&] { many.read<double>("group0"); }, path("g.h5"), "'group0' is not a dataset");
  expect_input_error([&] { many.open_group("nothing"); }, path("g.h5"), "missing group 'nothing'");
  expect_input_error([&] { many.read<double>("nothing"); }, path("g.h5"), "missing dataset 'nothing'");
  const hdf5::Group e = f.open_group("a").open_group("b").open_group("c").open_group("d").open_group("e");
  EXPECT_EQ(e.read<double>("deep"), std::vector<double>{3.25});
}

TEST_P(Hdf5ReaderFormats, EmptyScalarAndLegacyStringDatasets) {
  {
    const Object file = create(path("e.h5"), GetParam());
    write_dataset(file.id(), "empty", H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, 0, nullptr);
    write_dataset(file.id(), "empty_compact", H5T_STD_U32BE, H5T_NATIVE_UINT32, 0, nullptr, true);
    const Object scalar(H5Screate(H5S_SCALAR));
    const double one = 1;
    const Object set(H5Dcreate2(file.id(), "scalar", H5T_IEEE_F64LE, scalar.id(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Dwrite(set.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, &one);
    const Object vlen(H5Tcopy(H5T_C_S1));
    H5Tset_size(vlen.id(), H5T_VARIABLE);
    H5Tset_cset(vlen.id(), H5T_CSET_UTF8);
    const std::vector<const char*> texts = {"alice", "", "\xe5\x8f\xa3\xe3\x82\xb3\xe3\x83\x9f", "bob"};
    write_dataset(file.id(), "label", vlen.id(), vlen.id(), texts.size(), texts.data());
    write_dataset(file.id(), "label_compact", vlen.id(), vlen.id(), texts.size(), texts.data(), true);
    write_dataset(file.id(), "no_labels", vlen.id(), vlen.id(), 0, nullptr);
  }
  const hdf5::Group f = hdf5::open_file(path("e.h5"));
  EXPECT_TRUE(f.read<double>("empty").empty());
  EXPECT_EQ(f.length("empty"), 0u);
  EXPECT_TRUE(f.read<std::uint32_t>("empty_compact").empty());
  expect_input_error([&] { f.read<double>("scalar"); }, path("e.h5"), "'scalar' is not a one-dimensional array");
  const std::vector<std::string> labels = {"alice", "", "\xe5\x8f\xa3\xe3\x82\xb3\xe3\x83\x9f", "bob"};
  EXPECT_EQ(f.read_strings("label"), labels);
  EXPECT_EQ(f.read_strings("label_compact"), labels);
  EXPECT_EQ(f.strings_length("label"), 4u);
  EXPECT_TRUE(f.read_strings("no_labels").empty());
  expect_input_error([&] { f.read_strings("empty"); }, path("e.h5"), "'empty' is not a list of strings");
  // From memory too (the fuzzers' way in).
  const std::string bytes = bytes_of("e.h5");
  const auto image = hdf5::open_file_image({reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()}, "mem.h5");
  EXPECT_EQ(image.read_strings("label"), labels);
}

INSTANTIATE_TEST_SUITE_P(OldAndNewFormat, Hdf5ReaderFormats, ::testing::Values(Libver::kEarliest, Libver::kLatest),
                         [](const auto& param_info) { return param_info.param == Libver::kEarliest ? "Earliest" : "Latest"; });

// What kuchikomi's own writer produces reads back exactly (string lists, every attribute kind).
TEST_F(Hdf5Reader, WriterOutputReadsBack) {
  const std::vector<std::string> texts = {"a", "", "long text \xe2\x9c\x93", std::string(1000, 'x')};
  {
    auto file = hdf5::create_file(path("w.h5"));
    file.write_strings("names", texts);
    file.write("ints", std::vector<std::int32_t>{-1, 0, 7});
    file.set_attribute("text", "kuchikomi");
    file.set_attribute("empty_text", "");
    file.set_attribute("long_text", std::string(40000, 'y'));
    file.set_attribute("real", 0.25);
    file.set_attribute("count", std::uint64_t{18446744073709551615u});
    file.set_attribute("signed", std::int64_t{-9});
    file.create_group("sub").set_attribute("inner", 3);
    file.close();
  }
  const hdf5::Group f = hdf5::open_file(path("w.h5"));
  EXPECT_EQ(f.read_strings("names"), texts);
  EXPECT_TRUE(f.has_strings("names"));
  EXPECT_EQ(f.strings_length("names"), texts.size());
  EXPECT_EQ(f.read<std::int64_t>("ints"), (std::vector<std::int64_t>{-1, 0, 7}));
  EXPECT_EQ(f.string_attribute("text"), "kuchikomi");
  EXPECT_EQ(f.string_attribute("empty_text"), "");
  EXPECT_EQ(f.string_attribute("long_text").size(), hdf5::kMaxTextAttribute);
  EXPECT_EQ(f.double_attribute("real"), 0.25);
  EXPECT_EQ(f.uint_attribute("count"), 18446744073709551615u);
  EXPECT_EQ(f.int_attribute("signed"), -9);
  EXPECT_EQ(f.open_group("sub").int_attribute("inner"), 3);
  EXPECT_EQ(f.attribute_names(),
            (std::vector<std::string>{"count", "empty_text", "long_text", "real", "signed", "text"}));
}

TEST_F(Hdf5Reader, UnsupportedStorageAndTypesAreRefusedNamingTheFile) {
  {
    const Object file = create(path("r.h5"), Libver::kEarliest);
    const std::vector<double> values(100, 1.5);
    const hsize_t dims[1] = {100}, chunk[1] = {10}, square[2] = {4, 4};
    const Object space(H5Screate_simple(1, dims, nullptr)), plane(H5Screate_simple(2, square, nullptr));
    auto make = [&](const char* name, hid_t type, hid_t shape, hid_t dcpl) {
      const Object set(H5Dcreate2(file.id(), name, type, shape, H5P_DEFAULT, dcpl, H5P_DEFAULT));
      ASSERT_GE(set.id(), 0) << name;
    };
    const Object chunked(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_chunk(chunked.id(), 1, chunk);
    {
      const Object set(H5Dcreate2(file.id(), "chunked", H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, chunked.id(), H5P_DEFAULT));
      H5Dwrite(set.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    }
    const Object zipped(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_chunk(zipped.id(), 1, chunk);
    H5Pset_shuffle(zipped.id());
    {
      const Object set(H5Dcreate2(file.id(), "shuffled", H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, zipped.id(), H5P_DEFAULT));
      H5Dwrite(set.id(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    }
    const Object external(H5Pcreate(H5P_DATASET_CREATE));
    H5Pset_external(external.id(), path("outside.bin").c_str(), 0, 800);
    make("external", H5T_IEEE_F64LE, space.id(), external.id());
    write_dataset(file.id(), "plane_holder", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, 1, values.data());
    make("plane", H5T_IEEE_F64LE, plane.id(), H5P_DEFAULT);
    const Object compound(H5Tcreate(H5T_COMPOUND, 8));
    H5Tinsert(compound.id(), "x", 0, H5T_NATIVE_DOUBLE);
    make("compound", compound.id(), space.id(), H5P_DEFAULT);
    const Object enumeration(H5Tenum_create(H5T_NATIVE_INT32));
    const std::int32_t zero = 0;
    H5Tenum_insert(enumeration.id(), "zero", &zero);
    make("enum", enumeration.id(), space.id(), H5P_DEFAULT);
    make("reference", H5T_STD_REF_OBJ, space.id(), H5P_DEFAULT);
    const hsize_t three[1] = {3};
    const Object array(H5Tarray_create2(H5T_NATIVE_INT32, 1, three));
    make("array", array.id(), space.id(), H5P_DEFAULT);
    make("bitfield", H5T_STD_B32LE, space.id(), H5P_DEFAULT);
    const Object text(H5Tcopy(H5T_C_S1));
    H5Tset_size(text.id(), 8);
    make("text", text.id(), space.id(), H5P_DEFAULT);
    make("unwritten", H5T_IEEE_F64LE, space.id(), H5P_DEFAULT);  // contiguous, never allocated
    // An external link turns an old-style group into a new-style one: kept apart, with few links.
    const Object links(H5Gcreate2(file.id(), "links", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Lcreate_soft("/plane_holder", links.id(), "soft", H5P_DEFAULT, H5P_DEFAULT);
    H5Lcreate_external("other.h5", "/x", links.id(), "external_link", H5P_DEFAULT, H5P_DEFAULT);
  }
  const std::string f = path("r.h5");
  const hdf5::Group r = hdf5::open_file(f);
  expect_input_error([&] { r.read<double>("chunked"); }, f, "chunked datasets are not supported");
  expect_input_error([&] { r.read<double>("shuffled"); }, f, "compressed or filtered");
  expect_input_error([&] { r.read<double>("external"); }, f, "external files");
  expect_input_error([&] { r.read<double>("plane"); }, f, "'plane' is not a one-dimensional array");
  for (const char* name : {"compound", "enum", "reference", "array", "bitfield", "text"})
    expect_input_error([&] { r.read<double>(name); }, f, std::string("'") + name + "' does not hold numbers");
  expect_input_error([&] { r.read<double>("unwritten"); }, f, "the file stores only 0 bytes");
  EXPECT_EQ(r.length("compound"), 100u);  // the shape of anything can be asked
  const hdf5::Group links = r.open_group("links");
  EXPECT_EQ(links.names(), (std::vector<std::string>{"external_link", "soft"}));
  expect_input_error([&] { links.open_group("soft"); }, f, "'soft' is not a group");
  expect_input_error([&] { links.read<double>("external_link"); }, f, "'external_link' is not a dataset");
}

TEST_F(Hdf5Reader, UnsupportedFileLayoutsAreRefusedNamingTheFile) {
  {  // 4-byte addresses and lengths
    const Object fcpl(H5Pcreate(H5P_FILE_CREATE));
    H5Pset_sizes(fcpl.id(), 4, 4);
    H5Fclose(H5Fcreate(path("small.h5").c_str(), H5F_ACC_TRUNC, fcpl.id(), H5P_DEFAULT));
  }
  expect_input_error([&] { hdf5::open_file(path("small.h5")); }, path("small.h5"), "4-byte addresses");
  {  // a user block before the superblock
    const Object fcpl(H5Pcreate(H5P_FILE_CREATE));
    H5Pset_userblock(fcpl.id(), 512);
    H5Fclose(H5Fcreate(path("user.h5").c_str(), H5F_ACC_TRUNC, fcpl.id(), H5P_DEFAULT));
  }
  EXPECT_TRUE(hdf5::is_hdf5_file(path("user.h5")));
  expect_input_error([&] { hdf5::open_file(path("user.h5")); }, path("user.h5"), "user block");
  {  // default phase changes of the newest format: more than 8 links or attributes go to fractal heaps
    const Object fapl(H5Pcreate(H5P_FILE_ACCESS));
    H5Pset_libver_bounds(fapl.id(), H5F_LIBVER_LATEST, H5F_LIBVER_LATEST);
    const Object file(H5Fcreate(path("dense.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()));
    const Object links(H5Gcreate2(file.id(), "links", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const Object attributes(H5Gcreate2(file.id(), "attributes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    for (int i = 0; i < 20; ++i) {
      H5Gclose(H5Gcreate2(links.id(), std::string("g").append(std::to_string(i)).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
      write_attribute(attributes.id(), std::string("a").append(std::to_string(i)), H5T_STD_I32LE, H5T_NATIVE_INT32, &i);
    }
  }
  const hdf5::Group dense = hdf5::open_file(path("dense.h5"));
  expect_input_error([&] { dense.open_group("links").has("g1"); }, path("dense.h5"), "dense storage");
  expect_input_error([&] { dense.open_group("attributes").has_attribute("a1"); }, path("dense.h5"), "dense storage");
  write("text.h5", "not HDF5 at all, just text that is long enough to hold a superblock ...............");
  EXPECT_FALSE(hdf5::is_hdf5_file(path("text.h5")));
  EXPECT_FALSE(hdf5::is_hdf5_file(path("missing.h5")));
  expect_input_error([&] { hdf5::open_file(path("text.h5")); }, path("text.h5"), "not an HDF5 file");
  expect_input_error([&] { hdf5::open_file(path("missing.h5")); }, path("missing.h5"), "cannot open file");
  expect_input_error([&] { hdf5::open_file(path("")); }, path(""), "not a regular file");
}

// ---- Hand-broken structures ---------------------------------------------------------------------

std::uint64_t get64(const std::string& bytes, std::size_t at) {
  std::uint64_t v = 0;
  std::memcpy(&v, bytes.data() + at, 8);
  return v;
}
void set64(std::string& bytes, std::size_t at, std::uint64_t v) { std::memcpy(bytes.data() + at, &v, 8); }

// Reads everything a group holds, in every way; InputError is the only acceptable failure. A
// corrupt link may point back to a group above: `groups` bounds how many are opened.
void read_everything(const hdf5::Group& g, int* groups) {
  for (const auto& name : g.attribute_names()) {
    try { g.double_attribute(name); } catch (const InputError&) {}
    try { g.string_attribute(name); } catch (const InputError&) {}
    try { g.uint_attribute(name); } catch (const InputError&) {}
    g.is_variable_length_string_attribute(name);
  }
  for (const auto& name : g.names()) {
    try {
      if (++*groups < 64) read_everything(g.open_group(name), groups);
    } catch (const InputError&) {}
    try { g.read<double>(name); } catch (const InputError&) {}
    try { g.read<std::uint32_t>(name); } catch (const InputError&) {}
    try { g.read_strings(name); } catch (const InputError&) {}
  }
}

void read_everything(const hdf5::Group& g) {
  int groups = 0;
  read_everything(g, &groups);
}

TEST_F(Hdf5Reader, BTreeCyclesAndLevelsAreRefused) {
  {
    const Object file = create(path("b.h5"), Libver::kEarliest);
    for (int i = 0; i < 400; ++i) H5Gclose(H5Gcreate2(file.id(), std::string("g").append(std::to_string(i)).c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
  }
  const std::string bytes = bytes_of("b.h5");
  // The root B-tree node is the one at level 1; its children are level-0 nodes.
  std::size_t root = std::string::npos;
  for (auto at = bytes.find("TREE"); at != std::string::npos; at = bytes.find("TREE", at + 1))
    if (bytes[at + 5] == 1) root = at;
  ASSERT_NE(root, std::string::npos) << "400 links should need a two-level B-tree";
  ASSERT_GE(static_cast<unsigned char>(bytes[root + 6]), 2u);
  const std::size_t first_child = root + 24 + 8, second_child = first_child + 16;

  std::string to_itself = bytes;
  set64(to_itself, first_child, root);
  put_bytes("self.h5", to_itself);
  expect_input_error([&] { hdf5::open_file(path("self.h5")); }, path("self.h5"), "reached twice (a cycle)");

  std::string twice = bytes;
  set64(twice, second_child, get64(bytes, first_child));  // one subtree listed twice
  put_bytes("twice.h5", twice);
  expect_input_error([&] { hdf5::open_file(path("twice.h5")); }, path("twice.h5"), "reached twice");

  std::string deeper = bytes;  // a leaf claiming to be higher up than its parent says
  const std::size_t leaf = static_cast<std::size_t>(get64(bytes, first_child));
  ASSERT_EQ(bytes.compare(leaf, 4, "TREE"), 0);
  deeper[leaf + 5] = 3;
  put_bytes("deeper.h5", deeper);
  expect_input_error([&] { hdf5::open_file(path("deeper.h5")); }, path("deeper.h5"), "level 3, expected 0");

  std::string outside = bytes;
  set64(outside, first_child, bytes.size() - 4);
  put_bytes("outside.h5", outside);
  expect_input_error([&] { hdf5::open_file(path("outside.h5")); }, path("outside.h5"), "lies outside the file");
}

// libhdf5's own checksum (exported by the library, not declared in its public headers): lets a
// test re-seal a version-2 header it broke on purpose, so the structure check is what fails.
extern "C" std::uint32_t H5_checksum_lookup3(const void* key, std::size_t length, std::uint32_t initval);

TEST_F(Hdf5Reader, ContinuationCyclesAndChecksumsAreRefused) {
  for (const Libver libver : {Libver::kEarliest, Libver::kLatest}) {
    const bool v1 = libver == Libver::kEarliest;
    SCOPED_TRACE(v1 ? "version 1 headers" : "version 2 headers");
    {
      // Datasets written between the attributes take the space after the header, which must then
      // continue in new blocks.
      const Object file = create(path("c.h5"), libver);
      const Object data = create_group(file.id(), "data", libver);
      const std::vector<double> values(100, 0.5);
      for (int i = 0; i < 300; ++i) {
        write_attribute(file.id(), "attribute_" + std::to_string(i), H5T_STD_I32LE, H5T_NATIVE_INT32, &i);
        if (i % 20 == 0) {
          write_dataset(data.id(), std::string("d").append(std::to_string(i)), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, values.size(), values.data());
          H5Fflush(file.id(), H5F_SCOPE_LOCAL);
        }
      }
    }
    EXPECT_EQ(hdf5::open_file(path("c.h5")).int_attribute("attribute_299"), 299);
    EXPECT_EQ(hdf5::open_file(path("c.h5")).attribute_names().size(), 300u);
    const std::string bytes = bytes_of("c.h5");
    if (!v1) { EXPECT_GT(support::occurrences(bytes, "OCHK"), 2u); }
    // The root group's header (superblock 0: root entry at 56, its header address at 64;
    // superblock 3: at 36) and the extent of its first block.
    const std::size_t root = static_cast<std::size_t>(get64(bytes, v1 ? 64 : 36));
    std::size_t begin = 0, end = 0;
    if (v1) {
      std::uint32_t size = 0;
      std::memcpy(&size, bytes.data() + root + 8, 4);
      begin = root + 16;
      end = begin + size;
    } else {
      ASSERT_EQ(bytes.compare(root, 4, "OHDR"), 0);
      const unsigned flags = static_cast<unsigned char>(bytes[root + 5]);
      const std::size_t width = std::size_t{1} << (flags & 3);
      begin = root + 6 + ((flags & 0x20) ? 16 : 0) + ((flags & 0x10) ? 4 : 0) + width;
      std::uint64_t size = 0;
      std::memcpy(&size, bytes.data() + begin - width, width);
      end = begin + size;
    }
    // Its continuation message: version 1 {type 0x0010, size 16, flags, 3 reserved, address,
    // length}; version 2 {type 0x10, size 16, flags, address, length}. Point it at the header itself.
    const std::string needle = v1 ? std::string("\x10\x00\x10\x00", 4) : std::string("\x10\x10\x00", 3);
    const std::size_t message = bytes.find(needle, begin);
    ASSERT_LT(message, end);
    std::string looped = bytes;
    set64(looped, message + (v1 ? 8 : 4), root);
    if (!v1) {
      const std::uint32_t sum = H5_checksum_lookup3(looped.data() + root, end - root, 0);
      std::memcpy(looped.data() + end, &sum, 4);
    }
    put_bytes("loop.h5", looped);
    expect_input_error([&] { hdf5::open_file(path("loop.h5")); }, path("loop.h5"), "continuation blocks form a cycle");

    std::string outside = bytes;
    set64(outside, message + (v1 ? 8 : 4), bytes.size() - 8);
    if (!v1) {
      const std::uint32_t sum = H5_checksum_lookup3(outside.data() + root, end - root, 0);
      std::memcpy(outside.data() + end, &sum, 4);
    }
    put_bytes("outside.h5", outside);
    expect_input_error([&] { hdf5::open_file(path("outside.h5")); }, path("outside.h5"), "lies outside the file");

    if (!v1) {
      std::string flipped = bytes;
      flipped[begin + 1] = static_cast<char>(flipped[begin + 1] ^ 0x40);
      put_bytes("flipped.h5", flipped);
      expect_input_error([&] { hdf5::open_file(path("flipped.h5")); }, path("flipped.h5"), "checksum mismatch");
      std::string superblock = bytes;
      superblock[20] = static_cast<char>(superblock[20] ^ 1);  // superblock extension address
      put_bytes("super.h5", superblock);
      expect_input_error([&] { hdf5::open_file(path("super.h5")); }, path("super.h5"), "superblock checksum mismatch");
    }
    put_bytes("cut.h5", bytes.substr(0, bytes.size() / 2));
    expect_input_error([&] { hdf5::open_file(path("cut.h5")); }, path("cut.h5"), "truncated");
  }
}

// Every byte of small files of the other shapes (newest format, compact layout, legacy strings,
// a two-level B-tree group) changed to three other values: read completely or refused with an
// InputError, nothing else (tests/untrusted_hdf5_test.cpp does the same for graph files).
TEST_F(Hdf5Reader, EverySingleByteCorruptionIsReadOrRefused) {
  for (const Libver libver : {Libver::kEarliest, Libver::kLatest}) {
    {
      const Object file = create(path("s.h5"), libver);
      const std::int64_t values[3] = {1, -2, 3};
      write_dataset(file.id(), "compact", H5T_STD_I64BE, H5T_NATIVE_INT64, 3, values, true);
      write_dataset(file.id(), "contiguous", H5T_IEEE_F32LE, H5T_NATIVE_INT64, 3, values);
      const Object vlen(H5Tcopy(H5T_C_S1));
      H5Tset_size(vlen.id(), H5T_VARIABLE);
      const char* texts[2] = {"a", "bc"};
      write_dataset(file.id(), "label", vlen.id(), vlen.id(), 2, texts);
      const Object g = create_group(file.id(), "g", libver);
      for (int i = 0; i < 3; ++i) write_dataset(g.id(), std::string("m").append(std::to_string(i)), H5T_STD_U8LE, H5T_NATIVE_INT64, 1, values);
      const std::int32_t n = 7;
      write_attribute(g.id(), "n", H5T_STD_U16BE, H5T_NATIVE_INT32, &n);
    }
    const std::string bytes = bytes_of("s.h5");
    ASSERT_LT(bytes.size(), 64u * 1024);
    std::size_t read_whole = 0;
    for (std::size_t i = 0; i < bytes.size(); ++i)
      for (const unsigned char change : std::initializer_list<unsigned char>{0x01, 0x80, 0xFF}) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(static_cast<unsigned char>(damaged[i]) ^ change);
        try {
          read_everything(hdf5::open_file_image({reinterpret_cast<const std::byte*>(damaged.data()), damaged.size()}, "s.h5"));
          ++read_whole;
        } catch (const InputError&) {
        } catch (const std::exception& e) {
          ADD_FAILURE() << "byte " << i << " ^ " << int(change) << ": " << e.what();
        }
      }
    EXPECT_GT(read_whole, 0u);
  }
}

// ---- Files written by h5py ------------------------------------------------------------------------

std::string python_with_h5py() {
  for (const char* candidate : {"/usr/bin/python3", "python3"})
    if (std::system((std::string(candidate) + " -c 'import h5py' > /dev/null 2>&1").c_str()) == 0) return candidate;
  return {};
}

TEST_F(Hdf5Reader, H5pyFilesReadBackOrAreRefusedWithTheRightMessage) {
  const std::string python = python_with_h5py();
  ASSERT_FALSE(python.empty()) << "python3 with h5py not installed (scripts/install_deps.sh installs python3-h5py)";
  const std::string script = write("make.py",
                                   "import sys, h5py, numpy as np\n"
                                   "for name, libver in (('default.h5', None), ('latest.h5', 'latest')):\n"
                                   "    with h5py.File(sys.argv[1] + '/' + name, 'w', libver=libver) as f:\n"
                                   "        f.attrs['title'] = 'caf\\u00e9'\n"
                                   "        f.attrs['code'] = np.bytes_(b'k-1')\n"
                                   "        f.attrs['n'] = 42\n"
                                   "        f.attrs['ratio'] = np.float32(0.5)\n"
                                   "        g = f.create_group('data')\n"
                                   "        g['ids'] = np.array([3, 1, 2], dtype='>u4')\n"
                                   "        g['x'] = np.array([0.5, -1.0])\n"
                                   "        g['names'] = np.array(['a', 'bee'], dtype=h5py.string_dtype())\n"
                                   "        g.create_dataset('chunked', data=np.arange(10.0), chunks=(5,))\n"
                                   "        g.create_dataset('zipped', data=np.arange(10.0), compression='gzip')\n"
                                   "        o = f.create_group('odd')\n"
                                   "        o['plane'] = np.zeros((2, 2))\n"
                                   "        o['pairs'] = np.zeros(2, dtype=[('a', 'i4'), ('b', 'f8')])\n"
                                   "        o['flags'] = np.zeros(2, dtype=h5py.enum_dtype({'no': 0, 'yes': 1}, basetype='i1'))\n"
                                   "        o['refs'] = np.array([f.ref, f.ref], dtype=h5py.ref_dtype)\n");
  ASSERT_EQ(support::shell(python + " " + script + " " + path("")), 0);
  for (const std::string name : {"default.h5", "latest.h5"}) {
    SCOPED_TRACE(name);
    const std::string file = path(name);
    const hdf5::Group f = hdf5::open_file(file);
    EXPECT_TRUE(f.is_variable_length_string_attribute("title"));  // a Python str
    expect_input_error([&] { f.string_attribute("title"); }, file, "numpy.bytes_");
    EXPECT_EQ(f.string_attribute("code"), "k-1");
    EXPECT_EQ(f.int_attribute("n"), 42);
    EXPECT_EQ(f.double_attribute("ratio"), 0.5);
    const hdf5::Group g = f.open_group("data");
    EXPECT_EQ(g.read<std::uint32_t>("ids"), (std::vector<std::uint32_t>{3, 1, 2}));
    EXPECT_EQ(g.read<double>("x"), (std::vector<double>{0.5, -1.0}));
    EXPECT_EQ(g.read_strings("names"), (std::vector<std::string>{"a", "bee"}));
    expect_input_error([&] { g.read<double>("chunked"); }, file, "chunked datasets are not supported");
    expect_input_error([&] { g.read<double>("zipped"); }, file, "compressed");
    const hdf5::Group o = f.open_group("odd");
    expect_input_error([&] { o.read<double>("plane"); }, file, "not a one-dimensional array");
    for (const char* what : {"pairs", "flags", "refs"})
      expect_input_error([&] { o.read<double>(what); }, file, "does not hold numbers");
  }
}

}  // namespace
}  // namespace kuchikomi
