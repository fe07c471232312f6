// kuchikomi's HDF5 reader (io/hdf5_reader.hpp): groups, numeric datasets, string lists and scalar
// attributes on top of the format decoders of hdf5_format.hpp. The semantics are those of the
// libhdf5-based reader it replaces: the same checks, messages and number conversions.
#include "kuchikomi/io/hdf5_reader.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <limits>
#include <type_traits>
#include <utility>

#include "hdf5_format.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::hdf5 {

namespace format {

// What an open group holds: its header, links and attributes, decoded once.
struct GroupNode {
  ObjectHeader header;
  std::vector<Link> links;
  bool dense_links = false;
  std::vector<Attribute> attributes;
  bool dense_attributes = false;

  GroupNode(const GroupNode&) = delete;  // attributes point into the header's blocks
  GroupNode& operator=(const GroupNode&) = delete;
  GroupNode(const FileBytes& file, ObjectHeader h) : header(std::move(h)) {
    links = read_links(file, header, &dense_links);
    dense_attributes = has_dense_attributes(file, header);
    const std::string what = "object header at " + std::to_string(header.address);
    for (const Message& m : header.messages)
      if (m.type == kAttribute) {
        if (m.flags & kMessageShared) file.fail(what + ": shared attribute messages are not supported");
        attributes.push_back(decode_attribute(m.data, file, what));
      }
    std::vector<std::string_view> names;
    for (const auto& a : attributes) names.push_back(a.name);
    std::sort(names.begin(), names.end());
    const auto twice = std::adjacent_find(names.begin(), names.end());
    if (twice != names.end()) file.fail(what + " has two attributes named '" + std::string(*twice) + "'");
  }
};

}  // namespace format

namespace {

using format::Datatype;
using format::FileBytes;
using format::GroupNode;
using format::Layout;
using format::NumberKind;

template <class T>
constexpr NumberKind kind_of() {
  if constexpr (std::is_floating_point_v<T>) return NumberKind::kFloat;
  else if constexpr (std::is_signed_v<T>) return NumberKind::kSigned;
  else return NumberKind::kUnsigned;
}

template <class T>
bool readable_as(NumberKind kind) {
  if constexpr (std::is_floating_point_v<T>) return kind != NumberKind::kNone;  // ints widen to floats
  else return kind == NumberKind::kSigned || kind == NumberKind::kUnsigned;
}

constexpr const char* kDenseLinks =
    "a group stores its links in a fractal heap (dense storage), which kuchikomi does not read (h5py writes groups "
    "of more than 8 members so with track_order=True or libver='latest')";
constexpr const char* kDenseAttributes = "attributes stored in a fractal heap (dense storage) are not supported";

std::string describe_kind() { return "a standard integer or IEEE floating-point type"; }

// libhdf5's conversions: integers saturate at the target's range; a double beyond float's range
// becomes an infinity; integers to floating point round.
template <class T, class S>
T convert(S value) {
  if constexpr (std::is_floating_point_v<T>) {
    if constexpr (std::is_same_v<T, float> && std::is_same_v<S, double>) {
      if (value > std::numeric_limits<float>::max()) return std::numeric_limits<float>::infinity();
      if (value < -std::numeric_limits<float>::max()) return -std::numeric_limits<float>::infinity();
    }
    return static_cast<T>(value);
  } else {
    static_assert(std::is_integral_v<S>, "floating point is never read as an integer");
    if (std::cmp_less(value, std::numeric_limits<T>::min())) return std::numeric_limits<T>::min();
    if (std::cmp_greater(value, std::numeric_limits<T>::max())) return std::numeric_limits<T>::max();
    return static_cast<T>(value);
  }
}

template <class S>
S load(const std::byte* p, bool swap) {
  using Bits = std::conditional_t<sizeof(S) == 1, std::uint8_t,
               std::conditional_t<sizeof(S) == 2, std::uint16_t,
               std::conditional_t<sizeof(S) == 4, std::uint32_t, std::uint64_t>>>;
  Bits bits;
  std::memcpy(&bits, p, sizeof bits);
  if (swap) {
    if constexpr (sizeof(S) == 2) bits = __builtin_bswap16(bits);
    else if constexpr (sizeof(S) == 4) bits = __builtin_bswap32(bits);
    else if constexpr (sizeof(S) == 8) bits = __builtin_bswap64(bits);
  }
  return std::bit_cast<S>(bits);
}

template <class S, class T>
void convert_all(const std::byte* in, std::size_t count, bool swap, T* out) {
  for (std::size_t i = 0; i < count; ++i) out[i] = convert<T>(load<S>(in + i * sizeof(S), swap));
}

// Converts `count` stored elements of `type` (checked readable as T) to T.
template <class T>
void convert_values(const Datatype& type, const std::byte* in, std::size_t count, T* out) {
  const bool swap = type.big_endian != (std::endian::native == std::endian::big);
  switch (type.number) {
    case NumberKind::kSigned:
      switch (type.size) {
        case 1: return convert_all<std::int8_t>(in, count, swap, out);
        case 2: return convert_all<std::int16_t>(in, count, swap, out);
        case 4: return convert_all<std::int32_t>(in, count, swap, out);
        default: return convert_all<std::int64_t>(in, count, swap, out);
      }
    case NumberKind::kUnsigned:
      switch (type.size) {
        case 1: return convert_all<std::uint8_t>(in, count, swap, out);
        case 2: return convert_all<std::uint16_t>(in, count, swap, out);
        case 4: return convert_all<std::uint32_t>(in, count, swap, out);
        default: return convert_all<std::uint64_t>(in, count, swap, out);
      }
    case NumberKind::kFloat:
      if constexpr (std::is_floating_point_v<T>) {
        if (type.size == 4) return convert_all<float>(in, count, swap, out);
        return convert_all<double>(in, count, swap, out);
      }
      [[fallthrough]];
    case NumberKind::kNone: break;
  }
}

// One opened dataset: its header, type and length (checked one-dimensional).
struct Dataset {
  format::ObjectHeader header;
  Datatype type;
  std::uint64_t length = 0;
};

// Where a dataset's values are, once checked to be all there.
struct Storage {
  std::span<const std::byte> compact;
  std::uint64_t address = format::kUndefinedAddress;
};

class Access {
 public:
  Access(const FileBytes& file, const GroupNode& node) : file_(file), node_(node) {}

