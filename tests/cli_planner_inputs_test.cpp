// Inputs as campaign planners have them, end to end on the bundled community logs: lists from
// other systems (unknown users, a byte-order mark, display names without ids, semicolon costs),
// ISO 8601 dates, -k with --budget, and the seeds CSV a spreadsheet opens.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "kuchikomi/io/hdf5_reader.hpp"
#include "support/files.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

constexpr const char* kBom = "\xEF\xBB\xBF";

class PlannerInputs : public support::ScratchTest {
 protected:
  // Runs `kuchikomi ARGUMENTS`; exit code (stdout in out.txt, stderr in err.txt).
  int run(const std::string& arguments) const { return kuchikomi(arguments).code; }
  std::string graph() const { return support::quantum_community(); }
};

TEST_F(PlannerInputs, ListsWithUnknownUsersAndAByteOrderMark) {
  // A CRM export: BOM, a display name without its id, two people who never interacted.
  const std::string target =
      write("segment.txt", std::string(kBom) + "DaftWullie\nNobody Here (999999)\nBlue (26)\nDaftwulie\n");
  const std::string select = "select --graph " + graph() + " --algo imm -k 3 --evaluate-runs 500 --target " + target;
  // Default: an error naming the file, the line, a suggestion and the option to use; no output.
  EXPECT_EQ(run(select + " --out " + path("sel.h5")), 1);
  const std::string err = read("err.txt");
  EXPECT_NE(err.find("segment.txt:2: unknown user 'Nobody Here (999999)'"), std::string::npos) << err;
  EXPECT_NE(err.find("--unknown-users skip"), std::string::npos) << err;
  EXPECT_FALSE(std::filesystem::exists(path("sel.h5")));
  EXPECT_EQ(run("select --graph " + graph() + " --algo imm -k 1 --target " + write("typo.txt", "Daftwulie\n") +
                " --out " + path("sel.h5")),
            1);
  EXPECT_NE(read("err.txt").find("did you mean 'DaftWullie (1837)'?"), std::string::npos) << read("err.txt");
  // --unknown-users skip: counted and listed in the summary, JSON and results file.
  ASSERT_EQ(run(select + " --unknown-users skip --out " + path("sel.h5")), 0) << read("err.txt");
  EXPECT_NE(read("out.txt").find("skipped 2 users not in the graph: --target 2 ('Nobody Here (999999)', 'Daftwulie')"),
            std::string::npos)
      << read("out.txt");
  const auto file = hdf5::open_file(path("sel.h5"));
  EXPECT_EQ(file.uint_attribute("target_size"), 2u);  // DaftWullie (1837) and Blue (26)
  const auto unknown = file.open_group("unknown_users");
  EXPECT_EQ(unknown.read_strings("label"), (std::vector<std::string>{"Nobody Here (999999)", "Daftwulie"}));
  EXPECT_EQ(unknown.read_strings("option"), (std::vector<std::string>{"--target", "--target"}));
  // The report shows who was left out, and why the selection stopped.
  ASSERT_EQ(run("report " + path("sel.h5") + " --out " + path("report.html")), 0) << read("err.txt");
  const std::string html = read("report.html");
  EXPECT_NE(html.find("<dd id=\"setting-unknown-users\">2 not in the graph, left out: Nobody Here (999999) (--target), "
                      "Daftwulie (--target)</dd>"),
            std::string::npos);
  EXPECT_NE(html.find("<dd id=\"setting-stopped\">the number of seeds asked for was reached</dd>"), std::string::npos);
  ASSERT_EQ(run(select + " --unknown-users skip --json"), 0) << read("err.txt");
  const auto j = nlohmann::json::parse(read("out.txt"));
  EXPECT_EQ(j["unknown_users"]["count"], 2);
  EXPECT_EQ(j["unknown_users"]["by_option"]["--target"][1], "Daftwulie");
  // A bad mode is a command-line error.
  EXPECT_EQ(run(select + " --unknown-users maybe --json"), 2);
}

