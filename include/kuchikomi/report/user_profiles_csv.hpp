// `kuchikomi users` outputs: every user's profile with its tier, and one tier's user list.
//   users.csv: user,support,exchange,contribution,engagement,made,received,first_activity,last_activity,tier
//              (activity as unix seconds; empty when no row of the user has a timestamp)
//   list:      user            one member of the segment per line, readable by --target,
//                              --exclude, --include and --seeds-file (io/user_list.hpp)
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/io/user_profiles.hpp"

namespace kuchikomi {

// tiers[v] is user v's tier.
std::string user_profiles_csv(const std::vector<UserProfile>& users, const std::vector<std::string>& tiers);
std::string segment_list(const std::vector<UserProfile>& users, const std::vector<std::string>& tiers,
                         const std::string& tier);

}  // namespace kuchikomi
