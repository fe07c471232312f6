// kuchikomi.learn: influence probabilities learned from an adoption log, as `kuchikomi graph learn`
// (learning/influence_learning.hpp: learn_from_adoption_log).
#include <cmath>
#include <memory>

#include "binding.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/timestamp.hpp"
#include "kuchikomi/learning/influence_learning.hpp"
#include "kuchikomi/report/graph_report.hpp"

namespace kuchikomi::python {
namespace {

// A time given as unix seconds (a number) or an ISO 8601 date or date-time (a str).
double time_from_python(const py::handle& value, const char* what) {
  if (py::isinstance<py::str>(value)) {
    const std::string text = value.cast<std::string>();
    if (const auto seconds = parse_time_point(text)) return *seconds;
    throw UsageError(std::string(what) + " needs unix seconds or an ISO 8601 date/date-time (2011-01-01, "
                                         "2011-01-01T12:00:00Z), got '" + text + "'",
                     {what});
  }
  const double seconds = value.cast<double>();
  if (!std::isfinite(seconds)) throw UsageError(std::string(what) + " must be a finite number", {what});
  return seconds;
}

}  // namespace

void bind_learn(py::module_& m) {
  m.def(
      "learn",
      [](const InfluenceGraph& graph, const py::handle& adoptions, const std::string& method,
         std::optional<double> window, const py::object& until, const py::object& train_items,
         const std::string& prior, const std::string& model, double tolerance, std::uint32_t max_iterations,
         std::optional<unsigned> threads) {
        LearningOptions options;
        options.method = parse_learning_method(method);
        options.prior = parse_prior(prior);
        options.model = parse_diffusion_model(model);
        if (window) {
          if (!(*window > 0) || !std::isfinite(*window))
            throw UsageError("window needs a positive number of seconds (e.g. 86400 for a day)", {"window"});
          options.window = *window;
        }
        if (!(tolerance > 0) || !std::isfinite(tolerance)) throw UsageError("tolerance must be a positive number", {"tolerance"});
        if (max_iterations < 1) throw UsageError("max_iterations must be at least 1", {"max_iterations"});
        options.em = {tolerance, max_iterations};
        TrainingSplit split;
        if (!until.is_none()) split.until = time_from_python(until, "until");
        if (!train_items.is_none()) split.items_file = py::str(py::module_::import("os").attr("fspath")(train_items));
        const std::string path = py::str(py::module_::import("os").attr("fspath")(adoptions));
        auto learned = std::make_shared<LearnedInfluence>();
        run_interruptible(threads, [&] {
          const AdoptionLog log = read_adoption_log(path);
          *learned = learn_from_adoption_log(graph, "graph", log, path, split, options);
        });
        py::object result = py::cast(std::make_shared<InfluenceGraph>(std::move(learned->graph)));
        result.attr("learning") = py::module_::import("json").attr("loads")(learning_record_json(learned->record));
        return result;
      },
      py::arg("graph"), py::arg("adoptions"), py::kw_only(), py::arg("method") = "em", py::arg("window") = py::none(),
      py::arg("until") = py::none(), py::arg("train_items") = py::none(), py::arg("prior") = "zero",
      py::arg("model") = "ic", py::arg("tolerance") = 1e-6, py::arg("max_iterations") = 10'000,
      py::arg("threads") = py::none(), R"doc(
Influence probabilities learned from what actually spread, as `kuchikomi graph learn`: a new Graph
with the same edges and learned probabilities; its `learning` attribute is the record `graph info`
shows (method, split, evidence, EM convergence).

adoptions: CSV with header user,item,time (unix seconds or ISO 8601). method: "bernoulli",
"jaccard", "partial-credit" or "em". window: seconds within which a follower counts. Training
items: all, those first adopted before `until` (unix seconds or ISO 8601 text), or those listed in
the file `train_items`. prior: for edges without evidence, "zero", "const:P" or "wc:S". model "lt"
caps every user's in-sum at 1. tolerance / max_iterations: EM's stopping rule.)doc");
}

}  // namespace kuchikomi::python
