// `kuchikomi simulate` end to end: exit codes (0 ok, 1 bad input, 2 bad command line), no output
// file on failure, and the HDF5/JSON results equal the library's figures bit for bit.
// Graphs are tiny raw edge lists written by the test and loaded through load_graph (helper io's
// edge-list import, default --prob wc, direction reverse: a line "u v" is the edge v -> u).
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/scratch_test.hpp"
#include "support/thread_sweep.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/adoption_log.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;
using support::Result;

class CliSimulate : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    // Influence edges (reverse direction): b->a, c->b, d->c, c->a, a->d, e->d, a->e.
    write("edges.txt", "# who acted on whom\na b\nb c\nc d\na c\nd a\nd e\ne a\n");
  }
  Result run(const std::string& args) const { return kuchikomi("simulate " + args); }
  // Only the inputs and captured streams are left: no result file, no temporary.
  void expect_no_output() const {
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      EXPECT_TRUE(name == "edges.txt" || name == "out.txt" || name == "err.txt" || name.ends_with(".list"))
          << "unexpected file " << name;
    }
  }
  std::string base() const { return "--graph " + path("edges.txt") + " --out " + path("sim.h5") + " --quiet "; }
};

TEST_F(CliSimulate, WritesResultsEqualToTheLibrary) {
  const Result r = run(base() + "--model ic --seeds a,c --runs 3000 --rng-seed 11 --threads 2 --max-steps 3");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("expected spread"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("step 0"), std::string::npos) << r.out;

  const InfluenceGraph graph = load_graph(path("edges.txt"));
  const LabelIndex index(graph);
  const std::vector<NodeId> seeds{*index.find("a"), *index.find("c")};
  SimulationOptions options;
  options.runs = 3000;
  options.rng_seed = 11;
  options.max_steps = 3;
  const SpreadStatistics expected = simulate_spread(graph, seeds, options);

  const auto file = hdf5::open_file(path("sim.h5"));
  EXPECT_EQ(file.string_attribute("format"), "kuchikomi-simulation");
  EXPECT_EQ(file.string_attribute("model"), "ic");
  EXPECT_EQ(file.string_attribute("seeds"), "a,c");
  EXPECT_EQ(file.int_attribute("runs"), 3000);
  EXPECT_EQ(file.int_attribute("rng_seed"), 11);
  EXPECT_EQ(file.int_attribute("threads"), 2);
  EXPECT_EQ(file.int_attribute("max_steps"), 3);
  EXPECT_EQ(file.string_attribute("graph"), path("edges.txt"));
  EXPECT_TRUE(file.has_attribute("kuchikomi_version"));
  const auto spread = file.open_group("spread");
  EXPECT_EQ(spread.double_attribute("mean"), expected.all.summary.mean);
  EXPECT_EQ(spread.double_attribute("stddev"), expected.all.summary.stddev);
  EXPECT_EQ(spread.read<std::uint64_t>("histogram_counts"), expected.all.histogram_counts);
  EXPECT_EQ(file.open_group("steps").read<double>("cumulative_mean"), expected.all.cumulative_per_step);
  EXPECT_EQ(file.open_group("nodes").read<double>("activation_probability"), expected.node_probability);
  EXPECT_EQ(file.open_group("seeds").read_strings("label"), (std::vector<std::string>{"a", "c"}));
  EXPECT_FALSE(file.has("target"));
}

TEST_F(CliSimulate, JsonTargetAndSeedFileAndThreadIndependence) {
  write("seeds.list", "# seeds\nb\n");
  write("target.list", "a\ne\n");
  const std::string args = base() + "--model lt --seeds-file " + path("seeds.list") + " --target " + path("target.list") +
                           " --precision 0.05 --max-runs 50000 --json";
  const Result one = run(args + " --threads 1");
  ASSERT_EQ(one.code, 0) << one.err;
  const auto a = nlohmann::json::parse(one.out);
  nlohmann::json b;
  for (int threads : support::kThreadCounts) {
    const Result other = run(args + " --threads " + std::to_string(threads));
    ASSERT_EQ(other.code, 0) << other.err;
    b = nlohmann::json::parse(other.out);
    EXPECT_EQ(a["spread"], b["spread"]) << threads << " threads";
    EXPECT_EQ(a["target"], b["target"]) << threads << " threads";
    EXPECT_EQ(a["runs"], b["runs"]) << threads << " threads";
  }
  EXPECT_EQ(a["target"]["size"], 2);
  EXPECT_TRUE(a["converged"].get<bool>());
  EXPECT_LE(a["spread"]["ci95_half_width"].get<double>(), 0.05 * a["spread"]["mean"].get<double>());
  const auto file = hdf5::open_file(path("sim.h5"));
  EXPECT_EQ(file.open_group("target").double_attribute("mean"), b["target"]["mean"].get<double>());
  EXPECT_EQ(file.open_group("target").read_strings("label"), (std::vector<std::string>{"a", "e"}));
}

