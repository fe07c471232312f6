// How much one interaction of each kind counts towards an influence edge.
//
// Actions are ranked by the effort they cost the actor: a like or a vote is one click (1), a comment,
// reply, mention or message takes writing (2), an answer or review takes real work (3). The idea is
// that effort signals attention to the target's content, so effortful reactions count more. The
// Stack Exchange interaction types are included: a2q = answer (3), c2q and c2a = comment (2).
// Users override any entry or add new actions with --action-weight NAME=W (command line or config
// file). Action names are matched case-insensitively.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kuchikomi {

class ActionWeights {
 public:
  // The default effort table.
  ActionWeights();
  // An empty table (every action unknown until set()).
  static ActionWeights empty();

  // Adds or overrides one action. Throws UsageError for a negative or non-finite weight.
  void set(std::string_view action, double weight);
  // Parses "NAME=W" (as given to --action-weight) and sets it. Throws UsageError when malformed.
  void set_from_spec(std::string_view spec);

  std::optional<double> find(std::string_view action) const;
  // "answer=3, comment=2, ..." for messages that list the known actions.
  std::string known_list() const;
  const std::map<std::string, double, std::less<>>& table() const noexcept { return table_; }

 private:
  struct EmptyTag {};
  explicit ActionWeights(EmptyTag) {}
  std::map<std::string, double, std::less<>> table_;  // keys lower-case
};

}  // namespace kuchikomi
