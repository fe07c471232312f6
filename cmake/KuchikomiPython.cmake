# Decides whether the Python extension (src/python) is built, and sets KUCHIKOMI_PYTHON_ENABLED.
# Off, with a message and never an error, when Python 3's headers or pybind11 are missing, and in
# sanitizer and fuzzing builds: an extension instrumented with ASan cannot be loaded by a plain
# python (the ASan runtime must come first in the process).
set(KUCHIKOMI_PYTHON_ENABLED OFF)
if(NOT KUCHIKOMI_BUILD_PYTHON)
  return()
endif()
if(KUCHIKOMI_SANITIZE OR KUCHIKOMI_BUILD_FUZZERS)
  message(STATUS "kuchikomi: Python package not built in a sanitizer or fuzzing build (python cannot load an ASan module)")
  return()
endif()
# The dependencies are Debian packages (python3-numpy, python3-pytest, python3-networkx), installed
# for Debian's interpreter; a python3 earlier on PATH (pyenv, conda) usually lacks them, so Debian's
# is preferred unless Python3_EXECUTABLE says otherwise.
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 3.8 COMPONENTS Interpreter Development.Module QUIET)
if(Python3_FOUND)
  find_package(pybind11 2.6 CONFIG QUIET)
endif()
if(NOT Python3_FOUND OR NOT pybind11_FOUND)
  message(STATUS "kuchikomi: Python package not built: needs Python 3 headers and pybind11 "
                 "(Debian: python3-dev pybind11-dev), or -DKUCHIKOMI_BUILD_PYTHON=OFF to silence this")
  return()
endif()
set(KUCHIKOMI_PYTHON_ENABLED ON)
message(STATUS "kuchikomi: Python package for ${Python3_EXECUTABLE} (${Python3_VERSION}), pybind11 ${pybind11_VERSION}")
# The extension links the static library into a shared object.
set_target_properties(kuchikomi_lib PROPERTIES POSITION_INDEPENDENT_CODE ON)
add_subdirectory(src/python)
