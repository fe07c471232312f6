#include "kuchikomi/io/user_list.hpp"

#include <charconv>
#include <cmath>
#include <fstream>
#include <unordered_set>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {
namespace {

// Splits a line into up to two fields at the first comma, tab or run of spaces.
std::pair<std::string, std::string> split_fields(const std::string& line) {
  const auto begin = line.find_first_not_of(" \t");
  if (begin == std::string::npos) return {};
  const auto end_first = line.find_first_of(",\t ", begin);
  std::string first = line.substr(begin, end_first == std::string::npos ? std::string::npos : end_first - begin);
  std::string second;
  if (end_first != std::string::npos) {
    const auto s = line.find_first_not_of(",\t ", end_first);
    if (s != std::string::npos) {
      const auto e = line.find_last_not_of(" \t\r");
      second = line.substr(s, e - s + 1);
    }
  }
  if (!first.empty() && first.back() == '\r') first.pop_back();
  return {first, second};
}

template <class Visit>
void for_each_line(const std::string& path, Visit visit) {
  std::ifstream in(path);
  if (!in) throw InputError(path, 0, "cannot open file (missing or unreadable)");
  std::string line;
  std::uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    auto [first, second] = split_fields(line);
    if (first.empty() || first[0] == '#') continue;
    visit(number, first, second);
  }
}

}  // namespace

std::vector<NodeId> read_user_list(const std::string& path, const LabelIndex& index) {
  std::vector<NodeId> users;
  std::unordered_set<NodeId> seen;
  for_each_line(path, [&](std::uint64_t line, const std::string& label, const std::string&) {
    auto id = index.find(label);
    if (!id) throw InputError(path, line, "unknown user '" + label + "' (not in the graph)");
    if (seen.insert(*id).second) users.push_back(*id);
  });
  return users;
}

std::vector<NodeId> resolve_users(const std::vector<std::string>& labels, const LabelIndex& index,
                                  const std::string& what) {
  std::vector<NodeId> users;
  std::unordered_set<NodeId> seen;
  for (const auto& label : labels) {
    auto id = index.find(label);
    if (!id) throw InputError(what + ": unknown user '" + label + "' (not in the graph)");
    if (seen.insert(*id).second) users.push_back(*id);
  }
  return users;
}

std::vector<double> read_user_costs(const std::string& path, const LabelIndex& index, NodeId num_nodes,
                                    double default_cost) {
  std::vector<double> costs(num_nodes, default_cost);
  for_each_line(path, [&](std::uint64_t line, const std::string& label, const std::string& value) {
    auto id = index.find(label);
    if (!id) throw InputError(path, line, "unknown user '" + label + "' (not in the graph)");
    double cost = 0;
    auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), cost);
    if (value.empty() || ec != std::errc() || end != value.data() + value.size())
      throw InputError(path, line, "expected 'user,cost' with a numeric cost, got '" + value + "'");
    if (!std::isfinite(cost) || cost <= 0) throw InputError(path, line, "cost must be a positive number");
    costs[*id] = cost;
  });
  return costs;
}

}  // namespace kuchikomi
