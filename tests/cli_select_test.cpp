// `kuchikomi select` end to end: exit codes 0/1/2, no output left behind on errors, CSV and JSON
// content checked against the graph (labels, ranks, monotone curve, budget, evaluation).
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/scratch_test.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/selection/mpi_communicator.hpp"
#include "support/ris_fixtures.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

class CliSelect : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    graph_ = path("g.h5");
    write_graph_file(support::two_hubs(), graph_);
    write("exclude.txt", "# never these\nu0\n");
    write("include.txt", "u9\n");
    write("unknown.txt", "u1\nnobody\n");
    write("target.txt", "u6\nu7\nu8\nu9\n");
    write("costs.txt", "u0,5\nu5,4\nu9,2\n");
  }
  // Runs `kuchikomi select ARGUMENTS` (stdout in out.txt, stderr in err.txt); returns the exit code.
  int run(const std::string& arguments) const { return kuchikomi("select " + arguments).code; }
  std::string base() const { return "--graph " + graph_ + " --evaluate-runs 2000 "; }
  bool no_outputs_left() const {
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const auto name = entry.path().filename().string();
      if (name.rfind("sel", 0) == 0 || name.rfind(".sel", 0) == 0) return false;  // sel.h5, sel.csv, temporaries
    }
    return true;
  }

  std::string graph_;
};

TEST_F(CliSelect, ImmWritesHdf5CsvAndJson) {
  ASSERT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.2 --include " + path("include.txt") + " --exclude " +
                path("exclude.txt") + " --out " + path("sel.h5") + " --csv " + path("sel.csv") + " --json"),
            0)
      << read("err.txt");
  // CSV: header + 3 rows (included u9 first), never u0, cumulative spread non-decreasing.
  std::istringstream csv(read("sel.csv"));
  std::string line;
  std::getline(csv, line);
  EXPECT_EQ(line, "rank,user,committed,extra_reach,cost,total_reach,share_of_users");
  std::vector<std::string> users;
  double previous = 0;
  int rank = 0;
  while (std::getline(csv, line)) {
    std::vector<std::string> f;
    std::stringstream ls(line);
    for (std::string field; std::getline(ls, field, ',');) f.push_back(field);
    ASSERT_EQ(f.size(), 7u) << line;
    EXPECT_EQ(std::stoi(f[0]), ++rank);
    users.push_back(f[1]);
    EXPECT_EQ(f[2], rank == 1 ? "yes" : "no");  // u9 is committed (--include)
    EXPECT_GE(std::stod(f[5]) + 1e-9, previous);
    previous = std::stod(f[5]);
  }
  ASSERT_EQ(users.size(), 3u);
  EXPECT_EQ(users[0], "u9");
  for (const auto& u : users) EXPECT_NE(u, "u0");
  // JSON: same seeds, an evaluation whose CI brackets the exact spread of the set.
  const auto j = nlohmann::json::parse(read("out.txt"));
  EXPECT_EQ(j["algorithm"], "imm");
  ASSERT_EQ(j["seeds"].size(), 3u);
  std::vector<NodeId> ids;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(j["seeds"][i]["user"], users[i]);
    ids.push_back(j["seeds"][i]["id"].get<NodeId>());
  }
  EXPECT_TRUE(j["seeds"][0]["fixed"].get<bool>());
  EXPECT_EQ(j["evaluation"]["runs"], 2000);
  const double exact = support::exact_ic_spread(support::two_hubs(), ids);
  const double half = (j["evaluation"]["ci95_high"].get<double>() - j["evaluation"]["ci95_low"].get<double>()) / 2;
  EXPECT_NEAR(j["evaluation"]["mean"].get<double>(), exact, 2.5 * half);  // 95% CI, widened to ~99.9%
  // The evaluated curve: one entry per seed, non-decreasing, ending at the evaluation's mean, as in the CSV.
  const auto curve = j["evaluation"]["spread_curve"].get<std::vector<double>>();
  ASSERT_EQ(curve.size(), 3u);
  EXPECT_LE(curve[0], curve[1]);
  EXPECT_LE(curve[1], curve[2]);
  EXPECT_EQ(curve[2], j["evaluation"]["mean"].get<double>());
  EXPECT_NEAR(curve[0], support::exact_ic_spread(support::two_hubs(), std::vector<NodeId>{ids[0]}), 5 * half);
  EXPECT_GT(j["rr_sets"].get<std::uint64_t>(), 0u);
  // HDF5 carries the same ranking.
  auto file = hdf5::open_file(path("sel.h5"));
  EXPECT_EQ(file.string_attribute("format"), "kuchikomi-selection");
  EXPECT_EQ(file.open_group("seeds").read_strings("label"), users);
  EXPECT_EQ(file.open_group("seeds").read<std::uint32_t>("id"), ids);
  EXPECT_TRUE(file.has("evaluation"));
}

