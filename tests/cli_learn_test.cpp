// `graph learn`, `validate` and what `graph info` shows of them, end to end through the executable:
// the files equal the library's results, the same bits for any thread count, bad input exits 1 with
// file:line and leaves no file, a bad command line exits 2.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "support/scratch_test.hpp"
#include "support/thread_sweep.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/learning/graph_records.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;
using support::Result;

class CliLearn : public support::ScratchTest {
 protected:
  // The hand log of influence_learning_test.cpp as an interaction graph and an adoption log:
  //   a->c, a->d, b->c, c->d, d->a, e->a   (edge list, direction forward)
  //   time     0    1    2    3    4    5  ...  10          items 1-3 start before 2011-01-01,
  //   item1    a    b    c              d                     items 4-5 on or after it
  //   item2    a                             .. c
  //   item3    b    d
  //   item4         d         a
  //   item5    a
  void SetUp() override {
    ScratchTest::SetUp();
    write("edges.txt", "a c\na d\nb c\nc d\nd a\ne a\n");
    ASSERT_EQ(kuchikomi("graph import --edges " + path("edges.txt") + " --direction forward --out " + path("g.h5")).code, 0);
    const long day = 1293840000;  // 2011-01-01T00:00:00Z
    auto row = [&](const char* user, const char* item, long t) {
      return std::string(user) + "," + item + "," + std::to_string(t) + "\n";
    };
    write("log.csv", "user,item,time\n" + row("a", "item1", day - 100) + row("b", "item1", day - 99) +
                         row("c", "item1", day - 98) + row("d", "item1", day - 95) + row("a", "item2", day - 100) +
                         row("c", "item2", day - 90) + row("b", "item3", day - 100) + row("d", "item3", day - 99) +
                         "d,item4,2011-01-01T00:00:01Z\n" + row("a", "item4", day + 3) + row("a", "item5", day) +
                         row("zed", "item5", day + 1));
  }
  Result learn(const std::string& args) const {
    return kuchikomi("graph learn --graph " + path("g.h5") + " --adoptions " + path("log.csv") + " " + args);
  }
  Result validate(const std::string& args) const {
    return kuchikomi("validate --adoptions " + path("log.csv") + " " + args);
  }
  // Only inputs and captured streams are left.
  void expect_only(std::initializer_list<std::string> allowed) const {
    for (const auto& entry : fs::directory_iterator(dir_)) {
      const std::string name = entry.path().filename().string();
      const bool ok = name == "edges.txt" || name == "g.h5" || name == "log.csv" || name == "out.txt" ||
                      name == "err.txt" || name.ends_with(".list") || std::find(allowed.begin(), allowed.end(), name) != allowed.end();
      EXPECT_TRUE(ok) << "unexpected file " << name;
    }
  }
};

