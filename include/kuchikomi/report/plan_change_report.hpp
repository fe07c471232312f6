// The what-if of `simulate --drop/--add` (diffusion/plan_change.hpp) as text and JSON.
#pragma once
#include <span>
#include <string>

#include "kuchikomi/diffusion/plan_change.hpp"
#include "kuchikomi/report/json_text.hpp"

namespace kuchikomi {

// "reach without X: ... change -12.3 [95% CI -13.0, -11.6], paired over N worlds" (labels escaped).
std::string plan_change_text(const InfluenceGraph& graph, std::span<const NodeId> dropped,
                             std::span<const NodeId> added, const PlanChange& change);
// {"dropped": [...], "added": [...], "base": {mean, ci95_low, ci95_high}, "changed": {...},
//  "difference": {mean, stddev, ci95_low, ci95_high}, "runs": N, "paired": true}
nlohmann::json plan_change_json(const InfluenceGraph& graph, std::span<const NodeId> dropped,
                                std::span<const NodeId> added, const PlanChange& change);

}  // namespace kuchikomi
