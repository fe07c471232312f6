// kuchikomi.select: seed selection through the algorithm registry (selection/algorithms.hpp) and the
// independent evaluation (selection/evaluation.hpp), with every constraint of `kuchikomi select` and
// the same numbers for the same rng_seed.
#include <cmath>
#include <memory>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/selection/algorithms.hpp"
#include "kuchikomi/selection/evaluation.hpp"

namespace kuchikomi::python {
namespace {

// As `select`: per-user reach counts cost 8 bytes per user per thread, so larger graphs skip them.
constexpr NodeId kPerUserCountsMaxUsers = NodeId{1} << 23;

struct Selection {
  SelectionResult result;
  std::optional<SelectionEvaluation> evaluation;
  std::vector<std::string> labels;
  std::vector<UnknownUser> unknown_users;
  py::object graph_validation = py::none();  // the graph's `validation` when selected
};

// Costs per node from a dict {user: cost} (unlisted users cost 1), a sequence of n costs, or a path
// of a "user,cost" file read as the CLI's --costs.
std::vector<double> costs_from_python(const InfluenceGraph& graph, const py::object& costs, UserLookup& users) {
  if (is_path(costs)) return read_user_costs(path_text(costs), users.index(), graph.num_nodes(), 1.0, users.policy("costs"));
  std::vector<double> out(graph.num_nodes(), 1.0);
  if (py::isinstance<py::dict>(costs)) {
    for (const auto& [user, cost] : costs.cast<py::dict>()) {
      const double value = cost.cast<double>();
      if (const auto id = users.user(user, "costs")) out[*id] = value;
    }
  } else {
    const auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(costs);
    if (!array || array.ndim() != 1 || array.size() != static_cast<py::ssize_t>(graph.num_nodes()))
      throw UsageError("costs must be a dict {user: cost}, one cost per node or a 'user,cost' file", {"costs"});
    for (py::ssize_t i = 0; i < array.size(); ++i) out[static_cast<std::size_t>(i)] = array.at(i);
  }
  for (NodeId u = 0; u < graph.num_nodes(); ++u)
    if (!(out[u] > 0) || !std::isfinite(out[u]))
      throw InputError("costs: the cost of '" + graph.label(u) + "' is " + std::to_string(out[u]) +
                       ", not a positive finite number");
  return out;
}

}  // namespace

void bind_select(py::module_& m) {
  py::class_<Selection, std::shared_ptr<Selection>> selection(m, "Selection", R"doc(
The outcome of select(): the ranked seeds (`seeds`: node ids, `labels`), the algorithm's own
marginal `gains` and `spread_curve`, its `guarantee`, and `evaluation`: an independent Monte Carlo
estimate of the whole set (a SimulationResult-like Reach with `mean`, `ci`, `curve`) and
`evaluated_curve`, the evaluated spread of every prefix of the ranking.)doc");
  selection.def_property_readonly("algorithm", [](const Selection& s) { return s.result.algorithm; });
  selection.def_property_readonly(
      "seeds",
      [](const Selection& s) {
        std::vector<NodeId> ids;
        for (const auto& seed : s.result.seeds) ids.push_back(seed.node);
        return owned_array(std::move(ids));
      },
      "uint32[k]: node ids, ranked (include first, then in the order picked).");
  selection.def_property_readonly("labels", [](const Selection& s) { return s.labels; }, "Labels of the seeds, ranked.");
  selection.def_property_readonly(
      "gains",
      [](const Selection& s) {
        std::vector<double> gains;
        for (const auto& seed : s.result.seeds) gains.push_back(seed.marginal_gain);
        return owned_array(std::move(gains));
      },
      "float64[k]: the algorithm's estimate of each seed's marginal gain.");
  selection.def_property_readonly(
      "costs",
      [](const Selection& s) {
        std::vector<double> costs;
        for (const auto& seed : s.result.seeds) costs.push_back(seed.cost);
        return owned_array(std::move(costs));
      });
  selection.def_property_readonly(
      "fixed",
      [](const Selection& s) {
        std::vector<bool> fixed;
        for (const auto& seed : s.result.seeds) fixed.push_back(seed.fixed);
        return fixed;
      },
      "Per seed: True when it came from `include`.");
  selection.def_property_readonly("spread_curve", [](const Selection& s) { return std::vector<double>(s.result.spread_curve); },
                                  "The algorithm's estimate of the spread of the first i+1 seeds.");
  selection.def_property_readonly("estimated_spread", [](const Selection& s) { return s.result.estimated_spread; });
  selection.def_property_readonly("guarantee", [](const Selection& s) { return s.result.guarantee; });
  selection.def_property_readonly("approximation_ratio", [](const Selection& s) { return s.result.approximation_ratio; });
  selection.def_property_readonly("rr_sets", [](const Selection& s) { return s.result.rr_sets; });
  selection.def_property_readonly("rr_memory_bytes", [](const Selection& s) { return s.result.rr_memory_bytes; });
  selection.def_property_readonly("rr_layout", [](const Selection& s) { return s.result.rr_layout; },
                                  "RIS: 'plain', or 'packed index' / 'packed sets and index' when packed to fit "
                                  "max_memory (the same seeds, slower); '' for other algorithms.");
  selection.def_property_readonly("budget_spent", [](const Selection& s) { return s.result.budget_spent; });
  selection.def_property_readonly(
      "stopped_by", [](const Selection& s) { return std::string(selection_stop_key(s.result.stopped_by)); },
      "Why no further seed was added, as the CLI's JSON stopped_by: \"k\" (the seed count was reached), "
      "\"budget\" (no candidate left fits the budget) or \"no_gain\" (none adds anything, or none is left).");
  selection.def_property_readonly(
      "stopped_by_text", [](const Selection& s) { return std::string(selection_stop_text(s.result.stopped_by)); },
      "stopped_by in words (the CLI's stopped_by_text).");
  selection.def_property_readonly(
      "unknown_users", [](const Selection& s) { return unknown_users_list(s.unknown_users); },
      "Users the lists named who are not in the graph, left out under unknown_users=\"skip\": "
      "[(argument, label), ...] in the order met (exclude, include, target, costs); empty otherwise.");
  selection.def_property_readonly(
      "graph_validation", [](const Selection& s) { return s.graph_validation; },
      "The graph's validation record (Graph.validation: how well it predicted held-out cascades) when the "
      "selection ran, as the CLI's JSON graph_validation; None when the graph has none.");
  selection.def_property_readonly(
      "phase_seconds",
      [](const Selection& s) {
        py::dict d;
        for (const auto& [phase, seconds] : s.result.phase_seconds) d[py::str(phase)] = seconds;
        return d;
      });
  selection.def_property_readonly(
      "evaluation",
      [](const Selection& s) -> py::object {
        if (!s.evaluation) return py::none();
        const SpreadStatistics& st = s.evaluation->statistics;
        const Reach& r = st.target ? *st.target : st.all;  // what the selection maximised
        py::dict d;
        d["runs"] = st.runs;
        d["mean"] = r.summary.mean;
        d["stddev"] = r.summary.stddev;
        d["ci"] = py::make_tuple(r.summary.ci95_low, r.summary.ci95_high);
        d["curve"] = py::array_t<double>(static_cast<py::ssize_t>(r.cumulative_per_step.size()), r.cumulative_per_step.data());
        d["all_mean"] = st.all.summary.mean;
        d["node_probability"] = py::array_t<double>(static_cast<py::ssize_t>(st.node_probability.size()), st.node_probability.data());
        return d;
      },
      "The independent evaluation (evaluate_runs Monte Carlo runs on worlds the algorithm never saw): a dict with "
      "runs, mean, stddev, ci, curve (per round) -- of the target segment when there is one -- all_mean and "
      "node_probability; None when evaluate_runs is 0.");
  selection.def_property_readonly(
      "evaluated_curve",
      [](const Selection& s) -> py::object {
        if (!s.evaluation) return py::none();
        return py::cast(std::vector<double>(s.evaluation->prefix_spread));
      },
      "Evaluated spread of the first i+1 seeds (None without an evaluation).");
  selection.def("__repr__", [](const Selection& s) {
    std::string text = "<kuchikomi.Selection: " + s.result.algorithm + ", " + std::to_string(s.result.seeds.size()) + " seeds";
    if (s.evaluation) text += ", evaluated spread " + std::to_string(s.evaluation->prefix_spread.empty() ? 0.0 : s.evaluation->prefix_spread.back());
    return text + ">";
  });

  m.def(
      "select",
      [](const InfluenceGraph& graph, std::optional<std::uint32_t> k, const std::string& algo, std::optional<double> epsilon, double ell,
         double delta, std::uint64_t mc_runs, const std::string& model, const py::object& exclude,
         const py::object& include, const py::object& costs, double budget, std::optional<std::uint32_t> max_seeds,
         const py::object& target, const std::string& unknown_users, std::uint32_t max_steps, std::uint64_t max_memory,
         std::uint64_t evaluate_runs, std::uint64_t rng_seed, std::optional<unsigned> threads) {
        const SelectionAlgorithm& entry = selection_algorithm(algo);
        SelectionProblem problem;
        problem.model = parse_diffusion_model(model);
        problem.k = k.value_or(10);
        problem.max_steps = max_steps;
        problem.rng_seed = rng_seed;
        problem.budget = budget;
        // Beside a budget, a k given explicitly caps the seeds (the CLI's -k beside --budget), rather
        // than being silently dropped; max_seeds says the same, so giving both is ambiguous.
        if (budget > 0 && k) {
          if (max_seeds) throw UsageError("with budget, give k or max_seeds (both cap the seeds), not both", {"max_seeds"});
          max_seeds = k;
        }
        if (max_seeds) {  // as the CLI's -k beside --budget: at most this many seeds within the budget
          if (budget <= 0) throw UsageError("max_seeds needs budget (without one, k is the number of seeds)", {"max_seeds"});
          if (*max_seeds == 0) throw UsageError("max_seeds must be at least 1", {"max_seeds"});
          problem.max_seeds = *max_seeds;
        }
        SelectionOptions knobs;
        knobs.epsilon = epsilon.value_or(entry.default_options().epsilon);
        knobs.ell = ell;
        knobs.delta = delta;
        knobs.mc_runs = mc_runs;
        knobs.max_memory_bytes = max_memory;
        for (SelectionSetting s : kSelectionSettings) {  // as `select` checks them, in the same order
          check_selection_setting(s, knobs);
          entry.check_setting(s, knobs, budget > 0);
        }
        if (budget < 0 || !std::isfinite(budget)) throw UsageError("budget must be a positive number", {"budget"});
        if (!costs.is_none() && budget <= 0) throw UsageError("costs needs budget", {"costs"});
        UserLookup users(graph, unknown_users);
        // The lists in the CLI's order, so that skipped users are recorded in the same order.
        if (!exclude.is_none()) problem.exclude = users.users(exclude, "exclude", true);
        if (!include.is_none()) problem.include = users.users(include, "include", true);
        if (!target.is_none()) {
          problem.target = users.users(target, "target", true);
          if (problem.target.empty())
            throw InputError(users.skipped().empty() ? "target: the target segment is empty"
                                                     : "target: the target segment is empty: none of its users is in the graph");
        }
        if (!costs.is_none()) problem.costs = costs_from_python(graph, costs, users);
        auto out = std::make_shared<Selection>();
        out->unknown_users = users.skipped();
        out->graph_validation = graph_validation_of(graph);
        run_interruptible(threads, [&] {
          out->result = run_selection(entry.name, graph, problem, knobs);
          if (evaluate_runs > 0 && !out->result.seeds.empty())
            out->evaluation = evaluate_selection(graph, problem, out->result, evaluate_runs,
                                                 graph.num_nodes() <= kPerUserCountsMaxUsers);
        });
        for (const auto& seed : out->result.seeds) out->labels.push_back(graph.label(seed.node));
        return out;
      },
      py::arg("graph"), py::arg("k") = py::none(), py::kw_only(), py::arg("algo") = "imm", py::arg("epsilon") = py::none(),
      py::arg("ell") = 1.0, py::arg("delta") = 0.0, py::arg("mc_runs") = 10'000, py::arg("model") = "ic",
      py::arg("exclude") = py::none(), py::arg("include") = py::none(), py::arg("costs") = py::none(),
      py::arg("budget") = 0.0, py::arg("max_seeds") = py::none(), py::arg("target") = py::none(),
      py::arg("unknown_users") = "error", py::arg("max_steps") = 0, py::arg("max_memory") = 0,
      py::arg("evaluate_runs") = 10'000, py::arg("rng_seed") = 1, py::arg("threads") = py::none(), R"doc(
Chooses k seed users (10 when not given), as `kuchikomi select`, then evaluates the set with evaluate_runs independent
Monte Carlo runs (0: no evaluation). The same rng_seed gives the CLI's seeds and numbers for any
number of threads.

algo: see algorithms() (imm, opim-c, celf, celf++, greedy, degree-discount, pagerank, degree,
random). epsilon: accuracy of IMM / OPIM-C (None: the algorithm's default, as the CLI); ell (IMM),
delta (OPIM-C), mc_runs (greedy family). exclude / include / target: users (labels or ids) or a
user-list file; costs: {user: cost}, one cost per node or a 'user,cost' file, with budget (which
replaces k as the limit); max_seeds, or k given beside budget: at most this many seeds too (the
CLI's -k beside --budget).
unknown_users: "error" (default) or "skip": labels the graph lacks are left out and listed in the
result's unknown_users (the CLI's --unknown-users). max_steps: deadline in rounds; max_memory:
RR-set memory cap in bytes (0: the machine's memory). The result's stopped_by says why it stopped adding seeds.
The GIL is released while it runs; Ctrl-C stops it with KeyboardInterrupt.)doc");

  m.def("algorithms", []() { return selection_algorithm_names(); }, "Names accepted by select(algo=...).");
}

}  // namespace kuchikomi::python
