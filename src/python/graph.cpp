// kuchikomi.Graph (the InfluenceGraph, its CSR arrays shared with NumPy without copies), graphs from
// arrays, files, interaction logs and edge lists (the library's ingestion: the same aggregation and
// probability models as `graph build` / `graph import`), and saving.
#include <cmath>
#include <limits>
#include <memory>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/graph_ingest.hpp"
#include "kuchikomi/io/graph_source.hpp"
#include "kuchikomi/io/user_list.hpp"
#include "kuchikomi/report/graph_report.hpp"

namespace kuchikomi::python {
namespace {

using GraphPtr = std::shared_ptr<InfluenceGraph>;

// An integer NumPy array (or sequence) as int64 values; `what` names the argument.
py::array_t<std::int64_t> id_array(const py::handle& values, const char* what) {
  py::array array = py::array::ensure(values);
  if (!array) throw UsageError(std::string(what) + " must be an array of integer node ids", {what});
  if (array.size() > 0 && array.dtype().kind() != 'i' && array.dtype().kind() != 'u')
    throw UsageError(std::string(what) + " must hold integer node ids, not " + std::string(py::str(array.dtype())), {what});
  return py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(array);
}

py::array_t<double> number_array(const py::handle& values, const char* what, py::ssize_t size) {
  auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!array || array.ndim() != 1 || array.size() != size)
    throw UsageError(std::string(what) + " must be a 1-d array of numbers, one per edge (" + std::to_string(size) + ")",
                     {what});
  return array;
}

py::dict summary_dict(const IngestSummary& s) {
  py::dict d;
  d["files"] = s.files;
  d["format"] = s.format;
  d["columns"] = s.columns;
  d["lines_read"] = s.lines_read;
  d["interactions_kept"] = s.interactions_kept;
  d["filtered_by_time"] = s.filtered_by_time;
  d["self_interactions"] = s.self_interactions;
  d["bad_lines_skipped"] = s.bad_lines_skipped;
  d["edges_below_min_weight"] = s.edges_below_min_weight;
  d["users"] = s.users;
  d["edges"] = s.edges;
  d["lt_valid"] = s.lt_valid;
  d["lt_worst_user"] = s.lt_worst_user;
  d["lt_worst_sum"] = s.lt_worst_sum;
  return d;
}

// The graph as a Python object, with the ingestion summary as its `summary` attribute.
py::object with_summary(IngestResult result) {
  py::object graph = py::cast(std::make_shared<InfluenceGraph>(std::move(result.graph)));
  graph.attr("summary") = summary_dict(result.summary);
  return graph;
}

IngestFilters filters_from(std::optional<double> since, std::optional<double> until, double min_weight,
                           bool skip_bad_lines) {
  IngestFilters filters;
  filters.since = since;
  filters.until = until;
  filters.min_weight = min_weight;
  filters.skip_bad_lines = skip_bad_lines;
  check_ingest_filters(filters);
  return filters;
}

py::object from_edges(const py::handle& sources, const py::handle& targets, const py::handle& probabilities,
                      const py::handle& weights, const py::handle& labels, std::optional<std::string> prob,
                      std::uint64_t rng_seed, std::optional<std::uint64_t> num_nodes) {
  const auto src = id_array(sources, "sources");
  const auto dst = id_array(targets, "targets");
  if (src.ndim() != 1 || dst.ndim() != 1 || src.size() != dst.size())
    throw UsageError("sources and targets must be 1-d arrays of the same length", {"sources"});
  const py::ssize_t m = src.size();
  std::optional<py::array_t<double>> p, w;
  if (!probabilities.is_none()) p = number_array(probabilities, "probabilities", m);
  if (!weights.is_none()) w = number_array(weights, "weights", m);
  const ProbabilityModel model = parse_probability_model(prob.value_or(p ? "const-from-file" : "wc"));
  if (model.kind == ProbabilityModel::Kind::kConstFromFile && !p)
    throw UsageError("prob const-from-file needs probabilities", {"prob"});

  ParsedInput parsed;
  parsed.summary.files = {"from_edges"};
  parsed.summary.format = "arrays";
  std::uint64_t n = 0;
  if (!labels.is_none()) {
    for (const py::handle label : py::iter(labels)) {
      const std::string text = py::str(label);
      const NodeId before = parsed.users.size();
      if (parsed.users.intern(text) != before) throw UsageError("labels: '" + text + "' appears twice", {"labels"});
    }
    n = parsed.users.size();
    if (num_nodes && *num_nodes != n)
      throw UsageError("num_nodes (" + std::to_string(*num_nodes) + ") differs from the number of labels (" +
                           std::to_string(n) + ")",
                       {"num_nodes"});
  } else {
    std::int64_t largest = -1;
    const auto s = src.unchecked<1>(), t = dst.unchecked<1>();
    for (py::ssize_t i = 0; i < m; ++i) largest = std::max({largest, s(i), t(i)});
    n = num_nodes.value_or(static_cast<std::uint64_t>(largest + 1));
  }
  if (n > std::numeric_limits<NodeId>::max() - 1)
    throw InputError("from_edges: " + std::to_string(n) + " nodes are more than kuchikomi's 32-bit ids hold");
  if (labels.is_none())
    for (std::uint64_t i = 0; i < n; ++i) parsed.users.intern_number(i);

  const auto s = src.unchecked<1>(), t = dst.unchecked<1>();
  parsed.records.reserve(static_cast<std::size_t>(m));
  for (py::ssize_t i = 0; i < m; ++i) {
    for (const std::int64_t id : {s(i), t(i)})
      if (id < 0 || static_cast<std::uint64_t>(id) >= n)
        throw InputError("from_edges: edge " + std::to_string(i) + " names node " + std::to_string(id) +
                         ", outside 0.." + std::to_string(static_cast<std::int64_t>(n) - 1));
    EdgeRecord record{static_cast<NodeId>(s(i)), static_cast<NodeId>(t(i))};
    if (p) {
      const double value = p->at(i);
      if (!(value >= 0.0 && value <= 1.0))
        throw InputError("from_edges: probability of edge " + std::to_string(i) + " is " + std::to_string(value) +
                         ", outside [0, 1]");
      record.probability = static_cast<float>(value);
    }
    if (w) {
      const double value = w->at(i);
      if (!(value >= 0.0 && value <= std::numeric_limits<float>::max()))
        throw InputError("from_edges: weight of edge " + std::to_string(i) + " is " + std::to_string(value) +
                         ", not a finite number >= 0");
      record.weight = value;
    }
    parsed.records.push_back(record);
    if (record.source == record.target) ++parsed.summary.self_interactions;
  }
  parsed.summary.lines_read = parsed.summary.interactions_kept = static_cast<std::uint64_t>(m);
  IngestResult result;
  run_interruptible(std::nullopt, [&] { result = finish_ingest(std::move(parsed), 0.0, model, rng_seed); });
  return with_summary(std::move(result));
}

py::object build_graph(const py::handle& log, const std::string& prob, std::optional<double> since,
                       std::optional<double> until, double min_weight, const py::dict& action_weights,
                       bool skip_bad_lines, std::uint64_t rng_seed) {
  std::vector<std::string> paths;
  if (py::isinstance<py::str>(log) || py::isinstance(log, py::module_::import("os").attr("PathLike")))
    paths.push_back(path_text(log));
  else
    for (const py::handle item : py::iter(log)) paths.push_back(path_text(item));
  InteractionLogOptions options;
  options.filters = filters_from(since, until, min_weight, skip_bad_lines);
  for (const auto& [action, weight] : action_weights) options.action_weights.set(action.cast<std::string>(), weight.cast<double>());
  const ProbabilityModel model = parse_probability_model(prob);
  IngestResult result;
  run_interruptible(std::nullopt, [&] { result = build_graph_from_logs(paths, options, model, rng_seed); });
  return with_summary(std::move(result));
}

py::object import_edges(const py::handle& edges, const std::string& direction, const std::string& columns,
                        std::uint64_t skip_lines, const std::string& prob, std::optional<double> since,
                        std::optional<double> until, double min_weight, bool skip_bad_lines, std::uint64_t rng_seed) {
  std::vector<std::string> paths;
  if (py::isinstance<py::str>(edges) || py::isinstance(edges, py::module_::import("os").attr("PathLike")))
    paths.push_back(path_text(edges));
  else
    for (const py::handle item : py::iter(edges)) paths.push_back(path_text(item));
  EdgeListOptions options;
  options.filters = filters_from(since, until, min_weight, skip_bad_lines);
  options.direction = parse_edge_direction(direction);
  check_edge_columns(columns);
  options.columns = columns;
  options.skip_lines = skip_lines;
  const ProbabilityModel model = parse_probability_model(prob);
  IngestResult result;
  run_interruptible(std::nullopt, [&] { result = import_edge_lists(paths, options, model, rng_seed); });
  return with_summary(std::move(result));
}

}  // namespace

