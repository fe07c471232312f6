// io/text_input.hpp drops a UTF-8 byte-order mark, and every kind of text input kuchikomi reads
// (interaction log, edge list, user list, cost file, graph build's config, experiment .ini, seed and
// target lists) reads a file that starts with one exactly as the same file without it. Left in, the
// mark glued itself to the first field: an invisible extra user "\xEF\xBB\xBF1", an "unknown user",
// an unrecognised config option, a bad first line.
#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/experiment/experiment_config.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "support/graphs.hpp"

namespace kuchikomi {
namespace {

const std::string kBom = "\xEF\xBB\xBF";

class TextInput : public support::ScratchTest {
 protected:
  std::string write_gzip(const std::string& name, const std::string& text) const {
    gzFile gz = gzopen(path(name).c_str(), "wb");
    gzwrite(gz, text.data(), static_cast<unsigned>(text.size()));
    gzclose(gz);
    return path(name);
  }
  static std::vector<std::string> labels(const InfluenceGraph& g) { return g.labels; }
};

TEST_F(TextInput, ByteOrderMarkIsDroppedPlainGzipAndPrefix) {
  EXPECT_EQ(read_text_input(write("plain.txt", kBom + "1 2\n")), "1 2\n");
  EXPECT_EQ(read_text_input(write_gzip("packed.gz", kBom + "1 2\n")), "1 2\n");
  EXPECT_EQ(read_text_prefix(write("prefix.txt", kBom + "1 2\n3 4\n"), 6), "1 2");
  EXPECT_EQ(read_text_input(write("only.txt", kBom)), "");
  // Only at the start, only once, and only the whole mark.
  EXPECT_EQ(read_text_input(write("twice.txt", kBom + kBom + "x")), kBom + "x");
  EXPECT_EQ(read_text_input(write("inside.txt", "x" + kBom)), "x" + kBom);
  EXPECT_EQ(read_text_input(write("part.txt", "\xEF\xBBx")), "\xEF\xBBx");
  EXPECT_EQ(without_utf8_bom(kBom + "a"), "a");
  EXPECT_EQ(without_utf8_bom("\xEF"), "\xEF");
}

// A few kilobytes of gzip can expand to gigabytes: the reader stops at its limit with a message
// instead of taking the memory (the default limit is a quarter of the machine's RAM).
TEST_F(TextInput, InputsLargerThanTheLimitAreRefusedBeforeTheMemoryIsTaken) {
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 20;
  const std::string big(3 * kLimit, '0');
  const std::string bomb = write_gzip("bomb.gz", big);
  EXPECT_LT(std::filesystem::file_size(bomb), 16u * 1024);
  try {
    read_text_input(bomb, kLimit);
    ADD_FAILURE() << "a 3 MiB gzip stream read under a 1 MiB limit";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("bomb.gz: decompresses to more than 1.0 MiB"), std::string::npos) << e.what();
  }
  try {
    read_text_input(write("big.txt", big), kLimit);
    ADD_FAILURE() << "a 3 MiB file read under a 1 MiB limit";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("big.txt: is more than 1.0 MiB"), std::string::npos) << e.what();
  }
  // At the limit, both read in full.
  const std::string exact(kLimit, 'x');
  EXPECT_EQ(read_text_input(write("exact.txt", exact), kLimit).size(), kLimit);
  EXPECT_EQ(read_text_input(write_gzip("exact.gz", exact), kLimit).size(), kLimit);
  EXPECT_GT(default_text_input_limit(), 0u);
}

TEST_F(TextInput, EveryGraphInputReadsAsWithoutTheMark) {
  for (const std::string& text : {std::string("1 2\n2 3\n"), std::string("a,b\nb,c\n")}) {
    const auto with = load_graph(write("with.txt", kBom + text));
    const auto without = load_graph(write("without.txt", text));
    EXPECT_EQ(labels(with), labels(without)) << text;
    EXPECT_EQ(with.num_edges(), without.num_edges()) << text;
  }
  const std::string log = "actor,target,action\nbob,alice,like\ncarol,bob,reply\n";
  for (const auto& file : {write("log.csv", kBom + log), write_gzip("log.csv.gz", kBom + log)}) {
    EXPECT_EQ(detect_graph_source(file), GraphSource::kInteractionLog) << file;
    const auto g = build_graph_from_logs({file}, {}, parse_probability_model("wc"), 1).graph;
    EXPECT_EQ(g.num_edges(), 2u) << file;
  }
  // The text entry points take the mark off too (callers that bring their own text).
  ParsedInput parsed;
  parse_edge_list(kBom + "7 8\n", "memory", {}, parsed);
  parse_interaction_log(kBom + log, "memory", {}, parsed);
  EXPECT_EQ(parsed.summary.bad_lines_skipped, 0u);
  EXPECT_EQ(parsed.users.size(), 5u);  // 7, 8, bob, alice, carol: no "\xEF\xBB\xBF7"
}

TEST_F(TextInput, UserAndCostListsReadAsWithoutTheMark) {
  InfluenceGraph g = support::make_graph(3, {{0, 1, 0.5f}});
  g.labels = {"alice", "bob", "carol"};
  const LabelIndex index(g);
  EXPECT_EQ(read_user_list(write("list.txt", kBom + "bob\nalice\n"), index), (std::vector<NodeId>{1, 0}));
  EXPECT_EQ(read_user_list(write("seeds.csv", kBom + "rank,user\n1,carol\n"), index), (std::vector<NodeId>{2}));
  EXPECT_EQ(read_user_costs(write("costs.csv", kBom + "user,cost\nbob,2.5\n"), index, 3, 1.0),
            (std::vector<double>{1.0, 2.5, 1.0}));
  EXPECT_EQ(read_user_costs(write("costs.txt", kBom + "carol,4\n"), index, 3, 1.0), (std::vector<double>{1.0, 1.0, 4.0}));
}

TEST_F(TextInput, ConfigExperimentAndSeedFilesThroughTheCommands) {
  write("edges.txt", "1 2\n2 3\n");
  write("log.csv", "actor,target,action\nbob,alice,like\n");
  // graph build --config: the first line's option is known.
  const auto config = write("build.cfg", kBom + "prob = uniform:0.25\n");
  const auto built = kuchikomi("graph build --log " + path("log.csv") + " --config " + config + " --out " + path("g.h5"));
  ASSERT_EQ(built.code, 0) << built.err;
  EXPECT_EQ(read_graph_file(path("g.h5")).provenance.probability_model, "uniform:0.25");
  // simulate --seeds-file / --target: the first line's user is known.
  write("seeds.txt", kBom + "alice\n");
  const auto sim = kuchikomi("simulate --graph " + path("g.h5") + " --model ic --runs 10 --seeds-file " + path("seeds.txt") +
                             " --target " + path("seeds.txt") + " --out " + path("sim.h5"));
  EXPECT_EQ(sim.code, 0) << sim.err;
  // experiment .ini: the first line is a section header.
  const auto ini = write("grid.ini", kBom + "[grid]\nalgorithms = degree\nk = 1\n[graph.e]\npath = edges.txt\n");
  const ExperimentConfig experiment = read_experiment_config(ini);
  EXPECT_EQ(experiment.algorithms.size(), 1u);
  EXPECT_EQ(experiment.graphs.size(), 1u);
}

}  // namespace
}  // namespace kuchikomi
