// Graph file (HDF5) round trip and rejection of corrupt files.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <set>
#include <string>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "support/scratch_test.hpp"
#include "support/errors.hpp"
#include "support/graphs.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "support/ris_fixtures.hpp"

using namespace kuchikomi;
namespace fs = std::filesystem;

namespace {

class GraphFileTest : public support::ScratchTest {};

//  u0 --0.5--> u1 --0.25--> u2 --1.0--> u0,   u3 --0--> u1,   u4 isolated
InfluenceGraph sample_graph() {
  std::vector<EdgeRecord> records{{0, 1, 0.5f, 2.0, 1}, {1, 2, 0.25f, 1.5, 3}, {2, 0, 1.0f, 1.0, 1},
                                  {3, 1, 0.0f, 4.0, 2}};
  GraphProvenance p{"log.csv", "interaction-log", "const-from-file", "kuchikomi graph build log.csv",
                    std::numeric_limits<std::uint64_t>::max() - 5, 7, 11};
  return build_influence_graph(5, records, {"alice", "bob", "carol", "dave", "\xe5\x8f\xa3\xe3\x82\xb3\xe3\x83\x9f"}, p);
}

// Writes the documented layout by hand so that tests can leave out or damage one piece.
struct RawGraph {
  InfluenceGraph g = sample_graph();
  std::string format = "kuchikomi-graph";
  std::set<std::string> skip;  // "forward/weight", ...
  std::uint64_t num_nodes = 5;
  std::uint64_t num_edges = 4;

  void write(const std::string& file_path) const {
    auto file = hdf5::create_file(file_path);
    file.set_attribute("format", format);
    file.set_attribute("format_version", 2);
    file.set_attribute("num_nodes", num_nodes);
    file.set_attribute("num_edges", num_edges);
    auto forward = file.create_group("forward");
    auto reverse = file.create_group("reverse");
    auto nodes = file.create_group("nodes");
    auto put = [&](const hdf5::Location& group, const std::string& group_name, const std::string& name, const auto& v) {
      if (!skip.count(group_name + "/" + name)) group.write(name, v);
    };
    put(forward, "forward", "offsets", g.out_offsets);
    put(forward, "forward", "targets", g.out_targets);
    put(forward, "forward", "probability", g.out_prob);
    put(forward, "forward", "weight", g.out_weight);
    put(forward, "forward", "count", g.out_count);
    put(reverse, "reverse", "offsets", g.in_offsets);
    put(reverse, "reverse", "sources", g.in_sources);
    put(reverse, "reverse", "probability", g.in_prob);
    if (!skip.count("nodes/label")) nodes.write_strings("label", g.labels);
  }
};

// Expects read_graph_file to throw an InputError naming the file and mentioning `fragment`.
void expect_rejected(const std::string& file_path, const std::string& fragment) {
  try {
    read_graph_file(file_path);
    FAIL() << "accepted a bad graph file; expected an error mentioning '" << fragment << "'";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), file_path);
    EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
  }
}

}  // namespace

