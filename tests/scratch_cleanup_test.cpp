// The tests' scratch folders (support/files.hpp, support/scratch_test.hpp): made in $TMPDIR, gone
// with everything in them when their test ends (and a second cleanup is harmless), and the check
// that runs after the last test of every test process reports a folder that was not removed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "support/files.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

// This process's scratch folders that are not in `before` (a killed process with the same pid may
// have left some in a shared /tmp).
std::set<fs::path> new_since(const std::set<fs::path>& before) {
  std::set<fs::path> added;
  for (const auto& path : support::scratch_folders())
    if (!before.count(path)) added.insert(path);
  return added;
}

// A ScratchTest driven by hand, to look at its folder before and after TearDown.
class Fixture : public support::ScratchTest {
 public:
  void TestBody() override {}
  using ScratchTest::SetUp;
  using ScratchTest::TearDown;
  using ScratchTest::write;
  const fs::path& dir() const { return dir_; }
};

TEST(ScratchCleanup, AFixtureFolderGoesWithEverythingInIt) {
  const fs::path outside = support::scratch_dir() / "kept";
  fs::create_directories(outside);
  support::write_file("kept/file.txt", "not the fixture's");
  const std::set<fs::path> before = support::scratch_folders();
  Fixture fixture;
  fixture.SetUp();
  const fs::path dir = fixture.dir();
  ASSERT_TRUE(fs::is_directory(dir));
  EXPECT_EQ(dir.parent_path(), fs::temp_directory_path());
  fixture.write("a.txt", "x");
  fs::create_directories(dir / "deep" / "deeper");
  fixture.write("deep/deeper/b.txt", "y");
  fs::create_directory_symlink(outside, dir / "link");  // removed as a link: what it points to stays
  EXPECT_EQ(new_since(before), std::set<fs::path>{dir});  // the check would see it
  fixture.TearDown();
  EXPECT_FALSE(fs::exists(dir));
  EXPECT_EQ(support::slurp(outside / "file.txt"), "not the fixture's");
  EXPECT_NO_THROW(fixture.TearDown());  // nothing left to remove
  EXPECT_TRUE(new_since(before).empty());
}

TEST(ScratchCleanup, FoldersFollowTmpdirAndLeftoversAreFound) {
  const fs::path other = support::scratch_dir() / "tmpdir";
  fs::create_directories(other);
  const char* before = std::getenv("TMPDIR");
  const std::string saved = before ? before : "";
  ASSERT_EQ(::setenv("TMPDIR", other.c_str(), 1), 0);
  const fs::path planted = support::scratch_path("planted");
  EXPECT_EQ(planted.parent_path(), other);
  fs::create_directories(planted);
  EXPECT_EQ(support::scratch_folders(), std::set<fs::path>{planted});  // the new TMPDIR is empty
  support::remove_scratch(planted);
  EXPECT_TRUE(support::scratch_folders().empty());
  if (before) ::setenv("TMPDIR", saved.c_str(), 1);
  else ::unsetenv("TMPDIR");
}

}  // namespace
}  // namespace kuchikomi
