// Files the tests read and write: scratch folders in the temporary folder and the check that none is
// left behind, reading a file back, and the bundled and shared data sets.
#pragma once
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <set>
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

// This process's scratch folders now in the temporary folder, but the process folder (it goes at
// exit, after the tests).
inline std::set<std::filesystem::path> scratch_folders() {
  const std::string suffix = std::string("_").append(std::to_string(::getpid()));
  const std::string process_folder = scratch_path("test_process").filename().string();
  std::set<std::filesystem::path> found;
  std::error_code error;
  for (std::filesystem::directory_iterator it(std::filesystem::temp_directory_path(), error), end; !error && it != end;
       it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.starts_with("kuchikomi_") && name.ends_with(suffix) && name != process_folder) found.insert(it->path());
  }
  return found;
}

// After the last test of the process, every scratch folder it made but the process folder must be
// gone: a fixture that forgets its cleanup fails its test run (ctest runs each test in a process of
// its own). Folders there before the first test are not this process's: a killed process that
// had the same pid left them.
class NoScratchLeftBehind : public ::testing::Environment {
 public:
  void SetUp() override { at_start_ = scratch_folders(); }
  void TearDown() override {
    for (const auto& path : scratch_folders())
      if (!at_start_.count(path)) ADD_FAILURE() << "scratch folder left behind: " << path.string();
  }

 private:
  std::set<std::filesystem::path> at_start_;
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