TEST_F(CliSelect, OpimCWithBudgetAndTarget) {
  ASSERT_EQ(run(base() + "--algo opim-c --costs " + path("costs.txt") + " --budget 4 --target " + path("target.txt") +
                " --out " + path("sel.h5") + " --json"),
            0)
      << read("err.txt");
  const auto j = nlohmann::json::parse(read("out.txt"));
  double spent = 0;
  for (const auto& s : j["seeds"]) spent += s["cost"].get<double>();
  EXPECT_LE(spent, 4.0);
  EXPECT_LE(j["estimated_spread"].get<double>(), 4.0);  // only the 4 targets count
  EXPECT_TRUE(j["evaluation"].contains("target"));
  EXPECT_LE(j["evaluation"]["target"]["mean"].get<double>(), 4.0);
  EXPECT_GT(j["approximation_ratio"].get<double>(), 0.0);
}

TEST_F(CliSelect, HeuristicsGetGainsAndCurveFromTheEvaluation) {
  // Heuristics estimate nothing: their gains and curve come from the evaluation's worlds, the curve
  // counts targets only with a segment, and the guarantee says the ranking ignored the segment.
  ASSERT_EQ(run(base() + "--algo degree-discount -k 3 --target " + path("target.txt") + " --out " + path("sel.h5") +
                " --json"),
            0)
      << read("err.txt");
  const auto j = nlohmann::json::parse(read("out.txt"));
  const auto curve = j["evaluation"]["spread_curve"].get<std::vector<double>>();
  ASSERT_EQ(curve.size(), 3u);
  EXPECT_EQ(curve.back(), j["evaluation"]["target"]["mean"].get<double>());
  EXPECT_EQ(j["estimated_spread"].get<double>(), curve.back());
  double previous = 0;
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(j["seeds"][i]["cumulative_spread"].get<double>(), curve[i]);
    EXPECT_DOUBLE_EQ(j["seeds"][i]["marginal_gain"].get<double>(), curve[i] - previous);
    previous = curve[i];
  }
  EXPECT_NE(j["guarantee"].get<std::string>().find("ignores the target segment"), std::string::npos) << j["guarantee"];
}

TEST_F(CliSelect, HumanReadableSummary) {
  ASSERT_EQ(run(base() + "--algo imm -k 2 --out " + path("sel.h5")), 0) << read("err.txt");
  const auto text = read("out.txt");
  for (const char* piece : {"u0", "u5", "guarantee", "RR sets", "evaluation (2000 independent runs)", "95% CI"})
    EXPECT_NE(text.find(piece), std::string::npos) << piece << "\n" << text;
}

TEST_F(CliSelect, UnknownLabelIsInputErrorWithLineAndNoOutput) {
  EXPECT_EQ(run(base() + "--algo imm -k 2 --exclude " + path("unknown.txt") + " --out " + path("sel.h5") + " --csv " +
                path("sel.csv")),
            1);
  EXPECT_NE(read("err.txt").find("unknown.txt:2"), std::string::npos) << read("err.txt");
  EXPECT_TRUE(no_outputs_left());
}

