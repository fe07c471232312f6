// Learning influence probabilities from observed cascades (`kuchikomi graph learn`): the graph's
// edges are kept, their probabilities replaced by estimates from the training cascades.
//
// Methods (each file has its paper and formula): bernoulli and jaccard (bernoulli_jaccard.hpp),
// partial-credit (partial_credit.hpp), em (em_saito.hpp). All of them read the same evidence
// (cascade_evidence.hpp) with the same --window.
//
// Edges without evidence (the method's denominator is 0: typically u never adopted a training
// item) cannot be estimated; they get the prior:
//   zero       0: no evidence, no influence (default);
//   const:P    P for every such edge;
//   wc:S       S x the weighted-cascade value w(u,v) / Σ_x w(x,v) from the graph's interaction weights.
//
// Linear threshold needs each user's in-probabilities to sum to at most 1, which learned IC
// probabilities need not do (three friends who each convinced v half the time sum to 1.5). With
// model = lt, every user whose in-sum exceeds 1 has its in-probabilities divided by that sum (the
// relative strength of its influencers is kept, the total capped at 1); users at or below 1 keep
// theirs. The number of users rescaled is recorded.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kuchikomi/diffusion/model_kind.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/learning/adoption_data.hpp"
#include "kuchikomi/learning/cascade_evidence.hpp"
#include "kuchikomi/learning/em_saito.hpp"

namespace kuchikomi {

enum class LearningMethod { kBernoulli, kJaccard, kPartialCredit, kEm };

// "bernoulli", "jaccard", "partial-credit", "em"; UsageError listing them otherwise.
LearningMethod parse_learning_method(const std::string& name);
std::string learning_method_name(LearningMethod method);

struct Prior {
  enum class Kind { kZero, kConstant, kWeightedCascade };
  Kind kind = Kind::kZero;
  double value = 0;  // P for const, S for wc
  std::string text() const;  // "zero", "const:0.01", "wc:0.5"
};
// UsageError naming the accepted spellings for anything else (P in [0,1], S >= 0).
Prior parse_prior(const std::string& text);

struct LearningOptions {
  LearningMethod method = LearningMethod::kEm;
  double window = kNoWindow;  // seconds; kNoWindow: any earlier adoption counts
  Prior prior;
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  EmOptions em;
};

// What was learned and from what: stored in the learned graph's /learning group.
struct LearningRecord {
  std::string method;               // "em"
  std::string prior;                // Prior::text()
  std::string model;                // "ic" / "lt"
  double window = kNoWindow;        // seconds (infinite: none)
  std::string adoptions;            // the adoption log
  std::string split;                // ItemSelection::description of the training items
  std::uint64_t training_items = 0;       // cascades learned from
  std::uint64_t training_adoptions = 0;
  std::uint64_t held_out_items = 0;       // log items not used (the other part of the split)
  std::uint64_t items_without_users = 0;  // training items none of whose adopters is in the graph
  std::uint64_t observations = 0;         // adoptions with at least one potential parent
  std::uint64_t initiators = 0;           // adoptions with none
  std::uint64_t edges = 0;
  std::uint64_t edges_with_evidence = 0;  // estimated from the cascades (the rest got the prior)
  std::uint64_t edges_nonzero = 0;        // final probability > 0
  double mean_learned_probability = 0;    // over edges with evidence
  std::uint64_t lt_rescaled_users = 0;    // model lt: users whose in-sum was brought down to 1
  // EM only (0 otherwise).
  std::uint32_t em_iterations = 0;
  bool em_converged = false;
  double em_tolerance = 0;
  std::uint32_t em_max_iterations = 0;
  double em_log_likelihood = 0;           // at the result
  double seconds = 0;                     // evidence + estimation
  std::string created_at;                 // ISO 8601 UTC
  std::string command_line;
};

struct LearnedInfluence {
  InfluenceGraph graph;                   // the input graph with the learned probabilities
  LearningRecord record;
  std::vector<std::uint32_t> trials;      // per forward edge: the estimate's denominator
  std::vector<float> successes;           // per forward edge: its numerator
  std::vector<double> log_likelihood;     // EM: per step, then at the result; empty otherwise
};

// Learns from `training` (cascades in `graph`'s node ids). The record's adoptions, split,
// held_out_items, items_without_users and command_line are the caller's to fill.
LearnedInfluence learn_influence(const InfluenceGraph& graph, const Cascades& training, const LearningOptions& options);

// Which items of an adoption log to learn from: those first adopted before `until`, or those listed
// in `items_file` (read_item_list), or (neither given) all of them.
struct TrainingSplit {
  std::optional<double> until;
  std::string items_file;
};

// `graph learn` between reading and writing: the log mapped onto the graph (`graph_name` names it
// in messages), the training items of `split`, their cascades, learn_influence, and the record's
// adoptions (`adoptions`: the log's path), split, held_out_items and items_without_users. Throws
// UsageError when both parts of the split are given, InputError when no training item has an
// adopter in the graph.
LearnedInfluence learn_from_adoption_log(const InfluenceGraph& graph, const std::string& graph_name,
                                         const AdoptionLog& log, const std::string& adoptions,
                                         const TrainingSplit& split, const LearningOptions& options);

// Divides the in-probabilities of every user whose in-sum exceeds 1 by that sum; returns how many.
std::uint64_t cap_in_probability_sums(InfluenceGraph& graph);

}  // namespace kuchikomi
