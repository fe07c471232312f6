#include "kuchikomi/report/unknown_users.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/hdf5_file.hpp"

namespace kuchikomi {

namespace {

// Options in the order they first appear, each with its labels.
std::vector<std::pair<std::string, std::vector<std::string>>> by_option(const std::vector<UnknownUser>& users) {
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (const UnknownUser& u : users) {
    auto it = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == u.option; });
    if (it == groups.end()) it = groups.insert(groups.end(), {u.option, {}});
    it->second.push_back(u.label);
  }
  return groups;
}

}  // namespace

std::string unknown_users_text(const std::vector<UnknownUser>& users) {
  if (users.empty()) return {};
  constexpr std::size_t kShown = 10;
  std::string text = "skipped " + std::to_string(users.size()) + (users.size() == 1 ? " user" : " users") +
                     " not in the graph:";
  bool first = true;
  for (const auto& [option, labels] : by_option(users)) {
    text.append(first ? " " : ", ");
    text.append(option + " " + std::to_string(labels.size()) + " (");
    first = false;
    for (std::size_t i = 0; i < labels.size() && i < kShown; ++i) {
      text.append(i ? ", '" : "'");
      text.append(printable(labels[i]));
      text.push_back('\'');
    }
    if (labels.size() > kShown) text += ", ...";
    text += ")";
  }
  return text + "\n";
}

nlohmann::json unknown_users_json(const std::vector<UnknownUser>& users) {
  nlohmann::json options = nlohmann::json::object();
  for (const auto& [option, labels] : by_option(users)) options[option] = labels;
  return {{"count", users.size()}, {"by_option", options}};
}

void write_unknown_users(const hdf5::Location& where, const std::vector<UnknownUser>& users) {
  if (users.empty()) return;
  std::vector<std::string> options, labels;
  for (const UnknownUser& u : users) {
    options.push_back(u.option);
    labels.push_back(u.label);
  }
  auto group = where.create_group("unknown_users");
  group.write_strings("option", options);
  group.write_strings("label", labels);
  group.set_attribute("count", static_cast<std::uint64_t>(users.size()));
}

}  // namespace kuchikomi
