// Adoption logs: times (unix seconds, ISO 8601 in every accepted shape, checked against
// hand-computed epoch seconds), the first-adoption rule, repeats and unknown users counted, the
// mapping onto a graph, item lists, and every malformed row with the exact file:line.
#include <gtest/gtest.h>
#include <zlib.h>

#include <cmath>
#include <filesystem>
#include <fstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/adoption_log.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "support/graphs.hpp"
#include "support/errors.hpp"
#include "support/files.hpp"

namespace kuchikomi {
namespace {

using support::input_error;

TEST(Timestamp, UnixSecondsAndIso8601) {
  EXPECT_EQ(parse_time_point("1520874886"), 1520874886.0);
  EXPECT_EQ(parse_time_point("1084585996.5"), 1084585996.5);
  EXPECT_EQ(parse_time_point("-441849600"), -441849600.0);
  EXPECT_EQ(parse_time_point("0"), 0.0);
  // 2021-04-27 is day 18744 since 1970-01-01 (51 years, 13 leap days, 116 days into 2021).
  const double day = 18744.0 * 86400;
  EXPECT_EQ(parse_time_point("2021-04-27"), day);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44"), day + 15 * 3600 + 6 * 60 + 44);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44Z"), day + 15 * 3600 + 6 * 60 + 44);
  EXPECT_EQ(parse_time_point("2021-04-27 15:06:44"), day + 15 * 3600 + 6 * 60 + 44);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06"), day + 15 * 3600 + 6 * 60);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44+02:00"), day + 13 * 3600 + 6 * 60 + 44);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44-0130"), day + 16 * 3600 + 36 * 60 + 44);
  EXPECT_NEAR(*parse_time_point("2021-04-27T15:06:44.553"), day + 15 * 3600 + 6 * 60 + 44.553, 1e-6);
  // Offsets and fractions together, as exports write them; an offset that crosses midnight.
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44.25Z"), day + 15 * 3600 + 6 * 60 + 44.25);
  EXPECT_EQ(parse_time_point("2021-04-27T15:06:44.5+09:00"), day + 6 * 3600 + 6 * 60 + 44.5);
  EXPECT_EQ(parse_time_point("2021-04-28T07:06+09:00"), day + 22 * 3600 + 6 * 60);
  EXPECT_EQ(parse_time_point("2021-04-27t15:06:44z"), day + 15 * 3600 + 6 * 60 + 44);
  EXPECT_EQ(parse_time_point("1956-01-01"), -441849600.0);  // Last.fm's bogus rows are before 1970
  for (const char* bad : {"", "yesterday", "2021-13-01", "2021-02-30", "2021-04-27X15:06", "2021/04/27", "12:00",
                          "2021-04-27T25:00:00", "nan", "inf", "2021-04-27T15:06:44.1234567"})
    EXPECT_FALSE(parse_time_point(bad).has_value()) << bad;
}

// Timeline of the log below (times in seconds):
//   item x:  a@10  b@20  (b@25 repeat)  c@30  zed@5 (not in the graph)
//   item y:  b@7   a@7   (a@3 is earlier: a's first adoption of y is at 3)
constexpr const char* kLog =
    "user,item,time\n"
    "a,x,10\n"
    "b,x,20\n"
    "b,x,25\n"
    "\n"
    "c,x,30\n"
    "zed,x,5\n"
    "b,y,7\n"
    "a,y,7\n"
    "a,y,3\n";

TEST(AdoptionLog, FirstAdoptionCountsRepeatsAndUnknownUsers) {
  const AdoptionLog log = parse_adoption_log(kLog, "log.csv");
  EXPECT_EQ(log.rows, 8u);
  EXPECT_EQ(log.repeats, 2u);  // b,x,25 and a,y,7
  ASSERT_EQ(log.items, (std::vector<std::string>{"x", "y"}));
  EXPECT_EQ(log.item_first_time, (std::vector<double>{5, 3}));
  ASSERT_EQ(log.adoptions.size(), 6u);
  EXPECT_EQ(log.first_time, 3);
  EXPECT_EQ(log.last_time, 30);

  // Graph users u0..u3 labelled "u0".."u3": relabel the log's a, b, c onto them.
  InfluenceGraph g = support::make_graph(4, {{0, 1, 0.5f}});
  g.labels = {"c", "a", "b", "nobody"};
  const GraphAdoptions mapped = map_to_graph(log, g, "g.h5");
  EXPECT_EQ(mapped.users, 3u);
  EXPECT_EQ(mapped.unknown_users, 1u);
  EXPECT_EQ(mapped.unknown_user_adoptions, 1u);
  EXPECT_EQ(mapped.first_unknown_user, "zed");
  // Sorted by item, time, node: x: a(1)@10, b(2)@20, c(0)@30; y: a(1)@3, b(2)@7.
  ASSERT_EQ(mapped.adoptions.size(), 5u);
  const std::vector<std::tuple<std::uint32_t, NodeId, double>> expected{
      {0, 1, 10}, {0, 2, 20}, {0, 0, 30}, {1, 1, 3}, {1, 2, 7}};
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(mapped.adoptions[i].item, std::get<0>(expected[i])) << i;
    EXPECT_EQ(mapped.adoptions[i].user, std::get<1>(expected[i])) << i;
    EXPECT_EQ(mapped.adoptions[i].time, std::get<2>(expected[i])) << i;
  }
}

