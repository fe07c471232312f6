// /learning and /validation in graph files (layout in learning/graph_records.hpp).
#include "kuchikomi/learning/graph_records.hpp"

#include <limits>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"

namespace kuchikomi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string text(const hdf5::Group& at, const std::string& name) {
  return at.has_attribute(name) ? at.string_attribute(name) : std::string();
}
double number(const hdf5::Group& at, const std::string& name, double otherwise = kNaN) {
  return at.has_attribute(name) ? at.double_attribute(name) : otherwise;
}
std::uint64_t count(const hdf5::Group& at, const std::string& name) {
  return at.has_attribute(name) ? at.uint_attribute(name) : 0;
}

}  // namespace

void write_validation_metrics(const hdf5::Location& at, const std::string& prefix, const ValidationMetrics& m) {
  at.set_attribute(prefix + "items", m.items);
  at.set_attribute(prefix + "rmse", m.rmse);
  at.set_attribute(prefix + "mae", m.mae);
  at.set_attribute(prefix + "mean_log_ratio", m.mean_log_ratio);
  at.set_attribute(prefix + "spearman", m.spearman);
  at.set_attribute(prefix + "within_2x", m.within_2x);
  at.set_attribute(prefix + "ranked_items", m.ranked_items);
  at.set_attribute(prefix + "mean_auc", m.mean_auc);
  at.set_attribute(prefix + "mean_average_precision", m.mean_average_precision);
}

ValidationMetrics read_validation_metrics(const hdf5::Group& at, const std::string& prefix) {
  ValidationMetrics m;
  m.items = count(at, prefix + "items");
  m.rmse = number(at, prefix + "rmse");
  m.mae = number(at, prefix + "mae");
  m.mean_log_ratio = number(at, prefix + "mean_log_ratio");
  m.spearman = number(at, prefix + "spearman");
  m.within_2x = number(at, prefix + "within_2x");
  m.ranked_items = count(at, prefix + "ranked_items");
  m.mean_auc = number(at, prefix + "mean_auc");
  m.mean_average_precision = number(at, prefix + "mean_average_precision");
  return m;
}

void write_validation_attributes(const hdf5::Location& at, const ValidationRecord& r) {
  at.set_attribute("graph", r.graph);
  at.set_attribute("adoptions", r.adoptions);
  at.set_attribute("split", r.split);
  at.set_attribute("model", r.model);
  at.set_attribute("seed_rule", r.seed_rule);
  at.set_attribute("window", r.window);
  at.set_attribute("runs", r.runs);
  at.set_attribute("rng_seed", r.rng_seed);
  at.set_attribute("validated_at", r.validated_at);
  at.set_attribute("command_line", r.command_line);
  write_validation_metrics(at, "", r.metrics);
  write_validation_metrics(at, "baseline_", r.baseline);
}

ValidationRecord read_validation_attributes(const hdf5::Group& at) {
  ValidationRecord r;
  r.graph = text(at, "graph");
  r.adoptions = text(at, "adoptions");
  r.split = text(at, "split");
  r.model = text(at, "model");
  r.seed_rule = text(at, "seed_rule");
  r.window = number(at, "window", kNoWindow);
  r.runs = count(at, "runs");
  r.rng_seed = count(at, "rng_seed");
  r.validated_at = text(at, "validated_at");
  r.command_line = text(at, "command_line");
  r.metrics = read_validation_metrics(at, "");
  r.baseline = read_validation_metrics(at, "baseline_");
  return r;
}

