// Experiment runner: a tiny grid completes with spreads that match the exact expectation, a re-run
// reuses every cell, --force recomputes, a changed setting recomputes only the cells it touches,
// results.csv and results.h5 agree, bad .ini files fail with file:line, and scripts/plot.py draws
// the figures from a results folder.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "support/exact_spread.hpp"
#include "support/graphs.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/experiment/experiment_runner.hpp"
#include "kuchikomi/io/graph_file.hpp"

namespace fs = std::filesystem;
using namespace kuchikomi;

namespace {

const std::string kTiny = std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/tiny_community.csv";

// Minimal RFC 4180 reader (the seeds column quotes labels such as "Kim, Lee").
std::vector<std::vector<std::string>> read_csv(const fs::path& path) {
  const std::string text = support::slurp(path);
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
      else if (c == '"') quoted = false;
      else field += c;
    } else if (c == '"') quoted = true;
    else if (c == ',') rows.back().push_back(field), field.clear();
    else if (c == '\n') {
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else field += c;
  }
  rows.pop_back();  // after the last newline
  return rows;
}

class ExperimentRunnerTest : public support::ScratchTest {
 protected:

  // 1 graph x 2 models x 2 algorithms x 2 k x 2 repetitions = 16 cells, each judged under 3 models.
  std::string grid(const std::string& epsilon = "0.5") const {
    return "# tiny grid\n"
           "[grid]\n"
           "models = ic, lt\n"
           "algorithms = imm, degree\n"
           "k = 1, 2\n"
           "repetitions = 2\n"
           "epsilon = " + epsilon + "\n"
           "[evaluation]\n"
           "runs = 4000\n"
           "models = ic, lt, ic:1\n"
           "[graph.tiny]\n"
           "path = " + kTiny + "\n";
  }
  fs::path write_ini(const std::string& text, const std::string& name = "tiny.ini") const { return write(name, text); }
  ExperimentRunSummary run(const fs::path& ini, bool force = false) const {
    ExperimentRunOptions options;
    options.force = force;
    return run_experiment(read_experiment_config(ini), options);
  }
  // The message of the InputError that reading `ini_text` throws (empty if none).
  std::string config_error(const std::string& ini_text) const {
    const auto ini = write_ini(ini_text, "bad.ini");
    try {
      read_experiment_config(ini);
    } catch (const InputError& e) {
      return e.what();
    }
    return {};
  }
  int run_cli(const std::string& arguments) const { return kuchikomi("experiment run " + arguments).code; }
  std::string err() const { return read("err.txt"); }
};

TEST_F(ExperimentRunnerTest, TinyGridCompletesWithExactSpreads) {
  const auto summary = run(write_ini(grid()));
  EXPECT_EQ(summary.cells, 16u);
  EXPECT_EQ(summary.computed, 16u);
  EXPECT_EQ(summary.reused, 0u);
  ASSERT_EQ(summary.results.size(), 16u);
  EXPECT_TRUE(fs::exists(dir_ / "results" / "tiny" / "results.h5"));
  EXPECT_TRUE(fs::exists(dir_ / "results" / "tiny" / "results.csv"));

  // Every evaluation agrees with the exact expected spread of its seed set (enumerated worlds),
  // within 5 standard errors of the Monte Carlo mean.
  ExperimentGraph spec;
  spec.name = "tiny";
  spec.format = "log";
  spec.resolved_path = kTiny;
  const InfluenceGraph graph = load_experiment_graph(spec);
  for (const auto& cell : summary.results) {
    ASSERT_EQ(cell.seed_ids.size(), cell.k);
    ASSERT_EQ(cell.evaluations.size(), 3u);
    for (const auto& e : cell.evaluations) {
      const double exact = e.model == "lt"   ? support::exact_lt_spread(graph, cell.seed_ids)
                           : e.model == "ic" ? support::exact_ic_spread(graph, cell.seed_ids)
                                             : support::exact_ic_spread(graph, cell.seed_ids, 1);
      EXPECT_NEAR(e.mean, exact, 5 * e.stddev / std::sqrt(4000.0) + 1e-6)  // float probabilities
          << cell.config << " under " << e.model;
      EXPECT_EQ(e.runs, 4000u);
      EXPECT_FALSE(e.cumulative_per_step.empty());
      EXPECT_NEAR(e.cumulative_per_step.back(), e.mean, 1e-9);
    }
  }
  // The yardstick is the same for every cell: two cells with the same seed set get the same figures.
  std::map<std::vector<NodeId>, double> by_seeds;
  for (const auto& cell : summary.results) {
    auto [it, inserted] = by_seeds.emplace(cell.seed_ids, cell.evaluations[0].mean);
    if (!inserted) { EXPECT_EQ(it->second, cell.evaluations[0].mean); }
  }
}

