// A plan's explanation (diffusion/plan_explanation.hpp) in the results file, in JSON and on the
// HTML page.
//   HDF5, group /explanation (selection files):
//     attrs runs, reach, worlds: "evaluation" (IC: the evaluation's first `runs` worlds, so reach is
//       the evaluation's mean on them) or "live-edge" (LT: live-edge worlds drawn for the explanation,
//       same distribution as the evaluation's, not its draws: reach is a second estimate of the
//       evaluation's expectation). Files without the attribute predate LT explanations: "evaluation".
//     reach_alone, unique_reach, first_reach float64[k]   in the order of /seeds
//     overlap float64[k*k]                                row-major, symmetric, diagonal = reach_alone
//     users/reached_runs, users/usual_first_seed, users/usual_first_runs uint32[n]  (when kept:
//       runs reaching each user, the index into /seeds of the ambassador most often first, 2^32-1 =
//       never reached, and in how many runs it was first)
//   JSON: "explanation": {runs, reach, worlds, ambassadors: [{user, reach_alone, unique_reach,
//     first_reach, first_share}], overlap: [[...]]}
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/diffusion/plan_explanation.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/json_text.hpp"

namespace kuchikomi {

struct ReportData;

// What a results file holds of an explanation (present == false when it has none).
struct ExplanationData {
  bool present = false;
  std::string worlds = "evaluation";  // kExplanationWorlds*
  std::uint64_t runs = 0;
  double reach = 0;
  std::vector<double> reach_alone, unique_reach, first_reach, overlap;
  bool has_per_user = false;
  std::vector<std::uint32_t> reached_runs, usual_first_seed, usual_first_runs;
};

// What the explanation's worlds are (the `worlds` field): the evaluation's own (IC) or live-edge
// worlds drawn for it (LT).
inline constexpr std::string_view kExplanationWorldsEvaluation = "evaluation";
inline constexpr std::string_view kExplanationWorldsLiveEdge = "live-edge";
std::string_view plan_explanation_worlds(const PlanExplanation& explanation);

void write_plan_explanation_hdf5(const hdf5::Location& file, const PlanExplanation& explanation);
nlohmann::json plan_explanation_json(const InfluenceGraph& graph, std::span<const NodeId> plan,
                                     const PlanExplanation& explanation);
// Reads /explanation when the file has one; InputError (naming `name`) when it is inconsistent
// with `seeds` ambassadors or `nodes` users.
ExplanationData read_plan_explanation(const hdf5::Group& file, std::size_t seeds, std::uint64_t nodes,
                                      const std::string& name);
// The page's "What each ambassador brings" section; empty when the data hold no explanation.
std::string plan_explanation_html(const ReportData& data);

}  // namespace kuchikomi