TEST_F(GraphFileTest, RoundTripKeepsEveryArrayLabelAndProvenance) {
  const auto g = sample_graph();
  write_graph_file(g, path("g.h5"));
  const auto r = read_graph_file(path("g.h5"));
  r.validate();
  EXPECT_EQ(r.out_offsets, g.out_offsets);
  EXPECT_EQ(r.out_targets, g.out_targets);
  EXPECT_EQ(r.out_prob, g.out_prob);
  EXPECT_EQ(r.out_weight, g.out_weight);
  EXPECT_EQ(r.out_count, g.out_count);
  EXPECT_EQ(r.in_offsets, g.in_offsets);
  EXPECT_EQ(r.in_sources, g.in_sources);
  EXPECT_EQ(r.in_prob, g.in_prob);
  EXPECT_EQ(r.labels, g.labels);
  EXPECT_EQ(r.label(4), "\xe5\x8f\xa3\xe3\x82\xb3\xe3\x83\x9f");
  EXPECT_EQ(r.provenance.source, "log.csv");
  EXPECT_EQ(r.provenance.source_format, "interaction-log");
  EXPECT_EQ(r.provenance.probability_model, "const-from-file");
  EXPECT_EQ(r.provenance.command_line, "kuchikomi graph build log.csv");
  EXPECT_EQ(r.provenance.rng_seed, std::numeric_limits<std::uint64_t>::max() - 5);  // all 64 bits survive
  EXPECT_EQ(r.provenance.self_loops_dropped, 7u);
  EXPECT_EQ(r.provenance.interactions, 11u);

  const auto file = hdf5::open_file(path("g.h5"));
  EXPECT_EQ(file.string_attribute("format"), "kuchikomi-graph");
  EXPECT_EQ(file.int_attribute("num_nodes"), 5);
  EXPECT_EQ(file.int_attribute("num_edges"), 4);
  EXPECT_EQ(file.string_attribute("kuchikomi_version"), kVersion);
  const std::string created = file.string_attribute("created_at");  // e.g. 2024-05-01T12:34:56Z
  ASSERT_EQ(created.size(), 20u) << created;
  EXPECT_EQ(created[4], '-');
  EXPECT_EQ(created[10], 'T');
  EXPECT_EQ(created.back(), 'Z');
  // No temporary file is left next to the result.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), fs::directory_iterator()), 1);
}

TEST_F(GraphFileTest, ImplicitLabelsStayImplicitAndMissingWeightsBecomeUnit) {
  auto g = sample_graph();
  g.labels.clear();
  g.out_weight.clear();
  g.out_count.clear();
  write_graph_file(g, path("g.h5"));
  EXPECT_FALSE(hdf5::open_file(path("g.h5")).open_group("nodes").has("label"));
  const auto r = read_graph_file(path("g.h5"));
  EXPECT_TRUE(r.labels.empty());
  EXPECT_EQ(r.label(3), "3");
  EXPECT_EQ(r.out_weight, std::vector<float>(4, 1.0f));
  EXPECT_EQ(r.out_count, std::vector<std::uint32_t>(4, 1u));
  EXPECT_EQ(r.out_targets, g.out_targets);
}

TEST_F(GraphFileTest, EmptyGraphRoundTrips) {
  write_graph_file(InfluenceGraph{}, path("empty.h5"));
  const auto r = read_graph_file(path("empty.h5"));
  EXPECT_EQ(r.num_nodes(), 0u);
  EXPECT_EQ(r.num_edges(), 0u);
}

TEST_F(GraphFileTest, HandWrittenLayoutIsAccepted) {
  // Guards the corruption tests below: the undamaged hand-written file must load.
  RawGraph{}.write(path("raw.h5"));
  const auto r = read_graph_file(path("raw.h5"));
  EXPECT_EQ(r.out_targets, sample_graph().out_targets);
  EXPECT_EQ(r.labels, sample_graph().labels);
}

// libhdf5 starts on the first file written (hdf5::prepare_library) and must be silenced before
// its first call: a failure inside it is our message alone, no "HDF5-DIAG" error stack on stderr.
// Each ctest test runs in its own process, so this create is the process's first call into it.
TEST_F(GraphFileTest, Hdf5FailuresPrintOnlyOurMessage) {
  testing::internal::CaptureStderr();
  EXPECT_THROW(hdf5::create_file(path("missing/folder/g.h5")), InputError);
  const std::string printed = testing::internal::GetCapturedStderr();
  EXPECT_EQ(printed.find("HDF5"), std::string::npos) << printed;
}

TEST_F(GraphFileTest, RejectsMissingFileAndNonHdf5) {
  expect_rejected(path("nope.h5"), "cannot open");
  std::ofstream(path("text.h5")) << "0 1\n1 2\n";
  expect_rejected(path("text.h5"), "not an HDF5 file");
}