TEST_F(CliLearn, LearnsWritesTheRecordAndIsThreadIndependent) {
  const Result r = learn("--method bernoulli --until 2011-01-01 --prior const:0.125 --out " + path("b.h5") + " --threads 1");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("3 items (items first adopted before 2011-01-01T00:00:00Z)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 not in the graph (e.g. 'zed')"), std::string::npos) << r.out;
  // Training = items 1-3: A_a = 2, A_b = 2, A_c = 2, A_d = 2, A_e = 0. a->c: c followed a in 1 and 2;
  // a->d: in 1; b->c: in 1; c->d: in 1; d->a: never (a came first in item 1); e->a: no evidence.
  const InfluenceGraph g = read_graph_file(path("b.h5"));
  EXPECT_EQ(g.provenance.probability_model, "learned:bernoulli");
  const LabelIndex index(g);
  auto p = [&](const char* u, const char* v) {
    const NodeId s = *index.find(u), t = *index.find(v);
    for (EdgeId e = g.out_offsets[s]; e < g.out_offsets[s + 1]; ++e)
      if (g.out_targets[e] == t) return g.out_prob[e];
    return -1.0f;
  };
  EXPECT_EQ(p("a", "c"), 1.0f);
  EXPECT_EQ(p("a", "d"), 0.5f);
  EXPECT_EQ(p("b", "c"), 0.5f);
  EXPECT_EQ(p("c", "d"), 0.5f);
  EXPECT_EQ(p("d", "a"), 0.0f);
  EXPECT_EQ(p("e", "a"), 0.125f);
  const auto record = read_learning_record(path("b.h5"));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->training_items, 3u);
  EXPECT_EQ(record->held_out_items, 2u);
  EXPECT_EQ(record->edges_with_evidence, 5u);
  EXPECT_EQ(record->prior, "const:0.125");
  EXPECT_EQ(record->adoptions, path("log.csv"));
  EXPECT_NE(record->command_line.find("graph learn"), std::string::npos);

  // EM, 1 thread vs more: the same file contents (probabilities, evidence, likelihood trace).
  ASSERT_EQ(learn("--method em --window 5 --out " + path("em1.h5") + " --threads 1").code, 0);
  const auto one_group = hdf5::open_file(path("em1.h5")).open_group("learning");
  EXPECT_EQ(one_group.read<std::uint32_t>("trials"), (std::vector<std::uint32_t>{4, 3, 2, 2, 2, 0}));
  for (int threads : support::kThreadCounts) {
    const std::string out = path("em" + std::to_string(threads) + "_threads.h5");
    const Result other = learn("--method em --window 5 --out " + out + " --threads " + std::to_string(threads) + " --json");
    ASSERT_EQ(other.code, 0) << other.err;
    const auto json = nlohmann::json::parse(other.out);
    EXPECT_EQ(json["learning"]["method"], "em");
    EXPECT_EQ(json["learning"]["window"], 5.0);
    EXPECT_TRUE(json["learning"]["em"]["converged"].get<bool>());
    EXPECT_EQ(json["adoption_log"]["users_not_in_graph"], 1);
    EXPECT_EQ(json["adoption_log"]["adoptions"], 12);
    EXPECT_EQ(read_graph_file(path("em1.h5")).out_prob, read_graph_file(out).out_prob) << threads << " threads";
    const auto other_group = hdf5::open_file(out).open_group("learning");
    EXPECT_EQ(one_group.read<float>("successes"), other_group.read<float>("successes")) << threads << " threads";
    EXPECT_EQ(one_group.read<double>("log_likelihood"), other_group.read<double>("log_likelihood")) << threads;
    EXPECT_EQ(one_group.read<std::uint32_t>("trials"), other_group.read<std::uint32_t>("trials")) << threads;
  }
}

TEST_F(CliLearn, ValidateComparesGraphsRecordsAndGraphInfoShowsIt) {
  ASSERT_EQ(learn("--method em --until 2011-01-01 --out " + path("em.h5")).code, 0);
  ASSERT_EQ(kuchikomi("graph import --edges " + path("edges.txt") + " --direction forward --prob uniform:0.5 --out " +
                      path("u.h5")).code, 0);
  const Result info_before = kuchikomi("graph info " + path("em.h5"));
  ASSERT_EQ(info_before.code, 0);
  EXPECT_NE(info_before.out.find("learned: em from " + path("log.csv")), std::string::npos) << info_before.out;
  EXPECT_NE(info_before.out.find("validation: never checked against real cascades"), std::string::npos);

  const std::string args = "--graph " + path("em.h5") + " --graph " + path("u.h5") +
                           " --since 2011-01-01 --model ic --runs 500 --seeds first";
  const Result r = validate(args + " --out " + path("val.h5") + " --csv " + path("val.csv") + " --record --threads 2");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("validation on 2 held-out items"), std::string::npos) << r.out;
  // Test items: item4 (d first, then a: actual 2) and item5 (a alone: actual 1; zed is not a user).
  const auto file = hdf5::open_file(path("val.h5"));
  EXPECT_EQ(file.string_attribute("format"), "kuchikomi-validation");
  EXPECT_EQ(file.int_attribute("test_items"), 2);
  EXPECT_EQ(file.int_attribute("training_items"), 3);
  const auto baseline = file.open_group("models").open_group("0");
  EXPECT_EQ(baseline.string_attribute("name"), "baseline");
  EXPECT_EQ(baseline.read<std::uint32_t>("actual"), (std::vector<std::uint32_t>{2, 1}));
  // The baseline predicts the training items' mean reach: (4 + 2 + 2) / 3.
  EXPECT_EQ(baseline.read<double>("predicted"), (std::vector<double>{8.0 / 3, 8.0 / 3}));
  const auto em = file.open_group("models").open_group("1");
  EXPECT_EQ(em.string_attribute("name"), path("em.h5"));
  EXPECT_EQ(em.string_attribute("probability_model"), "learned:em");
  EXPECT_EQ(em.read<std::uint32_t>("seeds"), (std::vector<std::uint32_t>{1, 1}));
  // EM learned d -> a = 0 from items 1-3 (tried in item3 only, and failed; in item1 a came first),
  // and d has no other out-edge: from d (item4's first adopter) only d is reached.
  EXPECT_EQ(em.read<double>("predicted")[0], 1.0);

  const std::string csv = read("val.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "model,probability_model,item,seeds,actual,predicted,auc,average_precision");
  EXPECT_EQ(support::occurrences(csv, "\n"), 1u + 3 * 2);

  // --record: each graph carries its result; graph info shows it.
  const auto record = read_validation_record(path("u.h5"));
  ASSERT_TRUE(record);
  EXPECT_EQ(record->metrics.items, 2u);
  EXPECT_EQ(record->seed_rule, "first");
  EXPECT_EQ(record->model, "ic");
  const Result info = kuchikomi("graph info " + path("em.h5"));
  EXPECT_NE(info.out.find("on 2 held-out cascades of " + path("log.csv")), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("within 2x of the real reach for"), std::string::npos) << info.out;
  const auto info_json = nlohmann::json::parse(kuchikomi("graph info --json " + path("em.h5")).out);
  EXPECT_EQ(info_json["validation"]["metrics"]["items"], 2);
  EXPECT_EQ(info_json["learning"]["method"], "em");

  // The same numbers for any thread count, and as JSON.
  const auto one = nlohmann::json::parse(validate(args + " --json --threads 1").out);
  ASSERT_EQ(one["models"].size(), 3u);
  for (int threads : support::kThreadCounts) {
    const auto other = nlohmann::json::parse(validate(args + " --json --threads " + std::to_string(threads)).out);
    EXPECT_EQ(one["models"][1]["metrics"], other["models"][1]["metrics"]) << threads << " threads";
    EXPECT_EQ(one["models"][2]["metrics"], other["models"][2]["metrics"]) << threads << " threads";
  }
  EXPECT_TRUE(one["models"][0]["baseline"].get<bool>());
  EXPECT_EQ(one["test_items"], 2);
}

