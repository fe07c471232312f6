// Reach per tier ("this plan reaches 41% of likers"): a users file of `kuchikomi users` against a
// plan's per-user reach probabilities. Expected members reached = the sum of their probabilities of
// being reached (ambassadors count as reached), share = that over the tier's members in the graph.
// The results file holds ids, the users file labels: the graph the plan was made on maps one to the
// other, and must be that graph (its fingerprint must match the one the results file recorded).
#pragma once
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

struct ReportData;

struct SegmentReach {
  std::string tier;
  std::uint64_t users = 0;          // members that are users of the graph
  double expected_reached = 0;
  double share() const { return users ? expected_reached / static_cast<double>(users) : 0.0; }
};

struct SegmentReachTable {
  std::string users_path;
  std::vector<SegmentReach> tiers;  // in order of first appearance in the users file
  std::uint64_t not_in_graph = 0;   // rows naming users the graph does not have (never reached)
  std::vector<std::string> tier_of; // per graph user: its tier ("" when the file does not list it)
};

SegmentReachTable segment_reach(const std::vector<double>& node_probability, const InfluenceGraph& graph,
                                const std::vector<std::pair<std::string, std::string>>& user_tiers,
                                const std::string& users_path);

// Reads the users file and the graph (`graph_path`, or the one the results file names), checks that
// graph is the plan's, and computes the table. InputError when the results hold no per-user
// probabilities or the graph is another one.
SegmentReachTable segment_reach_for(const ReportData& data, const std::string& users_path, const std::string& graph_path);

// The page's "Reach per tier" section (empty without a table).
std::string segment_reach_html(const ReportData& data);

}  // namespace kuchikomi