TEST_F(CliSimulate, RandomSeedsPerRunRecordTheDrawAndEveryRunsSpread) {
  const Result r = run(base() + "--model ic --random-seeds 2 --runs 500 --rng-seed 5");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 users drawn at random in every run"), std::string::npos) << r.out;

  const InfluenceGraph graph = load_graph(path("edges.txt"));
  SimulationOptions options;
  options.runs = 500;
  options.rng_seed = 5;
  options.random_seed_count = 2;
  const SpreadStatistics expected = simulate_spread(graph, {}, options);
  const auto file = hdf5::open_file(path("sim.h5"));
  EXPECT_EQ(file.int_attribute("random_seeds"), 2);
  EXPECT_TRUE(file.open_group("seeds").read<std::uint32_t>("id").empty());
  const auto spread = file.open_group("spread");
  EXPECT_EQ(spread.double_attribute("mean"), expected.all.summary.mean);
  EXPECT_EQ(spread.read<std::uint32_t>("run_spread"), expected.run_spread);

  // More random seeds than users is bad input (exit 1); with --seeds it is a bad command line (2).
  fs::remove(path("sim.h5"));
  const Result too_many = run(base() + "--model ic --random-seeds 6");
  EXPECT_EQ(too_many.code, 1) << too_many.err;
  EXPECT_NE(too_many.err.find("5 users"), std::string::npos) << too_many.err;
  EXPECT_EQ(run(base() + "--model ic --random-seeds 1 --seeds a").code, 2);
  EXPECT_EQ(run(base() + "--model ic --random-seeds 0").code, 2);
  const Result help = run("--help");
  EXPECT_EQ(help.code, 0);
  EXPECT_NE(help.out.find("--seeds-file FILE | --random-seeds K)\n"), std::string::npos) << help.out;
  expect_no_output();
}

TEST_F(CliSimulate, TraceWritesEveryRunAsAnAdoptionLogTheSameForAnyThreadCount) {
  const std::string args = base() + "--model ic --seeds a,c --runs 300 --rng-seed 3 --trace " + path("trace.csv");
  ASSERT_EQ(run(args + " --threads 1").code, 0);
  const std::string one = read("trace.csv");
  for (int threads : support::kThreadCounts) {
    const Result r = run(args + " --threads " + std::to_string(threads) + " --json");
    ASSERT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(nlohmann::json::parse(r.out)["trace"], path("trace.csv"));
    EXPECT_EQ(read("trace.csv"), one) << threads << " threads";
  }

  // Read back as an adoption log: one item per run, holding exactly the users that run reached
  // (sim.h5's run_spread), the seeds at time 0 and everyone else later.
  const AdoptionLog log = read_adoption_log(path("trace.csv"));
  ASSERT_EQ(log.items.size(), 300u);
  EXPECT_EQ(log.repeats, 0u);
  const auto run_spread = hdf5::open_file(path("sim.h5")).open_group("spread").read<std::uint32_t>("run_spread");
  std::vector<std::uint32_t> size(300, 0);
  for (const Adoption& a : log.adoptions) {
    const int run_index = std::stoi(log.items[a.item]);
    ++size[static_cast<std::size_t>(run_index)];
    const bool seed = log.users[a.user] == "a" || log.users[a.user] == "c";
    EXPECT_EQ(a.time == 0, seed) << log.users[a.user] << " in run " << run_index;
  }
  EXPECT_EQ(size, run_spread);
  EXPECT_EQ(run(base() + "--model ic --seeds a --trace " + path("sim.h5")).code, 1);  // the same file twice
}

TEST_F(CliSimulate, BadInputExitsOneWithoutOutput) {
  struct Case {
    std::string args, message;
  };
  write("empty.list", "# nobody\n");
  const std::vector<Case> cases{
      {base() + "--model ic --seeds a,zz", "zz"},                                 // unknown seed label
      {base() + "--model ic --seeds-file " + path("empty.list"), "empty.list: the seed file lists no users"},
      {base() + "--model lt --prob uniform:0.6 --seeds b", "weighted-cascade probabilities (wc"},  // LT weights > 1
      {"--graph " + path("missing.txt") + " --out " + path("sim.h5") + " --model ic --seeds a", "missing.txt"},
      {"--graph " + path("edges.txt") + " --out " + path("no/such/dir/sim.h5") + " --model ic --seeds a", "sim.h5"},
      {base() + "--model ic --seeds a --target " + path("empty.list"), "empty.list: the target file lists no users"},
      {base() + "--model ic --seeds a --trace " + path("no/such/dir/trace.csv"), "trace.csv"},
      {base() + "--model ic --seeds zz --trace " + path("trace.csv"), "zz"},  // no trace left behind either
  };
  for (const auto& c : cases) {
    const Result r = run(c.args);
    EXPECT_EQ(r.code, 1) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    expect_no_output();
  }
  // The LT message names the user and the sum: a has in-edges from b and c (0.6 each).
  const Result lt = run(base() + "--model lt --prob uniform:0.6 --seeds b");
  EXPECT_NE(lt.err.find("'a'"), std::string::npos) << lt.err;
  EXPECT_NE(lt.err.find("1.2"), std::string::npos) << lt.err;
}

TEST_F(CliSimulate, BadCommandLineExitsTwo) {
  // Wrong whatever the graph holds: no seed named, a malformed quoted label, no runs (these three
  // exited 1, as if the data were at fault).
  for (const std::string& args : {base() + "--model ic --seeds ' , '",
                                 base() + "--model ic --seeds '\"open'",
                                 base() + "--model ic --seeds a --runs 0",
                                 base() + "--model ic --seeds a --precision 0.1 --max-runs 0",
                                 base() + "--model ic --seeds a --bogus",
                                 base() + "--model sir --seeds a",
                                 base() + "--model ic --seeds a --runs 10 --precision 0.1",
                                 base() + "--model ic --seeds a --runs -5",
                                 base() + "--model ic --seeds a --threads 5000",
                                 base() + "--model ic --seeds a --max-runs 10",
                                 base() + "--model ic",
                                 "--graph " + path("edges.txt") + " --model ic --seeds a"}) {
    const Result r = run(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
    expect_no_output();
  }
}

}  // namespace
}  // namespace kuchikomi
