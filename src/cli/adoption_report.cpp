#include "adoption_report.hpp"

#include <boost/program_options/errors.hpp>
#include <charconv>
#include <cmath>

#include "cli_common.hpp"

namespace kuchikomi::cli {

double parse_window_option(const std::string& text) {
  double seconds = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(seconds) || seconds <= 0)
    throw boost::program_options::error("--window needs a positive number of seconds (e.g. 86400 for a day), got '" +
                                        text + "'");
  return seconds;
}

nlohmann::json adoption_log_json(const AdoptionLog& log, const GraphAdoptions& mapped) {
  return {{"file", log.file},
          {"rows", log.rows},
          {"adoptions", log.adoptions.size()},
          {"repeats", log.repeats},
          {"items", log.items.size()},
          {"users", log.users.size()},
          {"users_in_graph", mapped.users},
          {"users_not_in_graph", mapped.unknown_users},
          {"adoptions_by_users_not_in_graph", mapped.unknown_user_adoptions}};
}

std::string adoption_log_text(const AdoptionLog& log, const GraphAdoptions& mapped) {
  std::string text = "adoption log " + log.file + ": " + std::to_string(log.rows) + " rows, " +
                     std::to_string(log.adoptions.size()) + " adoptions (first per user and item; " +
                     std::to_string(log.repeats) + " repeats ignored), " + std::to_string(log.items.size()) + " items\n";
  text += "  users: " + std::to_string(log.users.size()) + ", of which " + std::to_string(mapped.users) + " in the graph";
  if (mapped.unknown_users > 0)
    text += "; " + std::to_string(mapped.unknown_users) + " not in the graph (e.g. '" + mapped.first_unknown_user +
            "'): their " + std::to_string(mapped.unknown_user_adoptions) + " adoptions are left out";
  return text + "\n";
}

}  // namespace kuchikomi::cli
