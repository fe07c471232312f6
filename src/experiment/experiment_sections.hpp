// One parser per section of an experiment file (experiment_config.hpp has the syntax). Each checks
// its keys and values where they are written and throws InputError naming the file and line.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include "ini_reader.hpp"
#include "kuchikomi/experiment/experiment_config.hpp"

namespace kuchikomi::experiment_ini {

// The section called `name`, or an empty one when the file has none.
const ini::Section& section_named(const std::vector<ini::Section>& sections, const std::string& name);

// "ic, lt:3" -> models, distinct by meaning ("ic" and "IC" are one model).
std::vector<ExperimentModel> model_list(const ini::Reader& r, const ini::Entry& e);

// [graph.NAME]: the graph's source, checked on disk (relative paths beside the .ini first).
ExperimentGraph parse_graph_section(const ini::Reader& r, const ini::Section& section,
                                    const std::filesystem::path& ini_dir);

// [grid]: fills the config's models, k values, repetitions, rng seed and threads; returns the rest.
struct Grid {
  std::vector<std::string> graphs;      // as listed (default: every graph, in file order)
  std::vector<std::string> algorithms;  // as listed
  std::vector<ini::Entry> knobs;        // epsilon, ell, delta, mc-runs written in [grid], range-checked
};
Grid parse_grid_section(const ini::Reader& r, const ini::Section& section, const std::vector<ExperimentGraph>& defined,
                        ExperimentConfig& config);

// An algorithm name of the registry (selection/algorithms.hpp), else an error listing them.
void check_algorithm_name(const ini::Reader& r, const std::string& name, int line);

// epsilon, ell, delta or mc-runs (the settings of selection/algorithms.hpp) into `a`, range-checked
// where written, not by the first cell that uses it (possibly hours into the grid); false for any
// other key.
bool read_knob(const ini::Reader& r, const ini::Entry& e, ExperimentAlgorithm& a);

// [algorithm.NAME] (may be absent: `section` empty): the algorithm's own defaults (its default
// epsilon), then the grid's knobs that it reads, then the section's, which may only set what it reads.
ExperimentAlgorithm parse_algorithm_section(const ini::Reader& r, const std::string& name, const ini::Section& section,
                                            const Grid& grid);

// [evaluation]: runs, rng seed, models.
void parse_evaluation_section(const ini::Reader& r, const ini::Section& section, ExperimentConfig& config);

}  // namespace kuchikomi::experiment_ini
