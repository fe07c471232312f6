// Points in time as they appear in adoption logs and on the command line (--until, --since):
// unix seconds ("1520874886", "1084585996.5", "-441849600") or ISO 8601 dates and date-times
// ("2021-04-27", "2021-04-27T15:06:44.553", "2021-04-27 15:06", "2021-04-27T15:06:44+02:00",
// "...Z"). A date-time without a zone is UTC; fractions up to microseconds are kept. Calendar
// arithmetic (leap years, month lengths, offsets) is Howard Hinnant's date.h, not ours.
// Result: seconds since 1970-01-01T00:00:00Z as a double (exact for whole seconds up to 2^53).
#pragma once
#include <optional>
#include <string_view>

namespace kuchikomi {

// nullopt when `text` is neither a finite number nor one of the ISO 8601 shapes above.
std::optional<double> parse_time_point(std::string_view text);

}  // namespace kuchikomi
