// `kuchikomi report`: one self-contained HTML page for a results file, readable by a marketer and
// viewable offline (inline CSS and SVG charts, no scripts, no fonts or images fetched).
//
// Input: a selection file (format "kuchikomi-selection", written by `kuchikomi select`, layout in
// selection_report.hpp) or a simulation file ("kuchikomi-simulation", simulation_report.hpp).
// The page: headline (seeds, one labelled figure per question: target segment, then everyone, with
// 95% CIs; budget spent; the guarantee in plain words, report/plain_words.hpp), ranked ambassadors
// (label, marginal gain, cost, cumulative spread), spread-vs-k chart, reach over time, distribution
// of reach, top reached users, what each ambassador brings (report/plan_explanation_report.hpp),
// reach per tier (report/segment_reach.hpp, with a users file), reach under the standard
// probability models (report/model_band_report.hpp), settings and guarantee, and how far to trust
// the reach: the graph's validation record on real cascades, or that it has none.
// Every label is HTML-escaped; every number shown in a table carries its exact value in a
// data-value attribute (so tests and scrapers need not parse the rounded text).
#pragma once
#include <cstdint>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "kuchikomi/diffusion/spread_statistics.hpp"
#include "kuchikomi/learning/validation.hpp"
#include "kuchikomi/report/model_band_report.hpp"
#include "kuchikomi/report/plan_explanation_report.hpp"
#include "kuchikomi/report/segment_reach.hpp"

namespace kuchikomi {

// Everything the page shows, read from the results file.
struct ReportData {
  std::string source_path;         // the results file
  std::string format;              // "kuchikomi-selection" or "kuchikomi-simulation"
  bool is_selection = true;

  // Run settings.
  std::string algorithm, model, guarantee, command_line;
  std::uint64_t k = 0, rng_seed = 0, max_steps = 0, rr_sets = 0, rr_memory_bytes = 0;
  double budget = 0, budget_spent = 0, estimated_spread = 0, approximation_ratio = 0;
  std::vector<std::pair<std::string, std::string>> config;  // option -> value as given
  std::vector<std::pair<std::string, double>> phases;       // phase -> seconds
  std::uint64_t max_seeds = 0;     // with a budget: at most this many seeds (0 = none)
  std::string stopped_by;          // "k", "budget", "no_gain" (empty in older files)
  std::vector<std::pair<std::string, std::string>> unknown_users;  // (option, label) left out of lists

  // Graph provenance (0 / empty when the file predates these attributes).
  std::string graph_path, graph_source, graph_source_format, graph_probability_model;
  std::uint64_t graph_nodes = 0, graph_edges = 0;
  // The graph's validation record on held-out real cascades, as the results file copied it from the
  // graph file (nullopt: never validated, or made before results carried it).
  std::optional<ValidationRecord> graph_validation;

  struct Seed {
    std::string label;
    std::uint32_t id = 0;
    double marginal_gain = 0, cost = 1, cumulative_spread = 0;
    bool fixed = false;
  };
  std::vector<Seed> seeds;  // ranked
  bool has_gains = true;    // false for simulation files (seeds given, not selected)
  bool curve_from_evaluation = false;  // the gains and curve are the evaluation's (heuristics), not the algorithm's

  // Independent Monte Carlo evaluation (for a simulation file: the simulation itself), for every
  // user and for the target segment when the file has one. Holds what the file has: min and max are
  // not read, a selection file has no histogram or sd for the segment, steps may be missing.
  bool evaluated = false;
  std::uint64_t runs = 0;
  Reach all;
  std::optional<Reach> target;
  std::uint64_t target_size = 0;
  std::vector<double> evaluated_curve;  // evaluation's spread of the first 1..s seeds (may be empty)
  struct Reached {
    std::string label;
    std::uint32_t id = 0;
    double probability = 0;
  };
  std::vector<Reached> top_reached;  // most likely first, seeds excluded
  bool has_likely_counts = false;
  std::uint64_t users_reached_p50 = 0, users_reached_p90 = 0;  // non-seed users reached in >= 50% / 90% of runs
  ExplanationData explanation;                 // each ambassador's part (selection files)
  std::string graph_fingerprint;          // empty when the file predates it
  std::vector<double> node_probability;   // every user's chance of being reached (empty if not kept)
  std::optional<SegmentReachTable> segments;  // reach per tier, when a users file was given
  ModelBandData model_band;                    // reach under the standard probability models
};

// Reads a selection or simulation file. Throws InputError naming the file and the missing or
// inconsistent part when it is not HDF5, not a kuchikomi results file, or incomplete.
ReportData read_report_data(const std::string& results_path);
// The same for a results file held in memory (`name` is for messages).
ReportData read_report_data_image(std::span<const std::byte> image, const std::string& name);

struct HtmlReportOptions {
  std::string title;            // page heading; empty = "Word-of-mouth campaign: <algorithm> on <graph>"
  std::size_t top_reached = 20; // rows in the "who is reached" table
  std::string users_path;       // a users file of `kuchikomi users`: reach per tier
  std::string graph_path;       // the plan's graph (default: the one the results file names)
};

// The page's CSS, for other pages in the same style (the plan comparison).
std::string_view report_stylesheet();

// The whole page as one string (UTF-8).
std::string render_html_report(const ReportData& data, const HtmlReportOptions& options = {});

// read_report_data + render_html_report, written atomically to `out_path` (no partial file on error).
void write_html_report(const std::string& results_path, const std::string& out_path,
                       const HtmlReportOptions& options = {});

}  // namespace kuchikomi
