// The report that `graph build` and `graph import` print after ingesting: what was read, what was
// dropped and why, and whether the probabilities are usable under LT. Shared so both commands
// word it (and spell the JSON keys) the same way.
#pragma once
#include <boost/program_options.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kuchikomi/io/graph_ingest.hpp"

namespace kuchikomi::cli {

// --since/--until/--min-weight/--skip-bad-lines, checked (throws program_options::error).
IngestFilters ingest_filters_from(const boost::program_options::variables_map& vm);

nlohmann::json ingest_summary_json(const IngestResult& result, const std::string& output);
void print_ingest_summary(const IngestResult& result, const std::string& output, bool json);

}  // namespace kuchikomi::cli
