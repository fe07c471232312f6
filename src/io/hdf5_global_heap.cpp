// Variable-length strings of files written before kuchikomi 0.2 (File Format Specification 3.0,
// III.E, global heap). A collection is "GCOL", version 1, 3 reserved bytes, its size (header
// included), then objects {uint16 index, uint16 references, 4 reserved, uint64 size, data padded
// to 8 bytes} until an object of index 0 (free space). Collections are read once each and together
// may not exceed the file (legitimate ones never overlap), so a crafted reference list cannot make
// us read or hold more than the file.
#include <algorithm>
#include <map>

#include "hdf5_format.hpp"

namespace kuchikomi::hdf5::format {

std::vector<std::string> read_variable_length_strings(const FileBytes& file, std::span<const std::byte> elements,
                                                      std::uint64_t count, const std::string& what) {
  constexpr std::uint64_t kElement = 16;
  if (count > elements.size() / kElement) file.fail(what + ": fewer string references than strings");
  struct Collection {
    std::vector<std::byte> bytes;
    std::map<std::uint64_t, std::pair<std::uint64_t, std::uint64_t>> objects;  // index -> (offset, size)
  };
  std::map<std::uint64_t, Collection> collections;
  std::uint64_t collection_bytes = 0;
  const auto collection_at = [&](std::uint64_t address) -> const Collection& {
    if (auto it = collections.find(address); it != collections.end()) return it->second;
    const std::string where = what + ": heap collection at " + std::to_string(address);
    const auto header = file.read(address, 16, where);
    Cursor c(header, file, where);
    if (c.u32() != 0x4c4f4347u /* "GCOL" */ || c.u8() != 1) c.fail("no GCOL signature or unknown version");
    c.skip(3);
    const std::uint64_t size = c.u64();
    if (size < 16 || size > file.size() - collection_bytes) c.fail("corrupt size (or collections overlap)");
    collection_bytes += size;
    Collection collection;
    collection.bytes = file.read(address, size, where);
    Cursor objects(std::span(collection.bytes).subspan(16), file, where);
    while (objects.left() >= 16) {
      const std::uint64_t at = 16 + objects.position();
      const std::uint64_t index = objects.u16();
      objects.skip(2 + 4);
      const std::uint64_t size_of_object = objects.u64();
      if (index == 0) break;  // free space up to the end
      if (size_of_object > objects.left()) objects.fail("corrupt object size");
      objects.skip(std::min(objects.left(), (size_of_object + 7) & ~std::uint64_t{7}));
      collection.objects[index] = {at + 16, size_of_object};
    }
    return collections.emplace(address, std::move(collection)).first->second;
  };

  std::vector<std::string> values(count);
  std::uint64_t total = 0;  // string bytes: each string has its own heap object in a real file
  for (std::uint64_t i = 0; i < count; ++i) {
    Cursor c(elements.subspan(i * kElement, kElement), file, what);
    const std::uint64_t length = c.u32();
    const std::uint64_t address = c.u64();
    const std::uint64_t index = c.u32();
    if (length == 0) continue;
    const Collection& collection = collection_at(address);
    const auto it = collection.objects.find(index);
    if (it == collection.objects.end() || length > it->second.second)
      file.fail(what + ": string " + std::to_string(i) + " points to a missing or too short heap object");
    total += length;
    if (total > file.size()) file.fail(what + ": strings claim more bytes than the file holds");
    values[i].assign(reinterpret_cast<const char*>(collection.bytes.data() + it->second.first), length);
  }
  return values;
}

}  // namespace kuchikomi::hdf5::format