namespace {

void write_learning_group(const hdf5::Location& root, const LearningRecord& r, const std::vector<std::uint32_t>& trials,
                          const std::vector<float>& successes, const std::vector<double>& log_likelihood) {
  const hdf5::Location g = root.create_group("learning");
  g.set_attribute("method", r.method);
  g.set_attribute("prior", r.prior);
  g.set_attribute("model", r.model);
  g.set_attribute("window", r.window);
  g.set_attribute("adoptions", r.adoptions);
  g.set_attribute("split", r.split);
  g.set_attribute("training_items", r.training_items);
  g.set_attribute("training_adoptions", r.training_adoptions);
  g.set_attribute("held_out_items", r.held_out_items);
  g.set_attribute("items_without_users", r.items_without_users);
  g.set_attribute("observations", r.observations);
  g.set_attribute("initiators", r.initiators);
  g.set_attribute("edges", r.edges);
  g.set_attribute("edges_with_evidence", r.edges_with_evidence);
  g.set_attribute("edges_nonzero", r.edges_nonzero);
  g.set_attribute("mean_learned_probability", r.mean_learned_probability);
  g.set_attribute("lt_rescaled_users", r.lt_rescaled_users);
  g.set_attribute("em_iterations", static_cast<std::uint64_t>(r.em_iterations));
  g.set_attribute("em_converged", static_cast<std::int64_t>(r.em_converged));
  g.set_attribute("em_tolerance", r.em_tolerance);
  g.set_attribute("em_max_iterations", static_cast<std::uint64_t>(r.em_max_iterations));
  g.set_attribute("em_log_likelihood", r.em_log_likelihood);
  g.set_attribute("seconds", r.seconds);
  g.set_attribute("created_at", r.created_at);
  g.set_attribute("command_line", r.command_line);
  g.write("trials", trials);
  g.write("successes", successes);
  if (!log_likelihood.empty()) g.write("log_likelihood", log_likelihood);
}

// The learning group's evidence arrays, checked to hold one value per forward edge.
struct StoredLearning {
  LearningRecord record;
  std::vector<std::uint32_t> trials;
  std::vector<float> successes;
  std::vector<double> log_likelihood;
};

LearningRecord learning_attributes(const hdf5::Group& g);

std::optional<StoredLearning> read_stored_learning(const std::string& graph_path, EdgeId edges) {
  const auto file = hdf5::open_file(graph_path);
  if (!file.has("learning")) return std::nullopt;
  const auto g = file.open_group("learning");
  StoredLearning stored{learning_attributes(g), g.read<std::uint32_t>("trials"), g.read<float>("successes"),
                        g.has("log_likelihood") ? g.read<double>("log_likelihood") : std::vector<double>{}};
  if (stored.trials.size() != edges || stored.successes.size() != edges)
    throw InputError(graph_path, 0, "/learning holds evidence for " + std::to_string(stored.trials.size()) +
                                        " edges, the graph has " + std::to_string(edges));
  return stored;
}

}  // namespace

void write_learned_graph(const LearnedInfluence& learned, const std::string& path) {
  const EdgeId m = learned.graph.num_edges();
  if (learned.trials.size() != m || learned.successes.size() != m)
    throw std::logic_error("learned evidence arrays do not match the graph's edges");
  AtomicOutput output(path);
  write_graph_file(learned.graph, output, [&](const hdf5::Location& root) {
    write_learning_group(root, learned.record, learned.trials, learned.successes, learned.log_likelihood);
  });
  output.commit();
}

std::optional<LearningRecord> read_learning_record(const std::string& graph_path) {
  const auto file = hdf5::open_file(graph_path);
  if (!file.has("learning")) return std::nullopt;
  return learning_attributes(file.open_group("learning"));
}

namespace {

LearningRecord learning_attributes(const hdf5::Group& g) {
  LearningRecord r;
  r.method = text(g, "method");
  r.prior = text(g, "prior");
  r.model = text(g, "model");
  r.window = number(g, "window", kNoWindow);
  r.adoptions = text(g, "adoptions");
  r.split = text(g, "split");
  r.training_items = count(g, "training_items");
  r.training_adoptions = count(g, "training_adoptions");
  r.held_out_items = count(g, "held_out_items");
  r.items_without_users = count(g, "items_without_users");
  r.observations = count(g, "observations");
  r.initiators = count(g, "initiators");
  r.edges = count(g, "edges");
  r.edges_with_evidence = count(g, "edges_with_evidence");
  r.edges_nonzero = count(g, "edges_nonzero");
  r.mean_learned_probability = number(g, "mean_learned_probability");
  r.lt_rescaled_users = count(g, "lt_rescaled_users");
  r.em_iterations = static_cast<std::uint32_t>(count(g, "em_iterations"));
  r.em_converged = count(g, "em_converged") != 0;
  r.em_tolerance = number(g, "em_tolerance", 0);
  r.em_max_iterations = static_cast<std::uint32_t>(count(g, "em_max_iterations"));
  r.em_log_likelihood = number(g, "em_log_likelihood");
  r.seconds = number(g, "seconds");
  r.created_at = text(g, "created_at");
  r.command_line = text(g, "command_line");
  return r;
}

}  // namespace

std::optional<ValidationRecord> read_validation_record(const std::string& graph_path) {
  const auto file = hdf5::open_file(graph_path);
  if (!file.has("validation")) return std::nullopt;
  return read_validation_attributes(file.open_group("validation"));
}

void attach_validation_record(const std::string& graph_path, const ValidationRecord& record) {
  // Everything the file holds is read (and checked) first, then the file is written anew with the
  // record added and renamed over the old one: the old file is never opened for writing, and an
  // interrupted update leaves it intact.
  const InfluenceGraph graph = read_graph_file(graph_path);
  const auto learning = read_stored_learning(graph_path, graph.num_edges());
  AtomicOutput output(graph_path);
  write_graph_file(graph, output, [&](const hdf5::Location& root) {
    if (learning)
      write_learning_group(root, learning->record, learning->trials, learning->successes, learning->log_likelihood);
    write_validation_attributes(root.create_group("validation"), record);
  });
  output.commit();
}

}  // namespace kuchikomi