py::object graph_validation_of(const InfluenceGraph& graph) {
  const py::object self = py::cast(&graph, py::return_value_policy::reference);  // the caller's Graph object
  return py::module_::import("copy").attr("deepcopy")(py::getattr(self, "validation", py::none()));
}

void bind_graph(py::module_& m) {
  py::class_<InfluenceGraph, GraphPtr> graph(m, "Graph", py::dynamic_attr(), R"doc(
An influence graph: users (nodes, with labels) and directed influence edges u -> v, each with a
probability (the chance u activates v under independent cascade, v's weight on u under linear
threshold), a summed interaction weight and an interaction count.

Edges are stored in CSR order (by source, then target). The array properties share memory with the
graph (read-only NumPy views, no copies), except `sources`, which is computed from the offsets.
Make one with Graph.from_edges, Graph.from_networkx, Graph.load, build_graph or import_edges.)doc");

  graph.def_static("from_edges", &from_edges, py::arg("sources"), py::arg("targets"), py::arg("probabilities") = py::none(),
                   py::arg("weights") = py::none(), py::arg("labels") = py::none(), py::arg("prob") = py::none(),
                   py::arg("rng_seed") = 1, py::arg("num_nodes") = py::none(), R"doc(
A graph from edge arrays: edge i goes from node sources[i] to node targets[i] (integer ids 0..n-1).

labels: one per node (n = len(labels)); without them n = num_nodes or the largest id + 1, and node
i is labelled "i". Repeated (source, target) pairs merge as in `graph build`: weights and counts
add up, probabilities combine as independent chances; self-loops are dropped (counted in summary).
prob: the probability model, as the CLI's --prob ("wc", "uniform:P", "trivalency", "exp:TAU",
"const-from-file"); default "const-from-file" when probabilities are given, else "wc" (weighted
cascade on the weights, 1 each without weights). rng_seed: for "trivalency".)doc");

  graph.def_static(
      "load",
      [](const py::handle& path, const std::string& prob) {
        auto loaded = std::make_shared<InfluenceGraph>();
        GraphRecords records;
        const std::string file = path_text(path);
        run_interruptible(std::nullopt, [&] {
          *loaded = load_graph(file, prob);
          records = read_graph_records(file);  // as select and simulate read them: a damaged record stops here
        });
        py::object result = py::cast(std::move(loaded));
        const py::dict shown = py::module_::import("json").attr("loads")(graph_records_json(records));
        result.attr("validation") = shown["validation"];
        result.attr("learning") = shown["learning"];
        return result;
      },
      py::arg("path"), py::arg("prob") = "wc", R"doc(
Reads a kuchikomi graph file (.h5), or an interaction log or a raw edge list imported with the
defaults and the probability model `prob` -- whatever the CLI's --graph accepts.

A graph file's records come along as `graph info --json` shows them: `validation` (written by
`kuchikomi validate --record`: how well the graph predicted held-out cascades; select and simulate
show it as graph_validation) and `learning` (written by `graph learn`: how the probabilities were
learned); each None when the file has none. select() and
simulate() results carry the graph's `validation` as `graph_validation`. save() writes neither.)doc");

  graph.def(
      "save",
      [](const InfluenceGraph& g, const py::handle& path) {
        const std::string file = path_text(path);
        run_interruptible(std::nullopt, [&] { write_graph_file(g, file); });
      },
      py::arg("path"), "Writes the graph as a kuchikomi graph file (.h5), atomically: complete or not at all.");

  graph.def_property_readonly("num_nodes", &InfluenceGraph::num_nodes, "Number of users.");
  graph.def_property_readonly("num_edges", &InfluenceGraph::num_edges, "Number of influence edges.");
  graph.def_property_readonly(
      "labels",
      [](const InfluenceGraph& g) {
        py::list labels(g.num_nodes());
        for (NodeId u = 0; u < g.num_nodes(); ++u) {
          const std::string label = g.label(u);
          // Labels are bytes from files: undecodable UTF-8 is kept with surrogate escapes.
          labels[u] = py::reinterpret_steal<py::object>(
              PyUnicode_DecodeUTF8(label.data(), static_cast<py::ssize_t>(label.size()), "surrogateescape"));
        }
        return labels;
      },
      "User labels by node id (a new list each call).");
  graph.def(
      "id_of",
      [](const InfluenceGraph& g, const std::string& label) {
        // As every list of users resolves a label (select's target=, the CLI's --target).
        return *resolve_listed_user(LabelIndex(g), label, UserListPolicy{});
      },
      py::arg("label"), R"doc(
The node id of a user: its exact label, or a display name without the id suffix when one user has it
("Blue" for "Blue (26)"), as lists of users resolve. An unknown label is an InputError naming the
closest labels; a display name several users share, one naming them. Builds a label index: O(n).)doc");
  graph.def_property_readonly(
      "offsets", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.out_offsets.data(), g.out_offsets.size(), self);
      },
      "uint64[n+1]: the out-edges of u are edges offsets[u] to offsets[u+1]-1.");
  graph.def_property_readonly(
      "targets", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.out_targets.data(), g.out_targets.size(), self);
      },
      "uint32[m]: target of each edge (CSR order).");
  graph.def_property_readonly(
      "probabilities", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.out_prob.data(), g.out_prob.size(), self);
      },
      "float32[m]: influence probability of each edge.");
  graph.def_property_readonly(
      "weights", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.out_weight.data(), g.out_weight.size(), self);
      },
      "float32[m]: summed interaction weight of each edge.");
  graph.def_property_readonly(
      "counts", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.out_count.data(), g.out_count.size(), self);
      },
      "uint32[m]: interactions aggregated into each edge.");
  graph.def_property_readonly(
      "sources",
      [](const InfluenceGraph& g) {
        std::vector<NodeId> sources(g.num_edges());
        for (NodeId u = 0; u < g.num_nodes(); ++u)
          std::fill(sources.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[u]),
                    sources.begin() + static_cast<std::ptrdiff_t>(g.out_offsets[u + 1]), u);
        return owned_array(std::move(sources));
      },
      "uint32[m]: source of each edge (CSR order; computed from the offsets, a new array).");
  graph.def_property_readonly(
      "in_offsets", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.in_offsets.data(), g.in_offsets.size(), self);
      },
      "uint64[n+1]: the in-edges of v are reverse edges in_offsets[v] to in_offsets[v+1]-1.");
  graph.def_property_readonly(
      "in_sources", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.in_sources.data(), g.in_sources.size(), self);
      },
      "uint32[m]: source of each reverse edge.");
  graph.def_property_readonly(
      "in_probabilities", [](py::object self) {
        const auto& g = self.cast<const InfluenceGraph&>();
        return shared_array(g.in_prob.data(), g.in_prob.size(), self);
      },
      "float32[m]: probability of each reverse edge.");
  graph.def_property_readonly(
      "provenance",
      [](const InfluenceGraph& g) {
        py::dict d;
        d["source"] = g.provenance.source;
        d["source_format"] = g.provenance.source_format;
        d["probability_model"] = g.provenance.probability_model;
        d["command_line"] = g.provenance.command_line;
        d["rng_seed"] = g.provenance.rng_seed;
        d["self_loops_dropped"] = g.provenance.self_loops_dropped;
        d["interactions"] = g.provenance.interactions;
        return d;
      },
      "How the graph was made (as stored in graph files).");
  graph.def("max_in_probability_sum", &InfluenceGraph::max_in_probability_sum,
            "(node, sum): the largest sum of in-probabilities (linear threshold needs it <= 1).");
  graph.def("__repr__", [](const InfluenceGraph& g) {
    return "<kuchikomi.Graph: " + std::to_string(g.num_nodes()) + " nodes, " + std::to_string(g.num_edges()) +
           " edges, prob " + (g.provenance.probability_model.empty() ? "?" : g.provenance.probability_model) + ">";
  });

  m.def("build_graph", &build_graph, py::arg("log"), py::kw_only(), py::arg("prob") = "wc",
        py::arg("since") = py::none(), py::arg("until") = py::none(), py::arg("min_weight") = 0.0,
        py::arg("action_weights") = py::dict(), py::arg("skip_bad_lines") = false, py::arg("rng_seed") = 1, R"doc(
An influence graph from interaction logs (one path or several), as `kuchikomi graph build`: CSV with
a header actor,target,action[,timestamp][,weight][,probability]; a row means actor reacted to
target's content, so the edge is target -> actor. Keyword arguments are the CLI's options:
prob (--prob), since/until (unix seconds), min_weight, action_weights ({"share": 2.5}),
skip_bad_lines, rng_seed. The returned graph's `summary` attribute holds the ingestion counts.)doc");

  m.def("import_edges", &import_edges, py::arg("edges"), py::kw_only(), py::arg("direction") = "reverse",
        py::arg("columns") = "auto", py::arg("skip_lines") = 0, py::arg("prob") = "wc", py::arg("since") = py::none(),
        py::arg("until") = py::none(), py::arg("min_weight") = 0.0, py::arg("skip_bad_lines") = false,
        py::arg("rng_seed") = 1, R"doc(
An influence graph from edge lists (one path or several), as `kuchikomi graph import`: direction
"reverse" (u v: u acted on v's content, edge v -> u), "forward" or "both"; columns "auto" or e.g.
"u,v,w"; skip_lines; and the filters and probability model of build_graph.)doc");
}

}  // namespace kuchikomi::python
