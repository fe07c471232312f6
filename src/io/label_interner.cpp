#include "kuchikomi/io/label_interner.hpp"

#include <algorithm>
#include <cstring>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

bool parse_canonical_number(std::string_view text, std::uint64_t& value) noexcept {
  if (text.empty() || text.size() > 20 || (text.size() > 1 && text[0] == '0')) return false;
  std::uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    const std::uint64_t digit = static_cast<std::uint64_t>(c - '0');
    if (v > (~std::uint64_t{0} - digit) / 10) return false;
    v = v * 10 + digit;
  }
  if (v == ~std::uint64_t{0}) return false;  // reserved as "not a number" marker
  value = v;
  return true;
}

NodeId LabelInterner::add(std::uint64_t number, std::string_view text) {
  if (numeric_.size() >= kNoNode) throw InputError("more than 4,294,967,294 distinct users: ids are 32-bit");
  numeric_.push_back(number);
  text_of_.push_back(text);
  return static_cast<NodeId>(numeric_.size() - 1);
}

std::string_view LabelInterner::store(std::string_view text) {
  if (text.size() > block_left_) {
    // Blocks grow from 64 KiB to 1 MiB and are not zeroed: a small file need not clear a megabyte.
    const std::size_t grown = std::size_t{1} << std::min<std::size_t>(16 + blocks_.size(), 20);
    const std::size_t size = std::max(text.size(), grown);
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
    block_next_ = blocks_.back().get();
    block_left_ = size;
  }
  if (!text.empty()) std::memcpy(block_next_, text.data(), text.size());
  std::string_view stored(block_next_, text.size());
  block_next_ += text.size();
  block_left_ -= text.size();
  return stored;
}

NodeId LabelInterner::intern_number(std::uint64_t id) {
  if (id < kDirectLimit) {
    if (id >= direct_.size()) direct_.resize(std::max<std::size_t>(id + 1, direct_.size() * 2), 0);
    NodeId& slot = direct_[id];
    if (slot == 0) slot = add(id, {}) + 1;
    return slot - 1;
  }
  auto [it, inserted] = large_.try_emplace(id, 0);
  if (inserted) it->second = add(id, {});
  return it->second;
}

NodeId LabelInterner::intern(std::string_view label) {
  std::uint64_t number = 0;
  if (parse_canonical_number(label, number)) return intern_number(number);
  auto it = text_.find(label);
  if (it != text_.end()) return it->second;
  const std::string_view stored = store(label);
  const NodeId id = add(kNotNumber, stored);
  text_.emplace(stored, id);
  return id;
}

std::vector<std::string> LabelInterner::labels() const {
  std::vector<std::string> out;
  out.reserve(numeric_.size());
  for (std::size_t u = 0; u < numeric_.size(); ++u)
    out.emplace_back(numeric_[u] == kNotNumber ? std::string(text_of_[u]) : std::to_string(numeric_[u]));
  return out;
}

}  // namespace kuchikomi