TEST_F(ExperimentRunnerTest, RerunReusesEveryCellAndForceRecomputes) {
  const auto ini = write_ini(grid());
  const auto first = run(ini);
  const auto h5 = dir_ / "results" / "tiny" / "results.h5";
  const auto written = fs::last_write_time(h5);

  const auto second = run(ini);
  EXPECT_EQ(second.computed, 0u);
  EXPECT_EQ(second.reused, 16u);
  EXPECT_EQ(fs::last_write_time(h5), written);  // nothing to add: the file is not touched
  ASSERT_EQ(second.results.size(), first.results.size());
  for (std::size_t i = 0; i < first.results.size(); ++i) {
    // Wall-clock time is stored per cell: equal to the last bit only if it was not measured again.
    EXPECT_EQ(second.results[i].select_seconds, first.results[i].select_seconds);
    EXPECT_EQ(second.results[i].seeds, first.results[i].seeds);
  }

  const auto forced = run(ini, /*force=*/true);
  EXPECT_EQ(forced.computed, 16u);
  EXPECT_EQ(forced.reused, 0u);
  // Same rng seeds, same results (only times differ).
  for (std::size_t i = 0; i < first.results.size(); ++i) {
    EXPECT_EQ(forced.results[i].seeds, first.results[i].seeds);
    EXPECT_EQ(forced.results[i].evaluations[0].mean, first.results[i].evaluations[0].mean);
  }

  // A results file this version cannot read (an older format, or damaged) is refused with advice to
  // recompute; --force then replaces it without reading it.
  std::ofstream(h5, std::ios::trunc) << "not an HDF5 file";
  EXPECT_THROW(run(ini), InputError);
  const auto replaced = run(ini, /*force=*/true);
  EXPECT_EQ(replaced.computed, 16u);
  EXPECT_EQ(run(ini).reused, 16u);
}

TEST_F(ExperimentRunnerTest, ChangedSettingRecomputesOnlyTheCellsItTouches) {
  const auto ini = write_ini(grid("0.5"));
  const auto first = run(ini);
  write_ini(grid("0.4"));  // epsilon is an IMM knob: degree cells keep their identity
  const auto second = run(ini);
  EXPECT_EQ(second.cells, 16u);
  EXPECT_EQ(second.computed, 8u);
  EXPECT_EQ(second.reused, 8u);
  for (std::size_t i = 0; i < second.results.size(); ++i) {
    const auto& cell = second.results[i];
    EXPECT_EQ(cell.algorithm == "imm", cell.id != first.results[i].id) << cell.config;
    if (cell.algorithm == "degree") { EXPECT_EQ(cell.select_seconds, first.results[i].select_seconds); }
    if (cell.algorithm == "imm") { EXPECT_EQ(cell.epsilon, 0.4); }
  }
  // The files hold the current grid only (the epsilon-0.5 IMM cells are gone).
  EXPECT_EQ(read_experiment_results(dir_ / "results" / "tiny").size(), 16u);

  // Growing the grid (an interrupted run resumed with more k) computes just the new cells.
  std::string bigger = grid("0.4");
  bigger.replace(bigger.find("k = 1, 2"), 8, "k = 1, 2, 3");
  write_ini(bigger);
  const auto third = run(ini);
  EXPECT_EQ(third.cells, 24u);
  EXPECT_EQ(third.computed, 8u);
  EXPECT_EQ(third.reused, 16u);
}

