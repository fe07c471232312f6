// Fuzz target: user lists (--seeds-file, --target, --exclude, --include), cost files (--costs) and
// --seeds label lists, resolved against a graph's labels.
//
// Feeds: byte 0 picks the reader (user list, cost file, --seeds text, or all three) and whether the
// graph has implicit numeric labels ("0", "1", ...). The rest is `LABELS \0 LIST`: the graph's
// labels, one per line, then the list text; without a NUL byte the whole rest is the list, against
// labels such as "Blue (26)", "Kim, Lee", quotes, "user", "cost" and "#1".
// Must hold: only InputError/UsageError reject; a user list holds distinct users of the graph;
// costs have one entry per user, each positive and finite.
#include <cmath>
#include <set>
#include <unordered_set>

#include "fuzz_support.hpp"
#include "kuchikomi/io/user_list.hpp"

namespace {

using namespace kuchikomi;

void check_users(const std::vector<NodeId>& users, NodeId n) {
  std::unordered_set<NodeId> seen;
  for (NodeId u : users) {
    KUCHIKOMI_FUZZ_CHECK(u < n);
    KUCHIKOMI_FUZZ_CHECK(seen.insert(u).second);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > kuchikomi::fuzz::kMaxInput || size < 1) return -1;
  const std::uint8_t choice = data[0];
  std::string_view rest = kuchikomi::fuzz::as_text(data + 1, size - 1);

  std::vector<std::string> labels{"Blue (26)", "Kim, Lee", "say \"hi\"", "u3", "user", "cost", "#1", " padded ",
                                   "a,b,c", "rank", "7"};
  const auto nul = rest.find('\0');
  if (nul != std::string_view::npos) {
    labels.clear();
    std::set<std::string_view> distinct;  // graph labels are distinct (the interner makes them so)
    std::string_view part = rest.substr(0, nul);
    while (!part.empty()) {
      const auto eol = part.find('\n');
      const std::string_view label = part.substr(0, eol);
      part.remove_prefix(eol == std::string_view::npos ? part.size() : eol + 1);
      if (distinct.insert(label).second) labels.emplace_back(label);
    }
    rest.remove_prefix(nul + 1);
  }
  const bool numeric = (choice & 4) != 0;
  const auto n = static_cast<NodeId>(numeric ? 1000 : labels.size());
  InfluenceGraph graph = build_influence_graph(n, {}, numeric ? std::vector<std::string>{} : labels);
  const LabelIndex index(graph);

  const unsigned reader = choice & 3;
  if (reader == 0 || reader == 3)
    kuchikomi::fuzz::expect_clean_rejection([&] { check_users(parse_user_list(rest, "fuzz.txt", index), n); });
  if (reader == 1 || reader == 3)
    kuchikomi::fuzz::expect_clean_rejection([&] {
      const std::vector<double> costs = parse_user_costs(rest, "fuzz.csv", index, n, 1.0);
      KUCHIKOMI_FUZZ_CHECK(costs.size() == n);
      for (double c : costs) KUCHIKOMI_FUZZ_CHECK(std::isfinite(c) && c > 0.0);
    });
  if (reader == 2 || reader == 3)
    kuchikomi::fuzz::expect_clean_rejection(
        [&] { check_users(resolve_label_list(std::string(rest), index, "--seeds"), n); });
  return 0;
}
