#include "ingest_report.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

#include "adoption_report.hpp"
#include "cli_common.hpp"
#include "kuchikomi/core/printable.hpp"

namespace kuchikomi::cli {

IngestFilters ingest_filters_from(const boost::program_options::variables_map& vm) {
  namespace po = boost::program_options;
  IngestFilters filters;
  if (!std::isfinite(vm["min-weight"].as<double>())) throw po::error("--min-weight must be a finite number");
  if (vm.count("since")) filters.since = parse_time_option(vm["since"].as<std::string>(), "since");
  if (vm.count("until")) filters.until = parse_time_option(vm["until"].as<std::string>(), "until");
  if (filters.since && filters.until && *filters.since >= *filters.until)
    throw po::error("--since must be earlier than --until");
  filters.min_weight = vm["min-weight"].as<double>();
  if (filters.min_weight < 0.0) throw po::error("--min-weight must be >= 0");
  filters.skip_bad_lines = vm["skip-bad-lines"].as<bool>();
  return filters;
}

namespace {

std::string lt_note(const IngestSummary& s) {
  char sum[32];
  std::snprintf(sum, sizeof sum, "%.4g", s.lt_worst_sum);
  return "graph is not valid for the LT model: the in-probabilities of user '" + s.lt_worst_user + "' sum to " +
         sum + " (> 1); use --prob wc for LT, or simulate with IC only";
}

}  // namespace

nlohmann::json ingest_summary_json(const IngestResult& result, const std::string& output) {
  const IngestSummary& s = result.summary;
  nlohmann::json bad = nlohmann::json::array();
  for (const auto& b : s.first_bad_lines) bad.push_back({{"file", b.file}, {"line", b.line}, {"message", b.message}});
  nlohmann::json j{
      {"output", output},
      {"inputs", s.files},
      {"format", s.format},
      {"lines_read", s.lines_read},
      {"interactions_kept", s.interactions_kept},
      {"filtered_by_time", s.filtered_by_time},
      {"self_interactions_dropped", s.self_interactions},
      {"header_lines", s.header_lines},
      {"bad_lines_skipped", s.bad_lines_skipped},
      {"first_bad_lines", bad},
      {"edges_below_min_weight", s.edges_below_min_weight},
      {"users", s.users},
      {"edges", s.edges},
      {"probability_model", result.graph.provenance.probability_model},
      {"lt_valid", s.lt_valid},
      {"max_in_probability_sum", s.lt_worst_sum},
      {"max_in_probability_user", s.lt_worst_user},
  };
  if (!s.columns.empty()) j["columns"] = s.columns;
  if (!s.lt_valid) j["note"] = lt_note(s);
  return j;
}

void print_ingest_summary(const IngestResult& result, const std::string& output, bool json) {
  if (json) {
    print_json(ingest_summary_json(result, output));
    return;
  }
  const IngestSummary& s = result.summary;
  auto& out = std::cout;
  out << "wrote " << printable(output) << "\n";
  for (const auto& file : s.files) out << "  input                     " << printable(file) << " (" << s.format << ")\n";
  if (!s.columns.empty()) out << "  columns                   " << printable(s.columns) << "\n";
  out << "  lines read                " << s.lines_read << "\n";
  out << "  interactions kept         " << s.interactions_kept << "\n";
  out << "  filtered by --since/until " << s.filtered_by_time << "\n";
  out << "  self-interactions dropped " << s.self_interactions << "\n";
  if (s.header_lines > 0) out << "  header lines skipped      " << s.header_lines << "\n";
  out << "  bad lines skipped         " << s.bad_lines_skipped << "\n";
  for (const auto& b : s.first_bad_lines) out << "    " << printable(b.file) << ":" << b.line << ": " << printable(b.message) << "\n";
  if (s.bad_lines_skipped > s.first_bad_lines.size())
    out << "    ... and " << (s.bad_lines_skipped - s.first_bad_lines.size()) << " more\n";
  out << "  edges below --min-weight  " << s.edges_below_min_weight << "\n";
  out << "  users                     " << s.users << "\n";
  out << "  edges                     " << s.edges << "\n";
  out << "  probabilities             " << result.graph.provenance.probability_model << "\n";
  out << "  LT validity               " << (s.lt_valid ? "ok" : "NOT valid") << " (largest in-probability sum "
      << s.lt_worst_sum << ", user '" << printable(s.lt_worst_user) << "')\n";
  if (!s.lt_valid) out << "note: " << printable(lt_note(s)) << "\n";
}

}  // namespace kuchikomi::cli