TEST_F(ExperimentRunnerTest, CsvRowsEqualHdf5Groups) {
  run(write_ini(grid()));
  const auto cells = read_experiment_results(dir_ / "results" / "tiny");
  const auto rows = read_csv(dir_ / "results" / "tiny" / "results.csv");
  ASSERT_FALSE(rows.empty());
  const auto& header = rows[0];
  std::map<std::string, std::size_t> column;
  for (std::size_t i = 0; i < header.size(); ++i) column[header[i]] = i;
  for (const char* name : {"cell", "graph", "model", "algorithm", "k", "eval_model", "spread_mean", "spread_ci95_low",
                           "spread_ci95_high", "select_seconds", "peak_rss_bytes", "rr_sets", "seeds", "epsilon"})
    ASSERT_TRUE(column.count(name)) << name;

  std::map<std::pair<std::string, std::string>, const CellEvaluation*> evaluations;
  std::map<std::string, const CellResult*> by_id;
  for (const auto& c : cells) {
    by_id[c.id] = &c;
    for (const auto& e : c.evaluations) evaluations[{c.id, e.model}] = &e;
  }
  EXPECT_EQ(by_id.size(), 16u);
  ASSERT_EQ(rows.size() - 1, evaluations.size());  // one row per cell and evaluation model
  std::map<std::pair<std::string, std::string>, int> seen;
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    ASSERT_EQ(row.size(), header.size());
    const std::pair key{row[column["cell"]], row[column["eval_model"]]};
    ASSERT_TRUE(evaluations.count(key)) << row[column["cell"]];
    EXPECT_EQ(++seen[key], 1);
    const CellResult& c = *by_id[key.first];
    const CellEvaluation& e = *evaluations[key];
    EXPECT_EQ(row[column["graph"]], c.graph);
    EXPECT_EQ(row[column["model"]], c.model);
    EXPECT_EQ(row[column["algorithm"]], c.algorithm);
    EXPECT_EQ(std::stoul(row[column["k"]]), c.k);
    EXPECT_NEAR(std::stod(row[column["spread_mean"]]), e.mean, 1e-4);
    EXPECT_NEAR(std::stod(row[column["spread_ci95_low"]]), e.ci95_low, 1e-4);
    EXPECT_NEAR(std::stod(row[column["spread_ci95_high"]]), e.ci95_high, 1e-4);
    EXPECT_NEAR(std::stod(row[column["select_seconds"]]), c.select_seconds, 1e-6);
    EXPECT_EQ(std::stoull(row[column["peak_rss_bytes"]]), c.peak_rss_bytes);
    EXPECT_EQ(std::stoull(row[column["rr_sets"]]), c.rr_sets);
    std::string seeds;
    for (const auto& s : c.seeds) seeds += (seeds.empty() ? "" : ";") + s;
    EXPECT_EQ(row[column["seeds"]], seeds);
    EXPECT_GT(c.peak_rss_bytes, 0u);
    if (c.algorithm == "imm") { EXPECT_GT(c.rr_sets, 0u); }
  }
}

