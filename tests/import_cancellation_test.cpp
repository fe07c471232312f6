// Imports stop on a cancellation request (core/cancellation.hpp: the Python package's Ctrl-C during
// Graph.load, build_graph, import_edges): every parser polls once per 65,536 lines or edges, and
// the file reader once per MiB. A request made before the call stops it at the first poll; text
// shorter than one poll interval is parsed whole whatever the flag says.
#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/io/edge_list.hpp"
#include "kuchikomi/io/graph_xml.hpp"
#include "kuchikomi/io/interaction_log.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "support/scratch_test.hpp"

namespace kuchikomi {
namespace {

// The flag is process-wide: every test clears it, whatever happens.
class ImportCancellation : public support::ScratchTest {
 protected:
  void TearDown() override {
    clear_cancellation();
    ScratchTest::TearDown();
  }
  // Runs `parse` with cancellation requested: true when it stopped with Cancelled.
  static bool cancelled(const std::function<void()>& parse) {
    request_cancellation();
    try {
      parse();
    } catch (const Cancelled&) {
      clear_cancellation();
      return true;
    }
    clear_cancellation();
    return false;
  }
};

std::string lines(std::size_t count, const std::string& first, const std::string& line) {
  std::string text = first;
  for (std::size_t i = 0; i < count; ++i) text += line;
  return text;
}

TEST_F(ImportCancellation, EdgeListsStopWithinOnePollInterval) {
  ParsedInput parsed;
  const std::string spaced = lines(70'000, "", "1 2\n");
  EXPECT_TRUE(cancelled([&] { parse_edge_list(spaced, "e.txt", {}, parsed); }));
  const std::string csv = lines(70'000, "source,target\n", "a,b\n");  // the CSV branch after a header
  EXPECT_TRUE(cancelled([&] { parse_edge_list(csv, "e.csv", {}, parsed); }));
  ParsedInput whole;
  EXPECT_FALSE(cancelled([&] { parse_edge_list(lines(1000, "", "1 2\n"), "short.txt", {}, whole); }));
  EXPECT_EQ(whole.records.size(), 1000u);
  // Without a request the long one is read whole.
  ParsedInput all;
  parse_edge_list(spaced, "e.txt", {}, all);
  EXPECT_EQ(all.records.size(), 70'000u);
}

TEST_F(ImportCancellation, InteractionLogsStop) {
  ParsedInput parsed;
  const std::string log = lines(70'000, "actor,target,action\n", "bob,alice,like\n");
  EXPECT_TRUE(cancelled([&] { parse_interaction_log(log, "log.csv", {}, parsed); }));
  ParsedInput all;
  parse_interaction_log(log, "log.csv", {}, all);
  EXPECT_EQ(all.records.size(), 70'000u);
}

TEST_F(ImportCancellation, GraphMlStops) {
  const std::string xml = lines(70'000, "<graphml><graph edgedefault=\"directed\">", "<edge source=\"a\" target=\"b\"/>") +
                          "</graph></graphml>";
  ParsedInput parsed;
  EXPECT_TRUE(cancelled([&] { parse_graph_xml(xml, "g.graphml", {}, parsed); }));
  ParsedInput all;
  parse_graph_xml(xml, "g.graphml", {}, all);
  EXPECT_EQ(all.records.size(), 70'000u);
}

TEST_F(ImportCancellation, FileReadingStops) {
  const std::string text = lines(300'000, "", "1 2 and a comment long enough\n");  // > 1 MiB
  const std::string path = write("big.txt", text);
  EXPECT_TRUE(cancelled([&] { read_text_input(path); }));
  EXPECT_EQ(read_text_input(path), text);
}

}  // namespace
}  // namespace kuchikomi
