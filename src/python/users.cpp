// Users as Python callers name them: labels, dense ids, or a user-list file, under the call's
// unknown_users policy (the library's UserListPolicy, as the CLI's --unknown-users).
#include <string>
#include <unordered_set>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::python {

bool is_path(const py::handle& value) {
  return py::isinstance<py::str>(value) || py::isinstance(value, py::module_::import("os").attr("PathLike"));
}

std::string path_text(const py::handle& path) { return py::str(py::module_::import("os").attr("fspath")(path)); }

UserLookup::UserLookup(const InfluenceGraph& graph, const std::string& unknown_users) : graph_(graph) {
  if (unknown_users != "error" && unknown_users != "skip")
    throw UsageError("unknown_users must be \"error\" or \"skip\", got '" + unknown_users + "'", {"unknown_users"});
  skip_ = unknown_users == "skip";
}

const LabelIndex& UserLookup::index() {
  if (!index_) index_.emplace(graph_);
  return *index_;
}

UserListPolicy UserLookup::policy(const std::string& what) {
  UserListPolicy policy{what, skip_, &skipped_};
  policy.skip_advice = "pass unknown_users=\"skip\"";
  return policy;
}

std::optional<NodeId> UserLookup::user(const py::handle& item, const std::string& what) {
  if (py::isinstance<py::str>(item)) return resolve_listed_user(index(), item.cast<std::string>(), policy(what));
  if (!PyIndex_Check(item.ptr()))  // ints and NumPy integers, not floats
    throw UsageError(what + ": a user is a label (str) or an id (int), not " +
                         std::string(py::str(py::type::of(item).attr("__name__"))),
                     {what});
  // Ids are not labels: one outside the graph is an error under either policy.
  const long long value = py::reinterpret_steal<py::int_>(PyNumber_Index(item.ptr())).cast<long long>();
  if (value < 0 || value >= static_cast<long long>(graph_.num_nodes()))
    throw InputError(what + ": user id " + std::to_string(value) + " is not in the graph (ids are 0 to " +
                     std::to_string(static_cast<long long>(graph_.num_nodes()) - 1) + ")");
  return static_cast<NodeId>(value);
}

std::vector<NodeId> UserLookup::users(const py::handle& users, const std::string& what, bool path_allowed) {
  if (is_path(users)) {
    if (!path_allowed) throw UsageError(what + " must be a list of users (labels or ids), not one string", {what});
    return read_user_list(path_text(users), index(), policy(what));
  }
  std::vector<NodeId> ids;
  std::unordered_set<NodeId> seen;
  for (const py::handle item : py::iter(users))
    if (const auto id = user(item, what); id && seen.insert(*id).second) ids.push_back(*id);
  return ids;
}

py::list unknown_users_list(const std::vector<UnknownUser>& skipped) {
  py::list out;
  for (const UnknownUser& u : skipped) out.append(py::make_tuple(u.option, u.label));
  return out;
}

}  // namespace kuchikomi::python
