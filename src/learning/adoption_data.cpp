// Cascades and item splits (see learning/adoption_data.hpp).
#include "kuchikomi/learning/adoption_data.hpp"

#include <date/date.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

namespace kuchikomi {

Cascades make_cascades(const GraphAdoptions& adoptions, std::span<const std::uint8_t> selected_items) {
  Cascades c;
  c.offsets.push_back(0);
  std::vector<std::uint8_t> seen(selected_items.size(), 0);
  const auto& list = adoptions.adoptions;
  for (std::size_t i = 0; i < list.size();) {
    const std::uint32_t item = list[i].item;
    std::size_t end = i;
    while (end < list.size() && list[end].item == item) ++end;
    if (item < selected_items.size() && selected_items[item]) {
      seen[item] = 1;
      c.item.push_back(item);
      for (std::size_t j = i; j < end; ++j) {
        c.users.push_back(list[j].user);
        c.times.push_back(list[j].time);
      }
      c.offsets.push_back(c.users.size());
    }
    i = end;
  }
  for (std::size_t item = 0; item < selected_items.size(); ++item)
    c.items_without_users += selected_items[item] && !seen[item];
  return c;
}

std::uint64_t ItemSelection::count() const { return std::accumulate(selected.begin(), selected.end(), std::uint64_t{0}); }

ItemSelection all_items(const AdoptionLog& log) {
  return {std::vector<std::uint8_t>(log.items.size(), 1), "all items"};
}

ItemSelection items_by_first_time(const AdoptionLog& log, double time, bool before) {
  ItemSelection s;
  s.selected.resize(log.items.size());
  for (std::size_t i = 0; i < log.items.size(); ++i)
    s.selected[i] = (log.item_first_time[i] < time) == before ? 1 : 0;
  s.description = std::string(before ? "items first adopted before " : "items first adopted at or after ") +
                  format_time_point(time);
  return s;
}

ItemSelection listed_items(const AdoptionLog& log, const std::string& path) {
  return {read_item_list(path, log), "items listed in " + path};
}

ItemSelection complement(const ItemSelection& part, const std::string& description) {
  ItemSelection s;
  s.selected.resize(part.selected.size());
  for (std::size_t i = 0; i < part.selected.size(); ++i) s.selected[i] = part.selected[i] ? 0 : 1;
  s.description = description;
  return s;
}

std::string format_time_point(double seconds) {
  if (!std::isfinite(seconds) || std::fabs(seconds) > 1e13) return std::to_string(seconds);
  const auto micro = static_cast<std::int64_t>(std::llround(seconds * 1e6));
  const date::sys_time<std::chrono::microseconds> point{std::chrono::microseconds(micro)};
  if (micro % 1'000'000 == 0) return date::format("%FT%TZ", date::floor<std::chrono::seconds>(point));
  return date::format("%FT%TZ", point);
}

}  // namespace kuchikomi
