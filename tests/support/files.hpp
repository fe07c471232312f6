// Files the tests read and write: a scratch folder for the test process, reading a file back, and
// the bundled and shared data sets.
#pragma once
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

namespace kuchikomi::support {

inline std::string slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

inline std::size_t occurrences(const std::string& text, const std::string& what) {
  std::size_t count = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

// A folder of this test process (ctest runs test processes in parallel), made on first use and
// removed when the process exits (also after failed tests: gtest's main returns normally). A
// fixture that wants a fresh folder per test uses ScratchTest (scratch_test.hpp).
inline const std::filesystem::path& scratch_dir() {
  struct Folder {
    std::filesystem::path path =
        std::filesystem::temp_directory_path() / ("kuchikomi_test_process_" + std::to_string(::getpid()));
    Folder() {
      std::filesystem::remove_all(path);
      std::filesystem::create_directories(path);
    }
    ~Folder() {
      std::error_code ignored;  // nothing to report to at exit; a busy or vanished folder is not a failure
      std::filesystem::remove_all(path, ignored);
    }
  };
  static const Folder folder;
  return folder.path;
}

inline std::string write_file(const std::string& name, const std::string& contents) {
  const auto path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

inline std::string tiny_community() { return std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/tiny_community.csv"; }
inline std::string quantum_community() { return std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/quantum_community.csv"; }
inline std::string shared_dataset(const std::string& relative) {
  return std::string(KUCHIKOMI_SHARED_DIR) + "/datasets/" + relative;
}

}  // namespace kuchikomi::support
