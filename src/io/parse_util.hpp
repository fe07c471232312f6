// Private helpers shared by the hand-written ingestion parsers: number fields and bad-line policy.
#pragma once
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/ingest_records.hpp"

namespace kuchikomi::ingest_detail {

// Every 65,536 lines a parser polls for cancellation (core/cancellation.hpp: the Python package's
// Ctrl-C), so a long import stops on request; once per many lines, so parsing speed is unchanged.
class CancellationPoll {
 public:
  void line() {
    if ((++lines_ & 0xFFFF) == 0) throw_if_cancelled();
  }

 private:
  std::uint64_t lines_ = 0;
};

inline std::string_view trim_blanks(std::string_view s) noexcept {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Edge weights are stored as float32; a larger weight (1e39) would become infinity and its
// probabilities NaN, so the parsers refuse it on its line.
inline constexpr double kMaxWeight = std::numeric_limits<float>::max();

// A finite decimal number filling the whole field.
inline bool parse_number(std::string_view s, double& value) noexcept {
  if (s.empty()) return false;
  const char* first = s.data();
  if (*first == '+') ++first;  // from_chars rejects a leading '+'
  const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
  return ec == std::errc() && end == s.data() + s.size() && std::isfinite(value);
}

// Unix seconds: integers on the fast path, decimals ("1084585996.0") accepted too.
inline bool parse_timestamp(std::string_view s, double& value) noexcept {
  std::int64_t whole = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), whole);
  if (ec == std::errc() && end == s.data() + s.size() && !s.empty()) {
    value = static_cast<double>(whole);
    return true;
  }
  return parse_number(s, value);
}

inline std::string quoted(std::string_view s) {
  constexpr std::size_t kMax = 40;
  // Built by appending: `"'" + std::string(...)` trips a GCC 12 -Wrestrict false positive.
  std::string out;
  out.reserve(std::min(s.size(), kMax) + 5);
  out.push_back('\'');
  out.append(s.substr(0, kMax));
  if (s.size() > kMax) out.append("...");
  out.push_back('\'');
  return out;
}

// Either throws InputError(file, line, message) or, with --skip-bad-lines, counts the line.
inline void bad_line(IngestSummary& summary, bool skip, const std::string& file, std::uint64_t line,
                     const std::string& message, ErrorSettings settings = {}) {
  if (!skip) throw InputError(file, line, message, std::move(settings));
  ++summary.bad_lines_skipped;
  if (summary.first_bad_lines.size() < IngestSummary::kReportedBadLines)
    summary.first_bad_lines.push_back({file, line, message});
}

}  // namespace kuchikomi::ingest_detail