  [[noreturn]] void fail(const std::string& what) const { file_.fail(what); }

  const format::Link* link(const std::string& name) const {
    if (node_.dense_links) fail(kDenseLinks);
    if (name.find('/') != std::string::npos) return nullptr;
    const auto it = std::lower_bound(node_.links.begin(), node_.links.end(), name,
                                     [](const format::Link& l, const std::string& n) { return l.name < n; });
    return it != node_.links.end() && it->name == name ? &*it : nullptr;
  }

  const format::Attribute* attribute(const std::string& name) const {
    if (node_.dense_attributes) fail(kDenseAttributes);
    const auto it = std::find_if(node_.attributes.begin(), node_.attributes.end(),
                                 [&](const format::Attribute& a) { return a.name == name; });
    return it == node_.attributes.end() ? nullptr : &*it;
  }

  Dataset open_dataset(const std::string& name) const {
    const format::Link* l = link(name);
    if (!l) fail("missing dataset '" + name + "'");
    if (!l->hard) fail("'" + name + "' is not a dataset");
    Dataset d;
    d.header = format::read_object_header(file_, l->address);
    if (!d.header.is_dataset()) fail("'" + name + "' is not a dataset");
    const format::Message* type = d.header.find(format::kDatatype);
    const format::Message* space = d.header.find(format::kDataspace);
    if ((type->flags | space->flags) & format::kMessageShared)
      fail("dataset '" + name + "' uses a committed (shared) datatype or dataspace, which kuchikomi does not read");
    const std::string what = "dataset '" + name + "'";
    d.type = format::decode_datatype(type->data, file_, what);
    const format::Dataspace shape = format::decode_dataspace(space->data, file_, what);
    if (shape.shape != format::Dataspace::Shape::kSimple || shape.dims.size() != 1)
      fail("dataset '" + name + "' is not a one-dimensional array");
    d.length = shape.dims[0];
    return d;
  }

