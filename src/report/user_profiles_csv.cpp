// Users' profiles and segment lists as text (user_profiles_csv.hpp).
#include "kuchikomi/report/user_profiles_csv.hpp"

#include <cmath>
#include <cstdio>

#include "kuchikomi/io/csv_field.hpp"

namespace kuchikomi {
namespace {

std::string number(double value) {
  char buffer[40];
  if (value == std::floor(value) && std::fabs(value) < 1e15) std::snprintf(buffer, sizeof buffer, "%.0f", value);
  else std::snprintf(buffer, sizeof buffer, "%.10g", value);
  return buffer;
}

}  // namespace

std::string user_profiles_csv(const std::vector<UserProfile>& users, const std::vector<std::string>& tiers) {
  std::string csv = "user,support,exchange,contribution,engagement,made,received,first_activity,last_activity,tier\n";
  for (std::size_t v = 0; v < users.size(); ++v) {
    const UserProfile& p = users[v];
    csv += csv_field(p.label) + ',' + std::to_string(p.support) + ',' + std::to_string(p.exchange) + ',' +
           std::to_string(p.contribution) + ',' + number(p.engagement) + ',' + std::to_string(p.made) + ',' +
           std::to_string(p.received) + ',' + (p.has_activity ? number(p.first_activity) : "") + ',' +
           (p.has_activity ? number(p.last_activity) : "") + ',' + csv_field(tiers[v]) + '\n';
  }
  return csv;
}

std::string segment_list(const std::vector<UserProfile>& users, const std::vector<std::string>& tiers,
                         const std::string& tier) {
  std::string list = "user\n";
  for (std::size_t v = 0; v < users.size(); ++v)
    if (tiers[v] == tier) list += csv_field(users[v].label) + '\n';
  return list;
}

}  // namespace kuchikomi
