// kuchikomi.simulate: Monte Carlo spread (diffusion/monte_carlo.hpp) with the same options and the
// same numbers as `kuchikomi simulate` for the same rng_seed, at any thread count.
#include <memory>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"

namespace kuchikomi::python {
namespace {

// The result owns its statistics; the per-node and per-run arrays are views into them.
struct SimulationResult {
  SpreadStatistics stats;
  std::vector<NodeId> seeds;
  std::string model;
  std::uint64_t rng_seed = 0;
  std::vector<UnknownUser> unknown_users;
  py::object graph_validation = py::none();  // the graph's `validation` when simulated
};
using ResultPtr = std::shared_ptr<SimulationResult>;

// One population's reach (every user, or the target segment), as a view into a SimulationResult.
struct ReachView {
  ResultPtr owner;
  const Reach* reach;
};

py::array_t<double> copy_array(const std::vector<double>& values) {
  return py::array_t<double>(static_cast<py::ssize_t>(values.size()), values.data());
}

template <class Class, class Get>
void bind_reach_fields(Class& c, Get reach) {
  c.def_property_readonly("mean", [reach](const typename Class::type& r) { return reach(r).summary.mean; },
                          "Mean number of users reached per run (seeds included).");
  c.def_property_readonly("stddev", [reach](const typename Class::type& r) { return reach(r).summary.stddev; },
                          "Sample standard deviation of the users reached per run.");
  c.def_property_readonly(
      "ci", [reach](const typename Class::type& r) { return py::make_tuple(reach(r).summary.ci95_low, reach(r).summary.ci95_high); },
      "(low, high): the 95% confidence interval of the mean.");
  c.def_property_readonly("min", [reach](const typename Class::type& r) { return reach(r).summary.min; });
  c.def_property_readonly("max", [reach](const typename Class::type& r) { return reach(r).summary.max; });
  c.def_property_readonly("new_per_step", [reach](const typename Class::type& r) { return copy_array(reach(r).new_per_step); },
                          "float64[T+1]: mean activations in round t (t = 0: the seeds).");
  c.def_property_readonly(
      "curve", [reach](const typename Class::type& r) { return copy_array(reach(r).cumulative_per_step); },
      "float64[T+1]: mean users reached by the end of round t (the spread over time).");
  c.def_property_readonly(
      "histogram",
      [reach](const typename Class::type& r) {
        const Reach& x = reach(r);
        return py::make_tuple(py::array_t<std::uint64_t>(static_cast<py::ssize_t>(x.histogram_edges.size()), x.histogram_edges.data()),
                              py::array_t<std::uint64_t>(static_cast<py::ssize_t>(x.histogram_counts.size()), x.histogram_counts.data()));
      },
      "(edges, counts): runs per bin; bin i covers [edges[i], edges[i+1]).");
}

}  // namespace

void bind_simulate(py::module_& m) {
  py::class_<ReachView> reach(m, "Reach", "How far spread went in one population (every user, or the target segment).");
  bind_reach_fields(reach, [](const ReachView& v) -> const Reach& { return *v.reach; });

  py::class_<SimulationResult, ResultPtr> result_class(m, "SimulationResult", R"doc(
The outcome of simulate(): `mean`, `ci`, `stddev`, `min`, `max`, `curve` (mean users reached by the
end of each round), `new_per_step`, `histogram` are those of every user (as `all`); `target` holds
the same figures for the target segment (None without one); `node_probability` is each user's
chance of being reached and `run_spread` every run's spread (NumPy views into the result, no copies).)doc");
  bind_reach_fields(result_class, [](const SimulationResult& r) -> const Reach& { return r.stats.all; });
  result_class.def_property_readonly("runs", [](const SimulationResult& r) { return r.stats.runs; }, "Monte Carlo runs done.");
  result_class.def_property_readonly("converged", [](const SimulationResult& r) { return r.stats.converged; },
                               "precision mode: False when max_runs stopped it first.");
  result_class.def_property_readonly("edges_examined", [](const SimulationResult& r) { return r.stats.edges_examined; });
  result_class.def_property_readonly("model", [](const SimulationResult& r) { return r.model; });
  result_class.def_property_readonly("rng_seed", [](const SimulationResult& r) { return r.rng_seed; });
  result_class.def_property_readonly("seeds", [](const SimulationResult& r) { return std::vector<NodeId>(r.seeds); },
                               "Seed node ids, duplicates removed (empty with random_seeds).");
  result_class.def_property_readonly("all", [](const ResultPtr& r) { return ReachView{r, &r->stats.all}; },
                               "Reach of every user.");
  result_class.def_property_readonly(
      "target",
      [](const ResultPtr& r) -> py::object {
        if (!r->stats.target) return py::none();
        return py::cast(ReachView{r, &*r->stats.target});
      },
      "Reach inside the target segment, or None.");
  result_class.def_property_readonly(
      "unknown_users", [](const SimulationResult& r) { return unknown_users_list(r.unknown_users); },
      "Users the lists named who are not in the graph, left out under unknown_users=\"skip\": "
      "[(argument, label), ...] in the order met (seeds, then target); empty otherwise.");
  result_class.def_property_readonly(
      "graph_validation", [](const SimulationResult& r) { return r.graph_validation; },
      "The graph's validation record (Graph.validation) when the simulation ran, as the CLI's JSON "
      "graph_validation; None when the graph has none.");
  result_class.def_property_readonly("target_size", [](const SimulationResult& r) { return r.stats.target_size; });
  result_class.def_property_readonly(
      "node_probability",
      [](py::object self) {
        const auto& r = self.cast<const SimulationResult&>();
        return shared_array(r.stats.node_probability.data(), r.stats.node_probability.size(), self);
      },
      "float64[n]: how often each user was reached (fraction of runs).");
  result_class.def_property_readonly(
      "run_spread",
      [](py::object self) {
        const auto& r = self.cast<const SimulationResult&>();
        return shared_array(r.stats.run_spread.data(), r.stats.run_spread.size(), self);
      },
      "uint32[runs]: users reached in run r at index r.");
  result_class.def("__repr__", [](const SimulationResult& r) {
    return "<kuchikomi.SimulationResult: " + r.model + ", " + std::to_string(r.stats.runs) + " runs, mean " +
           std::to_string(r.stats.all.summary.mean) + " [" + std::to_string(r.stats.all.summary.ci95_low) + ", " +
           std::to_string(r.stats.all.summary.ci95_high) + "]>";
  });

  m.def(
      "simulate",
      [](const InfluenceGraph& graph, const py::object& seeds, const std::string& model, std::optional<std::uint64_t> runs,
         std::uint64_t rng_seed, std::optional<unsigned> threads, std::optional<std::uint32_t> max_steps,
         const py::object& target, std::optional<double> precision, std::optional<std::uint64_t> max_runs,
         std::optional<std::uint32_t> random_seeds, bool per_node, const std::string& unknown_users) {
        SimulationOptions options;
        options.model = parse_diffusion_model(model);
        options.rng_seed = rng_seed;
        options.max_steps = max_steps.value_or(0);
        options.per_node_probabilities = per_node;
        if (precision) {
          if (runs) throw UsageError("runs and precision exclude each other", {"runs"});
          if (!(*precision > 0 && *precision < 1))
            throw UsageError("precision must be between 0 and 1 (e.g. 0.01 for a 1% relative half-width)", {"precision"});
          options.precision = *precision;
          if (max_runs) options.max_runs = *max_runs;
        } else {
          if (max_runs) throw UsageError("max_runs only applies with precision", {"max_runs"});
          options.runs = runs.value_or(options.runs);
        }
        auto result = std::make_shared<SimulationResult>();
        UserLookup users(graph, unknown_users);
        if (random_seeds) {
          if (!seeds.is_none()) throw UsageError("give seeds or random_seeds, not both", {"random_seeds"});
          if (*random_seeds < 1) throw UsageError("random_seeds must be at least 1", {"random_seeds"});
          if (*random_seeds > graph.num_nodes())
            throw InputError("random_seeds " + std::to_string(*random_seeds) + " is more than the graph's " +
                             std::to_string(graph.num_nodes()) + " users");
          options.random_seed_count = *random_seeds;
        } else {
          if (seeds.is_none()) throw UsageError("give the seed users (labels or ids) or random_seeds", {"seeds"});
          result->seeds = users.users(seeds, "seeds", false);
          if (result->seeds.empty() && !users.skipped().empty())  // as the CLI's --seeds-file
            throw InputError("seeds: none of the seed users is in the graph: the seed set is empty");
        }
        if (!target.is_none()) {
          options.target = users.users(target, "target", true);
          if (options.target.empty()) throw InputError("target: the target segment lists no users");
        }
        result->unknown_users = users.skipped();
        result->graph_validation = graph_validation_of(graph);
        result->model = diffusion_model_name(options.model);
        result->rng_seed = rng_seed;
        run_interruptible(threads, [&] {
          check_model_applicable(graph, options.model);
          result->stats = simulate_spread(graph, result->seeds, options);
        });
        return result;
      },
      py::arg("graph"), py::arg("seeds") = py::none(), py::kw_only(), py::arg("model") = "ic",
      py::arg("runs") = py::none(), py::arg("rng_seed") = 1, py::arg("threads") = py::none(),
      py::arg("max_steps") = py::none(), py::arg("target") = py::none(), py::arg("precision") = py::none(),
      py::arg("max_runs") = py::none(), py::arg("random_seeds") = py::none(), py::arg("node_probability") = true,
      py::arg("unknown_users") = "error", R"doc(
Monte Carlo spread of a seed set, as `kuchikomi simulate`: the same rng_seed gives the same numbers
as the CLI for any number of threads.

seeds: users by label (str) or node id (int), or a NumPy integer array. model: "ic" or "lt".
runs: Monte Carlo runs (default 10,000), or precision=E: run until the 95% CI half-width is at most
E x mean (at most max_runs, default 1,000,000). threads: cap on worker threads (None: every core).
max_steps: count activations in rounds 1..T only. target: users (or a user-list file) whose reach
is reported as `target`. random_seeds=K: instead of seeds, K users drawn at random in every run.
node_probability=False skips the per-user counts (8 bytes per user per thread).
unknown_users: "error" (default) or "skip": labels the graph lacks are left out and listed in the
result's unknown_users (the CLI's --unknown-users). The result's graph_validation is the graph's
validation record (Graph.validation), as the CLI's JSON graph_validation.
The GIL is released while it runs; Ctrl-C stops it with KeyboardInterrupt.)doc");
}

}  // namespace kuchikomi::python