// How the HTML report writes a number's exact value (data-value="...").
std::string exact_text(double value) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17g", value);
  return text;
}

// A plan made on a validated graph carries the record into its results file, its JSON and the HTML
// report ("on 2 held-out cascades ... within 2x ..."); a plan on a graph never validated says so.
TEST_F(CliLearn, PlansCarryTheGraphsValidationRecordIntoTheReport) {
  ASSERT_EQ(learn("--method em --until 2011-01-01 --out " + path("em.h5")).code, 0);
  const Result v = validate("--graph " + path("em.h5") + " --since 2011-01-01 --model ic --runs 500 --seeds first --record");
  ASSERT_EQ(v.code, 0) << v.err;
  const auto record = read_validation_record(path("em.h5"));
  ASSERT_TRUE(record);

  const Result sel = kuchikomi("select --graph " + path("em.h5") + " --algo degree -k 1 --evaluate-runs 100 --out " +
                               path("sel.h5") + " --json");
  ASSERT_EQ(sel.code, 0) << sel.err;
  const auto json = nlohmann::json::parse(sel.out);
  EXPECT_EQ(json["graph_validation"]["metrics"]["items"], 2);
  EXPECT_EQ(json["graph_validation"]["metrics"]["within_2x"].get<double>(), record->metrics.within_2x);
  EXPECT_EQ(json["graph_validation"]["seed_rule"], "first");
  const Result sim = kuchikomi("simulate --graph " + path("em.h5") + " --model ic --seeds a --runs 100 --out " + path("sim.h5") + " --json");
  ASSERT_EQ(sim.code, 0) << sim.err;
  EXPECT_EQ(nlohmann::json::parse(sim.out)["graph_validation"]["baseline"]["items"], 2);

  for (const char* results : {"sel.h5", "sim.h5"}) {
    ASSERT_EQ(kuchikomi("report " + path(results) + " --out " + path("r.html")).code, 0) << results;
    const std::string html = read("r.html");
    EXPECT_NE(html.find("id=\"trust-record\">On <strong>2 held-out cascades</strong> of <code>" + path("log.csv")),
              std::string::npos) << results;
    EXPECT_NE(html.find("data-value=\"" + exact_text(record->metrics.within_2x) + "\""), std::string::npos)
        << results;
    EXPECT_NE(html.find("data-value=\"" + exact_text(record->baseline.rmse) + "\""), std::string::npos) << results;
    EXPECT_EQ(html.find("trust-never"), std::string::npos) << results;
  }

  // The graph before validation: no record anywhere, and the report says so.
  const Result plain = kuchikomi("select --graph " + path("g.h5") + " --algo degree -k 1 --evaluate-runs 100 --out " +
                                 path("plain.h5") + " --json");
  ASSERT_EQ(plain.code, 0) << plain.err;
  EXPECT_TRUE(nlohmann::json::parse(plain.out)["graph_validation"].is_null());
  ASSERT_EQ(kuchikomi("report " + path("plain.h5") + " --out " + path("p.html")).code, 0);
  const std::string html = read("p.html");
  EXPECT_NE(html.find("id=\"trust-never\"><strong>Never validated.</strong>"), std::string::npos);
  EXPECT_EQ(html.find("trust-record"), std::string::npos);
}