  // The dataset's values must really be in the file, uncompressed: then what we allocate for them
  // is bounded by the file's size, whatever the header claims.
  Storage check_stored(const Dataset& d, const std::string& name) const {
    if (d.length == 0) return {};
    const std::uint64_t element = d.type.size;
    if (element == 0 || d.length > file_.size() / element)
      fail("dataset '" + name + "' claims " + std::to_string(d.length) + " values, more than the file's " +
           std::to_string(file_.size()) + " bytes can hold");
    const std::string what = "dataset '" + name + "'";
    if (const format::Message* filters = d.header.find(format::kFilterPipeline))
      if ((filters->flags & format::kMessageShared) || format::decode_filter_count(filters->data, file_, what) != 0)
        fail("dataset '" + name + "' is compressed or filtered; kuchikomi reads uncompressed datasets only");
    if (d.header.find(format::kExternalFiles))
      fail("dataset '" + name + "' keeps its values in external files, which kuchikomi does not read");
    const format::Message* message = d.header.find(format::kLayout);
    if (!message) fail("dataset '" + name + "' has no data layout message");
    if (message->flags & format::kMessageShared) fail("dataset '" + name + "' has a shared data layout message");
    const Layout layout = format::decode_layout(message->data, file_, what);
    if (layout.kind == Layout::Kind::kChunked)
      fail("dataset '" + name + "' is chunked; chunked datasets are not supported (write it contiguous: h5py's "
           "default without chunks=, maxshape= or compression=)");
    if (layout.kind == Layout::Kind::kVirtual) fail("dataset '" + name + "' is a virtual dataset, which is not supported");
    const std::uint64_t needed = d.length * element;
    std::uint64_t stored = 0;
    if (layout.kind == Layout::Kind::kCompact) stored = layout.compact.size();
    else if (layout.address != format::kUndefinedAddress) stored = layout.size_given ? layout.size : needed;
    if (stored < needed)
      fail("dataset '" + name + "' claims " + std::to_string(d.length) + " values (" + std::to_string(needed) +
           " bytes) but the file stores only " + std::to_string(stored) + " bytes of them");
    if (layout.kind == Layout::Kind::kCompact) return Storage{layout.compact.first(needed)};
    if (!file_.holds(layout.address, needed)) fail("dataset '" + name + "': its values lie outside the file");
    return Storage{{}, layout.address};
  }

  template <class T>
  Dataset open_readable(const std::string& name, Storage* storage) const {
    Dataset d = open_dataset(name);
    if (!readable_as<T>(d.type.number))
      fail("dataset '" + name + "' does not hold " + (std::is_floating_point_v<T> ? "numbers" : "integers") + " of " +
           describe_kind());
    *storage = check_stored(d, name);
    return d;
  }

  // Reads the checked values into `out` (of the dataset's length): straight into it when the file
  // stores exactly T, else through a small buffer, converting.
  template <class T>
  void read_values(const Dataset& d, const Storage& s, std::span<T> out, const std::string& name) const {
    if (out.empty()) return;
    const bool native = d.type.number == kind_of<T>() && d.type.size == sizeof(T) &&
                        d.type.big_endian == (std::endian::native == std::endian::big);
    const std::string what = "dataset '" + name + "'";
    if (!s.compact.empty()) {
      if (native) std::memcpy(out.data(), s.compact.data(), out.size_bytes());
      else convert_values(d.type, s.compact.data(), out.size(), out.data());
      return;
    }
    if (native) {
      file_.read(s.address, std::as_writable_bytes(out), what);
      return;
    }
    constexpr std::size_t kBlock = 1 << 16;  // elements converted per read
    std::vector<std::byte> buffer(std::min<std::size_t>(out.size(), kBlock) * d.type.size);
    for (std::size_t done = 0; done < out.size();) {
      const std::size_t count = std::min(out.size() - done, kBlock);
      const std::span<std::byte> part(buffer.data(), count * d.type.size);
      file_.read(s.address + done * d.type.size, part, what);
      convert_values(d.type, part.data(), count, out.data() + done);
      done += count;
    }
  }

  // An attribute that must hold exactly one value.
  const format::Attribute& scalar_attribute(const std::string& name) const {
    const format::Attribute* a = attribute(name);
    if (!a) fail("missing attribute '" + name + "'");
    if (a->shared_parts)
      fail("attribute '" + name + "' uses a committed (shared) datatype or dataspace, which kuchikomi does not read");
    const auto shape = a->space.shape;
    if (shape != format::Dataspace::Shape::kScalar && !(shape == format::Dataspace::Shape::kSimple && a->space.elements == 1))
      fail("attribute '" + name + "' must hold a single value");
    return *a;
  }