TEST_F(ExperimentRunnerTest, GraphFormatsAndThreadCounts) {
  // A graph file written by the library, a generated R-MAT graph and the log it came from.
  ExperimentGraph log;
  log.name = "log";
  log.format = "log";
  log.resolved_path = kTiny;
  const InfluenceGraph tiny = load_experiment_graph(log);
  write_graph_file(tiny, (dir_ / "tiny.h5").string());
  const auto ini = write_ini(
      "[grid]\nalgorithms = degree, imm\nk = 2\nthreads = 1, 2\n[evaluation]\nruns = 3000\n"
      "[graph.h5]\npath = tiny.h5\n"            // relative to the .ini's folder
      "[graph.log]\npath = " + kTiny + "\n"
      "[graph.rmat]\nformat = rmat\nnodes = 64\nedges = 256\nseed = 3\nprob = uniform:0.1\n");
  const auto summary = run(ini);
  ASSERT_EQ(summary.cells, 12u);
  std::map<std::string, std::vector<const CellResult*>> by_graph;
  for (const auto& c : summary.results) by_graph[c.graph].push_back(&c);
  EXPECT_EQ(by_graph["h5"][0]->nodes, tiny.num_nodes());
  EXPECT_EQ(by_graph["h5"][0]->edges, tiny.num_edges());
  EXPECT_EQ(by_graph["rmat"][0]->nodes, 64u);
  EXPECT_LE(by_graph["rmat"][0]->edges, 256u);
  for (std::size_t i = 0; i < 4; ++i) {
    // The .h5 copy of the log's graph gives the same seeds and the same yardstick figures.
    EXPECT_EQ(by_graph["h5"][i]->seeds, by_graph["log"][i]->seeds);
    EXPECT_EQ(by_graph["h5"][i]->evaluations[0].mean, by_graph["log"][i]->evaluations[0].mean);
  }
  // Cells differing only in thread count: identical results (deterministic parallelism), separate cells.
  for (const auto& [graph, cells] : by_graph)
    for (std::size_t i = 0; i + 1 < cells.size(); i += 2) {
      EXPECT_EQ(cells[i]->threads, 1);
      EXPECT_EQ(cells[i + 1]->threads, 2);
      EXPECT_NE(cells[i]->id, cells[i + 1]->id);
      EXPECT_EQ(cells[i]->seeds, cells[i + 1]->seeds) << graph;
      EXPECT_EQ(cells[i]->evaluations[0].mean, cells[i + 1]->evaluations[0].mean) << graph;
    }
}

TEST_F(ExperimentRunnerTest, BadIniNamesFileAndLine) {
  const std::string ini = (dir_ / "bad.ini").string();
  // One edit of the tiny grid each, and the start of the message it must give (file:line first).
  struct Case {
    std::string from, to, message;
  };
  const std::vector<Case> cases{
      {"repetitions", "repetitoins", ":6: unknown key 'repetitoins' in [grid]"},
      {kTiny, "no/such/graph.csv", ":12: graph file 'no/such/graph.csv' not found"},
      // Found by fuzzing: a file name longer than the file system allows threw filesystem_error.
      {kTiny, std::string(300, 'x'), ":12: graph file '" + (dir_ / std::string(300, 'x')).string() + "'"},
      {"[grid]\n", "[grid]\ngraphs = tiny, missing\n", ":3: graph 'missing' has no [graph.missing] section"},
      {"imm, degree", "imm, best", ":4: unknown algorithm 'best'"},
      {"k = 1, 2", "k = 1, two", ":5: k = 'two' is not a whole number"},
      {"ic, lt, ic:1", "ic, sir", ":10: "},
      // A value listed twice would be two cells with one identity; out-of-range numbers are not wrapped.
      {"k = 1, 2", "k = 1, 1", ":5: k lists the same value twice"},
      {"models = ic, lt", "models = ic, IC", ":3: models lists the same value twice"},
      {"k = 1, 2", "k = 4294967297", ":5: k must be at most 4294967295"},
  };
  for (const auto& c : cases) {
    std::string text = grid();
    text.replace(text.find(c.from), c.from.size(), c.to);
    EXPECT_EQ(config_error(text).rfind(ini + c.message, 0), 0u) << c.to << ": " << config_error(text);
  }
  EXPECT_NE(config_error("[grid]\nalgorithms = degree\nk = 1\n[graph.r]\nformat = rmat\nnodes = 64\nedges = 99\n"
                         "prob = const-from-file\n")
                .find(":4: prob = const-from-file needs probabilities in an input file"),
            std::string::npos);

  EXPECT_EQ(config_error(grid() + "[colours]\nred = 1\n").rfind(ini + ":13: unknown section [colours]", 0), 0u);
  EXPECT_EQ(config_error(grid() + "just words\n").rfind(ini + ":13: expected 'key = value'", 0), 0u);

  // Through the CLI: exit 1, the message on stderr, no results folder.
  std::ofstream(ini) << grid() + "[graph.other]\npath = nowhere.csv\n";
  EXPECT_EQ(run_cli(ini), 1);
  EXPECT_NE(err().find(ini + ":14: graph file 'nowhere.csv' not found"), std::string::npos) << err();
  EXPECT_FALSE(fs::exists(dir_ / "results"));
  EXPECT_EQ(run_cli(ini + " --no-such-option"), 2);
}

