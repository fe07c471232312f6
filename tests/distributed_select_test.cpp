// `mpirun -np P kuchikomi select` end to end: IMM and OPIM-C, IC and LT, with a target segment or a
// cost budget, give exactly the single-process answer (seeds, gains, RR-set count, estimated spread,
// certified ratio) for P = 1, 2, 3 on loopback, and for 1 or 2 threads per rank; rank 0 alone
// writes and prints; a failure on the ranks exits non-zero with one message and no output file.
// mpirun missing is a failure, not a skip: scripts/install_deps.sh installs openmpi-bin.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/graph/generators.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/selection/mpi_communicator.hpp"
#include "support/files.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

// Loopback only: shared-memory transport, no ssh, root allowed (CI runs as root in a container).
// `timeout` turns a hang (ranks waiting on a failed one) into a failure instead of a stuck CI job.
const char* const kMpirun =
    "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_plm_rsh_agent=false timeout 300 "
    "mpirun --oversubscribe --bind-to none --mca btl self,vader --mca btl_vader_single_copy_mechanism none";

class DistributedSelect : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = support::scratch_path("distributed_select");
    support::remove_scratch(dir_);
    fs::create_directories(dir_);
    auto g = generate_rmat(4000, 32000, 9);
    assign_probabilities(g, parse_probability_model("wc"), 1);
    write_graph_file(g, (dir_ / "g.h5").string());
    std::ofstream target(dir_ / "target.txt");
    for (NodeId u = 0; u < g.num_nodes(); u += 3) target << g.label(u) << "\n";
    std::ofstream costs(dir_ / "costs.txt");
    for (NodeId u = 0; u < g.num_nodes(); u += 4) costs << g.label(u) << ",3\n";
  }
  static void TearDownTestSuite() { support::remove_scratch(dir_); }

  static std::string path(const std::string& name) { return (dir_ / name).string(); }
  static std::string read(const std::string& name) {
    std::ifstream in(dir_ / name);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  // Runs `prefix kuchikomi select arguments`; stdout -> out.txt, stderr -> err.txt; exit code.
  static int run(const std::string& prefix, const std::string& arguments) {
    const std::string command = prefix + " " + KUCHIKOMI_CLI + " select --graph " + path("g.h5") + " " + arguments +
                                " > " + path("out.txt") + " 2> " + path("err.txt");
    const int status = std::system(command.c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }
  static std::string mpirun(int ranks) { return std::string(kMpirun) + " -np " + std::to_string(ranks); }

  // The fields that must not depend on the number of ranks or threads.
  static nlohmann::json essentials(const nlohmann::json& j) {
    return {{"seeds", j.at("seeds")},
            {"estimated_spread", j.at("estimated_spread")},
            {"approximation_ratio", j.at("approximation_ratio")},
            {"rr_sets", j.at("rr_sets")},
            {"guarantee", j.at("guarantee")},
            {"budget_spent", j.at("budget_spent")},
            {"evaluation", j.at("evaluation")}};
  }
  // Single-process result, then P = 1, 2, 3 under mpirun (and 2 threads per rank for P = 2).
  static void expect_same_for_any_rank_count(const std::string& arguments, bool two_threads) {
    ASSERT_EQ(run("", arguments + " --threads 1 --json --out " + path("serial.h5")), 0) << read("err.txt");
    const auto serial = nlohmann::json::parse(read("out.txt"));
    EXPECT_FALSE(serial.contains("distributed"));
    ASSERT_FALSE(serial.at("seeds").empty());
    struct Run {
      int ranks;
      int threads;
    };
    std::vector<Run> runs{{1, 1}, {2, 1}, {3, 1}};
    if (two_threads) runs.push_back({2, 2});
    for (const Run r : runs) {
      const std::string what = arguments + " with P = " + std::to_string(r.ranks) + ", " + std::to_string(r.threads) +
                               " thread(s) per rank";
      fs::remove(path("sel.h5"));
      ASSERT_EQ(run(mpirun(r.ranks), arguments + " --json --threads " + std::to_string(r.threads) + " --out " +
                                         path("sel.h5")),
                0)
          << what << "\n" << read("err.txt");
      const auto j = nlohmann::json::parse(read("out.txt"));  // rank 0's JSON only: other ranks are quiet
      EXPECT_EQ(essentials(j), essentials(serial)) << what;
      ASSERT_TRUE(j.contains("distributed")) << what;
      const auto& d = j.at("distributed");
      EXPECT_EQ(d.at("ranks"), r.ranks) << what;
      EXPECT_EQ(d.at("dense_reduction_bytes"), (4000 + 1) * 8) << what;
      EXPECT_GE(d.at("greedy_rounds").get<std::uint64_t>(), j.at("seeds").size()) << what;
      EXPECT_GE(d.at("rr_memory_sum").get<std::uint64_t>(), d.at("rr_memory_max_rank").get<std::uint64_t>()) << what;
      EXPECT_TRUE(fs::exists(path("sel.h5"))) << what;
    }
  }

  static fs::path dir_;
};
fs::path DistributedSelect::dir_;

TEST_F(DistributedSelect, MpirunIsInstalledAndKuchikomiBuiltWithMpi) {
  EXPECT_EQ(std::system("command -v mpirun > /dev/null"), 0)
      << "mpirun not found: install openmpi-bin (scripts/install_deps.sh) to run distributed selection";
  EXPECT_TRUE(mpi_support_compiled())
      << "kuchikomi was configured without MPI: install libopenmpi-dev (scripts/install_deps.sh) and reconfigure";
}

TEST_F(DistributedSelect, ImmIcWithTargetMatchesSingleProcess) {
  expect_same_for_any_rank_count("--algo imm --model ic -k 6 --epsilon 0.3 --target " + path("target.txt") +
                                 " --evaluate-runs 500", true);
}

TEST_F(DistributedSelect, ImmLtWithBudgetMatchesSingleProcess) {
  expect_same_for_any_rank_count("--algo imm --model lt --budget 10 --costs " + path("costs.txt") +
                                 " --epsilon 0.3 --evaluate-runs 0", false);
}

TEST_F(DistributedSelect, OpimCLtWithTargetMatchesSingleProcess) {
  expect_same_for_any_rank_count("--algo opim-c --model lt -k 6 --epsilon 0.2 --target " + path("target.txt") +
                                 " --evaluate-runs 0", true);
}

TEST_F(DistributedSelect, OpimCIcWithBudgetMatchesSingleProcess) {
  expect_same_for_any_rank_count("--algo opim-c --model ic --budget 10 --costs " + path("costs.txt") +
                                 " --epsilon 0.2 --evaluate-runs 0", false);
}

TEST_F(DistributedSelect, OnlyRankZeroPrints) {
  ASSERT_EQ(run(mpirun(3), "--algo imm -k 3 --evaluate-runs 0 --out " + path("sel.h5")), 0) << read("err.txt");
  const std::string out = read("out.txt");
  std::size_t tables = 0;
  for (std::size_t at = out.find("estimated spread"); at != std::string::npos; at = out.find("estimated spread", at + 1))
    ++tables;
  EXPECT_EQ(tables, 1u) << out;
  EXPECT_NE(out.find("distributed over 3 ranks"), std::string::npos) << out;
}

TEST_F(DistributedSelect, BadInputOnEveryRankGivesOneMessageAndNoOutput) {
  fs::remove(path("sel.h5"));
  const std::string command = mpirun(2) + " " + KUCHIKOMI_CLI + " select --graph " + path("missing.h5") +
                              " --algo imm -k 3 --out " + path("sel.h5") + " > " + path("out.txt") + " 2> " +
                              path("err.txt");
  const int status = std::system(command.c_str());
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 1) << read("err.txt");
  const std::string err = read("err.txt");
  const auto first = err.find("missing.h5");
  ASSERT_NE(first, std::string::npos) << err;
  EXPECT_EQ(err.find("kuchikomi select", err.find("kuchikomi select") + 1), std::string::npos)
      << "only one rank should report: " << err;
  EXPECT_FALSE(fs::exists(path("sel.h5")));
}