TEST_F(PlannerInputs, EveryListOptionSkipsUnknownUsers) {
  const std::string exclude = write("staff.txt", std::string(kBom) + "glS (55)\nformer staff\n");
  const std::string include = write("committed.txt", "James Wootton\nnew hire\n");
  const std::string costs = write("costs.csv", std::string(kBom) + "user;cost\nDaftWullie (1837);2,5\nghost;1\n");
  ASSERT_EQ(run("select --graph " + graph() + " --algo celf --mc-runs 100 --evaluate-runs 200 -k 2 --budget 5 --costs " +
                costs + " --exclude " + exclude + " --include " + include + " --unknown-users skip --json"),
            0)
      << read("err.txt");
  const auto j = nlohmann::json::parse(read("out.txt"));
  EXPECT_EQ(j["unknown_users"]["count"], 3);
  EXPECT_EQ(j["unknown_users"]["by_option"]["--exclude"], nlohmann::json({"former staff"}));
  EXPECT_EQ(j["unknown_users"]["by_option"]["--include"], nlohmann::json({"new hire"}));
  EXPECT_EQ(j["unknown_users"]["by_option"]["--costs"], nlohmann::json({"ghost"}));
  EXPECT_EQ(j["seeds"][0]["user"], "James Wootton (409)");
  EXPECT_TRUE(j["seeds"][0]["fixed"].get<bool>());
  for (const auto& s : j["seeds"]) EXPECT_NE(s["user"], "glS (55)");
  for (const auto& s : j["seeds"])
    if (s["user"] == "DaftWullie (1837)") {
      EXPECT_EQ(s["cost"], 2.5);
    }
  // simulate --seeds-file and --target too.
  const std::string seeds = write("plan.txt", std::string(kBom) + "DaftWullie\nghost\n");
  ASSERT_EQ(run("simulate --graph " + graph() + " --model ic --runs 200 --seeds-file " + seeds + " --target " + exclude +
                " --unknown-users skip --json --out " + path("sim.h5")),
            0)
      << read("err.txt");
  const auto s = nlohmann::json::parse(read("out.txt"));
  EXPECT_EQ(s["seeds"], nlohmann::json({"DaftWullie (1837)"}));
  EXPECT_EQ(s["unknown_users"]["by_option"]["--seeds-file"], nlohmann::json({"ghost"}));
  EXPECT_EQ(s["unknown_users"]["by_option"]["--target"], nlohmann::json({"former staff"}));
  EXPECT_EQ(hdf5::open_file(path("sim.h5")).open_group("unknown_users").uint_attribute("count"), 2u);
  EXPECT_EQ(run("simulate --graph " + graph() + " --model ic --runs 200 --seeds-file " + seeds + " --out " + path("s2.h5")), 1);
  EXPECT_NE(read("err.txt").find("plan.txt:2: unknown user 'ghost'"), std::string::npos) << read("err.txt");
}

// The tiny log with its unix times written as ISO 8601 in several spellings (UTC, an offset, a
// fraction, a date alone) builds the same graph; --since/--until take either form.
TEST_F(PlannerInputs, IsoDatesInLogsAndTimeWindows) {
  const std::string iso = write("iso.csv", std::string(kBom) +
                                               "actor,target,action,timestamp\n"
                                               "bob,alice,like,2023-11-14T22:15:00Z\n"
                                               "carol,alice,comment,2023-11-15T07:16:40+09:00\n"
                                               "carol,alice,comment,2023-11-14T22:18:20.000\n"
                                               "carol,bob,answer,2023-11-14 22:20:00\n"
                                               "dave,carol,reply,2023-11-14T22:21:40Z\n"
                                               "dave,alice,like,2023-11-14T17:23:20-05:00\n"
                                               "dave,bob,vote,1700000700\n"
                                               "alice,alice,reply,2023-11-14T22:26:40Z\n"
                                               "\"Kim, Lee\",dave,answer,2023-11-14T22:28:20Z\n"
                                               "erin,\"Kim, Lee\",comment,2023-11-14T22:30:00.25Z\n"
                                               "alice,erin,like,2023-11-15\n");
  auto kept = [&](const std::string& log, const std::string& window) {
    EXPECT_EQ(run("graph build --json --log " + log + " " + window + " --out " + path("g.h5")), 0) << read("err.txt");
    const auto j = nlohmann::json::parse(read("out.txt"));
    return std::make_pair(j["lines_read"].get<std::uint64_t>() - j["filtered_by_time"].get<std::uint64_t>(),
                          j["edges"].get<std::uint64_t>());
  };
  EXPECT_EQ(kept(iso, ""), kept(support::tiny_community(), ""));
  // [22:20:00, 22:28:20): carol->bob, dave->carol, dave->alice, dave->bob, alice->alice: 5 lines.
  const auto unix_window = kept(support::tiny_community(), "--since 1700000400 --until 1700000900");
  EXPECT_EQ(unix_window.first, 5u);
  EXPECT_EQ(kept(support::tiny_community(), "--since 2023-11-14T22:20:00Z --until 2023-11-15T07:28:20+09:00"), unix_window);
  EXPECT_EQ(kept(iso, "--since 2023-11-14T22:20:00Z --until 1700000900"), unix_window);
  EXPECT_EQ(kept(iso, "--until 2023-11-15").first, 10u);  // the last line is at midnight: excluded
  EXPECT_EQ(run("graph build --log " + iso + " --since 2023-13-01 --out " + path("g2.h5")), 2);
  EXPECT_NE(read("err.txt").find("--since needs unix seconds or an ISO 8601"), std::string::npos) << read("err.txt");
  const std::string bad = write("bad.csv", "actor,target,action,timestamp\nbob,alice,like,2023-02-30\n");
  EXPECT_EQ(run("graph build --log " + bad + " --out " + path("g3.h5")), 1);
  EXPECT_NE(read("err.txt").find("bad.csv:2"), std::string::npos) << read("err.txt");
}

