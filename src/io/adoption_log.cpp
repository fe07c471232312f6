// Adoption logs: parse, keep the first adoption per (user, item), map onto a graph (policy in
// io/adoption_log.hpp).
#include "kuchikomi/io/adoption_log.hpp"

#include <tbb/parallel_sort.h>

#include <algorithm>
#include <sstream>
#include <limits>
#include <optional>
#include <unordered_map>

#include "csv_reader.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/label_interner.hpp"
#include "kuchikomi/io/text_input.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "parse_util.hpp"

namespace kuchikomi {
namespace {

using namespace ingest_detail;

struct Layout {
  static constexpr std::size_t kAbsent = ~std::size_t{0};
  std::size_t user = kAbsent, item = kAbsent, time = kAbsent, columns = 0;
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

Layout read_header(const std::vector<std::string_view>& header, const std::string& file, std::uint64_t line) {
  Layout layout;
  layout.columns = header.size();
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string name = lower(header[i]);
    std::size_t* slot = nullptr;
    if (name == "user" || name == "actor" || name == "adopter") slot = &layout.user;
    else if (name == "item") slot = &layout.item;
    else if (name == "time" || name == "timestamp" || name == "ts" || name == "date") slot = &layout.time;
    if (slot == nullptr) continue;
    if (*slot != Layout::kAbsent) throw InputError(file, line, "header names the " + name + " column twice");
    *slot = i;
  }
  std::string missing;
  if (layout.user == Layout::kAbsent) missing += " user";
  if (layout.item == Layout::kAbsent) missing += " item";
  if (layout.time == Layout::kAbsent) missing += " time";
  if (!missing.empty())
    throw InputError(file, line, "header lacks column(s)" + missing + ": an adoption log starts with the header user,item,time");
  return layout;
}

bool by_item_user_time(const Adoption& a, const Adoption& b) {
  if (a.item != b.item) return a.item < b.item;
  if (a.user != b.user) return a.user < b.user;
  return a.time < b.time;
}

bool by_item_time_user(const Adoption& a, const Adoption& b) {
  if (a.item != b.item) return a.item < b.item;
  if (a.time != b.time) return a.time < b.time;
  return a.user < b.user;
}

}  // namespace

AdoptionLog parse_adoption_log(std::string_view text, const std::string& file_name) {
  AdoptionLog log;
  log.file = file_name;
  const std::string_view first_line = text.substr(0, text.find('\n'));
  CsvReader reader(text, first_line.find('\t') != std::string_view::npos ? '\t' : ',');
  LabelInterner users, items;
  std::vector<std::string_view> fields;
  fields.reserve(8);
  std::optional<Layout> layout;
  std::uint64_t header_line = 0;
  std::vector<Adoption> rows;
  rows.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')));

  while (!reader.done()) {
    std::uint64_t line = 0;
    try {
      line = reader.next(fields);
    } catch (const ParseFailure& failure) {
      throw InputError(file_name, reader.line() - 1, failure.message);
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (!layout) {
      layout = read_header(fields, file_name, line);
      header_line = line;
      continue;
    }
    ++log.rows;
    const Layout& l = *layout;
    if (fields.size() != l.columns)
      throw InputError(file_name, line,
                       "expected " + std::to_string(l.columns) + " fields as in the header (line " +
                           std::to_string(header_line) + "), found " + std::to_string(fields.size()));
    const std::string_view user = fields[l.user], item = fields[l.item], time = fields[l.time];
    if (user.empty() || item.empty() || time.empty())
      throw InputError(file_name, line, std::string("empty ") + (user.empty() ? "user" : item.empty() ? "item" : "time"));
    const std::optional<double> when = parse_time_point(time);
    if (!when)
      throw InputError(file_name, line,
                       "time " + quoted(time) + " is neither unix seconds nor an ISO 8601 date or date-time "
                       "(2021-04-27, 2021-04-27T15:06:44Z)");
    rows.push_back({items.intern(item), users.intern(user), *when});
  }
  if (!layout) throw InputError(file_name, 0, "empty file: expected a header line user,item,time");

  log.items = items.labels();
  log.users = users.labels();
  log.item_first_time.assign(log.items.size(), std::numeric_limits<double>::infinity());
  for (const Adoption& a : rows) log.item_first_time[a.item] = std::min(log.item_first_time[a.item], a.time);

  // The earliest row of each (user, item) pair is its adoption; the others are repeats.
  tbb::parallel_sort(rows.begin(), rows.end(), by_item_user_time);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (kept > 0 && rows[kept - 1].item == rows[i].item && rows[kept - 1].user == rows[i].user) continue;
    rows[kept++] = rows[i];
  }
  log.repeats = rows.size() - kept;
  rows.resize(kept);
  rows.shrink_to_fit();
  tbb::parallel_sort(rows.begin(), rows.end(), by_item_time_user);
  if (!rows.empty()) {
    const auto [lo, hi] = std::minmax_element(rows.begin(), rows.end(),
                                              [](const Adoption& a, const Adoption& b) { return a.time < b.time; });
    log.first_time = lo->time;
    log.last_time = hi->time;
  }
  log.adoptions = std::move(rows);
  return log;
}

AdoptionLog read_adoption_log(const std::string& path) {
  const std::string text = read_text_input(path);
  return parse_adoption_log(text, path);
}

GraphAdoptions map_to_graph(const AdoptionLog& log, const InfluenceGraph& graph, const std::string& graph_name) {
  const LabelIndex index(graph);
  std::vector<NodeId> node_of(log.users.size(), kNoNode);
  GraphAdoptions out;
  for (std::size_t u = 0; u < log.users.size(); ++u) {
    if (auto node = index.find(log.users[u])) {
      node_of[u] = *node;
    } else {
      ++out.unknown_users;
      if (out.first_unknown_user.empty()) out.first_unknown_user = log.users[u];
    }
  }
  out.users = log.users.size() - out.unknown_users;
  if (!log.users.empty() && out.users == 0)
    throw InputError(log.file, 0,
                     "no user of this adoption log is in the graph " + graph_name + " (for example '" +
                         out.first_unknown_user + "'): the log and the graph must name users the same way");
  out.adoptions.reserve(log.adoptions.size());
  for (const Adoption& a : log.adoptions) {
    if (node_of[a.user] == kNoNode) {
      ++out.unknown_user_adoptions;
      continue;
    }
    out.adoptions.push_back({a.item, node_of[a.user], a.time});
  }
  // Graph ids order users differently from log ids: restore (item, time, node) order.
  tbb::parallel_sort(out.adoptions.begin(), out.adoptions.end(), by_item_time_user);
  return out;
}

std::vector<std::uint8_t> read_item_list(const std::string& path, const AdoptionLog& log) {
  // Through read_text_input like every list: gzip, a byte-order mark and a folder are handled there.
  std::istringstream in(read_text_input(path));
  std::unordered_map<std::string_view, std::uint32_t> index;
  index.reserve(log.items.size());
  for (std::size_t i = 0; i < log.items.size(); ++i) index.emplace(log.items[i], static_cast<std::uint32_t>(i));
  std::vector<std::uint8_t> listed(log.items.size(), 0);
  std::string line;
  for (std::uint64_t number = 1; std::getline(in, line); ++number) {
    const std::string_view label = trim_blanks(line);
    if (label.empty() || label[0] == '#') continue;
    const auto it = index.find(label);
    if (it == index.end())
      throw InputError(path, number, "item " + quoted(label) + " is not in the adoption log " + log.file);
    listed[it->second] = 1;
  }
  return listed;
}

}  // namespace kuchikomi
