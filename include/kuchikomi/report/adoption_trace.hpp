// Every simulated run's activations as an adoption log (user,item,time: item = run number, time =
// the round the user became active, 0 for the seeds): synthetic cascades whose true probabilities
// are known, for graph learn and validate (`simulate --trace`).
#pragma once
#include <cstdint>
#include <functional>
#include <span>
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// A SimulationOptions::trace that appends each run to `csv` (which it starts with the header).
// Runs are handed over in order, so the log is in run order; `csv` must outlive the simulation.
std::function<void(std::uint64_t, std::span<const NodeId>, std::span<const std::uint32_t>)> adoption_trace(
    const InfluenceGraph& graph, std::string& csv);

}  // namespace kuchikomi
