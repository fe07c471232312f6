// Tiers of users from their profiles (io/user_profiles.hpp): rules tried in order, highest tier
// first; a user gets the first tier whose conditions all hold, or kNoTier when none does.
//
// A rule is written NAME=CONDITION[,CONDITION...] (`--tier contributor=contribution>=5`), a condition
// MEASURE OP NUMBER with MEASURE one of support, exchange, contribution, engagement, made, received
// and OP one of >= > <= < =. Tier names are letters, digits, '-' and '_' (they become file names and
// list headers). Default tiers, used when no rule is given:
//   contributor             contribution>=5    answers, reviews or posts, often
//   occasional-contributor  contribution>=1
//   commenter               exchange>=1        comments, replies, messages
//   liker                   support>=1         likes and votes only
//   audience                (everyone else: reacted to, never acting)
#pragma once
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kuchikomi/io/user_profiles.hpp"

namespace kuchikomi {

inline constexpr std::string_view kNoTier = "audience";

struct TierCondition {
  enum class Op { kAtLeast, kAbove, kAtMost, kBelow, kEqual };
  std::string measure;
  Op op = Op::kAtLeast;
  double value = 0;
};

struct TierRule {
  std::string name;
  std::vector<TierCondition> conditions;
};

std::vector<TierRule> default_tier_rules();
// Throws UsageError (naming the rule) when malformed.
TierRule parse_tier_rule(std::string_view spec);
// "contributor=contribution>=5" again, for messages and the CSV's documentation.
std::string tier_rule_text(const TierRule& rule);

std::string assign_tier(const UserProfile& profile, const std::vector<TierRule>& rules);

// The (user, tier) pairs of a users CSV written by `kuchikomi users` (any CSV with a header naming
// `user` and `tier` columns; the user field's formula guard is taken off). InputError with the
// line on a missing column, a malformed record or an empty user.
std::vector<std::pair<std::string, std::string>> read_user_tiers(const std::string& path);
std::vector<std::pair<std::string, std::string>> parse_user_tiers(std::string_view text, const std::string& file_name);

}  // namespace kuchikomi
