// Runtime names and checks of the diffusion models, all driven by the model list.
#include <cctype>
#include <sstream>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/model_list.hpp"

namespace kuchikomi {

DiffusionModelKind parse_diffusion_model(const std::string& name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  bool found = false;
  DiffusionModelKind kind{};
  std::string known;
  DiffusionModels::for_each([&](auto model) {
    using M = decltype(model);
    if (lower == M::kName) found = true, kind = M::kKind;
    known += (known.empty() ? "" : ", ") + std::string(M::kName);
  });
  if (!found) throw UsageError("unknown diffusion model '" + name + "' (known: " + known + ")", {"model"});
  return kind;
}

const DiffusionModelTraits& diffusion_model_traits(DiffusionModelKind kind) {
  return DiffusionModels::visit(kind, [](auto model) -> const DiffusionModelTraits& {
    using M = decltype(model);
    static const DiffusionModelTraits traits{M::kName, M::kShortName, M::kDisplayName, M::kSubmodularPerWorld,
                                             M::kNeedsInSumsAtMostOne};
    return traits;
  });
}

std::string diffusion_model_name(DiffusionModelKind kind) { return std::string(diffusion_model_traits(kind).name); }

void check_model_applicable(const InfluenceGraph& graph, DiffusionModelKind kind) {
  DiffusionModels::visit(kind, [&](auto model) { decltype(model)::check_applicable(graph); });
}

void LinearThreshold::check_applicable(const InfluenceGraph& graph) {
  if (graph.num_nodes() == 0) return;
  const auto [node, sum] = graph.max_in_probability_sum();
  if (!(sum <= 1.0 + kSumTolerance)) {  // NaN fails too
    std::ostringstream message;
    message.precision(6);
    message << "the LT model needs the in-probabilities of every user to sum to at most 1, but user '"
            << graph.label(node) << "' has " << graph.in_degree(node) << " in-edges summing to " << sum
            << "; use weighted-cascade probabilities (wc: the sums are exactly 1) or the IC model";
    throw InputError(message.str(), {"prob", "model"});
  }
}

}  // namespace kuchikomi