TEST(AdoptionLog, TabsQuotesAliasesIsoTimesAndGzip) {
  const std::string text =
      "\xEF\xBB\xBF" "extra\tTimestamp\titem\tadopter\n"
      "1\t2021-04-27T00:00:01Z\t\"tag, with comma\"\t\"Kim, Lee\"\n"
      "2\t2021-04-27\tother\tbob\n";
  const AdoptionLog log = parse_adoption_log(text, "t.tsv");
  ASSERT_EQ(log.adoptions.size(), 2u);
  EXPECT_EQ(log.items, (std::vector<std::string>{"tag, with comma", "other"}));
  EXPECT_EQ(log.users, (std::vector<std::string>{"Kim, Lee", "bob"}));
  EXPECT_EQ(log.item_first_time[0], 18744.0 * 86400 + 1);

  const auto path = support::scratch_dir() / "adoptions.csv.gz";
  gzFile gz = gzopen(path.c_str(), "wb");
  ASSERT_NE(gz, nullptr);
  gzwrite(gz, kLog, static_cast<unsigned>(std::string(kLog).size()));
  gzclose(gz);
  const AdoptionLog from_gzip = read_adoption_log(path.string());
  EXPECT_EQ(from_gzip.rows, 8u);
  EXPECT_EQ(from_gzip.adoptions.size(), 6u);
}

TEST(AdoptionLog, MalformedRowsNameFileAndLine) {
  const auto parse = [](const std::string& text) { return [text] { parse_adoption_log(text, "bad.csv"); }; };
  EXPECT_NE(input_error(parse("user,item\na,x\n"), 1).find("lacks column(s) time"), std::string::npos);
  EXPECT_NE(input_error(parse("user,item,time,user\n"), 1).find("twice"), std::string::npos);
  EXPECT_NE(input_error(parse("user,item,time\na,x,1\nb,y\n"), 3).find("expected 3 fields"), std::string::npos);
  EXPECT_NE(input_error(parse("user,item,time\na,x,1\n\n,y,2\n"), 4).find("empty user"), std::string::npos);
  EXPECT_NE(input_error(parse("user,item,time\na,,2\n"), 2).find("empty item"), std::string::npos);
  EXPECT_NE(input_error(parse("user,item,time\na,x,\n"), 2).find("empty time"), std::string::npos);
  const std::string bad_time = input_error(parse("user,item,time\na,x,1\nb,x,2021-02-30\n"), 3);
  EXPECT_NE(bad_time.find("bad.csv:3: time '2021-02-30' is neither unix seconds nor an ISO 8601"), std::string::npos)
      << bad_time;
  EXPECT_NE(input_error(parse("user,item,time\n\"a,x,1\n"), 2).find("unterminated"), std::string::npos);
  EXPECT_NE(input_error(parse(""), 0).find("empty file"), std::string::npos);
  EXPECT_NE(input_error([] { read_adoption_log("/nonexistent/adoptions.csv"); }, 0).find("/nonexistent/adoptions.csv"),
            std::string::npos);
}

TEST(AdoptionLog, NoSharedUserWithTheGraphIsAnError) {
  const AdoptionLog log = parse_adoption_log("user,item,time\nx1,a,1\nx2,a,2\n", "log.csv");
  const InfluenceGraph g = support::make_graph(3, {{0, 1, 0.5f}});
  const std::string message = input_error([&] { map_to_graph(log, g, "g.h5"); }, 0);
  EXPECT_NE(message.find("log.csv"), std::string::npos);
  EXPECT_NE(message.find("g.h5"), std::string::npos);
  EXPECT_NE(message.find("x1"), std::string::npos);
}

TEST(AdoptionLog, ItemLists) {
  const AdoptionLog log = parse_adoption_log(kLog, "log.csv");
  const auto path = support::scratch_dir() / "items.txt";
  std::ofstream(path) << "# test items\n y \n\n";
  EXPECT_EQ(read_item_list(path.string(), log), (std::vector<std::uint8_t>{0, 1}));
  std::ofstream(path) << "y\n# comment\nnope\n";
  const std::string message = input_error([&] { read_item_list(path.string(), log); }, 3);
  EXPECT_NE(message.find("'nope' is not in the adoption log log.csv"), std::string::npos) << message;
  // A byte-order mark (a list saved by a spreadsheet) is not part of the first item; CRLF ends lines.
  std::ofstream(path, std::ios::binary) << "\xEF\xBB\xBFy\r\n";
  EXPECT_EQ(read_item_list(path.string(), log), (std::vector<std::uint8_t>{0, 1}));
  input_error([&] { read_item_list((support::scratch_dir() / "missing.txt").string(), log); }, 0);
}

}  // namespace
}  // namespace kuchikomi