TEST_F(GraphFileTest, RejectsHdf5ThatIsNotAGraph) {
  {
    auto file = hdf5::create_file(path("other.h5"));
    file.write("numbers", std::vector<double>{1, 2, 3});
  }
  expect_rejected(path("other.h5"), "not a kuchikomi graph");
  RawGraph raw;
  raw.format = "something-else";
  raw.write(path("format.h5"));
  expect_rejected(path("format.h5"), "not a kuchikomi graph");
}

TEST_F(GraphFileTest, RejectsMissingDatasets) {
  for (const std::string name : {"forward/weight", "forward/targets", "reverse/probability", "reverse/offsets"}) {
    RawGraph raw;
    raw.skip.insert(name);
    raw.write(path("missing.h5"));
    expect_rejected(path("missing.h5"), "missing dataset");
  }
}

TEST_F(GraphFileTest, RejectsWrongLengths) {
  RawGraph raw;
  raw.g.out_targets.pop_back();
  raw.write(path("short.h5"));
  expect_rejected(path("short.h5"), "/forward/targets has 3 elements, expected 4");

  RawGraph labels;
  labels.g.labels.pop_back();
  labels.write(path("labels.h5"));
  expect_rejected(path("labels.h5"), "/nodes/label has 4 labels, expected 5");

  RawGraph nodes;
  nodes.num_nodes = 6;  // header disagrees with the offsets
  nodes.write(path("nodes.h5"));
  expect_rejected(path("nodes.h5"), "/forward/offsets has 6 elements, expected 7");
}

TEST_F(GraphFileTest, RejectsProbabilityOutsideUnitInterval) {
  RawGraph raw;
  raw.g.out_prob[1] = 1.5f;
  raw.g.rebuild_reverse();  // a consistent file: only the value itself is wrong
  raw.write(path("p.h5"));
  expect_rejected(path("p.h5"), "probability 1.5");

  RawGraph negative;
  negative.g.out_prob[0] = -0.25f;
  negative.g.rebuild_reverse();
  negative.write(path("neg.h5"));
  expect_rejected(path("neg.h5"), "outside [0, 1]");
}

TEST_F(GraphFileTest, RejectsBrokenStructure) {
  RawGraph target;
  target.g.out_targets[0] = 9;  // >= num_nodes
  target.write(path("target.h5"));
  expect_rejected(path("target.h5"), "not below num_nodes");

  RawGraph offsets;
  std::swap(offsets.g.out_offsets[1], offsets.g.out_offsets[2]);  // 0,1,2 -> 0,2,1: decreasing
  offsets.write(path("offsets.h5"));
  expect_rejected(path("offsets.h5"), "decreases");

  RawGraph span;
  span.g.in_offsets.back() = 3;
  span.write(path("span.h5"));
  expect_rejected(path("span.h5"), "/reverse/offsets ends at 3");
}

TEST_F(GraphFileTest, RejectsReverseThatDoesNotMirrorForward) {
  RawGraph prob;
  prob.g.in_prob[0] = 0.5f;  // in-edge of node 0 is 2->0 with p = 1.0 in the forward arrays
  prob.write(path("prob.h5"));
  expect_rejected(path("prob.h5"), "/reverse does not hold the same edges");

  // Same degrees, same probabilities, but the edge points elsewhere.
  RawGraph source;
  source.g.in_sources[0] = 4;  // 4->0 instead of 2->0
  source.write(path("source.h5"));
  expect_rejected(path("source.h5"), "/reverse does not hold the same edges");
}

