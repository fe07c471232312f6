// Learning driver: evidence, the chosen method, the prior for edges without evidence, LT capping
// (policies in learning/influence_learning.hpp).
#include "kuchikomi/learning/influence_learning.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <ctime>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/learning/bernoulli_jaccard.hpp"
#include "kuchikomi/learning/partial_credit.hpp"

namespace kuchikomi {
namespace {

constexpr const char* kMethods = "bernoulli, jaccard, partial-credit, em";
constexpr const char* kPriors = "zero, const:P (0 <= P <= 1), wc:S (S >= 0)";

std::string shortest(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

std::string iso_time_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// The weighted-cascade value of every edge (as --prob wc computes it).
std::vector<double> weighted_cascade(const InfluenceGraph& g) {
  const EdgeId m = g.num_edges();
  const bool weighted = g.out_weight.size() == m;
  std::vector<double> in_weight(g.num_nodes(), 0.0), wc(m, 0.0);
  for (EdgeId e = 0; e < m; ++e) in_weight[g.out_targets[e]] += weighted ? g.out_weight[e] : 1.0;
  for (EdgeId e = 0; e < m; ++e) {
    const double total = in_weight[g.out_targets[e]];
    wc[e] = total > 0 ? (weighted ? g.out_weight[e] : 1.0) / total : 0.0;
  }
  return wc;
}

}  // namespace

LearningMethod parse_learning_method(const std::string& name) {
  if (name == "bernoulli") return LearningMethod::kBernoulli;
  if (name == "jaccard") return LearningMethod::kJaccard;
  if (name == "partial-credit") return LearningMethod::kPartialCredit;
  if (name == "em") return LearningMethod::kEm;
  throw UsageError("unknown learning method '" + name + "' (known: " + kMethods + ")", {"method"});
}

std::string learning_method_name(LearningMethod method) {
  switch (method) {
    case LearningMethod::kBernoulli: return "bernoulli";
    case LearningMethod::kJaccard: return "jaccard";
    case LearningMethod::kPartialCredit: return "partial-credit";
    case LearningMethod::kEm: return "em";
  }
  return "unknown";
}

std::string Prior::text() const {
  switch (kind) {
    case Kind::kZero: return "zero";
    case Kind::kConstant: return "const:" + shortest(value);
    case Kind::kWeightedCascade: return "wc:" + shortest(value);
  }
  return "unknown";
}

Prior parse_prior(const std::string& text) {
  Prior prior;
  if (text == "zero" || text == "0") return prior;
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  if (colon == std::string::npos || (name != "const" && name != "wc"))
    throw UsageError("unknown prior '" + text + "'; accepted: " + kPriors, {"prior"});
  const std::string number = text.substr(colon + 1);
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), prior.value);
  if (number.empty() || ec != std::errc() || end != number.data() + number.size() || !std::isfinite(prior.value))
    throw UsageError("prior " + text + ": '" + number + "' is not a number; accepted: " + kPriors, {"prior"});
  prior.kind = name == "const" ? Prior::Kind::kConstant : Prior::Kind::kWeightedCascade;
  if (prior.kind == Prior::Kind::kConstant && (prior.value < 0 || prior.value > 1))
    throw UsageError("prior " + text + ": P must be in [0,1]", {"prior"});
  if (prior.kind == Prior::Kind::kWeightedCascade && prior.value < 0)
    throw UsageError("prior " + text + ": S must be >= 0", {"prior"});
  return prior;
}

std::uint64_t cap_in_probability_sums(InfluenceGraph& g) {
  std::vector<double> in_sum(g.num_nodes(), 0.0);
  for (EdgeId e = 0; e < g.num_edges(); ++e) in_sum[g.out_targets[e]] += g.out_prob[e];
  std::uint64_t rescaled = 0;
  for (double s : in_sum) rescaled += s > 1.0;
  for (EdgeId e = 0; e < g.num_edges(); ++e) {
    const double s = in_sum[g.out_targets[e]];
    if (s > 1.0) g.out_prob[e] = static_cast<float>(std::min(1.0, g.out_prob[e] / s));
  }
  g.rebuild_reverse();
  return rescaled;
}

