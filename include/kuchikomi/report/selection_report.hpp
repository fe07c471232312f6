// Everything a selection run produces, written three ways, each atomically (AtomicOutput):
//   HDF5 (kuchikomi-selection), readable with h5py:
//     /                 attrs: format="kuchikomi-selection", format_version, algorithm, graph, model,
//                              k, budget, budget_spent, estimated_spread, guarantee,
//                              approximation_ratio, rr_sets, rr_memory_bytes, rr_layout (RIS),
//                              rng_seed,
//                              command_line, config.<option> for every option given,
//                              graph_nodes, graph_edges, graph_source, graph_source_format,
//                              graph_probability_model, target_size (0 = no segment)
//     /graph_validation (only when the graph file has /validation): a copy of its attributes
//                       (learning/graph_records.hpp), so the report can say how far to trust the reach
//                              select --distributed only: distributed.ranks, .rr_memory_sum,
//                              .reductions, .dense_reduction_bytes, .greedy_rounds,
//                              .greedy_round_bytes, .bytes_sent_per_rank (rr_memory_bytes is then
//                              the largest rank's; JSON: a "distributed" object with the same)
//     /seeds/label_utf8, /seeds/label_offsets  the seeds' labels (a string list, io/hdf5_file.hpp),
//                       ranked: included seeds first, then in pick order
//     /seeds/id         uint32[s]             dense node ids in the graph file
//     /seeds            attr curve_source: "algorithm", or "evaluation" when a heuristic's gains
//                       and curve were measured by the evaluation
//     /seeds/marginal_gain float64[s]         the algorithm's own estimate (see curve_source)
//     /seeds/cost       float64[s]
//     /seeds/fixed      uint8[s]              1 = came from --include
//     /seeds/spread_curve float64[s]          estimated spread of the first 1..s seeds (empty for a
//                                             heuristic run without evaluation)
//     /phases/name, /phases/seconds           time per phase
//     /evaluation       attrs: runs, mean, stddev, ci95_low, ci95_high (+ target_* with a segment);
//                       /evaluation/cumulative_per_step float64  (absent when evaluation skipped)
//                       /evaluation/spread_curve float64[s]: evaluated spread of the first 1..s
//                       seeds on the same worlds (last entry = mean; target spread with a segment)
//                       min, max; new_per_step float64[T+1] (step 0 = the seeds),
//                       histogram_edges uint64[b+1], histogram_counts uint64[b] (spread per run),
//                       target_cumulative_per_step, target_new_per_step (with a segment),
//                       top_reached/{id uint32, label (string list), probability float64}: the 100 non-seed
//                       users reached most often, most likely first (when per-node figures were kept),
//                       attrs users_reached_p50 / _p90: non-seed users reached in >= 50% / 90% of runs,
//                       node_probability float64[n]: every user's share of runs reaching it (same condition)
//     graph_fingerprint (root attr): graph/graph_fingerprint.hpp, to compare plans on the same graph
//     /explanation      each ambassador's part (report/plan_explanation_report.hpp)
//   JSON (always valid UTF-8: report/json_text.hpp): the run's headline content as one object (for --json and scripts): seeds, gains, curve,
//         settings, guarantee, the evaluation's summary; the per-step and per-user arrays and the
//         graph's provenance are in the HDF5 file only.
//   CSV:  rank,user,committed,extra_reach,cost,total_reach,share_of_users — one row per seed, for
//         spreadsheets: committed = yes for --include users; reach from the evaluation when it ran, else
//         the algorithm's estimate; share of all users (of the segment with --target); labels through
//         csv_field (formula guard); a UTF-8 byte-order mark first when asked (--csv-bom).
//   Text: the summary `select` prints (beside simulation_summary_text).
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kuchikomi/diffusion/plan_explanation.hpp"
#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/learning/validation.hpp"
#include "kuchikomi/report/model_band_report.hpp"
#include "kuchikomi/selection/selection_problem.hpp"

namespace kuchikomi {

// Users kept in a results file's "who is reached" list (the report shows at most this many).
inline constexpr std::size_t kTopReachedStored = 100;

struct SelectionRunInfo {
  std::string graph_path;
  std::string command_line;
  std::vector<std::pair<std::string, std::string>> config;  // option -> value as given
  bool evaluated = false;
  SpreadStatistics evaluation;  // independent Monte Carlo check of the chosen set
  // On the evaluation's worlds: spread (target spread with a segment) of the first 1..s seeds;
  // its last entry equals the evaluation's mean. Empty when the evaluation was skipped.
  std::vector<double> evaluated_curve;
  std::vector<UnknownUser> unknown_users;  // list entries not in the graph, skipped (--unknown-users skip)
  // Each ambassador's part, on the evaluation's worlds (independent cascade only).
  std::optional<PlanExplanation> explanation;
  // The plan's reach under the standard probability models (when the graph was never validated).
  ModelBandData model_band;
  // The graph file's /validation record, copied into the results so that the report can say how
  // far the reach figures are to be trusted (nullopt: the graph was never validated).
  std::optional<ValidationRecord> graph_validation;
};

class AtomicOutput;

// Into `output`'s temporary; the caller commits it (with the command's other outputs).
void write_selection_hdf5(AtomicOutput& output, const InfluenceGraph& graph, const SelectionProblem& problem,
                          const SelectionResult& result, const SelectionRunInfo& info);
void write_selection_hdf5(const std::string& path, const InfluenceGraph& graph, const SelectionProblem& problem,
                          const SelectionResult& result, const SelectionRunInfo& info);
std::string selection_json(const InfluenceGraph& graph, const SelectionProblem& problem, const SelectionResult& result,
                           const SelectionRunInfo& info);
std::string selection_seeds_csv(const InfluenceGraph& graph, const SelectionProblem& problem,
                                const SelectionResult& result, const SelectionRunInfo& info, bool byte_order_mark = false);
// The run as text for a terminal: settings, the ranked seeds, estimate, guarantee, RR sets and
// memory, distribution, time per phase, the evaluation, then "wrote `written`" (labels escaped).
std::string selection_summary_text(const InfluenceGraph& graph, const SelectionProblem& problem,
                                   const SelectionResult& result, const SelectionRunInfo& info,
                                   const std::string& written);

}  // namespace kuchikomi