// Every per-algorithm setting is checked when the file is read, wherever it is written ([grid] or
// [algorithm.NAME], used by the grid's algorithms or not), instead of by the first cell that uses it;
// the experiment's name is one folder name (name = ../.. wrote outside results/).
TEST_F(ExperimentRunnerTest, EverySettingAndTheNameAreCheckedWhenTheFileIsRead) {
  const std::string ini = (dir_ / "bad.ini").string();
  struct Case {
    std::string from, to, message;
  };
  const std::vector<Case> cases{
      {"epsilon = 0.5\n", "epsilon = 0.5\ndelta = 1\n", ":8: delta must be in [0, 1) (0 = 1/n), got 1"},
      {"epsilon = 0.5\n", "epsilon = 0.5\nell = -1\n", ":8: ell must be positive, got -1"},
      {"epsilon = 0.5\n", "epsilon = 0\n", ":7: epsilon must be in (0, 1), got 0"},
      {"imm, degree\nk = 1, 2\nrepetitions = 2\nepsilon = 0.5", "imm, opim-c\nk = 1, 2\nrepetitions = 2\nepsilon = 0.7",
       ":7: OPIM-C aims at a (1-1/e - epsilon)-approximation"},
      {"path = " + kTiny + "\n", "path = " + kTiny + "\n[algorithm.imm]\nell = 0\n", ":14: ell must be positive"},
      {"path = " + kTiny + "\n", "path = " + kTiny + "\n[algorithm.imm]\nepsilon = 1.5\n", ":14: epsilon must be in (0, 1)"},
      {"imm, degree", "imm, opim-c", ""},  // fine on its own; the next case overrides opim-c's epsilon
      {"runs = 4000", "runs = 4294967297", ":9: runs must be at most 4294967296"},
      {"# tiny grid", "name = ../..", ":1: name = '../..' must be one folder name"},
      {"# tiny grid", "name = a/b", ":1: name = 'a/b' must be one folder name"},
      {"# tiny grid", "name = ..", ":1: name = '..' must be one folder name"},
      {"# tiny grid", "name = my grid", ":1: name = 'my grid' must be one folder name"},
  };
  for (const auto& c : cases) {
    std::string text = grid();
    text.replace(text.find(c.from), c.from.size(), c.to);
    if (c.message.empty()) {
      EXPECT_EQ(config_error(text), "") << c.to;
      EXPECT_EQ(config_error(text + "[algorithm.opim-c]\ndelta = 0.01\nepsilon = 0.65\n").rfind(ini + ":15: OPIM-C", 0), 0u)
          << config_error(text + "[algorithm.opim-c]\ndelta = 0.01\nepsilon = 0.65\n");
      continue;
    }
    EXPECT_EQ(config_error(text).rfind(ini + c.message, 0), 0u) << c.to << ": " << config_error(text);
  }
  // Names that are one folder: accepted, and the results go there.
  std::string named = grid();
  named.replace(0, 11, "name = run-2.b_c");
  EXPECT_EQ(read_experiment_config(write_ini(named)).output_dir, dir_ / "results" / "run-2.b_c");
}

