// io/csv_field.hpp: labels that a spreadsheet would run as formulas are written as text (a leading
// single quote, OWASP's rule), exactly one quote comes off again when read back, and RFC 4180 quoting
// still applies; the experiment CSV's text columns go through it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "kuchikomi/experiment/experiment_results.hpp"
#include "kuchikomi/io/csv_field.hpp"

namespace kuchikomi {
namespace {

TEST(CsvField, FormulaTriggersGetAQuoteThenRfc4180Quoting) {
  const std::vector<std::pair<std::string, std::string>> cases{
      {"=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\""},
      {"=1+2", "'=1+2"},
      {"+1", "'+1"},
      {"-2", "'-2"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tTab", "'\tTab"},
      {"\rCR", "\"'\rCR\""},
      {"=a,b", "\"'=a,b\""},
      {"'=x", "''=x"},    // already quoted text keeps its quote: one more, taken off on reading
      {"''+x", "'''+x"},
      {"'x", "'x"},       // a quote before other text is plain text
      {"'", "'"},
      {"", ""},
      {"x=1", "x=1"},     // only the first character matters
      {"a-b", "a-b"},
      {" =x", " =x"},     // a blank first: text to every spreadsheet
      {"Kim, Lee", "\"Kim, Lee\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"Blue (26)", "Blue (26)"},
  };
  for (const auto& [text, field] : cases) EXPECT_EQ(csv_field(text), field) << text;
}

TEST(CsvField, UnguardedGivesBackWhatWasWritten) {
  for (const std::string text : {"=cmd", "+1", "-2", "@x", "\tt", "\rr", "'=x", "''=x", "'''-x", "'x", "''x", "'",
                                 "''", "plain", "x=1", ""}) {
    const std::string guarded = csv_formula_like(text) ? "'" + text : text;  // csv_field before RFC 4180 quoting
    EXPECT_EQ(csv_unguarded(guarded), text) << text;
  }
}

TEST(CsvField, ExperimentCsvGuardsItsTextColumnsOnly) {
  CellResult cell;
  cell.id = "0123456789abcdef";
  cell.graph = "@graph";
  cell.model = "ic";
  cell.algorithm = "degree";
  cell.seeds = {"=cmd|' /C calc'!A0", "bob"};
  cell.epsilon = -0.5;  // a number, written as one
  CellEvaluation e;
  e.model = "ic";
  e.mean = -1.25;
  cell.evaluations.push_back(e);
  const std::string csv = experiment_results_csv("+name", {cell});
  const std::string row = csv.substr(csv.find('\n') + 1);
  EXPECT_EQ(row.rfind("'+name,0123456789abcdef,'@graph,", 0), 0u) << row;
  EXPECT_NE(row.find(",-0.5,"), std::string::npos) << row;
  EXPECT_NE(row.find(",-1.2500,"), std::string::npos) << row;
  EXPECT_NE(row.find(",'=cmd|' /C calc'!A0;bob\n"), std::string::npos) << row;
}

}  // namespace
}  // namespace kuchikomi
