// A scratch folder per test, and the real `kuchikomi` executable (KUCHIKOMI_CLI) run with its
// output captured: what the tests of files and commands share.
#pragma once
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/files.hpp"

namespace kuchikomi::support {

// Exit code of a shell command, -1 when it did not exit normally (killed by a signal).
inline int shell(const std::string& command) {
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct Result {
  int code = -1;
  std::string out, err;
};

// A fresh folder for the running test, named by suite, test and process (ctest runs test processes
// in parallel), removed when the test ends.
class ScratchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    // Parameterised tests are named "Prefix/Suite" and "Test/0": one folder level, not three.
    std::string name = std::string(info->test_suite_name()) + "_" + info->name();
    for (char& c : name)
      if (c == '/') c = '_';
    dir_ = scratch_path(name);
    remove_scratch(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { remove_scratch(dir_); }

  std::string path(const std::string& name) const { return (dir_ / name).string(); }
  std::string write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return path(name);
  }
  std::string read(const std::string& name) const { return slurp(dir_ / name); }

  // `kuchikomi ARGUMENTS`; stdout and stderr also stay in the folder as out.txt and err.txt.
  Result kuchikomi(const std::string& arguments) const {
    const int code = shell(std::string(KUCHIKOMI_CLI) + " " + arguments + " > " + path("out.txt") + " 2> " +
                           path("err.txt"));
    return {code, read("out.txt"), read("err.txt")};
  }

  std::filesystem::path dir_;
};

}  // namespace kuchikomi::support
