// User label -> dense 32-bit id, in first-seen order, for the ingestion parsers.
//
// Two paths that always agree: canonical decimal ids ("0", "17", not "017") go through a numeric
// map (a direct array for ids below 2^23, a hash map above), so SNAP edge lists never hash strings;
// every other label is hashed as a string_view whose bytes live in an arena owned here (input
// buffers are freed file by file, so views into them would dangle). intern("17") and
// intern_number(17) therefore return the same node.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "kuchikomi/core/types.hpp"

namespace kuchikomi {

class LabelInterner {
 public:
  NodeId intern(std::string_view label);
  NodeId intern_number(std::uint64_t id);
  NodeId size() const noexcept { return static_cast<NodeId>(numeric_.size()); }
  // Labels by dense id (numbers written in decimal).
  std::vector<std::string> labels() const;

 private:
  NodeId add(std::uint64_t number, std::string_view text);
  std::string_view store(std::string_view text);

  static constexpr std::uint64_t kDirectLimit = std::uint64_t{1} << 23;
  static constexpr std::uint64_t kNotNumber = ~std::uint64_t{0};
  std::vector<NodeId> direct_;  // raw id -> dense id + 1 (0 = unseen)
  std::unordered_map<std::uint64_t, NodeId> large_;
  std::unordered_map<std::string_view, NodeId> text_;
  std::vector<std::uint64_t> numeric_;  // per node: the number, or kNotNumber
  std::vector<std::string_view> text_of_;  // per node: the label text for non-numbers
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t block_left_ = 0;
  char* block_next_ = nullptr;
};

// True when `text` is a canonical decimal number that fits in 64 bits; sets `value`.
bool parse_canonical_number(std::string_view text, std::uint64_t& value) noexcept;

}  // namespace kuchikomi
