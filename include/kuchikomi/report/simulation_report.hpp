// Output of `kuchikomi simulate`: the HDF5 results file, the readable summary and the JSON summary.
//
// sim.h5 layout (plain HDF5; h5py: f["spread"].attrs["mean"], f["nodes/activation_probability"][:]):
//   /                 attrs: format="kuchikomi-simulation", format_version=2, kuchikomi_version,
//                            graph, graph_nodes, graph_edges, graph_probability_model,
//                            graph_fingerprint (graph/graph_fingerprint.hpp), graph_source, model,
//                            seeds (labels, comma-joined), random_seeds (users drawn at random
//                            per run; 0 = the fixed seeds below), runs (done), runs_requested, precision,
//                            max_runs, batch_runs, converged, rng_seed, threads, max_steps (0 = none),
//                            target (file or ""), target_size, edges_examined, seconds, command_line
//   /seeds/id               uint32[k]    distinct seed ids, as given (empty with random_seeds > 0)
//   /seeds/label_utf8, /seeds/label_offsets   the seeds' labels (a string list, io/hdf5_file.hpp)
//   /spread                 attrs mean, stddev, ci95_low, ci95_high, min, max (95% CI: normal
//                           approximation on the mean)
//   /spread/histogram_edges uint64[b+1]  bin i counts runs with spread in [edges[i], edges[i+1])
//   /spread/histogram_counts uint64[b]
//   /spread/run_spread      uint32[runs] users reached in run r (seeds included), by run index
//   /steps/new_mean         float64[T+1] mean activations in round t (t = 0: the seeds)
//   /steps/cumulative_mean  float64[T+1]
//   /nodes/activation_probability float64[n]  fraction of runs in which each node was reached
//   /target (only with a target segment): same attrs as /spread, and id uint32[], label (string list),
//           activation_probability float64[], new_mean, cumulative_mean, histogram_edges/_counts
//   /graph_validation (only when the graph file has /validation): a copy of its attributes
//                     (learning/graph_records.hpp), so the report can say how far to trust the reach
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/learning/validation.hpp"

namespace kuchikomi {

class AtomicOutput;
namespace hdf5 {
class Location;
}

inline constexpr const char* kSimulationFormat = "kuchikomi-simulation";
// 2: labels as bytes + offsets and fixed-length text attributes (io/hdf5_file.hpp).
inline constexpr std::int64_t kSimulationFormatVersion = 2;

// The configuration of a simulation, recorded next to its results.
struct SimulationRecord {
  std::string graph_path;
  std::string model;                // "ic" / "lt"
  std::vector<NodeId> seeds;        // distinct, in the order given (empty with random_seeds)
  std::uint32_t random_seeds = 0;   // > 0: that many users drawn at random in every run
  std::uint64_t runs_requested = 0; // --runs (0 in precision mode)
  double precision = 0;
  std::uint64_t max_runs = 0;
  std::uint64_t batch_runs = 0;     // precision mode checks its rule every batch_runs runs
  std::uint64_t rng_seed = 0;
  std::uint64_t threads = 0;        // threads TBB was allowed to use
  std::uint32_t max_steps = 0;
  std::string target_path;
  std::vector<NodeId> target;       // distinct target ids (empty: none)
  std::vector<UnknownUser> unknown_users;  // list entries not in the graph, skipped (--unknown-users skip)
  std::string command_line;
  double seconds = 0;               // wall time of the simulation
  std::optional<ValidationRecord> graph_validation;  // the graph's /validation record, if it has one
};

// mean, stddev, ci95_low, ci95_high, min, max as attributes of `where` (/spread, /target, a
// selection's /evaluation).
void write_summary_attributes(const hdf5::Location& where, const SummaryStatistics& s);

// Writes the layout above into `output`'s temporary; the caller commits it.
void write_simulation_file(AtomicOutput& output, const InfluenceGraph& graph, const SimulationRecord& record,
                           const SpreadStatistics& stats);
// The same, atomically, to `path`.
void write_simulation_file(const std::string& path, const InfluenceGraph& graph, const SimulationRecord& record,
                           const SpreadStatistics& stats);

// Most often reached non-seed users: (node, probability), probability descending, ties by id.
std::vector<std::pair<NodeId, double>> top_reached_users(const SpreadStatistics& stats,
                                                         const std::vector<NodeId>& seeds, std::size_t count);

// Human-readable summary (spread ± CI, target figures, the step curve, top reached users).
std::string simulation_summary_text(const InfluenceGraph& graph, const SimulationRecord& record,
                                    const SpreadStatistics& stats, const std::string& out_path, std::size_t top = 10);
// The same as a JSON document (pretty-printed), for --json.
std::string simulation_summary_json(const InfluenceGraph& graph, const SimulationRecord& record,
                                    const SpreadStatistics& stats, const std::string& out_path, std::size_t top = 10);

}  // namespace kuchikomi
