// `kuchikomi users`: profiles counted by hand on graphs/tiny_community.csv, tier rules, and segment
// lists that select and simulate read back.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/io/user_tiers.hpp"
#include <regex>
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/io/user_profiles.hpp"
#include "kuchikomi/io/user_tiers.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

std::map<std::string, UserProfile> by_label(const UserProfiles& profiles) {
  std::map<std::string, UserProfile> out;
  for (const auto& p : profiles.users) out[p.label] = p;
  return out;
}

// graphs/tiny_community.csv, row by row (actor reacts to target):
//   1 bob->alice like      2 carol->alice comment   3 carol->alice comment   4 carol->bob answer
//   5 dave->carol reply    6 dave->alice like       7 dave->bob vote         8 alice->alice reply
//   9 "Kim, Lee"->dave answer   10 erin->"Kim, Lee" comment   11 alice->erin like
// timestamps 1700000100 + 100 * (row - 1).
TEST(UserProfiles, TinyCommunityCountedByHand) {
  const UserProfiles profiles = profile_users({support::tiny_community()}, {});
  ASSERT_EQ(profiles.users.size(), 6u);
  const auto u = by_label(profiles);
  struct Want {
    std::uint64_t support, exchange, contribution;
    double engagement;
    std::uint64_t made, received;
    double first, last;
  };
  const std::map<std::string, Want> want{
      {"alice", {1, 1, 0, 1 + 2 + 0.0, 2, 4, 1700000100, 1700001100}},  // rows 8 (self: made only) and 11
      {"bob", {1, 0, 0, 1, 1, 2, 1700000100, 1700000700}},              // row 1; received 4 and 7
      {"carol", {0, 2, 1, 2 + 2 + 3, 3, 1, 1700000200, 1700000500}},    // rows 2-4; received 5
      {"dave", {2, 1, 0, 2 + 1 + 1, 3, 1, 1700000500, 1700000900}},     // rows 5-7; received 9
      {"Kim, Lee", {0, 0, 1, 3, 1, 1, 1700000900, 1700001000}},         // row 9; received 10
      {"erin", {0, 1, 0, 2, 1, 1, 1700001000, 1700001100}},             // row 10; received 11
  };
  for (const auto& [label, w] : want) {
    SCOPED_TRACE(label);
    ASSERT_TRUE(u.count(label));
    const UserProfile& p = u.at(label);
    EXPECT_EQ(p.support, w.support);
    EXPECT_EQ(p.exchange, w.exchange);
    EXPECT_EQ(p.contribution, w.contribution);
    EXPECT_DOUBLE_EQ(p.engagement, w.engagement);
    EXPECT_EQ(p.made, w.made);
    EXPECT_EQ(p.received, w.received);
    ASSERT_TRUE(p.has_activity);
    EXPECT_EQ(p.first_activity, w.first);
    EXPECT_EQ(p.last_activity, w.last);
  }
}

TEST(UserProfiles, ActionClassesAndWeights) {
  EXPECT_EQ(action_class("Like", 1), ActionClass::kSupport);
  EXPECT_EQ(action_class("post", 9), ActionClass::kContribution);
  EXPECT_EQ(action_class("reply", 0.5), ActionClass::kExchange);  // named: the weight does not move it
  EXPECT_EQ(action_class("share", 1), ActionClass::kSupport);     // unnamed: by weight
  EXPECT_EQ(action_class("share", 2), ActionClass::kExchange);
  EXPECT_EQ(action_class("share", 3), ActionClass::kContribution);
  // An added action counts with its weight; the weight column multiplies it.
  InteractionLogOptions options;
  options.action_weights.set("share", 2.5);
  const UserProfiles p = profile_users_text("actor,target,action,weight\nx,y,share,2\nx,y,like,3\n", "log.csv", options);
  const auto u = by_label(p);
  EXPECT_EQ(u.at("x").contribution, 1u);
  EXPECT_EQ(u.at("x").support, 1u);
  EXPECT_DOUBLE_EQ(u.at("x").engagement, 2.5 * 2 + 1 * 3);
  EXPECT_FALSE(u.at("x").has_activity);  // no timestamp column
  EXPECT_EQ(u.at("y").received, 2u);
}