TEST_F(DistributedSelect, MemoryCapErrorStopsEveryRank) {
  fs::remove(path("sel.h5"));
  EXPECT_EQ(run(mpirun(2), "--algo opim-c -k 5 --epsilon 0.05 --max-memory 200K --out " + path("sel.h5")), 1)
      << read("err.txt");
  EXPECT_NE(read("err.txt").find("memory cap"), std::string::npos) << read("err.txt");
  EXPECT_FALSE(fs::exists(path("sel.h5")));
}

// libmpi is loaded only through the plugin (src/selection/mpi_plugin; that the executable does not
// link it is executable_dependencies_test): a distributed run without the plugin is refused with
// what was tried, no output left.
TEST_F(DistributedSelect, MpiIsLoadedOnlyByDistributedRunsThroughItsPlugin) {
  fs::remove(path("sel.h5"));
  EXPECT_EQ(run("KUCHIKOMI_MPI_PLUGIN=" + path("no-such-plugin.so"), "--distributed --algo imm -k 3 --out " + path("sel.h5")), 2)
      << read("err.txt");
  const std::string err = read("err.txt");
  EXPECT_NE(err.find("cannot load the MPI plugin"), std::string::npos) << err;
  EXPECT_NE(err.find("no-such-plugin.so"), std::string::npos) << err;
  EXPECT_FALSE(fs::exists(path("sel.h5")));
  // A file that is no plugin of this interface is refused the same way.
  EXPECT_EQ(run("KUCHIKOMI_MPI_PLUGIN=" + path("g.h5"), "--distributed --algo imm -k 3 --out " + path("sel.h5")), 2);
  EXPECT_NE(read("err.txt").find("cannot load the MPI plugin"), std::string::npos) << read("err.txt");
  EXPECT_FALSE(fs::exists(path("sel.h5")));
}

TEST_F(DistributedSelect, NonRisAlgorithmIsAUsageError) {
  EXPECT_EQ(run(mpirun(2), "--algo celf -k 3 --out " + path("sel.h5")), 2) << read("err.txt");
  EXPECT_NE(read("err.txt").find("--distributed runs imm, opim-c, opim-c-until-stable and hist only"), std::string::npos) << read("err.txt");
}

}  // namespace
}  // namespace kuchikomi
