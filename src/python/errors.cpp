// The library's exceptions as Python exceptions, with the library's messages (the ones the CLI
// prints), settings spelled as Python keyword arguments:
//   InputError (bad data, impossible request)  -> kuchikomi.InputError, a ValueError; a file that does
//                                                 not exist -> FileNotFoundError, access denied
//                                                 -> PermissionError
//   UsageError (a bad argument value)          -> kuchikomi.UsageError, a ValueError
//   Cancelled (another call's Ctrl-C)          -> KeyboardInterrupt
//   std::bad_alloc                             -> MemoryError (pybind11's own translation)
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>

#include "binding.hpp"
#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::python {
namespace {

PyObject* input_error_type = nullptr;
PyObject* usage_error_type = nullptr;

// "max-memory" -> "max_memory": a setting as a keyword argument.
std::string keyword(std::string setting) {
  for (char& c : setting)
    if (c == '-') c = '_';
  return setting;
}

std::string keywords(const ErrorSettings& settings) {
  std::string out;
  for (const auto& s : settings) out += (out.empty() ? "" : ", ") + keyword(s);
  return out;
}

// As cli_common's usage_message/input_message, with keywords instead of flags.
std::string usage_text(const UsageError& error) {
  const std::string what = error.what();
  const auto& settings = error.settings();
  if (settings.empty()) return what;
  if (settings.size() == 1 && what.rfind(settings[0] + " ", 0) == 0) return keyword(settings[0]) + what.substr(settings[0].size());
  return keywords(settings) + ": " + what;
}

std::string input_text(const InputError& error) {
  const std::string what = error.what();
  return error.settings().empty() ? what : what + " (" + keywords(error.settings()) + ")";
}

// An OSError subclass (FileNotFoundError, PermissionError) with the library's message and the file.
void raise_os_error(PyObject* type, int code, const InputError& error) {
  py::object exception =
      py::reinterpret_steal<py::object>(PyObject_CallFunction(type, "is", code, input_text(error).c_str()));
  if (!exception) return;  // the call set its own error
  exception.attr("filename") = error.file();
  PyErr_SetObject(type, exception.ptr());
}

}  // namespace

void bind_errors(py::module_& m) {
  static py::exception<InputError> input_error(m, "InputError", PyExc_ValueError);
  static py::exception<UsageError> usage_error(m, "UsageError", PyExc_ValueError);
  input_error.doc() =
      "Bad input data or a request the data make impossible (a malformed line, an unknown user, k above the "
      "candidate users, LT on a graph whose in-probabilities sum above 1). The message names the file and line.";
  usage_error.doc() = "An argument value that is wrong whatever the data (an unknown model, epsilon outside (0, 1), runs = 0).";
  input_error_type = input_error.ptr();
  usage_error_type = usage_error.ptr();
  py::register_exception_translator([](std::exception_ptr error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const InputError& e) {
      // A problem with a file as a whole is an OSError where Python's open() would raise one: denied
      // access (the message carries strerror), or a file (to read) or folder (to write) that is not there.
      std::error_code ec;
      const bool whole_file = !e.file().empty() && e.line() == 0;
      if (whole_file && std::string_view(e.what()).find(std::strerror(EACCES)) != std::string_view::npos)
        raise_os_error(PyExc_PermissionError, EACCES, e);
      else if (whole_file && !std::filesystem::exists(e.file(), ec))
        raise_os_error(PyExc_FileNotFoundError, ENOENT, e);
      else
        PyErr_SetString(input_error_type, input_text(e).c_str());
    } catch (const UsageError& e) {
      PyErr_SetString(usage_error_type, usage_text(e).c_str());
    } catch (const Cancelled&) {  // another call's interrupt stopped this one too (one flag per process)
      PyErr_SetString(PyExc_KeyboardInterrupt, "cancelled");
    }
  });
}

}  // namespace kuchikomi::python
