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

// Which way influence was taken, in the input's own terms, so nobody flips a graph unnoticed.
std::string direction_note(const IngestSummary& s) {
  if (s.direction.empty()) return "actor,target read as: actor reacted to target's content, influence target -> actor";
  const bool xml = s.format == "graphml" || s.format == "gexf";
  const std::uint64_t edges = s.interactions_kept;
  if (xml && edges > 0 && s.undirected_edges == edges) return "undirected graph: each edge gives influence both ways";
  std::string note;
  if (s.direction == "reverse")
    note = xml ? "edge source -> target read as: source acted on target's content, influence target -> source; use "
                 "--direction forward for influence edges"
               : "u v read as: u acted on v's content, influence v -> u; use --direction forward for influence edges";
  else if (s.direction == "forward")
    note = xml ? "edge source -> target read as the influence edge source -> target (--direction forward)"
               : "u v read as the influence edge u -> v (--direction forward)";
  else
    note = std::string(xml ? "edges" : "u v") + " read as undirected: influence both ways (--direction both)";
  if (s.undirected_edges > 0)
    note += "; " + std::to_string(s.undirected_edges) + " undirected edges give influence both ways";
  return note;
}

std::string columns_note(const IngestSummary& s) {
  if (s.columns_from_header) return " (from the header row)";
  if (s.columns_guessed) return " (guessed from the first line's values; a header row or --columns names them)";
  return "";
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
  if (!s.columns.empty()) {
    j["columns"] = s.columns;
    if (s.columns_from_header || s.columns_guessed) j["columns_from"] = s.columns_from_header ? "header" : "guessed";
  }
  j["direction"] = s.direction.empty() ? "target -> actor" : s.direction;
  j["direction_note"] = direction_note(s);
  if (s.undirected_edges > 0) j["undirected_edges"] = s.undirected_edges;
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
  if (!s.columns.empty()) out << "  columns                   " << printable(s.columns) << columns_note(s) << "\n";
  out << "  direction                 " << direction_note(s) << "\n";
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