// A results folder that cannot be one is an input error naming it and why, before any work (it was
// "internal error: filesystem error" once the first cell was done).
// Each algorithm starts from its own defaults (selection/algorithms.hpp: IMM epsilon 0.5, OPIM-C
// 0.1); a setting in [grid] applies to the algorithms that read it, [algorithm.NAME] overrides it and
// may set only what NAME reads. The cell identity lists the settings each algorithm reads.
TEST_F(ExperimentRunnerTest, EachAlgorithmGetsItsOwnDefaultsAndOnlyTheSettingsItReads) {
  std::string text = grid();
  text.replace(text.find("epsilon = 0.5\n"), 14, "mc-runs = 77\n");
  text.replace(text.find("imm, degree"), 11, "imm, opim-c, celf, degree");
  auto knobs_of = [](const ExperimentConfig& c) {
    std::map<std::string, std::string> knobs;
    for (const auto& a : c.algorithms) knobs[a.name] = a.knobs();
    return knobs;
  };
  const std::map<std::string, std::string> defaults{
      {"imm", "epsilon=0.5;ell=1"}, {"opim-c", "epsilon=0.1;delta=0"}, {"celf", "mc_runs=77"}, {"degree", ""}};
  EXPECT_EQ(knobs_of(read_experiment_config(write_ini(text))), defaults);

  std::string grid_wide = text;
  grid_wide.replace(grid_wide.find("mc-runs = 77"), 12, "epsilon = 0.2");
  const std::map<std::string, std::string> both_at_02{
      {"imm", "epsilon=0.2;ell=1"}, {"opim-c", "epsilon=0.2;delta=0"}, {"celf", "mc_runs=1000"}, {"degree", ""}};
  EXPECT_EQ(knobs_of(read_experiment_config(write_ini(grid_wide))), both_at_02);
  std::map<std::string, std::string> overridden = both_at_02;
  overridden["opim-c"] = "epsilon=0.05;delta=0.01";
  EXPECT_EQ(knobs_of(read_experiment_config(write_ini(grid_wide + "[algorithm.opim-c]\nepsilon = 0.05\ndelta = 0.01\n"))),
            overridden);

  const std::string ini = (dir_ / "bad.ini").string();
  EXPECT_EQ(config_error(grid_wide + "[algorithm.degree]\nepsilon = 0.3\n").rfind(ini + ":14: degree does not read epsilon (it has no settings)", 0), 0u)
      << config_error(grid_wide + "[algorithm.degree]\nepsilon = 0.3\n");
  EXPECT_EQ(config_error(grid_wide + "[algorithm.imm]\nmc-runs = 10\n").rfind(ini + ":14: imm does not read mc-runs (its settings: epsilon, ell)", 0), 0u)
      << config_error(grid_wide + "[algorithm.imm]\nmc-runs = 10\n");
}

TEST_F(ExperimentRunnerTest, ResultsFolderProblemsNameTheFolder) {
  write("taken", "a file\n");
  const auto ini = write_ini("output = taken\n" + grid());
  EXPECT_EQ(run_cli(ini.string() + " --quiet"), 1);
  EXPECT_NE(err().find(path("taken") + ": the results folder is a file, not a folder"), std::string::npos) << err();
  EXPECT_EQ(err().find("internal error"), std::string::npos) << err();
  EXPECT_EQ(run_cli(ini.string() + " --quiet --output " + path("taken/sub")), 1);
  EXPECT_NE(err().find(path("taken/sub") + ": cannot create the results folder: '" + path("taken") + "' is a file"),
            std::string::npos)
      << err();
  EXPECT_EQ(read("taken"), "a file\n");
  EXPECT_FALSE(fs::exists(dir_ / "results"));
}

TEST_F(ExperimentRunnerTest, CliRunsResumesAndPlotScriptDrawsFigures) {
  const auto ini = write_ini(grid());
  ASSERT_EQ(run_cli(ini.string()), 0) << err();
  EXPECT_NE(err().find("[16/16] tiny lt degree k=2 rep=1:"), std::string::npos) << err();
  EXPECT_NE(err().find("left"), std::string::npos);  // time-left estimate on each progress line
  ASSERT_EQ(run_cli(ini.string()), 0) << err();
  EXPECT_NE(err().find("0 computed, 16 reused"), std::string::npos) << err();

  // scripts/plot.py (Debian's python3-matplotlib and python3-h5py, installed by install_deps.sh).
  ASSERT_EQ(support::shell("/usr/bin/python3 -c 'import h5py, matplotlib' > /dev/null 2>&1"), 0)
      << "/usr/bin/python3 lacks h5py or matplotlib (scripts/install_deps.sh installs them)";
  const auto results = dir_ / "results" / "tiny";
  const std::string command = "/usr/bin/python3 " + std::string(KUCHIKOMI_SOURCE_DIR) + "/scripts/plot.py " +
                              results.string() + " --format png > " + (dir_ / "plot.txt").string() + " 2>&1";
  ASSERT_EQ(support::shell(command), 0) << read("plot.txt");
  for (const char* name : {"spread_vs_k_tiny_ic.png", "spread_vs_k_tiny_lt.png", "time_vs_k_tiny_ic.png",
                           "activations_per_step_tiny.png", "reach_histogram_tiny.png"}) {
    EXPECT_TRUE(fs::exists(results / name)) << name;
    if (fs::exists(results / name)) { EXPECT_GT(fs::file_size(results / name), 1000u) << name; }
  }
}

