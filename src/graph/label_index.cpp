// Label lookup for user-given names: exact labels, display names without their id suffix, and
// "did you mean" suggestions (influence_graph.hpp, LabelIndex).
#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

namespace {

char lower(char c) noexcept { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Levenshtein distance of a and b (case-folded), or `limit` + 1 when it exceeds `limit`. Only the
// band |i - j| <= limit of the table can hold a distance within the limit (Ukkonen), so each row
// computes 2 * limit + 1 cells, cells outside the band read as limit + 1, and a row with nothing
// within the limit ends the work. `cells` counts the cells computed.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t limit, std::vector<std::size_t>& row,
                             std::vector<std::size_t>& next, std::uint64_t& cells) {
  const std::size_t over = limit + 1;
  const std::size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > limit) return over;
  row.assign(m + 1, over);
  next.assign(m + 1, over);
  for (std::size_t j = 0; j <= std::min(m, limit); ++j) row[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    const std::size_t lo = i > limit ? i - limit : 1;
    const std::size_t hi = std::min(m, i + limit);
    next[lo - 1] = lo == 1 ? std::min(i, over) : over;
    std::size_t best = next[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      const std::size_t substitute = row[j - 1] + (lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1);
      next[j] = std::min({substitute, row[j] + 1, next[j - 1] + 1, over});
      best = std::min(best, next[j]);
    }
    if (hi < m) next[hi + 1] = over;
    cells += hi - lo + 1;
    if (best > limit) return over;
    row.swap(next);
  }
  return row[m];
}

}  // namespace

std::string_view display_name_of(std::string_view label) noexcept {
  if (label.size() < 4 || label.back() != ')') return label;
  const std::size_t open = label.rfind(" (");
  if (open == std::string_view::npos || open == 0 || open + 3 > label.size() - 1) return label;
  const std::string_view id = label.substr(open + 2, label.size() - open - 3);
  if (id.find_first_of("()") != std::string_view::npos) return label;
  return label.substr(0, open);
}

LabelIndex::LabelIndex(const InfluenceGraph& graph) : graph_(&graph) {}

std::optional<NodeId> LabelIndex::find(std::string_view label) const {
  if (graph_->labels.empty()) {
    if (label.empty() || label.size() > 10) return std::nullopt;
    std::uint64_t value = 0;
    for (char c : label) {
      if (c < '0' || c > '9') return std::nullopt;
      value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    if (value >= graph_->num_nodes()) return std::nullopt;
    return static_cast<NodeId>(value);
  }
  if (!index_built_) {  // on the first lookup: a run given no user list never pays for the map
    index_built_ = true;
    index_.reserve(graph_->labels.size());
    for (NodeId u = 0; u < graph_->labels.size(); ++u) index_.emplace(graph_->labels[u], u);
  }
  auto it = index_.find(label);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::vector<NodeId> LabelIndex::with_display_name(std::string_view name) const {
  if (graph_->labels.empty() || name.empty()) return {};
  if (!display_built_) {
    display_built_ = true;
    display_.reserve(graph_->labels.size());
    for (NodeId u = 0; u < graph_->labels.size(); ++u) {
      const std::string_view label = graph_->labels[u];
      const std::string_view display = display_name_of(label);
      if (display.size() == label.size()) continue;
      auto [it, fresh] = display_.try_emplace(display, u, NodeId{0});
      ++it->second.second;
    }
  }
  const auto it = display_.find(name);
  if (it == display_.end()) return {};
  if (it->second.second == 1) return {it->second.first};
  std::vector<NodeId> users;  // a shared display name: rare, so find them all by a scan
  for (NodeId u = it->second.first; u < graph_->labels.size(); ++u)
    if (display_name_of(graph_->labels[u]) == name && display_name_of(graph_->labels[u]).size() != graph_->labels[u].size())
      users.push_back(u);
  return users;
}

std::optional<NodeId> LabelIndex::resolve(std::string_view label) const {
  if (auto id = find(label)) return id;
  const std::vector<NodeId> users = with_display_name(label);
  if (users.size() == 1) return users.front();
  return std::nullopt;
}

std::vector<std::string> LabelIndex::suggestions(std::string_view label, std::size_t max) const {
  if (graph_->labels.empty() || label.empty() || max == 0) return {};
  constexpr std::size_t kLongest = 128;  // longer inputs are not names typed by hand
  if (label.size() > kLongest) return {};
  // A few edits, growing with the name's length: "Daftwulie" finds "DaftWullie (1837)".
  const std::size_t limit = std::clamp<std::size_t>(label.size() / 4, 1, 3);
  struct Candidate {
    std::size_t distance;
    NodeId node;
  };
  std::vector<Candidate> best;  // sorted by (distance, node), at most `max`
  std::vector<std::size_t> row, next;
  // A cap on the work (a few tenths of a second): on a huge graph of look-alike labels the scan stops
  // with the suggestions found so far rather than keep a planner waiting for a typo.
  constexpr std::uint64_t kMaxCells = 200'000'000;
  std::uint64_t cells = 0;
  for (NodeId u = 0; u < graph_->labels.size() && cells < kMaxCells; ++u) {
    const std::string_view full = graph_->labels[u];
    const std::string_view display = display_name_of(full);
    const std::size_t bound = best.size() == max ? best.back().distance : limit;
    std::size_t d = bounded_distance(label, display, bound, row, next, cells);
    if (display.size() != full.size()) d = std::min(d, bounded_distance(label, full, bound, row, next, cells));
    if (d > bound || (best.size() == max && d == bound)) continue;
    const Candidate c{d, u};
    best.insert(std::upper_bound(best.begin(), best.end(), c,
                                 [](const Candidate& x, const Candidate& y) {
                                   return x.distance != y.distance ? x.distance < y.distance : x.node < y.node;
                                 }),
                c);
    if (best.size() > max) best.pop_back();
  }
  std::vector<std::string> out;
  for (const Candidate& c : best) out.push_back(graph_->labels[c.node]);
  return out;
}

}  // namespace kuchikomi