TEST(UserTiers, RulesHighestFirstAndDefaults) {
  const auto rules = std::vector<TierRule>{parse_tier_rule("core=contribution>=1,exchange>=2"),
                                           parse_tier_rule("active=made>=2")};
  UserProfile p;
  p.contribution = 1;
  p.exchange = 2;
  p.made = 3;
  EXPECT_EQ(assign_tier(p, rules), "core");
  p.exchange = 1;  // the first rule fails on one condition: the next one decides
  EXPECT_EQ(assign_tier(p, rules), "active");
  p.made = 1;
  EXPECT_EQ(assign_tier(p, rules), kNoTier);
  EXPECT_EQ(tier_rule_text(rules[0]), "core=contribution>=1,exchange>=2");
  EXPECT_EQ(tier_rule_text(parse_tier_rule("x = engagement < 2.5")), "x=engagement<2.5");

  const auto tiers = default_tier_rules();
  const UserProfiles profiles = profile_users({support::tiny_community()}, {});
  std::map<std::string, std::string> tier;
  for (const auto& u : profiles.users) tier[u.label] = assign_tier(u, tiers);
  EXPECT_EQ(tier["carol"], "occasional-contributor");
  EXPECT_EQ(tier["Kim, Lee"], "occasional-contributor");
  EXPECT_EQ(tier["alice"], "commenter");
  EXPECT_EQ(tier["dave"], "commenter");
  EXPECT_EQ(tier["erin"], "commenter");
  EXPECT_EQ(tier["bob"], "liker");

  for (const char* bad : {"contributor", "=support>=1", "x=likes>=1", "x=support>>1", "x=support>=one", "a b=made>1",
                          "audience=made>=0", "x=support>=1,"})
    EXPECT_THROW(parse_tier_rule(bad), UsageError) << bad;
}

class CliUsers : public support::ScratchTest {};

