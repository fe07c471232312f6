// Which diffusion model a run uses, as a value: the small header selection, reports and commands
// include when they name a model, without the Monte Carlo API. Everything it knows about a model
// comes from the model's own header through the model list (model_list.hpp).
#pragma once
#include <string>
#include <string_view>

namespace kuchikomi {

struct InfluenceGraph;

// One value per model in DiffusionModels (model_list.hpp).
enum class DiffusionModelKind { kIndependentCascade, kLinearThreshold };

// What callers outside the engine need to know about a model (diffusion_model.hpp says what each
// trait promises).
struct DiffusionModelTraits {
  std::string_view name;          // CLI spelling: "ic"
  std::string_view short_name;    // in guarantee texts: "IC"
  std::string_view display_name;  // in reports: "independent cascade"
  bool submodular_per_world;      // spread in one simulated world is submodular in the seed set
  bool needs_in_sums_at_most_one; // in-probabilities of every node must sum to at most 1
};

// "ic" / "lt" (case-insensitive) -> kind; throws UsageError listing the known names otherwise.
DiffusionModelKind parse_diffusion_model(const std::string& name);
const DiffusionModelTraits& diffusion_model_traits(DiffusionModelKind kind);
std::string diffusion_model_name(DiffusionModelKind kind);  // "ic" / "lt"

// Throws InputError when the graph breaks a rule of the model (LT: in-probabilities of every node
// sum to at most 1), naming the node and its sum. IC accepts any graph.
void check_model_applicable(const InfluenceGraph& graph, DiffusionModelKind kind);

}  // namespace kuchikomi
