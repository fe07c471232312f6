// Users that lists named but the graph does not hold, skipped under --unknown-users skip: the same
// record in the text summary, JSON and results files of select and simulate, so that a planner (and
// the report) sees who was left out of the plan and why.
//   HDF5: group /unknown_users with datasets option (strings) and label (strings), one row per
//         user, and attribute count; absent when nobody was skipped.
//   JSON: "unknown_users": {"count": N, "by_option": {"--target": ["a", "b"], ...}}.
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "kuchikomi/io/user_list.hpp"

namespace kuchikomi {

namespace hdf5 {
class Location;
}

// "skipped 3 users not in the graph: --target 2 ('a', 'b'), --costs 1 ('c')\n" (ten labels at most
// per option, escaped for a terminal); empty when nobody was skipped.
std::string unknown_users_text(const std::vector<UnknownUser>& users);
nlohmann::json unknown_users_json(const std::vector<UnknownUser>& users);
void write_unknown_users(const hdf5::Location& where, const std::vector<UnknownUser>& users);

}  // namespace kuchikomi
