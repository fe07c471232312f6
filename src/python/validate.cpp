// kuchikomi.validate: how well graphs predict held-out real cascades, as `kuchikomi validate`
// (learning/validation.hpp: validate_on_adoption_log), returned as the CLI's --json document.
#include <cmath>
#include <memory>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "kuchikomi/learning/validation.hpp"
#include "kuchikomi/report/validation_report.hpp"

namespace kuchikomi::python {

void bind_validate(py::module_& m) {
  m.def(
      "validate",
      [](const py::object& graphs, const py::handle& adoptions, const py::object& since, const py::object& test_items,
         const std::string& model, std::uint64_t runs, const std::string& seeds, std::optional<double> window,
         std::uint64_t rng_seed, std::optional<unsigned> threads) {
        // A Graph, a sequence of Graphs ("graph 1", "graph 2", ...) or a mapping name -> Graph.
        std::vector<std::string> names;
        std::vector<std::shared_ptr<const InfluenceGraph>> held;
        if (py::isinstance<InfluenceGraph>(graphs)) {
          names.push_back("graph");
          held.push_back(graphs.cast<std::shared_ptr<InfluenceGraph>>());
        } else if (py::isinstance<py::dict>(graphs)) {
          for (const auto& [name, graph] : graphs.cast<py::dict>()) {
            names.push_back(py::str(name));
            held.push_back(graph.cast<std::shared_ptr<InfluenceGraph>>());
          }
        } else {
          for (const py::handle graph : py::iter(graphs)) {
            names.push_back("graph " + std::to_string(names.size() + 1));
            held.push_back(graph.cast<std::shared_ptr<InfluenceGraph>>());
          }
        }
        if (held.empty()) throw UsageError("graphs lists no graph", {"graphs"});
        if (runs < 1) throw UsageError("runs must be at least 1", {"runs"});
        ValidationOptions options;
        options.model = parse_diffusion_model(model);
        options.seeds = parse_seed_rule(seeds);
        options.runs = runs;
        options.rng_seed = rng_seed;
        if (window) {
          if (!(*window > 0) || !std::isfinite(*window))
            throw UsageError("window needs a positive number of seconds (e.g. 86400 for a day)", {"window"});
          options.window = *window;
        }
        TestSplit split;
        if (!since.is_none()) {
          if (py::isinstance<py::str>(since)) {
            split.since = parse_time_point(since.cast<std::string>());
            if (!split.since)
              throw UsageError("since needs unix seconds or an ISO 8601 date/date-time, got '" + since.cast<std::string>() + "'",
                               {"since"});
          } else {
            split.since = since.cast<double>();
          }
        }
        if (!test_items.is_none()) split.items_file = py::str(py::module_::import("os").attr("fspath")(test_items));
        const std::string path = py::str(py::module_::import("os").attr("fspath")(adoptions));
        std::string document;
        run_interruptible(threads, [&] {
          const AdoptionLog log = read_adoption_log(path);
          LogValidation validated = validate_on_adoption_log(
              names, [&](std::size_t k) { return held[k]; }, log, path, split, options);
          ValidationRun run;
          run.settings.adoptions = path;
          run.settings.split = validated.split;
          run.settings.model = diffusion_model_name(options.model);
          run.settings.seed_rule = seed_rule_name(options.seeds);
          run.settings.window = options.window;
          run.settings.runs = options.runs;
          run.settings.rng_seed = options.rng_seed;
          run.test_items = validated.test_items;
          run.training_items = validated.training_items;
          document = validation_summary_json(run, validated.models);
        });
        return py::module_::import("json").attr("loads")(document);
      },
      py::arg("graphs"), py::arg("adoptions"), py::kw_only(), py::arg("since") = py::none(),
      py::arg("test_items") = py::none(), py::arg("model") = "ic", py::arg("runs") = 1000,
      py::arg("seeds") = "initiators", py::arg("window") = py::none(), py::arg("rng_seed") = 1,
      py::arg("threads") = py::none(), R"doc(
How well each graph predicts held-out real cascades, beside a baseline, as `kuchikomi validate`;
returns the document `validate --json` prints (per graph and for the baseline: RMSE, MAE, mean log
ratio, Spearman's rho, share within a factor 2, mean AUC and average precision).

graphs: a Graph, a list of Graphs (named "graph 1", ...) or a dict {name: Graph}. adoptions: CSV
user,item,time. Test items: those first adopted at or after `since` (unix seconds or ISO 8601 text),
or those listed in the file `test_items`. seeds: "initiators" or "first"; runs: simulations per item.)doc");
}

}  // namespace kuchikomi::python