TEST_F(CliLearn, BadInputExitsOneWithFileAndLineAndNoOutput) {
  write("bad.csv", "user,item,time\na,x,1\nb,x,yesterday\n");
  write("strangers.csv", "user,item,time\nx1,i,1\nx2,j,3\n");
  write("unknown_items.list", "item1\nitem9\n");
  const std::string out = " --out " + path("l.h5");
  struct Case {
    std::string args, message;
  };
  const std::string log = " --adoptions " + path("log.csv");
  const std::vector<Case> learn_cases{
      {"--method em --adoptions " + path("bad.csv") + out, "bad.csv:3: time 'yesterday'"},
      {"--method em --adoptions " + path("strangers.csv") + out, "no user of this adoption log is in the graph"},
      {"--method em --until 2000-01-01" + log + out, "no training items"},
      {"--method em --train-items " + path("unknown_items.list") + log + out, "unknown_items.list:2: item 'item9'"},
      {"--method em --out " + path("no/such/dir/l.h5") + log, "l.h5"},
  };
  for (const auto& c : learn_cases) {
    const Result r = kuchikomi("graph learn --graph " + path("g.h5") + " " + c.args);
    EXPECT_EQ(r.code, 1) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    expect_only({"bad.csv", "strangers.csv"});
  }
  const std::string graphs = "--graph " + path("g.h5") + " --model ic --runs 10";
  const std::vector<Case> validate_cases{
      {graphs + " --since 2030-01-01", "no test items"},
      {graphs + " --since 1970-01-01", "no training items"},
      {graphs + " --test-items " + path("unknown_items.list"), "unknown_items.list:2"},
      {"--graph " + path("edges.txt") + " --model ic --since 2011-01-01 --record", "not a kuchikomi .h5 graph"},
  };
  for (const auto& c : validate_cases) {
    const Result r = validate(c.args + " --out " + path("v.h5"));
    EXPECT_EQ(r.code, 1) << c.args << "\n" << r.err;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << c.args << "\n" << r.err;
    expect_only({"bad.csv", "strangers.csv"});
  }
  const Result stranger = kuchikomi("validate --adoptions " + path("strangers.csv") + " " + graphs + " --since 2");
  EXPECT_EQ(stranger.code, 1);
  EXPECT_NE(stranger.err.find("no user of this adoption log is in the graph"), std::string::npos) << stranger.err;
  // LT on a graph whose in-sums exceed 1 (uniform 0.75: a has two in-edges) is refused before any work.
  ASSERT_EQ(kuchikomi("graph import --edges " + path("edges.txt") + " --direction forward --prob uniform:0.75 --out " +
                      path("u.h5")).code, 0);
  const Result lt = validate("--graph " + path("u.h5") + " --model lt --since 2011-01-01 --csv " + path("v.csv"));
  EXPECT_EQ(lt.code, 1) << lt.err;
  EXPECT_NE(lt.err.find("sum to at most 1"), std::string::npos) << lt.err;
  expect_only({"bad.csv", "strangers.csv", "u.h5"});
}

TEST_F(CliLearn, BadCommandLineExitsTwo) {
  const std::string out = " --out " + path("l.h5");
  for (const std::string& args : {"--method em --window 0" + out, "--method em --window -5" + out,
                                 "--method em --window soon" + out, "--method magic" + out,
                                 "--method em --until 2011-01-01 --train-items x.list" + out,
                                 "--method em --until yesterday" + out, "--method em --prior half" + out,
                                 "--method em --tolerance 0" + out, "--method em --max-iterations -1" + out,
                                 "--method em --model sir" + out, std::string("--method em")}) {
    const Result r = learn(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
  }
  const std::string graph = "--graph " + path("g.h5");
  for (const std::string& args : {graph + " --model ic", graph + " --model ic --since 1 --test-items x.list",
                                 graph + " --since 1", graph + " --model ic --since 1 --window 0",
                                 graph + " --model ic --since 1 --runs 0", graph + " --model ic --since 1 --seeds all",
                                 std::string("--model ic --since 1")}) {
    const Result r = validate(args);
    EXPECT_EQ(r.code, 2) << args << "\n" << r.err;
  }
  EXPECT_NE(validate(graph + " --model ic --since 1 --window 0").err.find("--window needs a positive number"),
            std::string::npos);
  expect_only({});
}

}  // namespace
}  // namespace kuchikomi