TEST_F(CliSelect, KTooLargeIsClearError) {
  EXPECT_EQ(run(base() + "--algo opim-c -k 20 --out " + path("sel.h5")), 1);
  EXPECT_NE(read("err.txt").find("k = 20"), std::string::npos) << read("err.txt");
  EXPECT_TRUE(no_outputs_left());
}

TEST_F(CliSelect, UnwritableOutputIsInputError) {
  EXPECT_EQ(run(base() + "--algo imm -k 2 --out " + path("missing/folder/sel.h5")), 1);
  EXPECT_NE(read("err.txt").find("does not exist"), std::string::npos) << read("err.txt");
}

TEST_F(CliSelect, MemoryCapIsClearError) {
  EXPECT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.05 --max-memory 64K --out " + path("sel.h5")), 1);
  EXPECT_NE(read("err.txt").find("raise the memory cap or epsilon (--max-memory, --epsilon)"), std::string::npos) << read("err.txt");
  EXPECT_TRUE(no_outputs_left());
}

// A cap the plain RR layout would pass but a packed one fits: the run goes through with the
// uncapped run's seeds, and every output says it was packed (JSON and HDF5 rr_layout, the text
// summary), so a slower run is not a mystery.
TEST_F(CliSelect, PackedToFitTheCapSaysSoAndKeepsTheSeeds) {
  auto seeds_of = [](const nlohmann::json& j) {
    std::vector<std::string> users;
    for (const auto& s : j["seeds"]) users.push_back(s["user"].get<std::string>());
    return users;
  };
  ASSERT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.1 --json"), 0) << read("err.txt");
  const auto plain = nlohmann::json::parse(read("out.txt"));
  EXPECT_EQ(plain["rr_layout"], "plain");
  const auto cap = plain["rr_memory_bytes"].get<std::uint64_t>() * 85 / 100;
  ASSERT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.1 --max-memory " + std::to_string(cap) + " --json --out " +
                path("sel.h5")),
            0)
      << read("err.txt");
  const auto packed = nlohmann::json::parse(read("out.txt"));
  EXPECT_NE(packed["rr_layout"], "plain");
  EXPECT_NE(packed["rr_layout"].get<std::string>().find("packed"), std::string::npos);
  EXPECT_EQ(seeds_of(packed), seeds_of(plain));
  EXPECT_EQ(packed["estimated_spread"], plain["estimated_spread"]);
  EXPECT_LT(packed["rr_memory_bytes"].get<std::uint64_t>(), plain["rr_memory_bytes"].get<std::uint64_t>());
  EXPECT_EQ(hdf5::open_file(path("sel.h5")).string_attribute("rr_layout"), packed["rr_layout"].get<std::string>());
  ASSERT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.1 --max-memory " + std::to_string(cap) + " --out " +
                path("sel.h5")),
            0);
  EXPECT_NE(read("out.txt").find("to fit the memory cap: the same seeds, slower"), std::string::npos)
      << read("out.txt");
}

// No --max-memory: IMM's final sample for epsilon 1e-6 (about 10^14 RR sets even here) is refused
// against the machine's memory before it is drawn, naming both ways out.
TEST_F(CliSelect, WithoutMaxMemoryTheMachinesMemoryIsTheCap) {
  EXPECT_EQ(run(base() + "--algo imm -k 2 --epsilon 0.000001 --out " + path("sel.h5")), 1);
  EXPECT_NE(read("err.txt").find("over this machine's memory of"), std::string::npos) << read("err.txt");
  EXPECT_NE(read("err.txt").find("(--max-memory, --epsilon)"), std::string::npos) << read("err.txt");
  EXPECT_TRUE(no_outputs_left());
}

