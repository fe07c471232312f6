// Lists of users given by label: seed files, target segments, exclude/include lists, cost tables.
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// One label per line (first comma/tab/whitespace-separated field; '#' comments and blank lines
// skipped; duplicates removed, first occurrence kept). Unknown labels: InputError with file:line.
std::vector<NodeId> read_user_list(const std::string& path, const LabelIndex& index);
// Labels given on the command line; `what` names the option in messages ("--seeds").
std::vector<NodeId> resolve_users(const std::vector<std::string>& labels, const LabelIndex& index,
                                  const std::string& what);
// "label,cost" (or tab/space separated) per line -> cost per node; unlisted users cost
// `default_cost`. Costs must be positive finite numbers.
std::vector<double> read_user_costs(const std::string& path, const LabelIndex& index, NodeId num_nodes,
                                    double default_cost);

}  // namespace kuchikomi