// A reverse-only read (select's IMM / OPIM-C) skips the fingerprint that compares /reverse with
// /forward, but still checks every reverse list itself.
TEST_F(GraphFileTest, ReverseOnlyReadStillChecksTheReverseLists) {
  GraphReadLimits reverse_only;
  reverse_only.reverse_only = true;
  auto expect_refused = [&](const RawGraph& raw, const std::string& name, const std::string& fragment) {
    raw.write(path(name));
    try {
      read_graph_file(path(name), reverse_only);
      ADD_FAILURE() << name << ": a damaged reverse list was accepted by a reverse-only read";
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), path(name));
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  RawGraph source;
  source.g.in_sources[0] = 9;  // >= num_nodes
  expect_refused(source, "source.h5", "not below num_nodes");
  RawGraph prob;
  prob.g.in_prob[0] = 1.5f;
  expect_refused(prob, "prob.h5", "probability 1.5");
  RawGraph span;
  span.g.in_offsets.back() = 3;
  expect_refused(span, "span.h5", "/reverse/offsets ends at 3");
  // What only the comparison with /forward would see is, by design, not seen.
  RawGraph mirror;
  mirror.g.in_prob[0] = 0.5f;
  mirror.write(path("mirror.h5"));
  EXPECT_NO_THROW(read_graph_file(path("mirror.h5"), reverse_only));
}

TEST_F(GraphFileTest, UnwritableDestinationThrowsAndLeavesNoFile) {
  const auto g = sample_graph();
  const std::string missing_folder = path("no/such/folder/g.h5");
  EXPECT_THROW(write_graph_file(g, missing_folder), InputError);
  std::ofstream(path("plain_file")) << "x";
  EXPECT_THROW(write_graph_file(g, path("plain_file/g.h5")), InputError);
  EXPECT_THROW(write_graph_file(g, dir_.string()), InputError);  // destination is a folder
  // Nothing but the plain file itself was created.
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir_)) names.push_back(entry.path().filename().string());
  EXPECT_EQ(names, std::vector<std::string>{"plain_file"});
}

TEST_F(GraphFileTest, OverwritingKeepsTheOldFileUntilTheNewOneIsComplete) {
  auto g = sample_graph();
  write_graph_file(g, path("g.h5"));
  g.labels[0] = "zoe";
  write_graph_file(g, path("g.h5"));
  EXPECT_EQ(read_graph_file(path("g.h5")).labels[0], "zoe");
}

TEST_F(GraphFileTest, ReadableWithH5py) {
  // Debian's python3-h5py lives under /usr/bin/python3, which a pyenv or venv python3 may hide.
  std::string python;
  for (const char* candidate : {"/usr/bin/python3", "python3"})
    if (std::system((std::string(candidate) + " -c 'import h5py' > /dev/null 2>&1").c_str()) == 0) {
      python = candidate;
      break;
    }
  ASSERT_FALSE(python.empty()) << "python3 with h5py not installed (scripts/install_deps.sh installs python3-h5py)";
  write_graph_file(sample_graph(), path("g.h5"));
  const std::string script = path("check.py");
  std::ofstream(script) << "import sys, h5py\n"
                           "f = h5py.File(sys.argv[1], 'r')\n"
                           "n = int(f.attrs['num_nodes']); m = int(f.attrs['num_edges'])\n"
                           "assert f.attrs['format'] == b'kuchikomi-graph', f.attrs['format']\n"
                           "assert n == 5 and m == 4, (n, m)\n"
                           "assert len(f['forward/targets'][:]) == m and len(f['reverse/offsets'][:]) == n + 1\n"
                           "b = f['nodes/label_utf8'][:].tobytes(); o = f['nodes/label_offsets'][:]\n"
                           "labels = [b[o[i]:o[i + 1]].decode() for i in range(len(o) - 1)]\n"
                           "assert labels[1] == 'bob' and labels[4] == '\u53e3\u30b3\u30df', labels\n"
                           "assert f.attrs['probability_model'].decode() == 'const-from-file'\n"
                           "off = f['forward/offsets'][:]; t = f['forward/targets'][:]\n"
                           "assert list(t[off[0]:off[1]]) == [1]\n";
  EXPECT_EQ(std::system((python + " " + script + " " + path("g.h5")).c_str()), 0);
}

