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
  const auto path = write("bad.txt", "u3\n\nBlue\n");
  const std::string msg = input_error([&] { read_user_list(path, index); }, 3);
  EXPECT_NE(msg.find("'Blue'"), std::string::npos) << msg;
  EXPECT_NE(msg.find(path), std::string::npos) << msg;
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

}  // namespace
}  // namespace kuchikomi
