// Outputs that cannot be turned against the user, and inputs from the wild, through the real
// `kuchikomi` executable (issue 11): a full disk is reported and leaves the old file; devices and
// FIFOs are never replaced; temporaries are unpredictable, never follow planted links and vanish on
// Ctrl-C; labels that are not UTF-8 keep JSON valid; weights beyond float32 are refused on their line.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <thread>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_file.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

class HostileFiles : public support::ScratchTest {
 protected:
  // Names in the scratch folder that look like an output's temporary (".NAME.<hex>.tmp").
  std::vector<std::string> temporaries() const {
    std::vector<std::string> found;
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (name.size() > 4 && name.front() == '.' && name.ends_with(".tmp")) found.push_back(name);
    }
    return found;
  }
  // `kuchikomi ARGUMENTS` with at most `kib` KiB per file written (SIGXFSZ ignored, so writes past
  // the limit fail with EFBIG, as they fail with ENOSPC on a full disk).
  support::Result kuchikomi_with_file_limit(int kib, const std::string& arguments) const {
    const int code = support::shell("bash -c \"ulimit -f " + std::to_string(kib) + "; trap '' XFSZ; exec " +
                                     std::string(KUCHIKOMI_CLI) + " " + arguments + "\" > " + path("out.txt") +
                                     " 2> " + path("err.txt"));
    return {code, read("out.txt"), read("err.txt")};
  }
  static std::string community() { return std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/quantum_community.csv"; }
};