 private:
  const FileBytes& file_;
  const GroupNode& node_;
};

// One number from a scalar attribute, as int64, uint64 or double depending on what is stored.
struct AttributeNumber {
  NumberKind kind = NumberKind::kNone;
  std::int64_t i = 0;
  std::uint64_t u = 0;
  double d = 0;
};

AttributeNumber read_number_attribute(const Access& access, const std::string& name) {
  const format::Attribute& a = access.scalar_attribute(name);
  AttributeNumber n;
  n.kind = a.type.number;
  switch (n.kind) {
    case NumberKind::kSigned: convert_values(a.type, a.data.data(), 1, &n.i); break;
    case NumberKind::kUnsigned: convert_values(a.type, a.data.data(), 1, &n.u); break;
    case NumberKind::kFloat: convert_values(a.type, a.data.data(), 1, &n.d); break;
    case NumberKind::kNone: access.fail("attribute '" + name + "' is not a number");
  }
  return n;
}

std::shared_ptr<const GroupNode> root_group(const FileBytes& file) {
  const std::uint64_t root = format::read_superblock(file);
  format::ObjectHeader header = format::read_object_header(file, root);
  if (!header.is_group()) file.fail("the root object is not a group");
  return std::make_shared<const GroupNode>(file, std::move(header));
}

}  // namespace

Group::Group(std::shared_ptr<const format::FileBytes> file, std::shared_ptr<const format::GroupNode> node)
    : file_(std::move(file)), node_(std::move(node)) {}

const std::string& Group::path() const noexcept { return file_->name(); }

void Group::fail(const std::string& what) const { file_->fail(what); }

bool Group::has(const std::string& name) const { return Access(*file_, *node_).link(name) != nullptr; }

std::vector<std::string> Group::names() const {
  if (node_->dense_links) fail(kDenseLinks);
  std::vector<std::string> names;
  for (const auto& l : node_->links) names.push_back(l.name);
  return names;
}

Group Group::open_group(const std::string& name) const {
  const format::Link* link = Access(*file_, *node_).link(name);
  if (!link) fail("missing group '" + name + "'");
  if (!link->hard) fail("'" + name + "' is not a group");
  format::ObjectHeader header = format::read_object_header(*file_, link->address);
  if (!header.is_group()) fail("'" + name + "' is not a group");
  return Group(file_, std::make_shared<const GroupNode>(*file_, std::move(header)));
}

std::uint64_t Group::length(const std::string& name) const { return Access(*file_, *node_).open_dataset(name).length; }

template <class T>
std::vector<T> Group::read(const std::string& name) const {
  const Access access(*file_, *node_);
  Storage storage;
  const Dataset d = access.open_readable<T>(name, &storage);
  std::vector<T> values(d.length);
  access.read_values(d, storage, std::span<T>(values), name);
  return values;
}

template <class T>
std::uint64_t Group::readable_length(const std::string& name) const {
  Storage storage;
  return Access(*file_, *node_).open_readable<T>(name, &storage).length;
}

template <class T>
void Group::read_into(const std::string& name, std::span<T> out) const {
  const Access access(*file_, *node_);
  Storage storage;
  const Dataset d = access.open_readable<T>(name, &storage);
  if (d.length != out.size())
    fail("dataset '" + name + "' has " + std::to_string(d.length) + " values, expected " + std::to_string(out.size()));
  access.read_values(d, storage, out, name);
}

bool Group::has_strings(const std::string& name) const { return has(name + "_offsets") || has(name); }

std::uint64_t Group::strings_length(const std::string& name) const {
  if (has(name + "_offsets")) {
    const std::uint64_t n = length(name + "_offsets");
    if (n == 0) fail("dataset '" + name + "_offsets' is empty (it holds n + 1 offsets)");
    return n - 1;
  }
  return length(name);
}

std::vector<std::string> Group::read_strings(const std::string& name) const {
  if (!has(name + "_offsets") && has(name)) {  // format version 1: a variable-length string dataset
    const Access access(*file_, *node_);
    const Dataset d = access.open_dataset(name);
    if (d.type.type_class != 9 || !d.type.variable_length_string) fail("dataset '" + name + "' is not a list of strings");
    if (d.type.size != 16) fail("dataset '" + name + "': variable-length strings in an unusual layout cannot be read");
    const Storage storage = access.check_stored(d, name);
    std::vector<std::byte> elements(storage.compact.begin(), storage.compact.end());
    if (storage.compact.empty() && d.length > 0) elements = file_->read(storage.address, d.length * 16, "dataset '" + name + "'");
    return format::read_variable_length_strings(*file_, elements, d.length, "dataset '" + name + "'");
  }
  const auto offsets = read<std::uint64_t>(name + "_offsets");
  const auto bytes = read<std::uint8_t>(name + "_utf8");
  if (offsets.empty() || offsets.front() != 0 || offsets.back() != bytes.size() ||
      std::adjacent_find(offsets.begin(), offsets.end(), std::greater<>()) != offsets.end())
    fail("'" + name + "_offsets' does not delimit the bytes of '" + name + "_utf8' (must rise from 0 to " +
         std::to_string(bytes.size()) + ")");
  std::vector<std::string> values(offsets.size() - 1);
  for (std::size_t i = 0; i + 1 < offsets.size(); ++i)
    values[i].assign(reinterpret_cast<const char*>(bytes.data()) + offsets[i], offsets[i + 1] - offsets[i]);
  return values;
}

