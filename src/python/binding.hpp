// What the binding files of the Python extension share: the pybind11 alias, the one way long library
// calls run (GIL released, Ctrl-C honoured, thread limit applied), users given as labels or ids,
// NumPy views that share memory with the C++ object that owns it, and each file's bind_ function.
// The binding only converts: every check and computation is the library's (src/cli does the same
// for the command line).
#pragma once
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/user_list.hpp"

namespace kuchikomi::python {

namespace py = pybind11;

// Runs `work` on a worker thread while the calling thread, with the GIL released, waits and every
// 50 ms lets Python run its signal handlers (PyErr_CheckSignals; effective in the main thread). A
// handler that raises (Ctrl-C: KeyboardInterrupt) asks the library to cancel (core/cancellation.hpp);
// once the work has stopped, that exception is raised. Exceptions of `work` are rethrown here, with
// the GIL held, for the translators of errors.cpp. `threads`: the TBB thread cap (0 or none = all
// cores) while the work runs.
void run_interruptible(std::optional<unsigned> threads, const std::function<void()>& work);

// Users as one call's arguments name them: labels (str) or dense ids (int), resolved as the CLI's
// user lists are (io/user_list.hpp: exact label, or a display name one user has), under the call's
// unknown_users policy: "error" (an InputError naming the argument) or "skip" (left out and
// recorded, in the order met, with the argument's name). One label index, built on the first label.
class UserLookup {
 public:
  UserLookup(const InfluenceGraph& graph, const std::string& unknown_users);  // UsageError unless error / skip
  UserLookup(const UserLookup&) = delete;  // the policies point at skipped_
  UserLookup& operator=(const UserLookup&) = delete;

  // Users in a sequence, a NumPy integer array or, when `path_allowed`, a path (str or os.PathLike)
  // of a user-list file (read as the CLI reads them). Duplicates removed, first kept.
  std::vector<NodeId> users(const py::handle& users, const std::string& what, bool path_allowed);
  // One user; nullopt when the policy skipped it.
  std::optional<NodeId> user(const py::handle& user, const std::string& what);
  const LabelIndex& index();
  // The library's policy for the list given as argument `what`.
  UserListPolicy policy(const std::string& what);
  const std::vector<UnknownUser>& skipped() const noexcept { return skipped_; }

 private:
  const InfluenceGraph& graph_;
  bool skip_ = false;
  std::vector<UnknownUser> skipped_;
  std::optional<LabelIndex> index_;
};

// Skipped users as Python sees them: [(argument, label), ...] in the order met.
py::list unknown_users_list(const std::vector<UnknownUser>& skipped);

// Whether `path` is a path (str or os.PathLike) rather than a sequence of users.
bool is_path(const py::handle& value);
std::string path_text(const py::handle& path);

// The graph's `validation` attribute (Graph.load sets it from the file's /validation record), a deep
// copy, so that a result keeps the record as it was when the result was computed; None when absent.
py::object graph_validation_of(const InfluenceGraph& graph);

// A read-only NumPy array over `count` elements at `data`, owned by `owner` (kept alive by the array).
template <class T>
py::array_t<T> shared_array(const T* data, std::size_t count, const py::handle& owner) {
  py::array_t<T> array({static_cast<py::ssize_t>(count)}, {static_cast<py::ssize_t>(sizeof(T))}, data, owner);
  py::detail::array_proxy(array.ptr())->flags &= ~py::detail::npy_api::NPY_ARRAY_WRITEABLE_;
  return array;
}
// A NumPy array that takes over `values` (no copy): the vector moves into a capsule that the array owns.
template <class T>
py::array_t<T> owned_array(std::vector<T>&& values) {
  auto* owned = new std::vector<T>(std::move(values));
  py::capsule free_when_done(owned, [](void* p) { delete static_cast<std::vector<T>*>(p); });
  return py::array_t<T>({static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(T))},
                        owned->data(), free_when_done);
}

void bind_errors(py::module_& m);
void bind_graph(py::module_& m);
void bind_simulate(py::module_& m);
void bind_select(py::module_& m);
void bind_learn(py::module_& m);
void bind_validate(py::module_& m);

}  // namespace kuchikomi::python