TEST_F(HostileFiles, FullDiskIsAnErrorAndKeepsTheOldFile) {
  ASSERT_EQ(kuchikomi("graph build --log " + community() + " --out " + path("full.h5")).code, 0) << read("err.txt");
  const auto size = fs::file_size(path("full.h5"));
  ASSERT_GT(size, 64u * 1024);  // the limit below must cut this write short
  write("g.h5", "old contents");

  auto r = kuchikomi_with_file_limit(32, "graph build --log " + community() + " --out " + path("g.h5"));
  EXPECT_EQ(r.code, 1) << r.err;  // not 139: no crash at exit either
  EXPECT_NE(r.err.find("cannot write output"), std::string::npos) << r.err;
  EXPECT_EQ(read("g.h5"), "old contents");
  EXPECT_TRUE(temporaries().empty());

  // Results files the same way: simulate and select (HDF5 and CSV outputs).
  r = kuchikomi_with_file_limit(32, "simulate --graph " + path("full.h5") + " --model ic --random-seeds 1 --runs 200000 --out " +
                                        path("sim.h5"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.err.find("cannot write output"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("sim.h5")));
  r = kuchikomi_with_file_limit(4, "select --graph " + path("full.h5") + " --algo degree -k 5 --evaluate-runs 100000 --out " +
                                        path("sel.h5") + " --csv " + path("sel.csv"));
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_FALSE(fs::exists(path("sel.h5")));
  EXPECT_FALSE(fs::exists(path("sel.csv")));  // all outputs or none
  EXPECT_TRUE(temporaries().empty());
}

TEST_F(HostileFiles, DevicesAndFifosAreNeverReplaced) {
  ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0600), 0);
  auto r = kuchikomi("graph build --log " + community() + " --out " + path("pipe"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  struct stat info {};
  ASSERT_EQ(::lstat(path("pipe").c_str(), &info), 0);
  EXPECT_TRUE(S_ISFIFO(info.st_mode));

  // A link to a device is refused too (what the write would hit is the device).
  fs::create_symlink("/dev/null", path("null"));
  r = kuchikomi("graph build --log " + community() + " --out " + path("null"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("not a regular file"), std::string::npos) << r.err;
  ASSERT_EQ(::stat("/dev/null", &info), 0);
  EXPECT_TRUE(S_ISCHR(info.st_mode));
  EXPECT_TRUE(temporaries().empty());
}

TEST_F(HostileFiles, TemporariesAreUnpredictableAndIgnorePlantedLinks) {
  write("victim", "precious");
  // The old name was OUT.tmp-<pid>: a link planted there used to receive the output.
  fs::create_symlink(path("victim"), path("out.txt.tmp-" + std::to_string(::getpid())));
  {
    AtomicOutput a(path("out.txt")), b(path("out.txt"));
    EXPECT_NE(a.temporary_path(), b.temporary_path());
    EXPECT_EQ(a.temporary_path().parent_path(), fs::path(path("out.txt")).parent_path());
    EXPECT_EQ(a.temporary_path().filename().string().rfind(".out.txt.", 0), 0u) << a.temporary_path();
    const int other = ::open(path("victim").c_str(), O_RDONLY);
    EXPECT_FALSE(a.is_temporary(other));
    ::close(other);
    a.write("new");
    a.commit();
  }
  EXPECT_EQ(read("out.txt"), "new");
  EXPECT_EQ(read("victim"), "precious");

  // A destination that is a link to a file elsewhere: the link is replaced, its target untouched.
  fs::create_symlink(path("victim"), path("linked.txt"));
  write_text_file_atomically(path("linked.txt"), "output");
  EXPECT_FALSE(fs::is_symlink(path("linked.txt")));
  EXPECT_EQ(read("linked.txt"), "output");
  EXPECT_EQ(read("victim"), "precious");
  EXPECT_TRUE(temporaries().empty());
}

// SIGINT and SIGTERM while an output is open remove its temporary, then end the process as the
// signal would have.
TEST_F(HostileFiles, InterruptRemovesTheTemporary) {
  ASSERT_EQ(kuchikomi("graph build --log " + community() + " --out " + path("g.h5")).code, 0) << read("err.txt");
  for (int signal_number : {SIGINT, SIGTERM}) {
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      const int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      const std::string graph = path("g.h5"), out = path("sim.h5");
      ::execl(KUCHIKOMI_CLI, KUCHIKOMI_CLI, "simulate", "--graph", graph.c_str(), "--model", "ic",
              "--random-seeds", "1", "--runs", "2000000000", "--threads", "1", "--out", out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (temporaries().empty() && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    ASSERT_EQ(temporaries().size(), 1u) << "the simulation never opened its output";
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // inside the simulation loop
    ::kill(child, signal_number);
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == signal_number) << status;
    EXPECT_TRUE(temporaries().empty());
    EXPECT_FALSE(fs::exists(path("sim.h5")));
  }
}

// Labels are bytes from the wild: JSON must stay valid (U+FFFD, and a note saying so) and every
// output of the command is written.
TEST_F(HostileFiles, LabelsThatAreNotUtf8KeepJsonValid) {
  write("log.csv", "actor,target,action\nbob,\xff\xfe" "bad,answer\ncarol,\xff\xfe" "bad,comment\ncarol,bob,like\n");
  ASSERT_EQ(kuchikomi("graph build --log " + path("log.csv") + " --out " + path("g.h5") + " --json").code, 0) << read("err.txt");

  auto r = kuchikomi("select --graph " + path("g.h5") + " --algo imm -k 1 --evaluate-runs 100 --out " + path("sel.h5") +
                     " --csv " + path("sel.csv") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  const auto json = nlohmann::json::parse(r.out);  // strict: throws on invalid UTF-8
  EXPECT_EQ(json["seeds"][0]["user"], "\xef\xbf\xbd\xef\xbf\xbd" "bad");  // one U+FFFD per invalid byte
  ASSERT_TRUE(json.contains("notes"));
  EXPECT_NE(json["notes"][0].get<std::string>().find("not valid UTF-8"), std::string::npos);
  EXPECT_TRUE(fs::exists(path("sel.h5")));
  EXPECT_NE(read("sel.csv").find("\xff\xfe" "bad"), std::string::npos);  // CSV keeps the bytes

  r = kuchikomi("graph info " + path("g.h5") + " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NO_THROW((void)nlohmann::json::parse(r.out).size());
  r = kuchikomi("simulate --graph " + path("g.h5") + " --model ic --seeds bob --runs 100 --out " + path("sim.h5") +
                " --json");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NO_THROW((void)nlohmann::json::parse(r.out).size());
}

TEST_F(HostileFiles, WeightsBeyondFloat32AreRefusedWhereTheyAreRead) {
  write("big.csv", "actor,target,action,weight\nbob,alice,like,1\ncarol,alice,like,1e39\n");
  auto r = kuchikomi("graph build --log " + path("big.csv") + " --out " + path("g.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("big.csv:3:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("largest storable weight"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("g.h5")));

  // Each weight fits, their sum does not.
  write("sum.csv", "actor,target,action,weight\ncarol,alice,like,3e38\ncarol,alice,like,3e38\n");
  r = kuchikomi("graph build --log " + path("sum.csv") + " --out " + path("g.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("'carol' with 'alice'"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(path("g.h5")));

  write("edges.txt", "1 2 1e39\n");
  r = kuchikomi("graph import --edges " + path("edges.txt") + " --columns u,v,w --out " + path("g.h5"));
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("edges.txt:1:"), std::string::npos) << r.err;
}

TEST(LinearThresholdCheck, NanInProbabilitiesFailTheCheck) {
  InfluenceGraph g = build_influence_graph(3, {{0, 2, 0.5f, 1.0, 1}, {1, 2, 0.25f, 1.0, 1}});
  g.out_prob[0] = std::numeric_limits<float>::quiet_NaN();
  g.rebuild_reverse();
  EXPECT_TRUE(std::isnan(g.max_in_probability_sum().second));
  EXPECT_THROW(check_model_applicable(g, DiffusionModelKind::kLinearThreshold), InputError);  // the graph's fault: exit 1
}

// Boost fills in error messages by replacing %placeholders% until none is left: arguments that hold
// one (Boost's own keys) must give the usual exit-2 message, not loop forever (`timeout` exits 124).
TEST_F(HostileFiles, ArgumentsHoldingMessagePlaceholdersGiveAMessage) {
  const std::string base = "graph build --log " + community() + " --out " + path("g.h5");
  for (const std::string extra : {"--since %value%", "--since=%value%", "--since %original_token%", "--%value%",
                                  "--%option%=1", "--min-weight %option%%value%", "--rng-seed=%invalid_line%"}) {
    const int code = support::shell("timeout 20 " + std::string(KUCHIKOMI_CLI) + " " + base + " " + extra + " 2> " + path("err.txt"));
    EXPECT_EQ(code, 2) << extra << "\n" << read("err.txt");
    EXPECT_NE(read("err.txt").find("\\%"), std::string::npos) << extra << "\n" << read("err.txt");  // '%' shown escaped
    EXPECT_FALSE(std::filesystem::exists(path("g.h5"))) << extra;
  }
}

}  // namespace
}  // namespace kuchikomi