bool Group::has_attribute(const std::string& name) const { return Access(*file_, *node_).attribute(name) != nullptr; }

std::vector<std::string> Group::attribute_names() const {
  if (node_->dense_attributes) fail(kDenseAttributes);
  std::vector<std::string> names;
  for (const auto& a : node_->attributes) names.push_back(a.name);
  std::sort(names.begin(), names.end());
  return names;
}

bool Group::is_variable_length_string_attribute(const std::string& name) const {
  const format::Attribute* a = Access(*file_, *node_).attribute(name);
  return a && !a->shared_parts && a->type.type_class == 9 && a->type.variable_length_string;
}

std::string Group::string_attribute(const std::string& name) const {
  const format::Attribute& a = Access(*file_, *node_).scalar_attribute(name);
  if (a.type.type_class == 9 && a.type.variable_length_string)
    fail("attribute '" + name + "' is a variable-length string (a file written before kuchikomi 0.2, or by h5py from "
         "a Python str), which kuchikomi does not read as text; store it as fixed-length bytes (numpy.bytes_) or "
         "re-create the file with this version");
  if (a.type.type_class != 3) fail("attribute '" + name + "' is not text");
  const std::size_t size = a.type.size;
  if (size == 0 || size > kMaxTextAttribute) fail("attribute '" + name + "' is longer than text attributes may be");
  std::string value(reinterpret_cast<const char*>(a.data.data()), size);
  switch (a.type.string_padding) {
    case 0: value.resize(std::strlen(value.c_str())); break;  // null-terminated
    case 2: while (!value.empty() && value.back() == ' ') value.pop_back(); break;
    default: while (!value.empty() && value.back() == '\0') value.pop_back(); break;
  }
  return value;
}

double Group::double_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(Access(*file_, *node_), name);
  if (n.kind == NumberKind::kSigned) return static_cast<double>(n.i);
  if (n.kind == NumberKind::kUnsigned) return static_cast<double>(n.u);
  return n.d;
}

std::int64_t Group::int_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(Access(*file_, *node_), name);
  if (n.kind == NumberKind::kFloat) fail("attribute '" + name + "' is not an integer");
  if (n.kind == NumberKind::kUnsigned && n.u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    fail("attribute '" + name + "' is too large");
  return n.kind == NumberKind::kSigned ? n.i : static_cast<std::int64_t>(n.u);
}

std::uint64_t Group::uint_attribute(const std::string& name) const {
  const AttributeNumber n = read_number_attribute(Access(*file_, *node_), name);
  if (n.kind == NumberKind::kFloat) fail("attribute '" + name + "' is not an integer");
  if (n.kind == NumberKind::kSigned && n.i < 0) fail("attribute '" + name + "' is negative");
  return n.kind == NumberKind::kUnsigned ? n.u : static_cast<std::uint64_t>(n.i);
}

Group open_file(const std::string& path) {
  auto file = FileBytes::open(path);
  auto root = root_group(*file);
  return Group(std::move(file), std::move(root));
}

Group open_file_image(std::span<const std::byte> image, const std::string& name) {
  auto file = FileBytes::copy_of(image, name);
  auto root = root_group(*file);
  return Group(std::move(file), std::move(root));
}

bool is_hdf5_file(const std::string& path) {
  try {
    const auto file = FileBytes::open(path);
    if (format::has_signature_at(*file, 0)) return true;
    for (std::uint64_t at = 512; at < file->size(); at *= 2)
      if (format::has_signature_at(*file, at)) return true;
    return false;
  } catch (const InputError&) {
    return false;
  }
}

#define KUCHIKOMI_HDF5_INSTANTIATE(T)                                                  \
  template std::vector<T> Group::read<T>(const std::string&) const;                   \
  template void Group::read_into<T>(const std::string&, std::span<T>) const;          \
  template std::uint64_t Group::readable_length<T>(const std::string&) const;
KUCHIKOMI_HDF5_INSTANTIATE(float)
KUCHIKOMI_HDF5_INSTANTIATE(double)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint8_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int32_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::uint64_t)
KUCHIKOMI_HDF5_INSTANTIATE(std::int64_t)
#undef KUCHIKOMI_HDF5_INSTANTIATE

}  // namespace kuchikomi::hdf5
