// The default effort table, overrides and the NAME=W spec syntax.
#include <gtest/gtest.h>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/action_weights.hpp"

namespace kuchikomi {
namespace {

TEST(ActionWeights, DefaultTableRanksByEffort) {
  const ActionWeights w;
  for (const char* a : {"like", "vote", "upvote", "star"}) EXPECT_EQ(w.find(a), 1.0) << a;
  for (const char* a : {"comment", "reply", "mention", "message", "c2q", "c2a"}) EXPECT_EQ(w.find(a), 2.0) << a;
  for (const char* a : {"answer", "review", "a2q"}) EXPECT_EQ(w.find(a), 3.0) << a;
  EXPECT_FALSE(w.find("poke"));
  EXPECT_FALSE(w.find(""));
}

TEST(ActionWeights, CaseInsensitive) {
  ActionWeights w;
  EXPECT_EQ(w.find("Answer"), 3.0);
  EXPECT_EQ(w.find("LIKE"), 1.0);
  w.set("Share", 4);
  EXPECT_EQ(w.find("share"), 4.0);
  EXPECT_EQ(w.find("SHARE"), 4.0);
}

TEST(ActionWeights, OverridesAndSpecs) {
  ActionWeights w;
  w.set_from_spec("like=0.5");
  w.set_from_spec(" share = 4 ");
  w.set_from_spec("answer=0");
  EXPECT_EQ(w.find("like"), 0.5);
  EXPECT_EQ(w.find("share"), 4.0);
  EXPECT_EQ(w.find("answer"), 0.0);
  EXPECT_EQ(w.find("comment"), 2.0);  // untouched entries stay
  for (const char* bad : {"like", "like=", "=2", "like=heavy", "like=-1", "like=inf", "like=2x"})
    EXPECT_THROW(w.set_from_spec(bad), UsageError) << bad;
}

TEST(ActionWeights, EmptyTableAndKnownList) {
  ActionWeights w = ActionWeights::empty();
  EXPECT_FALSE(w.find("like"));
  EXPECT_EQ(w.known_list(), "");
  w.set("like", 1.5);
  w.set("answer", 3);
  EXPECT_EQ(w.known_list(), "answer=3, like=1.5");
  EXPECT_NE(ActionWeights().known_list().find("a2q=3"), std::string::npos);
}

}  // namespace
}  // namespace kuchikomi
