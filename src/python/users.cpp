// Users as Python callers name them: labels, dense ids, or a user-list file.
#include <string>
#include <unordered_set>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/user_list.hpp"

namespace kuchikomi::python {

std::vector<NodeId> users_from_python(const InfluenceGraph& graph, const py::handle& users, const std::string& what,
                                      bool path_allowed) {
  const py::module_ os = py::module_::import("os");
  const bool is_path = py::isinstance<py::str>(users) || py::isinstance(users, os.attr("PathLike"));
  if (is_path) {
    if (!path_allowed) throw UsageError(what + " must be a list of users (labels or ids), not one string", {what});
    const std::string path = py::str(os.attr("fspath")(users));
    const LabelIndex index(graph);
    return read_user_list(path, index);
  }
  std::vector<NodeId> ids;
  std::unordered_set<NodeId> seen;
  std::optional<LabelIndex> index;  // built on the first label
  for (const py::handle item : py::iter(users)) {
    NodeId id;
    if (py::isinstance<py::str>(item)) {
      if (!index) index.emplace(graph);
      const std::string label = item.cast<std::string>();
      const auto found = index->find(label);
      if (!found) throw InputError(what + ": unknown user '" + label + "' (not in the graph)");
      id = *found;
    } else {
      if (!PyIndex_Check(item.ptr()))  // ints and NumPy integers, not floats
        throw UsageError(what + ": a user is a label (str) or an id (int), not " +
                             std::string(py::str(py::type::of(item).attr("__name__"))),
                         {what});
      const long long value = py::reinterpret_steal<py::int_>(PyNumber_Index(item.ptr())).cast<long long>();
      if (value < 0 || value >= static_cast<long long>(graph.num_nodes()))
        throw InputError(what + ": user id " + std::to_string(value) + " is not in the graph (ids are 0 to " +
                         std::to_string(static_cast<long long>(graph.num_nodes()) - 1) + ")");
      id = static_cast<NodeId>(value);
    }
    if (seen.insert(id).second) ids.push_back(id);
  }
  return ids;
}

}  // namespace kuchikomi::python