namespace kuchikomi {
namespace {

// What IMM and OPIM-C read is all a reverse-only load keeps; their results are the same.
TEST_F(GraphFileTest, ReverseOnlyLoadKeepsWhatReverseSamplingReads) {
  const InfluenceGraph full_graph = support::two_hubs();
  write_graph_file(full_graph, path("g.h5"));
  GraphReadLimits reverse;
  reverse.reverse_only = true;
  const InfluenceGraph full = read_graph_file(path("g.h5"));
  const InfluenceGraph part = read_graph_file(path("g.h5"), reverse);
  EXPECT_TRUE(full.has_forward());
  EXPECT_FALSE(part.has_forward());
  EXPECT_TRUE(part.out_targets.empty() && part.out_weight.empty() && part.out_count.empty());
  EXPECT_EQ(part.num_nodes(), full.num_nodes());
  EXPECT_EQ(part.num_edges(), full.num_edges());
  EXPECT_EQ(part.in_offsets, full.in_offsets);
  EXPECT_EQ(part.in_sources, full.in_sources);
  EXPECT_EQ(part.in_prob, full.in_prob);
  EXPECT_EQ(part.labels, full.labels);
  for (const char* algorithm : {"imm", "opim-c"}) {
    SelectionProblem problem;
    problem.k = 3;
    problem.rng_seed = 4;
    SelectionOptions options;
    options.epsilon = 0.2;
    const auto a = run_selection(algorithm, full, problem, options), b = run_selection(algorithm, part, problem, options);
    ASSERT_EQ(a.seeds.size(), b.seeds.size()) << algorithm;
    for (std::size_t i = 0; i < a.seeds.size(); ++i) EXPECT_EQ(a.seeds[i].node, b.seeds[i].node) << algorithm;
    EXPECT_EQ(a.spread_curve, b.spread_curve) << algorithm;
  }
  // What needs the forward arrays refuses such a graph instead of reading empty arrays.
  SelectionProblem problem;
  problem.k = 1;
  EXPECT_THROW(run_selection("degree", part, problem, SelectionOptions{}), UsageError);
  EXPECT_THROW(run_selection("celf", part, problem, SelectionOptions{}), UsageError);
  const std::vector<NodeId> seeds{0};
  EXPECT_THROW(estimate_spread(part, seeds, DiffusionModelKind::kIndependentCascade, 100, 1), UsageError);
  EXPECT_THROW(write_graph_file(part, path("copy.h5")), UsageError);
  EXPECT_FALSE(fs::exists(path("copy.h5")));
}

// Deferred labels (select reads them after its RR sets are freed): none at first, then exactly
// the full read's, checked like them; a file that no longer matches the graph is refused.
TEST_F(GraphFileTest, DeferredLabelsAreReadLaterExactlyAsAFullReadHasThem) {
  InfluenceGraph g = support::two_hubs();
  g.labels.clear();
  for (NodeId u = 0; u < g.num_nodes(); ++u) g.labels.push_back("user " + std::to_string(u));
  write_graph_file(g, path("g.h5"));
  GraphReadLimits limits;
  limits.reverse_only = true;
  limits.defer_labels = true;
  InfluenceGraph part = read_graph_file(path("g.h5"), limits);
  EXPECT_TRUE(part.labels.empty());
  EXPECT_EQ(part.in_sources, g.in_sources);
  read_graph_labels(path("g.h5"), part);
  EXPECT_EQ(part.labels, g.labels);
  EXPECT_EQ(part.labels, read_graph_file(path("g.h5")).labels);

  // The file replaced by another graph in between: its users no longer match.
  write_graph_file(support::make_graph(4, {{0, 1, 0.5f}, {1, 2, 0.5f}, {2, 3, 0.5f}}), path("g.h5"));
  InfluenceGraph stale = read_graph_file(path("g.h5"), limits);
  write_graph_file(support::make_graph(5, {{0, 1, 0.5f}, {1, 2, 0.5f}}), path("g.h5"));
  support::expect_input_error([&] { read_graph_labels(path("g.h5"), stale); }, path("g.h5"), "graph file changed");
}

}  // namespace
}  // namespace kuchikomi
