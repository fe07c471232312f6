#include "kuchikomi/core/format_bytes.hpp"

#include <cstdio>

namespace kuchikomi {

std::string format_bytes(std::uint64_t bytes) {
  char buffer[64];
  const double b = static_cast<double>(bytes);
  if (b >= 1024.0 * 1024 * 1024) std::snprintf(buffer, sizeof buffer, "%.2f GiB", b / (1024.0 * 1024 * 1024));
  else if (b >= 1024.0 * 1024) std::snprintf(buffer, sizeof buffer, "%.1f MiB", b / (1024.0 * 1024));
  else if (b >= 1024.0) std::snprintf(buffer, sizeof buffer, "%.1f KiB", b / 1024.0);
  else std::snprintf(buffer, sizeof buffer, "%llu B", static_cast<unsigned long long>(bytes));
  return buffer;
}

}  // namespace kuchikomi
