// Files the tests read and write: scratch folders in the temporary folder and the check that none is
// left behind, reading a file back, and the bundled and shared data sets.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

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

// Every folder a test makes is "kuchikomi_<what>_<pid>" in the temporary folder ($TMPDIR, else
// /tmp): the pid keeps parallel test processes apart, and lets the check below find what this
// process left behind.
inline std::filesystem::path scratch_path(const std::string& what) {
  // append, not operator+: GCC 12's -Wrestrict misreads operator+(const char*, string&&)
  std::string name = "kuchikomi_";
  name.append(what).append("_").append(std::to_string(::getpid()));
  return std::filesystem::temp_directory_path() / name;
}

// Removes a scratch folder and everything in it. Never throws (it runs in TearDown and destructors):
// a folder that cannot go is reported by the leftover check instead.
inline void remove_scratch(const std::filesystem::path& path) noexcept {
  std::error_code ignored;
  std::filesystem::remove_all(path, ignored);
}

// A folder of this test process (ctest runs test processes in parallel), made on first use and
// removed when the process exits (also after failed tests: gtest's main returns normally). A
// fixture that wants a fresh folder per test uses ScratchTest (scratch_test.hpp).
inline const std::filesystem::path& scratch_dir() {
  struct Folder {
    std::filesystem::path path = scratch_path("test_process");
    Folder() {
      remove_scratch(path);
      std::filesystem::create_directories(path);
    }
    ~Folder() { remove_scratch(path); }
  };
  static const Folder folder;
  return folder.path;
}

// This process's scratch folders still in the temporary folder, but the process folder (it goes at
// exit, after the tests).
inline std::vector<std::filesystem::path> scratch_left_behind() {
  const std::string suffix = std::string("_").append(std::to_string(::getpid()));
  const std::string process_folder = scratch_path("test_process").filename().string();
  std::vector<std::filesystem::path> left;
  std::error_code error;
  for (std::filesystem::directory_iterator it(std::filesystem::temp_directory_path(), error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with("kuchikomi_") && name.ends_with(suffix) && name != process_folder) left.push_back(it->path());
  }
  return left;
}

// After the last test of the process, every scratch folder but the process folder must be gone: a
// fixture that forgets its cleanup fails its test run (ctest runs each test in a process of its own).
class NoScratchLeftBehind : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const auto& path : scratch_left_behind()) ADD_FAILURE() << "scratch folder left behind: " << path.string();
  }
};
inline const ::testing::Environment* const kNoScratchLeftBehind =
    ::testing::AddGlobalTestEnvironment(new NoScratchLeftBehind);

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