TEST_F(ExperimentRunnerTest, GraphFormatIsDetectedLikeEveryOtherGraphArgument) {
  // By content, not name: a comma-separated edge list called .csv, a tab-separated log called .tsv.
  write("edges.csv", "1,2\n2,3\n");
  write("log.tsv", "actor\ttarget\taction\nbob\talice\tlike\n");
  write_graph_file(support::make_graph(3, {{0, 1, 0.5f}}), path("g.graph"));
  const auto ini = write_ini("[grid]\nalgorithms = degree\nk = 1\n[graph.e]\npath = edges.csv\n[graph.l]\npath = log.tsv\n"
                             "[graph.h]\npath = g.graph\n");
  const ExperimentConfig config = read_experiment_config(ini);
  ASSERT_EQ(config.graphs.size(), 3u);
  EXPECT_EQ(config.graphs[0].format, "edge-list");
  EXPECT_EQ(config.graphs[1].format, "log");
  EXPECT_EQ(config.graphs[2].format, "h5");
  EXPECT_EQ(load_experiment_graph(config.graphs[0]).num_edges(), 2u);
  EXPECT_EQ(load_experiment_graph(config.graphs[1]).num_edges(), 1u);
}

TEST_F(ExperimentRunnerTest, AGraphThatFailsToLoadLeavesNoResultsAndDryRunWritesNothing) {
  write("broken.txt", "1 2\nthree four five six seven\n");  // found at config time, fails to parse
  const auto ini = write_ini("[grid]\nalgorithms = degree\nk = 1\n[graph.b]\npath = broken.txt\n");
  EXPECT_EQ(run_cli(ini.string() + " --dry-run --quiet"), 0) << err();
  EXPECT_FALSE(fs::exists(dir_ / "results"));
  EXPECT_EQ(run_cli(ini.string() + " --quiet"), 1);
  EXPECT_NE(err().find("broken.txt:2"), std::string::npos) << err();
  EXPECT_FALSE(fs::exists(dir_ / "results"));
}

// After each cell results.h5 is rewritten from the cells in memory, never opened for update: a
// file damaged or replaced since it was read is simply replaced.
TEST_F(ExperimentRunnerTest, AppendingACellRewritesTheResultsFromMemory) {
  CellResult a;
  a.id = "00000000000000aa";
  a.config = "a";
  a.graph = "g.h5";
  a.model = "ic";
  a.algorithm = "degree";
  a.k = 1;
  a.seeds = {"x"};
  a.seed_ids = {0};
  a.spread_curve = {1.5};
  CellEvaluation e;
  e.model = "ic";
  e.runs = 10;
  e.mean = 1.5;
  e.histogram_edges = {0, 1, 2};
  e.histogram_counts = {4, 6};
  a.evaluations = {e};
  CellResult b = a;
  b.id = "00000000000000bb";
  b.config = "b";
  b.k = 2;
  const fs::path folder = dir_ / "results";
  fs::create_directories(folder);
  write_experiment_results(folder, "x", "[grid]\n", {a});
  std::ofstream(folder / "results.h5", std::ios::binary) << "damaged since it was read";
  append_experiment_result(folder, "x", "[grid]\n", b, {a, b});
  std::string ini;
  const auto cells = read_experiment_results(folder, &ini);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_EQ(cells[0].id, a.id);
  EXPECT_EQ(cells[1].id, b.id);
  EXPECT_EQ(cells[1].k, 2u);
  EXPECT_EQ(cells[1].evaluations.at(0).histogram_counts, e.histogram_counts);
  EXPECT_EQ(ini, "[grid]\n");
  EXPECT_THROW(append_experiment_result(folder, "x", "[grid]\n", b, {a}), std::logic_error);
}

}  // namespace