LearnedInfluence learn_influence(const InfluenceGraph& graph, const Cascades& training, const LearningOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  const CascadeEvidence evidence = collect_evidence(graph, training, options.window);
  LearnedInfluence out;
  LearningRecord& r = out.record;
  EdgeEstimates estimates;
  switch (options.method) {
    case LearningMethod::kBernoulli: estimates = bernoulli_estimates(graph, evidence); break;
    case LearningMethod::kJaccard: estimates = jaccard_estimates(graph, evidence); break;
    case LearningMethod::kPartialCredit: estimates = partial_credit_estimates(graph, evidence); break;
    case LearningMethod::kEm: {
      EmResult em = em_estimates(graph, evidence, options.em);
      r.em_iterations = em.iterations;
      r.em_converged = em.converged;
      r.em_tolerance = options.em.tolerance;
      r.em_max_iterations = options.em.max_iterations;
      r.em_log_likelihood = em.log_likelihood.back();
      out.log_likelihood = std::move(em.log_likelihood);
      estimates = std::move(em.estimates);
      break;
    }
  }

  const EdgeId m = graph.num_edges();
  out.graph = graph;
  InfluenceGraph& g = out.graph;
  const std::vector<double> wc =
      options.prior.kind == Prior::Kind::kWeightedCascade ? weighted_cascade(graph) : std::vector<double>();
  out.trials = estimates.denominator;
  out.successes.resize(m);
  double learned_sum = 0;
  for (EdgeId e = 0; e < m; ++e) {
    out.successes[e] = static_cast<float>(estimates.numerator[e]);
    double p = 0;
    if (estimates.denominator[e] > 0) {
      p = estimates.probability[e];
      ++r.edges_with_evidence;
      learned_sum += p;
    } else if (options.prior.kind == Prior::Kind::kConstant) {
      p = options.prior.value;
    } else if (options.prior.kind == Prior::Kind::kWeightedCascade) {
      p = options.prior.value * wc[e];
    }
    g.out_prob[e] = static_cast<float>(std::clamp(p, 0.0, 1.0));
  }
  g.rebuild_reverse();
  if (diffusion_model_traits(options.model).needs_in_sums_at_most_one) r.lt_rescaled_users = cap_in_probability_sums(g);
  for (EdgeId e = 0; e < m; ++e) r.edges_nonzero += g.out_prob[e] > 0;

  r.method = learning_method_name(options.method);
  r.prior = options.prior.text();
  r.model = diffusion_model_name(options.model);
  r.window = options.window;
  r.training_items = training.size();
  r.training_adoptions = training.adoptions();
  r.observations = evidence.observations();
  r.initiators = evidence.initiators;
  r.edges = m;
  r.mean_learned_probability = r.edges_with_evidence > 0 ? learned_sum / static_cast<double>(r.edges_with_evidence) : 0;
  r.created_at = iso_time_now();
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  g.provenance.probability_model = "learned:" + r.method;
  return out;
}

LearnedInfluence learn_from_adoption_log(const InfluenceGraph& graph, const std::string& graph_name,
                                         const AdoptionLog& log, const std::string& adoptions,
                                         const TrainingSplit& split, const LearningOptions& options) {
  if (split.until && !split.items_file.empty())
    throw UsageError("until and train-items exclude each other", {"until", "train-items"});
  const GraphAdoptions mapped = map_to_graph(log, graph, graph_name);
  const ItemSelection training_items = split.until               ? items_by_first_time(log, *split.until, true)
                                       : !split.items_file.empty() ? listed_items(log, split.items_file)
                                                                   : all_items(log);
  const Cascades training = make_cascades(mapped, training_items.selected);
  if (training.size() == 0)
    throw InputError(adoptions, 0,
                     "no training items: none of the " + training_items.description +
                         " has an adopter in the graph (" + std::to_string(training_items.count()) + " such items)");
  LearnedInfluence learned = learn_influence(graph, training, options);
  LearningRecord& r = learned.record;
  r.adoptions = adoptions;
  r.split = training_items.description;
  r.held_out_items = log.items.size() - training_items.count();
  r.items_without_users = training.items_without_users;
  return learned;
}

}  // namespace kuchikomi
