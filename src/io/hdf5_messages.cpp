// Object header messages the reader interprets (File Format Specification 3.0, IV.A.2): dataspace
// (b), datatype (d), data layout (i), filter pipeline (l) and attribute (m). Anything a message
// claims is checked against the message's own bytes; what kuchikomi does not read (compound types,
// chunked layouts, ...) is decoded only far enough to say so.
#include <limits>

#include "hdf5_format.hpp"

namespace kuchikomi::hdf5::format {
namespace {

std::uint64_t align8(std::uint64_t size) { return (size + 7) & ~std::uint64_t{7}; }

constexpr unsigned kMaxRank = 32;  // HDF5's own limit (H5S_MAX_RANK)

}  // namespace

Dataspace decode_dataspace(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (dataspace)");
  const unsigned version = c.u8();
  const unsigned rank = c.u8();
  const unsigned flags = c.u8();
  Dataspace space;
  if (version == 1) {
    c.skip(5);  // reserved
    space.shape = rank == 0 ? Dataspace::Shape::kScalar : Dataspace::Shape::kSimple;
  } else if (version == 2) {
    switch (c.u8()) {
      case 0: space.shape = Dataspace::Shape::kScalar; break;
      case 1: space.shape = Dataspace::Shape::kSimple; break;
      case 2: space.shape = Dataspace::Shape::kNull; break;
      default: c.fail("unknown dataspace type");
    }
    if (space.shape != Dataspace::Shape::kSimple && rank != 0) c.fail("a scalar or empty dataspace with dimensions");
  } else {
    c.fail("dataspace version " + std::to_string(version) + " is not supported (1 and 2 are)");
  }
  if (rank > kMaxRank) c.fail("rank " + std::to_string(rank) + " exceeds HDF5's limit of 32");
  space.elements = space.shape == Dataspace::Shape::kNull ? 0 : 1;
  for (unsigned i = 0; i < rank; ++i) {
    const std::uint64_t dim = c.u64();
    space.dims.push_back(dim);
    if (dim != 0 && space.elements > std::numeric_limits<std::uint64_t>::max() / dim)
      c.fail("the number of elements overflows 64 bits");
    space.elements *= dim;
  }
  if (flags & 0x01) c.skip(std::uint64_t{rank} * 8);  // maximum dimensions: not needed to read
  if (flags & 0x02) c.skip(std::uint64_t{rank} * 8);  // permutation indices (version 1; never written)
  return space;
}

Datatype decode_datatype(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (datatype)");
  const unsigned class_and_version = c.u8();
  const unsigned bits0 = c.u8(), bits1 = c.u8();
  c.skip(1);  // class bit field, bits 16-23: unused by the classes read here
  Datatype t;
  t.type_class = static_cast<int>(class_and_version & 0x0f);
  const unsigned version = class_and_version >> 4;
  if (version < 1 || version > 4) c.fail("datatype version " + std::to_string(version) + " is not supported");
  t.size = c.u32();
  switch (t.type_class) {
    case 0: {  // fixed-point: standard when it uses all its bytes (offset 0, full precision)
      const unsigned offset = c.u16(), precision = c.u16();
      t.big_endian = (bits0 & 0x01) != 0;
      const bool standard_size = t.size == 1 || t.size == 2 || t.size == 4 || t.size == 8;
      if (standard_size && offset == 0 && precision == 8 * t.size)
        t.number = (bits0 & 0x08) ? NumberKind::kSigned : NumberKind::kUnsigned;
      break;
    }
    case 1: {  // floating-point: IEEE 754 binary32/binary64 bit fields only
      const unsigned offset = c.u16(), precision = c.u16();
      const unsigned exponent_at = c.u8(), exponent_bits = c.u8(), mantissa_at = c.u8(), mantissa_bits = c.u8();
      const std::uint32_t bias = c.u32();
      const bool vax = (bits0 & 0x40) != 0;
      const bool implied_one = ((bits0 >> 4) & 0x03) == 2;
      t.big_endian = (bits0 & 0x01) != 0;
      const unsigned sign_at = bits1;
      const bool ieee32 = t.size == 4 && sign_at == 31 && precision == 32 && exponent_at == 23 && exponent_bits == 8 &&
                          mantissa_at == 0 && mantissa_bits == 23 && bias == 127;
      const bool ieee64 = t.size == 8 && sign_at == 63 && precision == 64 && exponent_at == 52 &&
                          exponent_bits == 11 && mantissa_at == 0 && mantissa_bits == 52 && bias == 1023;
      if (!vax && implied_one && offset == 0 && (ieee32 || ieee64)) t.number = NumberKind::kFloat;
      break;
    }
    case 3:  // fixed-length string
      t.string_padding = static_cast<int>(bits0 & 0x0f);
      break;
    case 9:  // variable-length: sequence (0) or string (1); the base type that follows is not needed
      t.variable_length_string = (bits0 & 0x0f) == 1;
      break;
    default: break;  // time, bitfield, opaque, compound, reference, enum, array: not read
  }
  return t;
}

Layout decode_layout(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (data layout)");
  const unsigned version = c.u8();
  Layout layout;
  if (version == 1 || version == 2) {
    const unsigned rank = c.u8();
    const unsigned kind = c.u8();
    c.skip(5);
    if (rank > kMaxRank + 1) c.fail("too many dimensions");
    if (kind > 2) c.fail("unknown layout class " + std::to_string(kind));
    layout.kind = static_cast<Layout::Kind>(kind);
    if (layout.kind != Layout::Kind::kCompact) layout.address = c.u64();
    c.skip(std::uint64_t{rank} * 4);  // dimensions; the size stored follows from the dataspace
    if (layout.kind == Layout::Kind::kCompact) {
      layout.size = c.u32();
      layout.size_given = true;
      layout.compact = c.take(layout.size);
    }
  } else if (version == 3 || version == 4) {
    const unsigned kind = c.u8();
    switch (kind) {
      case 0:
        layout.kind = Layout::Kind::kCompact;
        layout.size = c.u16();
        layout.size_given = true;
        layout.compact = c.take(layout.size);
        break;
      case 1:
        layout.kind = Layout::Kind::kContiguous;
        layout.address = c.u64();
        layout.size = c.u64();
        layout.size_given = true;
        break;
      case 2: layout.kind = Layout::Kind::kChunked; break;
      case 3: layout.kind = Layout::Kind::kVirtual; break;
      default: c.fail("unknown layout class " + std::to_string(kind));
    }
  } else {
    c.fail("data layout version " + std::to_string(version) + " is not supported (1 to 4 are)");
  }
  return layout;
}

std::uint32_t decode_filter_count(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (filter pipeline)");
  const unsigned version = c.u8();
  if (version != 1 && version != 2) c.fail("filter pipeline version " + std::to_string(version) + " is not supported");
  return c.u8();
}

Attribute decode_attribute(std::span<const std::byte> data, const FileBytes& file, const std::string& what) {
  Cursor c(data, file, what + " (attribute)");
  const unsigned version = c.u8();
  if (version < 1 || version > 3) c.fail("attribute message version " + std::to_string(version) + " is not supported");
  const unsigned flags = c.u8();  // reserved in version 1
  const std::uint64_t name_size = c.u16(), type_size = c.u16(), space_size = c.u16();
  if (version == 3) c.skip(1);  // name character set
  // Version 1 pads each part to a multiple of 8 bytes.
  const auto padded = [version](std::uint64_t size) { return version == 1 ? align8(size) : size; };
  const auto name = c.take(padded(name_size));
  const auto type = c.take(padded(type_size));
  const auto space = c.take(padded(space_size));
  Attribute a;
  std::size_t length = 0;
  while (length < name_size && name[length] != std::byte{0}) ++length;
  if (length == 0 || length == name_size) c.fail("attribute name empty or not terminated");
  a.name.assign(reinterpret_cast<const char*>(name.data()), length);
  a.shared_parts = version > 1 && (flags & 0x03) != 0;
  if (a.shared_parts) return a;  // type and space are references to elsewhere: the attribute is not read
  a.type = decode_datatype(type.first(type_size), file, what + " '" + a.name + "'");
  a.space = decode_dataspace(space.first(space_size), file, what + " '" + a.name + "'");
  if (a.type.size != 0 && a.space.elements > c.left() / a.type.size)
    c.fail("attribute '" + a.name + "' claims more values than its message holds");
  a.data = c.take(a.space.elements * a.type.size);
  return a;
}

}  // namespace kuchikomi::hdf5::format
