// User lists (--seeds-file, --target, --exclude, --include, --costs, --seeds) with real-world labels:
// "DisplayName (id)" with blanks, labels holding commas and quotes, select's own seeds CSV.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "support/scratch_test.hpp"
#include "support/graphs.hpp"
#include "support/errors.hpp"

namespace kuchikomi {
namespace {

using support::input_error;

namespace fs = std::filesystem;

class UserList : public support::ScratchTest {
 protected:
  void SetUp() override {
    ScratchTest::SetUp();
    graph_ = support::make_graph(4, {{0, 1, 0.5f}, {1, 2, 0.5f}, {2, 3, 0.5f}});
    graph_.labels = {"Blue (26)", "Kim, Lee", "say \"hi\"", "u3"};
  }

  InfluenceGraph graph_;
};

TEST_F(UserList, WholeLineIsTheLabel) {
  const LabelIndex index(graph_);
  const auto path = write("list.txt", "# ambassadors\nBlue (26)\n  Kim, Lee  \r\n\n\"say \"\"hi\"\"\"\nBlue (26)\n");
  EXPECT_EQ(read_user_list(path, index), (std::vector<NodeId>{0, 1, 2}));  // duplicate dropped
}

TEST_F(UserList, SeedsCsvFromSelectCanBeFedBack) {
  const LabelIndex index(graph_);
  const auto path = write("seeds.csv",
                          "rank,user,marginal_gain,cost,cumulative_spread\n1,\"Kim, Lee\",2.5,1,2.5\n2,u3,1,1,3.5\n");
  EXPECT_EQ(read_user_list(path, index), (std::vector<NodeId>{1, 3}));
}

// select --csv writes "=cmd" as "'=cmd" (io/csv_field.hpp); read back as a list it is "=cmd" again,
// while a label that really starts with a quote keeps it.
TEST_F(UserList, FormulaGuardedLabelsFromSelectsCsvResolve) {
  InfluenceGraph g = support::make_graph(6, {{0, 1, 0.5f}});
  g.labels = {"=cmd", "'=x", "-1", "'plain", "@a,b", "+"};
  const LabelIndex index(g);
  const auto path = write("seeds.csv", "rank,user,marginal_gain\n1,'=cmd,1\n2,''=x,1\n3,'-1,1\n4,'plain,1\n"
                                       "5,\"'@a,b\",1\n6,'+,1\n");
  EXPECT_EQ(read_user_list(path, index), (std::vector<NodeId>{0, 1, 2, 3, 4, 5}));
  // One label per line (no CSV header): the line is the label, quote and all.
  const auto plain = write("plain.txt", "'plain\n");
  EXPECT_EQ(read_user_list(plain, index), (std::vector<NodeId>{3}));
  const auto guarded = write("guarded.txt", "'=cmd\n");
  EXPECT_NE(input_error([&] { read_user_list(guarded, index); }, 1).find("unknown user ''=cmd'"), std::string::npos);
}

// Repeats: the same user twice in a list is one user (a set), but two costs for one user contradict
// each other and name both lines; an empty label is named as such, not as an unknown user ''.
TEST_F(UserList, RepeatsAndEmptyLabels) {
  const LabelIndex index(graph_);
  EXPECT_EQ(read_user_list(write("twice.txt", "u3\nBlue (26)\nu3\n"), index), (std::vector<NodeId>{3, 0}));
  const std::string costs = input_error([&] { read_user_costs(write("c.csv", "u3,2\nBlue (26),1\nu3,5\n"), index, 4, 1); }, 3);
  EXPECT_NE(costs.find("user 'u3' already has a cost (line 1)"), std::string::npos) << costs;
  EXPECT_NE(input_error([&] { read_user_list(write("e.txt", "u3\n\"\"\n"), index); }, 2).find("empty user label"),
            std::string::npos);
  EXPECT_NE(input_error([&] { read_user_list(write("e.csv", "rank,user\n1,u3\n2,\n"), index); }, 3).find("empty user label"),
            std::string::npos);
  EXPECT_NE(input_error([&] { read_user_costs(write("e2.csv", "\"\",2\n"), index, 4, 1); }, 1).find("empty user label"),
            std::string::npos);
}

TEST_F(UserList, UnknownUserNamesFileAndLine) {
  const LabelIndex index(graph_);
  const auto path = write("bad.txt", "u3\n\nBlu\n");
  const std::string msg = input_error([&] { read_user_list(path, index); }, 3);
  EXPECT_NE(msg.find("unknown user 'Blu'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("did you mean 'Blue (26)'?"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
  // Without an option to name, the message does not offer one.
  EXPECT_EQ(msg.find("--unknown-users"), std::string::npos) << msg;
  input_error([&] { read_user_list((dir_ / "missing.txt").string(), index); }, 0);
  // A folder is not a list.
  input_error([&] { read_user_list(dir_.string(), index); }, 0);
  input_error([&] { read_user_costs(dir_.string(), index, 4, 1.0); }, 0);
}

TEST_F(UserList, CostsTakeTheLastField) {
  const LabelIndex index(graph_);
  const auto path = write("costs.csv", "user,cost\nBlue (26),3\n\"Kim, Lee\",2.5\nu3\t4\n");
  EXPECT_EQ(read_user_costs(path, index, 4, 1.0), (std::vector<double>{3, 2.5, 1, 4}));
  input_error([&] { read_user_costs(write("c2.csv", "u3,0\n"), index, 4, 1.0); }, 1);
  input_error([&] { read_user_costs(write("c3.csv", "u3,1\nBlue (26),cheap\n"), index, 4, 1.0); }, 2);
  input_error([&] { read_user_costs(write("c4.csv", "u3\n"), index, 4, 1.0); }, 1);
}

TEST_F(UserList, CommandLineLabels) {
  const LabelIndex index(graph_);
  EXPECT_EQ(split_label_list("\"Kim, Lee\", u3,,Blue (26)"),
            (std::vector<std::string>{"Kim, Lee", "u3", "Blue (26)"}));
  EXPECT_EQ(resolve_label_list("Kim, Lee", index, "--seeds"), (std::vector<NodeId>{1}));  // one whole label
  EXPECT_EQ(resolve_label_list("u3,Blue (26)", index, "--seeds"), (std::vector<NodeId>{3, 0}));
  EXPECT_THROW(resolve_label_list("u3,nobody", index, "--seeds"), InputError);
  EXPECT_THROW(split_label_list("\"open"), UsageError);
}

// Lists exported from other systems name people who never interacted: the default is an error that
// names the way out; with skip_unknown they are left out and recorded with the option, in order.
TEST_F(UserList, UnknownUsersSkippedAndRecorded) {
  const LabelIndex index(graph_);
  const auto path = write("crm.txt", "u3\nghost\nBlue (26)\nKim, Le\nu3\n");
  const std::string msg = input_error([&] { read_user_list(path, index, {"--target"}); }, 2);
  EXPECT_NE(msg.find("unknown user 'ghost'"), std::string::npos) << msg;
  EXPECT_NE(msg.find("add --unknown-users skip"), std::string::npos) << msg;
  std::vector<UnknownUser> skipped;
  EXPECT_EQ(read_user_list(path, index, {"--target", true, &skipped}), (std::vector<NodeId>{3, 0}));
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].option, "--target");
  EXPECT_EQ(skipped[0].label, "ghost");
  EXPECT_EQ(skipped[1].label, "Kim, Le");
  // Costs: a skipped user's line is still checked (a bad cost is an error, not a skip).
  const auto costs = write("costs.csv", "user,cost\nghost,2\nu3,4\n");
  EXPECT_EQ(read_user_costs(costs, index, 4, 1.0, {"--costs", true, &skipped}), (std::vector<double>{1, 1, 1, 4}));
  ASSERT_EQ(skipped.size(), 3u);
  EXPECT_EQ(skipped[2].option, "--costs");
  EXPECT_EQ(skipped[2].label, "ghost");
  input_error([&] { read_user_costs(write("c.csv", "ghost,free\n"), index, 4, 1.0, {"--costs", true, &skipped}); }, 1);
}

// Labels handed over directly (the Python package's lists) follow the same policy: resolved like
// list lines (display names too), unknown ones an error naming the argument and the front end's way
// out, or skipped and recorded in order.
TEST_F(UserList, LabelsGivenDirectlyFollowThePolicy) {
  const LabelIndex index(graph_);
  UserListPolicy strict{"target"};
  strict.skip_advice = "pass unknown_users='skip'";
  EXPECT_EQ(resolve_listed_user(index, "Blue", strict), std::optional<NodeId>(0));
  EXPECT_EQ(resolve_listed_user(index, "u3", strict), std::optional<NodeId>(3));
  try {
    resolve_listed_user(index, "ghost", strict);
    ADD_FAILURE() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "");
    EXPECT_EQ(std::string(e.what()).rfind("target: unknown user 'ghost' (not in the graph)", 0), 0u) << e.what();
    EXPECT_NE(std::string(e.what()).find("(to leave out users not in the graph, pass unknown_users='skip')"),
              std::string::npos) << e.what();
  }
  EXPECT_THROW(resolve_listed_user(index, "", strict), InputError);
  std::vector<UnknownUser> skipped;
  UserListPolicy skip{"exclude", true, &skipped};
  EXPECT_EQ(resolve_listed_user(index, "ghost", skip), std::nullopt);
  EXPECT_EQ(resolve_listed_user(index, "Kim, Lee", skip), std::optional<NodeId>(1));
  EXPECT_EQ(resolve_listed_user(index, "Kim, Le", skip), std::nullopt);
  EXPECT_THROW(resolve_listed_user(index, "", skip), InputError);  // empty is malformed, never skipped
  ASSERT_EQ(skipped.size(), 2u);
  EXPECT_EQ(skipped[0].option, "exclude");
  EXPECT_EQ(skipped[0].label, "ghost");
  EXPECT_EQ(skipped[1].label, "Kim, Le");
}

// A byte-order mark (spreadsheet exports) never glues itself to the first label or header.
TEST_F(UserList, ByteOrderMarkAccepted) {
  const LabelIndex index(graph_);
  EXPECT_EQ(read_user_list(write("bom.txt", "\xEF\xBB\xBFu3\nBlue (26)\n"), index), (std::vector<NodeId>{3, 0}));
  EXPECT_EQ(read_user_list(write("bom.csv", "\xEF\xBB\xBFrank,user\n1,u3\n"), index), (std::vector<NodeId>{3}));
  EXPECT_EQ(read_user_costs(write("bomc.csv", "\xEF\xBB\xBFuser,cost\nu3,2\n"), index, 4, 1.0),
            (std::vector<double>{1, 1, 1, 2}));
}

// Spreadsheets in decimal-comma locales save "user;cost" with "2,5"; the label may hold commas.
TEST_F(UserList, SemicolonCostFiles) {
  const LabelIndex index(graph_);
  EXPECT_EQ(read_user_costs(write("s.csv", "user;cost\nBlue (26);3\nKim, Lee;2,5\nu3;0.5\n"), index, 4, 1.0),
            (std::vector<double>{3, 2.5, 1, 0.5}));
  EXPECT_EQ(read_user_costs(write("s2.csv", "\"Kim, Lee\";1,25\n"), index, 4, 1.0), (std::vector<double>{1, 1.25, 1, 1}));
  // Without a semicolon header or cost the file is comma-separated as before: "a;b,3" is label "a;b".
  InfluenceGraph g = support::make_graph(2, {{0, 1, 0.5f}});
  g.labels = {"a;b", "c"};
  const LabelIndex semicolon_label(g);
  EXPECT_EQ(read_user_costs(write("s3.csv", "a;b,3\n"), semicolon_label, 2, 1.0), (std::vector<double>{3, 1}));
  input_error([&] { read_user_costs(write("s4.csv", "user;cost\nu3;1,5,0\n"), index, 4, 1.0); }, 2);
}

// "DisplayName (id)" labels: the display name alone resolves when one user has it; when several
// share it the message names them; every list reader and --seeds share the rule.
TEST_F(UserList, DisplayNamesWithoutTheIdSuffix) {
  InfluenceGraph g = support::make_graph(5, {{0, 1, 0.5f}});
  g.labels = {"Blue (26)", "Ann (3)", "Ann (7)", "Ann", "x (y) (12)"};
  const LabelIndex index(g);
  EXPECT_EQ(read_user_list(write("d.txt", "Blue\nAnn\nx (y)\n"), index), (std::vector<NodeId>{0, 3, 4}));  // "Ann" is a label
  EXPECT_EQ(resolve_label_list("Blue", index, "--seeds"), (std::vector<NodeId>{0}));
  EXPECT_EQ(read_user_costs(write("dc.csv", "Blue,2\n"), index, 5, 1.0), (std::vector<double>{2, 1, 1, 1, 1}));
  g.labels[3] = "Annie";
  const LabelIndex shared(g);
  const std::string msg = input_error([&] { read_user_list(write("a.txt", "Ann\n"), shared); }, 1);
  EXPECT_NE(msg.find("'Ann' is the display name of 2 users"), std::string::npos) << msg;
  EXPECT_NE(msg.find("'Ann (3)', 'Ann (7)'"), std::string::npos) << msg;
  EXPECT_EQ(display_name_of("Blue (26)"), "Blue");
  EXPECT_EQ(display_name_of("Blue"), "Blue");
  EXPECT_EQ(display_name_of("(26)"), "(26)");
  EXPECT_EQ(display_name_of("a (b(c))"), "a (b(c))");
}

// "Did you mean": closest labels first (case ignored, display names too), only near ones.
TEST_F(UserList, SuggestionsAreTheClosestLabels) {
  InfluenceGraph g = support::make_graph(6, {{0, 1, 0.5f}});
  g.labels = {"DaftWullie (1837)", "Daft Willie (5)", "Blue (26)", "glS (55)", "bluE (27)", "Somebody Else (9)"};
  const LabelIndex index(g);
  EXPECT_EQ(index.suggestions("daftwullie"), (std::vector<std::string>{"DaftWullie (1837)", "Daft Willie (5)"}));
  EXPECT_EQ(index.suggestions("Blu"), (std::vector<std::string>{"Blue (26)", "bluE (27)"}));
  EXPECT_EQ(index.suggestions("Blue (26"), (std::vector<std::string>{"Blue (26)", "bluE (27)"}));
  EXPECT_EQ(index.suggestions("Blue", 1), (std::vector<std::string>{"Blue (26)"}));
  EXPECT_TRUE(index.suggestions("nobody at all").empty());
  EXPECT_TRUE(index.suggestions(std::string(500, 'a')).empty());
}

// Bounded work: a miss among a million labels answers fast (no wall-clock assertion: the count of
// labels scanned is what the bound is about; this runs in well under a second in Release).
TEST_F(UserList, SuggestionsScaleToAMillionLabels) {
  InfluenceGraph g = support::make_graph(2, {{0, 1, 0.5f}});
  g.labels.clear();
  for (NodeId u = 0; u < 1'000'000; ++u) g.labels.push_back("user" + std::to_string(u) + " (" + std::to_string(u) + ")");
  g.labels[123'456] = "Planner Person (42)";
  const LabelIndex index(g);
  EXPECT_EQ(index.suggestions("planner persn"), (std::vector<std::string>{"Planner Person (42)"}));
  EXPECT_EQ(index.resolve("Planner Person"), std::optional<NodeId>(123'456));
}

}  // namespace
}  // namespace kuchikomi
