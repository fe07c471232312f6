// Every user of an interaction log profiled by what they do (`kuchikomi users`): the engagement
// ladder of community sites, where a like costs less effort than a comment and a comment less than
// an answer or a review.
//
// Action classes: support (like, vote, upvote, star, favorite, favourite, react, reaction),
// exchange (comment, reply, mention, message, c2q, c2a), contribution (answer, review, post, a2q).
// An action outside these lists (added with an action weight) is classed by its weight: below 1.5
// support, below 2.5 exchange, else contribution (the default weights are 1, 2 and 3).
// Per user:
//   support, exchange, contribution   interactions the user made, by class
//   engagement                        sum of the weights of the interactions the user made
//   made, received                    interactions made / received from others (a self-interaction
//                                     counts as made, not as received)
//   first_activity, last_activity     earliest and latest timestamp of a row in which the user acted
//                                     or was reacted to (absent when no such row has a timestamp)
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/io/interaction_log.hpp"

namespace kuchikomi {

enum class ActionClass { kSupport, kExchange, kContribution };

ActionClass action_class(std::string_view action, double action_weight);

struct UserProfile {
  std::string label;
  std::uint64_t support = 0, exchange = 0, contribution = 0;
  double engagement = 0;
  std::uint64_t made = 0, received = 0;
  bool has_activity = false;
  double first_activity = 0, last_activity = 0;
};

struct UserProfiles {
  std::vector<UserProfile> users;  // in first-seen order (the ids `graph build` gives the same logs)
  IngestSummary summary;
};

// Reads the logs (plain or gzip) like `graph build` does (same checks, filters and messages).
UserProfiles profile_users(const std::vector<std::string>& log_paths, const InteractionLogOptions& options);
// The same for one log held in memory.
UserProfiles profile_users_text(std::string_view text, const std::string& file_name, const InteractionLogOptions& options);

}  // namespace kuchikomi
