#include "kuchikomi/io/action_weights.hpp"

#include <charconv>
#include <cmath>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

}  // namespace

ActionWeights::ActionWeights() {
  for (const char* a : {"like", "vote", "upvote", "star", "favorite", "favourite", "react", "reaction"}) table_[a] = 1.0;
  for (const char* a : {"comment", "reply", "mention", "message", "c2q", "c2a"}) table_[a] = 2.0;
  for (const char* a : {"answer", "review", "a2q"}) table_[a] = 3.0;
}

ActionWeights ActionWeights::empty() { return ActionWeights(EmptyTag{}); }

void ActionWeights::set(std::string_view action, double weight) {
  action = trim(action);
  if (action.empty()) throw UsageError("action weight: empty action name", {"action-weight"});
  if (!std::isfinite(weight) || weight < 0.0)
    throw UsageError("action weight for '" + std::string(action) + "' must be a finite number >= 0", {"action-weight"});
  table_[lower(action)] = weight;
}

void ActionWeights::set_from_spec(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos)
    throw UsageError("an action weight is NAME=WEIGHT (e.g. like=0.5), got '" + std::string(spec) + "'", {"action-weight"});
  const std::string_view name = trim(spec.substr(0, eq));
  const std::string_view value = trim(spec.substr(eq + 1));
  double weight = 0.0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), weight);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size())
    throw UsageError("action weight " + std::string(spec) + ": '" + std::string(value) + "' is not a number",
                     {"action-weight"});
  set(name, weight);
}

std::optional<double> ActionWeights::find(std::string_view action) const {
  auto it = table_.find(action);
  if (it != table_.end()) return it->second;
  // Slow path only for mixed-case spellings; logs usually repeat one lower-case spelling.
  for (char c : action)
    if (c >= 'A' && c <= 'Z') {
      it = table_.find(lower(action));
      if (it != table_.end()) return it->second;
      break;
    }
  return std::nullopt;
}

std::string ActionWeights::known_list() const {
  std::string out;
  for (const auto& [name, weight] : table_) {
    if (!out.empty()) out += ", ";
    char buffer[32];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, weight);
    out += name + "=" + std::string(buffer, ec == std::errc() ? end : buffer);
  }
  return out;
}

}  // namespace kuchikomi
