// Every unsigned option of every command (cli_common.hpp's Count) through the real executable: a
// negative number, a number past the type's range and anything but digits are a bad command line
// (exit 2) whose message names the option and the value, and nothing is written; Program_options
// alone wrapped "-1" around to the type's maximum (--mc-runs -1 ran forever, --edges -1 died in
// vector::reserve).
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

class CliUnsignedOptions : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    write_graph_file(support::two_hubs(), path("g.h5"));
    write("edges.txt", "1 2\n2 3\n");
    write("log.csv", "actor,target,action\nbob,alice,like\n");
  }
  // Files in the folder other than the inputs and the captured output.
  std::vector<std::string> outputs() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (name != "g.h5" && name != "edges.txt" && name != "log.csv" && name != "out.txt" && name != "err.txt")
        names.push_back(name);
    }
    return names;
  }
};

TEST_F(CliUnsignedOptions, NegativeHugeAndNonDigitValuesAreRefusedNamingTheOption) {
  struct Option {
    std::string command;  // everything but the option under test, valid on its own
    std::string option;
    bool wide;            // 64-bit (else 32-bit or size_t: the 64-bit overflow case still applies)
  };
  const std::string g = path("g.h5"), out = " --out " + path("o.h5");
  const std::string sel = "select --graph " + g + " --algo degree" + out;
  const std::string sim = "simulate --graph " + g + " --model ic --seeds u0" + out;
  const std::vector<Option> options{
      {"graph build --log " + path("log.csv") + out, "--rng-seed", true},
      {"graph import --edges " + path("edges.txt") + out, "--skip-lines", true},
      {"graph import --edges " + path("edges.txt") + out, "--rng-seed", true},
      {"graph generate --kind rmat --edges 10 --rng-seed 1" + out, "--nodes", true},
      {"graph generate --kind rmat --nodes 10 --rng-seed 1" + out, "--edges", true},
      {"graph generate --kind rmat --nodes 10 --edges 10" + out, "--rng-seed", true},
      {"graph info " + g, "--top", true},
      {sim, "--runs", true},
      {sim + " --precision 0.1", "--max-runs", true},
      {sim, "--rng-seed", true},
      {sim, "--threads", true},
      {sim, "--max-steps", false},
      {"simulate --graph " + g + " --model ic" + out, "--random-seeds", false},
      {sel, "-k", false},
      {sel, "--max-steps", false},
      {sel, "--mc-runs", true},
      {sel, "--evaluate-runs", true},
      {sel, "--rng-seed", true},
      {sel, "--threads", false},
      {"report " + g + " --out " + path("r.html"), "--top", true},
  };
  for (const auto& o : options) {
    std::vector<std::string> bad{"-1", "-0x1", "1e3", "+3", "2.5", "ten", "18446744073709551616"};
    if (!o.wide) bad.push_back("4294967296");
    const std::string shown = o.option == "-k" ? "--k" : o.option;  // Program_options' canonical name
    for (const auto& value : bad) {
      const auto r = kuchikomi(o.command + " " + o.option + " " + value);
      EXPECT_EQ(r.code, 2) << o.command << " " << o.option << " " << value << "\n" << r.err;
      EXPECT_NE(r.err.find("'" + shown + "' must be a whole number"), std::string::npos) << r.err;
      EXPECT_NE(r.err.find("got '" + value + "'"), std::string::npos) << r.err;
      EXPECT_TRUE(outputs().empty()) << o.command << " " << o.option << " " << value;
    }
  }
}

TEST_F(CliUnsignedOptions, TheLargestValueOfTheTypeIsAccepted) {
  // The range's top is a value, not an error: a 64-bit seed, and -k 4294967295 reaching the
  // library's own check (more seeds than users is bad data, not a bad command line).
  const auto seed = kuchikomi("graph generate --kind rmat --nodes 8 --edges 8 --rng-seed 18446744073709551615 --out " +
                              path("r.h5") + " --json");
  EXPECT_EQ(seed.code, 0) << seed.err;
  EXPECT_NE(seed.out.find("18446744073709551615"), std::string::npos) << seed.out;
  const auto k = kuchikomi("select --graph " + path("g.h5") + " --algo degree -k 4294967295 --out " + path("s.h5"));
  EXPECT_EQ(k.code, 1) << k.err;
  EXPECT_NE(k.err.find("k = 4294967295 is larger than"), std::string::npos) << k.err;
}

}  // namespace
}  // namespace kuchikomi
