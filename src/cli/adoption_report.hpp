// What `graph learn` and `validate` share: reading their time and window options, and reporting
// what an adoption log held and how much of it the graph knows (worded and keyed the same way).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

#include "kuchikomi/io/adoption_log.hpp"

namespace kuchikomi::cli {

// --window: a positive number of seconds; throws program_options::error otherwise.
double parse_window_option(const std::string& text);

nlohmann::json adoption_log_json(const AdoptionLog& log, const GraphAdoptions& mapped);
// Two lines: rows, kept adoptions, repeats, items; users and those not in the graph.
std::string adoption_log_text(const AdoptionLog& log, const GraphAdoptions& mapped);

}  // namespace kuchikomi::cli