TEST_F(CliUsers, SegmentListFeedsSelect) {
  const auto r = kuchikomi("users --log " + support::tiny_community() + " --out " + path("users.csv") +
                           " --segment commenter --out-list " + path("commenters.txt") + " --quiet");
  ASSERT_EQ(r.code, 0) << r.err;
  const std::string csv = read("users.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "user,support,exchange,contribution,engagement,made,received,first_activity,last_activity,tier");
  EXPECT_NE(csv.find("\"Kim, Lee\",0,0,1,3,1,1,1700000900,1700001000,occasional-contributor\n"), std::string::npos) << csv;
  const InfluenceGraph graph = load_graph(support::tiny_community());
  const auto ids = read_user_list(path("commenters.txt"), LabelIndex(graph));
  std::vector<std::string> labels;
  for (NodeId v : ids) labels.push_back(graph.label(v));
  EXPECT_EQ(labels, (std::vector<std::string>{"alice", "dave", "erin"}));
  EXPECT_EQ(kuchikomi("select --graph " + support::tiny_community() + " --algo degree -k 1 --target " +
                      path("commenters.txt") + " --out " + path("sel.h5") + " --quiet")
                .code,
            0);

  // Custom tiers, and the problems: an unknown segment (2), a malformed rule (2), an empty tier (1).
  const auto custom = kuchikomi("users --log " + support::tiny_community() + " --tier 'busy=made>=3' --out " +
                                path("u2.csv") + " --json");
  ASSERT_EQ(custom.code, 0) << custom.err;
  EXPECT_NE(custom.out.find("\"users\": 2"), std::string::npos) << custom.out;  // carol and dave
  EXPECT_EQ(kuchikomi("users --log " + support::tiny_community() + " --segment nobody --out-list " + path("l.txt")).code, 2);
  EXPECT_EQ(kuchikomi("users --log " + support::tiny_community() + " --tier 'x=likes>1' --out " + path("l.csv")).code, 2);
  EXPECT_EQ(kuchikomi("users --log " + support::tiny_community() + " --segment contributor --out-list " + path("l.txt")).code, 1);
  EXPECT_FALSE(std::filesystem::exists(path("l.txt")));
  EXPECT_FALSE(std::filesystem::exists(path("l.csv")));
}

TEST_F(CliUsers, ReportShowsReachPerTier) {
  ASSERT_EQ(kuchikomi("graph build --log " + support::tiny_community() + " --out " + path("g.h5")).code, 0);
  ASSERT_EQ(kuchikomi("select --graph " + path("g.h5") + " --algo imm -k 1 --evaluate-runs 3000 --out " + path("sel.h5") +
                      " --quiet").code, 0);
  write("users.csv", "user,tier\nalice,a\nbob,a\ncarol,b\n\"Kim, Lee\",b\nnobody,b\n");
  const auto r = kuchikomi("report " + path("sel.h5") + " --users " + path("users.csv") + " --out " + path("r.html"));
  ASSERT_EQ(r.code, 0) << r.err;
  // Expected members reached = the sum of their reach probabilities in the results file.
  const InfluenceGraph graph = load_graph(path("g.h5"));
  const LabelIndex index(graph);
  const auto p = hdf5::open_file(path("sel.h5")).open_group("evaluation").read<double>("node_probability");
  ASSERT_EQ(p.size(), graph.num_nodes());
  const double a = p[*index.find("alice")] + p[*index.find("bob")];
  const double b = p[*index.find("carol")] + p[*index.find("Kim, Lee")];
  const std::string html = read("r.html");
  for (const auto& [tier, expected, users] : {std::tuple{"a", a, 2}, std::tuple{"b", b, 2}}) {
    std::smatch m;
    const std::regex row(std::string("data-tier=\"") + tier +
                         "\"><td>[^<]*</td><td class=\"num\" data-value=\"([0-9]+)\">[^<]*</td><td class=\"num\" "
                         "data-value=\"([^\"]+)\"");
    ASSERT_TRUE(std::regex_search(html, m, row)) << tier;
    EXPECT_EQ(std::stoi(m[1]), users);
    EXPECT_NEAR(std::stod(m[2]), expected, 1e-12);
  }
  EXPECT_NE(html.find("1 listed users are not in the graph"), std::string::npos);
  // Reached users are marked by their tier (erin and dave are not listed in this users file).
  const auto marked = html.find("id=\"reached-by-tier\"");
  ASSERT_NE(marked, std::string::npos);
  for (const auto& [label, tier] : {std::pair{"alice", "a"}, {"bob", "a"}, {"carol", "b"}, {"dave", ""}, {"erin", ""}}) {
    const auto id = index.find(label);
    const auto row = html.find("<tr data-id=\"" + std::to_string(*id) + "\" data-tier=\"" + tier + "\">", marked);
    if (p[*id] > 0 && row == std::string::npos) {
      // Seeds are not in the "most likely reached" list; every other user reached at all is.
      const auto seeds = hdf5::open_file(path("sel.h5")).open_group("seeds").read<std::uint32_t>("id");
      EXPECT_NE(std::find(seeds.begin(), seeds.end(), *id), seeds.end()) << label;
    }
  }
  // Another graph than the plan's is refused.
  ASSERT_EQ(kuchikomi("graph build --log " + support::quantum_community() + " --out " + path("q.h5")).code, 0);
  const auto wrong = kuchikomi("report " + path("sel.h5") + " --users " + path("users.csv") + " --graph " + path("q.h5") +
                               " --out " + path("r2.html"));
  EXPECT_EQ(wrong.code, 1);
  EXPECT_NE(wrong.err.find("is not the graph"), std::string::npos) << wrong.err;
  EXPECT_FALSE(std::filesystem::exists(path("r2.html")));
  EXPECT_THROW(parse_user_tiers("user,segment\nx,y\n", "u.csv"), InputError);
}

}  // namespace
}  // namespace kuchikomi