TEST_F(PlannerInputs, KAndBudgetTogetherSayWhichConstraintStopped) {
  auto select = [&](const std::string& constraints) {
    EXPECT_EQ(run("select --graph " + graph() + " --algo imm --evaluate-runs 200 --json " + constraints), 0)
        << read("err.txt");
    return nlohmann::json::parse(read("out.txt"));
  };
  // Unit costs: -k 3 within a budget of 10 stops at 3 seeds (k); a budget of 2 stops at 2.
  auto j = select("-k 3 --budget 10");
  EXPECT_EQ(j["seeds"].size(), 3u);
  EXPECT_EQ(j["max_seeds"], 3);
  EXPECT_EQ(j["stopped_by"], "k");
  j = select("-k 3 --budget 2");
  EXPECT_EQ(j["seeds"].size(), 2u);
  EXPECT_EQ(j["stopped_by"], "budget");
  // The budget alone keeps today's behaviour: the default k does not cap it.
  j = select("--budget 12");
  EXPECT_EQ(j["seeds"].size(), 12u);
  EXPECT_EQ(j["max_seeds"], 0);
  EXPECT_EQ(j["stopped_by"], "budget");
  ASSERT_EQ(run("select --graph " + graph() + " --algo imm --evaluate-runs 200 -k 3 --budget 10 --out " + path("s.h5")), 0);
  EXPECT_NE(read("out.txt").find("stopped: k reached"), std::string::npos) << read("out.txt");
  EXPECT_EQ(hdf5::open_file(path("s.h5")).string_attribute("stopped_by"), "k");
  EXPECT_EQ(run("select --graph " + graph() + " --algo imm -k 0 --budget 10 --json"), 2);
}

// The seeds CSV as a spreadsheet opens it: columns named for people, committed users flagged,
// formula-like labels neutralised, an optional byte-order mark; and it reads back as a user list.
TEST_F(PlannerInputs, SeedsCsvForSpreadsheets) {
  const std::string log = write("log.csv",
                                "actor,target,action\n"
                                "b,=HYPERLINK(\"http://x\"),answer\nc,=HYPERLINK(\"http://x\"),answer\n"
                                "d,+1,answer\ne,+1,comment\nf,@sum,like\ng,-2,like\nh,plain,like\n");
  const std::string include = write("inc.txt", "plain\n");
  ASSERT_EQ(run("select --graph " + log + " --prob uniform:1 --algo celf --mc-runs 10 --evaluate-runs 100 -k 4 --include " +
                include + " --csv " + path("seeds.csv") + " --csv-bom"),
            0)
      << read("err.txt");
  const std::string csv = read("seeds.csv");
  ASSERT_EQ(csv.rfind(kBom, 0), 0u);
  std::istringstream lines(csv.substr(3));
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "rank,user,committed,extra_reach,cost,total_reach,share_of_users");
  // 12 users; ids in first-seen order break ties (=HYPERLINK before +1, @sum before -2).
  for (const char* expected : {"1,plain,yes,2,1,2,0.166667", "2,\"'=HYPERLINK(\"\"http://x\"\")\",no,3,1,5,0.416667",
                               "3,'+1,no,3,1,8,0.666667", "4,'@sum,no,2,1,10,0.833333", "5,'-2,no,2,1,12,1"}) {
    std::getline(lines, line);
    EXPECT_EQ(line, expected);
  }
  // Fed back as a list (BOM, header, guard taken off), it names the same users.
  ASSERT_EQ(run("simulate --graph " + log + " --prob uniform:1 --model ic --runs 10 --seeds-file " + path("seeds.csv") +
                " --json --out " + path("sim.h5")),
            0)
      << read("err.txt");
  EXPECT_EQ(nlohmann::json::parse(read("out.txt"))["seeds"],
            nlohmann::json({"plain", "=HYPERLINK(\"http://x\")", "+1", "@sum", "-2"}));
}

}  // namespace
}  // namespace kuchikomi
