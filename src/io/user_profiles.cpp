// Profiles of the users of interaction logs (user_profiles.hpp): one pass over the rows through
// the log parser's row hook, so the rows profiled are exactly those `graph build` keeps.
#include "kuchikomi/io/user_profiles.hpp"

#include <algorithm>
#include <array>

namespace kuchikomi {
namespace {

bool equals_lower(std::string_view text, std::string_view lower) {
  if (text.size() != lower.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != lower[i]) return false;
  }
  return true;
}

class Profiler {
 public:
  explicit Profiler(const InteractionLogOptions& options) : options_(options) {
    options_.on_row = [this](const InteractionRow& row) { add(row); };
  }
  const InteractionLogOptions& options() const { return options_; }

  UserProfiles finish(ParsedInput& parsed) {
    UserProfiles out;
    out.users = std::move(profiles_);
    const std::vector<std::string> labels = parsed.users.labels();
    out.users.resize(labels.size());
    for (std::size_t v = 0; v < labels.size(); ++v) out.users[v].label = labels[v];
    out.summary = std::move(parsed.summary);
    out.summary.users = parsed.users.size();
    return out;
  }

 private:
  UserProfile& at(NodeId v) {
    if (profiles_.size() <= v) profiles_.resize(static_cast<std::size_t>(v) + 1);
    return profiles_[v];
  }
  static void seen_at(UserProfile& p, const InteractionRow& row) {
    if (!row.has_timestamp) return;
    p.first_activity = p.has_activity ? std::min(p.first_activity, row.timestamp) : row.timestamp;
    p.last_activity = p.has_activity ? std::max(p.last_activity, row.timestamp) : row.timestamp;
    p.has_activity = true;
  }
  void add(const InteractionRow& row) {
    const double action_weight = options_.action_weights.find(row.action).value_or(row.weight);
    UserProfile& actor = at(row.actor);
    switch (action_class(row.action, action_weight)) {
      case ActionClass::kSupport: ++actor.support; break;
      case ActionClass::kExchange: ++actor.exchange; break;
      case ActionClass::kContribution: ++actor.contribution; break;
    }
    actor.engagement += row.weight;
    ++actor.made;
    seen_at(actor, row);
    if (row.target != row.actor) {
      UserProfile& target = at(row.target);
      ++target.received;
      seen_at(target, row);
    }
  }

  InteractionLogOptions options_;
  std::vector<UserProfile> profiles_;
};

}  // namespace

ActionClass action_class(std::string_view action, double action_weight) {
  static constexpr std::array<std::string_view, 8> kSupport{"like", "vote", "upvote", "star",
                                                            "favorite", "favourite", "react", "reaction"};
  static constexpr std::array<std::string_view, 6> kExchange{"comment", "reply", "mention", "message", "c2q", "c2a"};
  static constexpr std::array<std::string_view, 4> kContribution{"answer", "review", "post", "a2q"};
  auto in = [&](const auto& list) {
    return std::any_of(list.begin(), list.end(), [&](std::string_view name) { return equals_lower(action, name); });
  };
  if (in(kSupport)) return ActionClass::kSupport;
  if (in(kExchange)) return ActionClass::kExchange;
  if (in(kContribution)) return ActionClass::kContribution;
  return action_weight < 1.5 ? ActionClass::kSupport : action_weight < 2.5 ? ActionClass::kExchange
                                                                           : ActionClass::kContribution;
}

UserProfiles profile_users(const std::vector<std::string>& log_paths, const InteractionLogOptions& options) {
  Profiler profiler(options);
  ParsedInput parsed;
  for (const auto& path : log_paths) read_interaction_log(path, profiler.options(), parsed);
  return profiler.finish(parsed);
}

UserProfiles profile_users_text(std::string_view text, const std::string& file_name, const InteractionLogOptions& options) {
  Profiler profiler(options);
  ParsedInput parsed;
  parse_interaction_log(text, file_name, profiler.options(), parsed);
  return profiler.finish(parsed);
}

}  // namespace kuchikomi