TEST_F(CliSelect, BadOptionsExitTwo) {
  EXPECT_EQ(run(base() + "--algo nope -k 2 --out " + path("sel.h5")), 2);
  EXPECT_EQ(run(base() + "--algo imm -k 2 --epsilon 1.5 --out " + path("sel.h5")), 2);
  EXPECT_EQ(run(base() + "--algo imm -k 2 --model xx --out " + path("sel.h5")), 2);
  EXPECT_EQ(run(base() + "--algo imm -k 2 --max-memory lots --out " + path("sel.h5")), 2);
  EXPECT_EQ(run(base() + "--algo imm -k 2"), 2);  // no --out, --json or --csv: nowhere to put the result
  EXPECT_EQ(run(base() + "--algo opim-c -k 2 --epsilon 0.7 --json"), 2);  // nothing left to certify
  EXPECT_TRUE(no_outputs_left());
}

// Labels a spreadsheet would run as formulas are written to the seeds CSV as text ("'=cmd", OWASP's
// rule), numbers as numbers, and the CSV still works as a user list: the same users come back.
TEST_F(CliSelect, CsvGuardsFormulaLabelsAndReadsBackAsTheSameUsers) {
  InfluenceGraph g = support::make_graph(6, {{0, 1, 0.9f}, {0, 2, 0.9f}, {1, 3, 0.9f}, {2, 4, 0.9f}, {3, 5, 0.9f}});
  g.labels = {"=HYPERLINK(\"http://evil\",\"x\")", "+1", "-2", "@SUM(A1)", "'=q", "plain"};
  write_graph_file(g, path("hostile.h5"));
  ASSERT_EQ(run("--graph " + path("hostile.h5") + " --algo degree -k 6 --evaluate-runs 0 --csv " + path("sel.csv")), 0)
      << read("err.txt");
  const std::string csv = read("sel.csv");
  for (const char* cell : {"\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", ",'+1,", ",'-2,", ",'@SUM(A1),", ",''=q,",
                           ",plain,"})
    EXPECT_NE(csv.find(cell), std::string::npos) << cell << "\n" << csv;
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {  // no cell of a row starts a formula
    std::size_t start = 0;
    for (std::size_t comma = 0; comma != std::string::npos; start = comma + 1) {
      comma = line.find(',', start);
      const char first = start < line.size() ? line[start] : ',';
      EXPECT_TRUE(first != '=' && first != '+' && first != '@') << line;
    }
  }
  // Read back as a seed file: the same six users.
  const auto sim = kuchikomi("simulate --graph " + path("hostile.h5") + " --model ic --runs 10 --seeds-file " +
                             path("sel.csv") + " --out " + path("sim.h5") + " --json");
  ASSERT_EQ(sim.code, 0) << sim.err;
  std::vector<std::string> read_back = nlohmann::json::parse(sim.out)["seeds"];
  std::vector<std::string> labels = g.labels;
  std::sort(labels.begin(), labels.end());
  std::sort(read_back.begin(), read_back.end());
  EXPECT_EQ(read_back, labels);
}

TEST_F(CliSelect, JsonAloneNeedsNoResultFile) {
  ASSERT_EQ(run(base() + "--algo degree -k 2 --json"), 0) << read("err.txt");
  EXPECT_EQ(nlohmann::json::parse(read("out.txt"))["seeds"].size(), 2u);
  EXPECT_TRUE(no_outputs_left());
}

TEST_F(CliSelect, DistributedWithoutMpiIsAUsageError) {
  if (mpi_support_compiled()) GTEST_SKIP() << "this build has MPI (tests/distributed_select_test.cpp covers it)";
  EXPECT_EQ(run(base() + "--algo imm -k 2 --distributed"), 2);
  EXPECT_NE(read("err.txt").find("needs kuchikomi built with MPI"), std::string::npos) << read("err.txt");
  // A launcher's environment alone just means one serial process.
  EXPECT_EQ(support::shell("OMPI_COMM_WORLD_SIZE=1 " + std::string(KUCHIKOMI_CLI) + " select " + base() +
                            "--algo degree -k 2 --json > " + path("out.txt") + " 2> " + path("err.txt")),
            0)
      << read("err.txt");
}

}  // namespace
}  // namespace kuchikomi
