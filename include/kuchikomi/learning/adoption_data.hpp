// An adoption log as the learning and validation code reads it: one cascade per item, its adopters
// in graph node ids sorted by time; and the split of items into a training and a test part.
//
// Splits are by item, never by row, so no cascade is cut in two (a cut cascade would count its
// later adopters' trials as failures) and the two parts never share an item:
//   * by time T: an item belongs to the part of its first adoption in the whole log (graph users or
//     not): training if it started before T (learn --until T), test if at or after T
//     (validate --since T). The same T on both commands gives complementary parts.
//   * by list: the items named in a file (learn --train-items F, validate --test-items F); the other
//     items form the other part.
// Items none of whose adopters is in the graph make no cascade (counted as items_without_users).
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kuchikomi/io/adoption_log.hpp"

namespace kuchikomi {

// Items as flat CSR: cascade c is users/times[offsets[c], offsets[c+1]).
struct Cascades {
  std::vector<std::uint32_t> item;     // cascade -> log item id
  std::vector<std::uint64_t> offsets;  // cascades + 1
  std::vector<NodeId> users;           // adopters, sorted by time, then node id
  std::vector<double> times;
  std::uint64_t items_without_users = 0;  // selected items with no adopter in the graph

  std::size_t size() const noexcept { return item.size(); }
  std::uint64_t adoptions() const noexcept { return users.size(); }
  std::uint64_t cascade_size(std::size_t c) const noexcept { return offsets[c + 1] - offsets[c]; }
};

// The selected items' adoptions (GraphAdoptions are already sorted by item, time, node).
Cascades make_cascades(const GraphAdoptions& adoptions, std::span<const std::uint8_t> selected_items);

// One part of a split: a byte per log item (1 = in this part) and how it was chosen.
struct ItemSelection {
  std::vector<std::uint8_t> selected;
  std::string description;  // "all items", "items first adopted before 2011-01-01T00:00:00Z", "items listed in F"
  std::uint64_t count() const;
};

ItemSelection all_items(const AdoptionLog& log);
// Items whose first adoption is before `time` (before = true) or at/after it (before = false).
ItemSelection items_by_first_time(const AdoptionLog& log, double time, bool before);
// Items listed in `path` (read_item_list: unknown items are an InputError with file:line).
ItemSelection listed_items(const AdoptionLog& log, const std::string& path);
// The other items.
ItemSelection complement(const ItemSelection& part, const std::string& description);

// "2011-01-01T00:00:00Z" for whole seconds, with the fraction otherwise.
std::string format_time_point(double seconds);

}  // namespace kuchikomi
