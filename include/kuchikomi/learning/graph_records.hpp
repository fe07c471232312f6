// What a graph file carries beside its edges once learned or validated. Two optional groups in the
// kuchikomi graph file (io/graph_file.hpp), written and read here so the graph format itself is
// unchanged and readers that do not know them ignore them:
//
//   /learning            attrs: method ("em"), prior ("zero", "const:P", "wc:S"), model ("ic"/"lt"),
//                               window (seconds; inf = none), adoptions (the log), split (the
//                               training items, in words), training_items, training_adoptions,
//                               held_out_items, items_without_users, observations, initiators,
//                               edges, edges_with_evidence, edges_nonzero,
//                               mean_learned_probability, lt_rescaled_users, em_iterations,
//                               em_converged (0/1), em_tolerance, em_max_iterations,
//                               em_log_likelihood, seconds, created_at, command_line
//   /learning/trials     uint32[m]   per /forward edge: the estimate's denominator (0 = no evidence:
//                                    the probability is the prior)
//   /learning/successes  float32[m]  per /forward edge: its numerator (A_{u2v}, summed credit, or
//                                    EM's expected successes)
//   /learning/log_likelihood float64[k]  EM only: L before each step, then at the result
//
//   /validation          attrs: graph, adoptions, split (the test items, in words), model,
//                               seed_rule, window, runs, rng_seed, validated_at, command_line, and
//                               the metrics twice, for the graph and for the baseline on the same
//                               items: items, rmse, mae, mean_log_ratio, spearman, within_2x,
//                               ranked_items, mean_auc, mean_average_precision, and
//                               baseline_items, baseline_rmse, ... (NaN where undefined)
//
// The HTML report can say "on <items> held-out cascades this model's predictions were within 2x of
// the real reach for <within_2x * 100>% of them" from /validation alone.
#pragma once
#include <optional>
#include <string>

#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/learning/influence_learning.hpp"
#include "kuchikomi/learning/validation.hpp"

namespace kuchikomi {

// The graph file plus /learning, atomically (temporary name, then rename).
void write_learned_graph(const LearnedInfluence& learned, const std::string& path);

// nullopt when the file has no /learning (or /validation) group. InputError if present but unreadable.
std::optional<LearningRecord> read_learning_record(const std::string& graph_path);
std::optional<ValidationRecord> read_validation_record(const std::string& graph_path);

// Replaces the graph file's /validation group with `record`: the file is copied to a temporary
// name beside it, updated there and renamed over the original, so an interrupted update leaves
// the old file intact. InputError if the file is not a kuchikomi graph or cannot be written.
void attach_validation_record(const std::string& graph_path, const ValidationRecord& record);

// The validation attributes on any location.
void write_validation_attributes(const hdf5::Location& where, const ValidationRecord& record);
ValidationRecord read_validation_attributes(const hdf5::Group& where);
// Just the metrics, each attribute name prefixed ("" or "baseline_"; also validate --out's groups).
void write_validation_metrics(const hdf5::Location& where, const std::string& prefix, const ValidationMetrics& metrics);
ValidationMetrics read_validation_metrics(const hdf5::Group& where, const std::string& prefix);

}  // namespace kuchikomi
