#include "kuchikomi/report/json_text.hpp"

#include <cmath>

#include "kuchikomi/core/utf8.hpp"

namespace kuchikomi {
namespace {

// Replaces invalid UTF-8 in every string and key; returns how many strings it changed.
std::size_t make_valid(nlohmann::json& value) {
  std::size_t changed = 0;
  if (value.is_string()) {
    auto& text = value.get_ref<std::string&>();
    if (!is_valid_utf8(text)) {
      text = to_valid_utf8(text);
      ++changed;
    }
  } else if (value.is_array()) {
    for (auto& element : value) changed += make_valid(element);
  } else if (value.is_object()) {
    nlohmann::json fixed = nlohmann::json::object();
    for (auto& [key, element] : value.items()) {
      changed += make_valid(element);
      if (is_valid_utf8(key)) {
        fixed[key] = std::move(element);
      } else {
        fixed[to_valid_utf8(key)] = std::move(element);
        ++changed;
      }
    }
    value = std::move(fixed);
  }
  return changed;
}

}  // namespace

std::string json_text(nlohmann::json value) {
  const std::size_t changed = make_valid(value);
  if (changed > 0 && value.is_object())
    value["notes"].push_back(std::to_string(changed) + (changed == 1 ? " string" : " strings") +
                             " (user labels) held bytes that are not valid UTF-8; they are shown here with U+FFFD "
                             "in place of those bytes, while HDF5 and CSV outputs keep the original bytes");
  return value.dump(2);
}

nlohmann::json finite_or_null(double x) { return std::isfinite(x) ? nlohmann::json(x) : nlohmann::json(nullptr); }

}  // namespace kuchikomi
