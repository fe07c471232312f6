// Unix seconds by from_chars (the fast path: most logs are numeric), ISO 8601 through date.h.
#include "kuchikomi/io/timestamp.hpp"

#include <date/date.h>

#include <chrono>
#include <sstream>
#include <string>

#include "parse_util.hpp"

namespace kuchikomi {

std::optional<double> parse_time_point(std::string_view text) {
  double seconds = 0;
  if (ingest_detail::parse_timestamp(text, seconds)) return seconds;
  // An ISO date is at least YYYY-MM-DD; anything shorter that is not a number is rejected here.
  if (text.size() < 10 || text[4] != '-') return std::nullopt;
  std::string value(text);
  if (value.back() == 'Z' || value.back() == 'z') value.pop_back();  // UTC, as with no zone at all
  // The shape picks the format; date.h checks every field (month 13, February 30 are refused).
  const char* format = "%F";
  if (value.size() > 10) {
    if (value[10] != 'T' && value[10] != 't' && value[10] != ' ') return std::nullopt;
    value[10] = 'T';
    const std::size_t sign = value.find_first_of("+-", 11);
    const bool seconds_given = value.size() >= 19 && value[16] == ':';
    if (sign == std::string::npos) format = seconds_given ? "%FT%T" : "%FT%R";
    else if (value.find(':', sign) != std::string::npos) format = seconds_given ? "%FT%T%Ez" : "%FT%R%Ez";
    else format = seconds_given ? "%FT%T%z" : "%FT%R%z";
  }
  std::istringstream in(value);
  date::sys_time<std::chrono::microseconds> point;
  in >> date::parse(format, point);
  if (in.fail() || in.peek() != std::char_traits<char>::eof()) return std::nullopt;
  // Division (not * 1e-6) is correctly rounded, so whole seconds come out exact.
  return static_cast<double>(point.time_since_epoch().count()) / 1e6;
}

}  // namespace kuchikomi
