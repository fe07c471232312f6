// Every learning formula on a hand-made log, drawn below as timelines, with the exact values worked
// out by hand from the definitions in learning/*.hpp; EM against a closed-form maximum; priors, the
// window, LT capping, splits and the bad-input cases; and the same bits for any thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/graph/probability_model.hpp"
#include "kuchikomi/learning/bernoulli_jaccard.hpp"
#include "kuchikomi/learning/influence_learning.hpp"
#include "kuchikomi/learning/partial_credit.hpp"
#include "support/graphs.hpp"
#include "support/thread_sweep.hpp"

namespace kuchikomi {
namespace {

// Users a b c d e (ids 0..4). Influence edges, in forward CSR order (by source, then target):
//   e0 a->c   e1 a->d   e2 b->c   e3 c->d   e4 d->a   e5 e->a
// e never adopts anything: e->a has no evidence for the methods that divide by A_e.
InfluenceGraph hand_graph() {
  InfluenceGraph g = support::make_graph(5, {{0, 2, 0.f}, {0, 3, 0.f}, {1, 2, 0.f}, {2, 3, 0.f}, {3, 0, 0.f}, {4, 0, 0.f}});
  g.labels = {"a", "b", "c", "d", "e"};
  return g;
}
enum Edge : EdgeId { kAC, kAD, kBC, kCD, kDA, kEA };

// The log, one line per item, time running right:
//
//   time     0    1    2    3    4    5  ...  10
//   item1    a    b    c              d
//   item2    a                             .. c
//   item3    b    d
//   item4         d         a
//   item5    a
//
// No window:  A_a = 4 (items 1,2,4,5), A_b = 2, A_c = 2, A_d = 3, A_e = 0.
//   a->c: c followed a in items 1, 2; failed in 4, 5            A_a2c = 2, co = 2, trials 4
//   a->d: d followed a in item 1; d was first in item 4 (no     A_a2d = 1, co = 2, trials 3
//         trial); failed in 2, 5
//   b->c: followed in 1, failed in 3                            A_b2c = 1, co = 1, trials 2
//   c->d: followed in 1, failed in 2                            A_c2d = 1, co = 1, trials 2
//   d->a: a came first in item 1 (no trial); followed in 4;     A_d2a = 1, co = 2, trials 2
//         failed in 3
// Adoptions with potential parents: c@2 in item1 {a, b}, d@5 in item1 {a, c}, c@10 in item2 {a},
// a@3 in item4 {d}; the other 7 adoptions are initiators'.
constexpr const char* kLog =
    "user,item,time\n"
    "a,item1,0\nb,item1,1\nc,item1,2\nd,item1,5\n"
    "a,item2,0\nc,item2,10\n"
    "b,item3,0\nd,item3,1\n"
    "d,item4,1\na,item4,3\n"
    "a,item5,0\n";

struct Fixture {
  InfluenceGraph graph = hand_graph();
  AdoptionLog log;
  GraphAdoptions adoptions;
  Cascades cascades;
  explicit Fixture(const std::string& text = kLog) {
    log = parse_adoption_log(text, "hand.csv");
    adoptions = map_to_graph(log, graph, "hand graph");
    cascades = make_cascades(adoptions, all_items(log).selected);
  }
};

TEST(CascadeEvidence, CountsOnTheHandLog) {
  const Fixture f;
  ASSERT_EQ(f.cascades.size(), 5u);
  const CascadeEvidence ev = collect_evidence(f.graph, f.cascades);
  EXPECT_EQ(ev.node_adoptions, (std::vector<std::uint32_t>{4, 2, 2, 3, 0}));
  EXPECT_EQ(ev.propagations, (std::vector<std::uint32_t>{2, 1, 1, 1, 1, 0}));
  EXPECT_EQ(ev.co_adoptions, (std::vector<std::uint32_t>{2, 2, 1, 1, 2, 0}));
  EXPECT_EQ(ev.trials, (std::vector<std::uint32_t>{4, 3, 2, 2, 2, 0}));
  EXPECT_EQ(ev.adoptions, 11u);
  EXPECT_EQ(ev.initiators, 7u);
  ASSERT_EQ(ev.observations(), 4u);
  EXPECT_EQ(ev.parent_offsets, (std::vector<std::uint64_t>{0, 2, 4, 5, 6}));
  EXPECT_EQ(ev.parent_edges, (std::vector<EdgeId>{kAC, kBC, kAD, kCD, kAC, kDA}));
  EXPECT_EQ(ev.observation_user, (std::vector<NodeId>{2, 3, 2, 0}));
  // Transpose: a->c is a parent in observations 0 and 2, a->d in 1, b->c in 0, c->d in 1, d->a in 3.
  EXPECT_EQ(ev.edge_offsets, (std::vector<std::uint64_t>{0, 2, 3, 4, 5, 6, 6}));
  EXPECT_EQ(ev.edge_observations, (std::vector<std::uint64_t>{0, 2, 1, 0, 1, 3}));
  EXPECT_EQ(initiator_flags(f.graph, f.cascades, kNoWindow),
            (std::vector<std::uint8_t>{1, 1, 0, 0, 1, 0, 1, 1, 1, 0, 1}));
}

TEST(LearningFormulas, BernoulliJaccardPartialCredit) {
  const Fixture f;
  const CascadeEvidence ev = collect_evidence(f.graph, f.cascades);
  // Bernoulli A_{u2v} / A_u.
  const EdgeEstimates b = bernoulli_estimates(f.graph, ev);
  EXPECT_EQ(b.probability, (std::vector<double>{2.0 / 4, 1.0 / 4, 1.0 / 2, 1.0 / 2, 1.0 / 3, 0}));
  EXPECT_EQ(b.denominator, (std::vector<std::uint32_t>{4, 4, 2, 2, 3, 0}));
  // Jaccard A_{u2v} / (A_u + A_v - A_{u&v}): a->c 2/(4+2-2), a->d 1/(4+3-2), b->c 1/(2+2-1),
  // c->d 1/(2+3-1), d->a 1/(3+4-2), e->a 0/(0+4-0).
  const EdgeEstimates j = jaccard_estimates(f.graph, ev);
  EXPECT_EQ(j.probability, (std::vector<double>{2.0 / 4, 1.0 / 5, 1.0 / 3, 1.0 / 4, 1.0 / 5, 0.0}));
  EXPECT_EQ(j.denominator, (std::vector<std::uint32_t>{4, 5, 3, 4, 5, 4}));
  // Partial credit: c@2 in item1 splits 1/2 between a and b, d@5 splits 1/2 between a and c, the
  // other two have one parent each. a->c (1/2 + 1)/4, a->d (1/2)/4, b->c (1/2)/2, c->d (1/2)/2, d->a 1/3.
  const EdgeEstimates pc = partial_credit_estimates(f.graph, ev);
  EXPECT_EQ(pc.probability, (std::vector<double>{1.5 / 4, 0.5 / 4, 0.5 / 2, 0.5 / 2, 1.0 / 3, 0}));
  EXPECT_EQ(pc.numerator, (std::vector<double>{1.5, 0.5, 0.5, 0.5, 1.0, 0}));
}

TEST(LearningFormulas, WindowMakesLateFollowersFailures) {
  // --window 2: c@2 in item1 still follows a@0 and b@1; d@5 is 5 after a and 3 after c: both late,
  // so d@5 becomes an initiator's adoption and a->d, c->d failures; c@10 in item2 is late too;
  // a@3 in item4 follows d@1 (2 <= 2).
  const Fixture f;
  const CascadeEvidence ev = collect_evidence(f.graph, f.cascades, 2.0);
  EXPECT_EQ(ev.propagations, (std::vector<std::uint32_t>{1, 0, 1, 0, 1, 0}));
  EXPECT_EQ(ev.co_adoptions, (std::vector<std::uint32_t>{2, 2, 1, 1, 2, 0}));  // order-free: unchanged
  EXPECT_EQ(ev.trials, (std::vector<std::uint32_t>{4, 3, 2, 2, 2, 0}));        // unchanged
  EXPECT_EQ(ev.initiators, 9u);
  EXPECT_EQ(ev.parent_edges, (std::vector<EdgeId>{kAC, kBC, kDA}));
  EXPECT_EQ(bernoulli_estimates(f.graph, ev).probability, (std::vector<double>{1.0 / 4, 0, 1.0 / 2, 0, 1.0 / 3, 0}));
  // Half-open at the near end: a follower at exactly the same time is no follower.
  EXPECT_THROW(collect_evidence(f.graph, f.cascades, 0.0), UsageError);
  EXPECT_THROW(collect_evidence(f.graph, f.cascades, -1.0), UsageError);
  EXPECT_THROW(collect_evidence(f.graph, f.cascades, std::nan("")), UsageError);
}

// Two influencers, one joint success and one failure each:
//   time     0    1
//   item1    a    c        (a and b both adopted at 0; c followed: parents {a, b})
//            b
//   item2    a             (c did not follow a)
//   item3    b             (c did not follow b)
// L(p_a, p_b) = log(1 - (1-p_a)(1-p_b)) + log(1-p_a) + log(1-p_b). By symmetry p_a = p_b = p and
// dL/dp = 0 gives (1-p)^2 = 1/2: p = 1 - 1/sqrt(2), L = log(1/2) + 2 log(1/sqrt(2)) = -2 log 2.
TEST(LearningFormulas, EmReachesTheClosedFormMaximum) {
  InfluenceGraph g = support::make_graph(3, {{0, 2, 0.f}, {1, 2, 0.f}});
  g.labels = {"a", "b", "c"};
  const AdoptionLog log = parse_adoption_log("user,item,time\na,1,0\nb,1,0\nc,1,1\na,2,0\nb,3,0\n", "em.csv");
  const Cascades cascades = make_cascades(map_to_graph(log, g, "g"), all_items(log).selected);
  const CascadeEvidence ev = collect_evidence(g, cascades);
  EmOptions options;
  options.tolerance = 1e-12;
  const EmResult em = em_estimates(g, ev, options);
  EXPECT_TRUE(em.converged);
  const double p = 1 - 1 / std::sqrt(2.0);
  EXPECT_NEAR(em.estimates.probability[0], p, 1e-9);
  EXPECT_NEAR(em.estimates.probability[1], p, 1e-9);
  EXPECT_NEAR(em.log_likelihood.back(), -2 * std::log(2.0), 1e-12);
  EXPECT_EQ(em.log_likelihood.size(), em.iterations + 1u);
  // EM never lowers the likelihood.
  for (std::size_t i = 1; i < em.log_likelihood.size(); ++i) EXPECT_GE(em.log_likelihood[i], em.log_likelihood[i - 1] - 1e-12);
  // The first value is L at the start (the ratio 1/2 on both edges): log(3/4) + 2 log(1/2).
  EXPECT_NEAR(em.log_likelihood.front(), std::log(0.75) + 2 * std::log(0.5), 1e-12);
}

// On the hand log the likelihood splits by target (observations O0 = {a->c, b->c} and O2 = {a->c}
// for c; O1 = {a->d, c->d} for d; O3 = {d->a} for a):
//   c: log(1-(1-x)(1-y)) + log x + 2 log(1-x) + log(1-y)   x = p(a->c), y = p(b->c)
//   d: log(1-(1-x)(1-y)) + 2 log(1-x) + log(1-y)           x = p(a->d), y = p(c->d)
//   a: log p + log(1-p)                                     p = p(d->a)
// Setting the gradients to 0 has no interior solution for c and d; the maxima are on the boundary:
// c: y = 0, x = 1/2; d: x = 0, y = 1/2; a: p = 1/2. L* = 8 log(1/2). The Bernoulli estimates (a->d
// 1/4, b->c 1/2) are far from it: b's one success is better explained by a, who was there too.
// EM approaches a boundary maximum slowly (p(b->c) shrinks by p/(1+p) per step, so |Δp| = p²):
// stopping at |Δp| <= 1e-6 takes about 1,400 steps and leaves p(b->c) ~ 1e-3.
TEST(LearningFormulas, EmOnTheHandLogFindsTheBoundaryMaximum) {
  const Fixture f;
  const CascadeEvidence ev = collect_evidence(f.graph, f.cascades);
  const EmResult em = em_estimates(f.graph, ev, EmOptions{});  // 1e-6, at most 10,000 steps
  ASSERT_TRUE(em.converged);
  EXPECT_LE(em.last_change, 1e-6);
  const auto& p = em.estimates.probability;
  EXPECT_DOUBLE_EQ(p[kDA], 0.5);  // a single parent wherever tried: successes / trials after one step
  EXPECT_EQ(p[kEA], 0.0);
  EXPECT_NEAR(p[kAC], 0.5, 2e-3);
  EXPECT_NEAR(p[kBC], 0.0, 2e-3);
  EXPECT_NEAR(p[kAD], 0.0, 2e-3);
  EXPECT_NEAR(p[kCD], 0.5, 2e-3);
  EXPECT_GT(p[kBC], 0.0);  // never exactly 0 after a success: it only tends there
  EXPECT_EQ(em.estimates.denominator, (std::vector<std::uint32_t>{4, 3, 2, 2, 2, 0}));
  const double best = 8 * std::log(0.5);
  EXPECT_LE(em.log_likelihood.back(), best);
  EXPECT_NEAR(em.log_likelihood.back(), best, 1e-4);
  EXPECT_NEAR(ic_log_likelihood(ev, p), em.log_likelihood.back(), 1e-12);
  EXPECT_NEAR(ic_log_likelihood(ev, {0.5, 0, 0, 0.5, 0.5, 0}), best, 1e-12);
  // A tighter tolerance gets closer.
  const EmResult tight = em_estimates(f.graph, ev, EmOptions{1e-9, 1'000'000});
  ASSERT_TRUE(tight.converged);
  EXPECT_GT(tight.iterations, em.iterations);
  EXPECT_LT(tight.estimates.probability[kBC], p[kBC]);
  EXPECT_NEAR(tight.estimates.probability[kAC], 0.5, 1e-4);
  EXPECT_THROW(em_estimates(f.graph, ev, EmOptions{0.0, 10}), UsageError);
  EXPECT_THROW(em_estimates(f.graph, ev, EmOptions{1e-6, 0}), UsageError);
}

TEST(InfluenceLearning, PriorsFillEdgesWithoutEvidence) {
  const Fixture f;
  LearningOptions options;
  options.method = LearningMethod::kBernoulli;
  LearnedInfluence zero = learn_influence(f.graph, f.cascades, options);
  EXPECT_EQ(zero.graph.provenance.probability_model, "learned:bernoulli");
  EXPECT_EQ(zero.graph.out_prob, (std::vector<float>{0.5f, 0.25f, 0.5f, 0.5f, 1.0f / 3, 0.f}));
  EXPECT_EQ(zero.trials, (std::vector<std::uint32_t>{4, 4, 2, 2, 3, 0}));
  EXPECT_EQ(zero.successes, (std::vector<float>{2, 1, 1, 1, 1, 0}));
  EXPECT_EQ(zero.record.edges_with_evidence, 5u);
  EXPECT_EQ(zero.record.edges_nonzero, 5u);
  EXPECT_EQ(zero.record.observations, 4u);
  EXPECT_EQ(zero.record.initiators, 7u);
  EXPECT_EQ(zero.record.training_items, 5u);
  EXPECT_EQ(zero.record.training_adoptions, 11u);
  EXPECT_NEAR(zero.record.mean_learned_probability, (0.5 + 0.25 + 0.5 + 0.5 + 1.0 / 3) / 5, 1e-12);
  zero.graph.validate();

  options.prior = parse_prior("const:0.2");
  EXPECT_EQ(learn_influence(f.graph, f.cascades, options).graph.out_prob[kEA], 0.2f);
  // wc:0.5: a's in-edges d->a and e->a weigh 1 each, so WC(e->a) = 1/2 and the prior 1/4.
  options.prior = parse_prior("wc:0.5");
  EXPECT_EQ(learn_influence(f.graph, f.cascades, options).graph.out_prob[kEA], 0.25f);
  // An edge with evidence keeps its estimate whatever the prior.
  EXPECT_EQ(learn_influence(f.graph, f.cascades, options).graph.out_prob[kDA], 1.0f / 3);

  EXPECT_EQ(parse_prior("zero").text(), "zero");
  EXPECT_EQ(parse_prior("const:0.01").text(), "const:0.01");
  for (const char* bad : {"const:1.5", "const:-0.1", "wc:-1", "wc:x", "const:", "half", "uniform:0.1"})
    EXPECT_THROW(parse_prior(bad), UsageError) << bad;
  EXPECT_THROW(parse_learning_method("magic"), UsageError);
  for (const char* name : {"bernoulli", "jaccard", "partial-credit", "em"})
    EXPECT_EQ(learning_method_name(parse_learning_method(name)), name);
}

TEST(InfluenceLearning, LinearThresholdCapsInSumsAtOne) {
  // v = 2 has in-probabilities 0.9 and 0.6 (sum 1.5): divided by 1.5 -> 0.6 and 0.4. w = 3 has 0.5
  // and 0.25 (sum 0.75): kept.
  InfluenceGraph g = support::make_graph(4, {{0, 2, 0.9f}, {1, 2, 0.6f}, {0, 3, 0.5f}, {1, 3, 0.25f}});
  EXPECT_EQ(cap_in_probability_sums(g), 1u);
  EXPECT_FLOAT_EQ(g.out_prob[0], 0.6f);  // 0 -> 2
  EXPECT_FLOAT_EQ(g.out_prob[2], 0.4f);  // 1 -> 2
  EXPECT_FLOAT_EQ(g.out_prob[1], 0.5f);  // 0 -> 3
  EXPECT_FLOAT_EQ(g.out_prob[3], 0.25f); // 1 -> 3
  g.validate();
  EXPECT_NO_THROW(check_model_applicable(g, DiffusionModelKind::kLinearThreshold));

  // Learned: with the prior const:1, a's in-edges are d->a = 1/3 (Bernoulli) and e->a = 1: sum 4/3.
  const Fixture f;
  LearningOptions options;
  options.method = LearningMethod::kBernoulli;
  options.prior = parse_prior("const:1");
  const LearnedInfluence ic = learn_influence(f.graph, f.cascades, options);
  EXPECT_THROW(check_model_applicable(ic.graph, DiffusionModelKind::kLinearThreshold), InputError);
  options.model = DiffusionModelKind::kLinearThreshold;
  const LearnedInfluence lt = learn_influence(f.graph, f.cascades, options);
  EXPECT_EQ(lt.record.lt_rescaled_users, 1u);
  EXPECT_EQ(lt.record.model, "lt");
  EXPECT_FLOAT_EQ(lt.graph.out_prob[kDA], 0.25f);
  EXPECT_FLOAT_EQ(lt.graph.out_prob[kEA], 0.75f);
  EXPECT_NO_THROW(check_model_applicable(lt.graph, DiffusionModelKind::kLinearThreshold));
}

TEST(AdoptionData, SplitsByFirstAdoptionTime) {
  const Fixture f;
  // First adoptions: item1 0, item2 0, item3 0, item4 1, item5 0.
  const ItemSelection before = items_by_first_time(f.log, 1.0, true);
  EXPECT_EQ(before.selected, (std::vector<std::uint8_t>{1, 1, 1, 0, 1}));
  EXPECT_EQ(before.count(), 4u);
  EXPECT_EQ(before.description, "items first adopted before 1970-01-01T00:00:01Z");
  const ItemSelection after = items_by_first_time(f.log, 1.0, false);
  EXPECT_EQ(after.selected, (std::vector<std::uint8_t>{0, 0, 0, 1, 0}));
  const Cascades test = make_cascades(f.adoptions, after.selected);
  ASSERT_EQ(test.size(), 1u);
  EXPECT_EQ(test.item[0], 3u);
  EXPECT_EQ(test.users, (std::vector<NodeId>{3, 0}));
  EXPECT_EQ(test.times, (std::vector<double>{1, 3}));
  EXPECT_EQ(complement(after, "rest").selected, before.selected);
  EXPECT_EQ(format_time_point(1.5), "1970-01-01T00:00:01.500000Z");
  // An item whose only adopter is outside the graph makes no cascade and is counted.
  const Fixture g(std::string(kLog) + "zed,item6,0\n");
  const Cascades all = make_cascades(g.adoptions, all_items(g.log).selected);
  EXPECT_EQ(all.size(), 5u);
  EXPECT_EQ(all.items_without_users, 1u);
}

TEST(CascadeEvidence, HubSearchMatchesTheInEdgeScan) {
  // h = 0 has 40 in-neighbours 1..40; a cascade of 2 makes the evidence search h among x's sorted
  // out-edges instead of scanning h's 40 in-edges. Each x also points at y = 41, whose in-degree
  // (40) is below 8 x the cascade size in the big item, so the same counts come from the scan.
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (NodeId x = 1; x <= 40; ++x) {
    edges.emplace_back(x, 0, 0.f);
    edges.emplace_back(x, 41, 0.f);
  }
  const InfluenceGraph g = support::make_graph(42, edges);
  std::string log = "user,item,time\nu7,small,0\nu0,small,1\nu9,small,2\n";  // 7 -> h followed; 9 came after h
  for (NodeId x = 1; x <= 40; ++x) log.append("u").append(std::to_string(x)).append(",big,").append(std::to_string(x)) += '\n';
  log += "u41,big,100\n";
  const AdoptionLog parsed = parse_adoption_log(log, "hub.csv");
  const Cascades cascades = make_cascades(map_to_graph(parsed, g, "hub"), all_items(parsed).selected);
  const CascadeEvidence ev = collect_evidence(g, cascades);
  for (NodeId x = 1; x <= 40; ++x) {
    const EdgeId to_hub = g.out_offsets[x], to_y = g.out_offsets[x] + 1;
    EXPECT_EQ(ev.propagations[to_hub], x == 7 ? 1u : 0u) << x;
    EXPECT_EQ(ev.co_adoptions[to_hub], x == 7 || x == 9 ? 1u : 0u) << x;
    EXPECT_EQ(ev.trials[to_hub], x == 9 ? 1u : x == 7 ? 2u : 1u) << x;  // 9 adopted after h: no trial in "small"
    EXPECT_EQ(ev.propagations[to_y], 1u) << x;
  }
  // Two adoptions had parents: h@1 in "small" (7 only) and y@100 in "big" (all 40). The others
  // (7 and 9 in "small", the 40 x in "big") have no adopting in-neighbour before them.
  ASSERT_EQ(ev.observations(), 2u);
  EXPECT_EQ(ev.initiators, 42u);
  EXPECT_EQ(ev.parent_offsets, (std::vector<std::uint64_t>{0, 1, 41}));
  EXPECT_EQ(ev.parent_edges[0], g.out_offsets[7]);
}

TEST(InfluenceLearning, SameBitsForAnyThreadCount) {
  // A random graph and random cascades (ties included), large enough for TBB to split the work.
  std::mt19937_64 random(42);
  const NodeId n = 400;
  std::vector<std::tuple<NodeId, NodeId, float>> edges;
  for (int i = 0; i < 6000; ++i)
    edges.emplace_back(static_cast<NodeId>(random() % n), static_cast<NodeId>(random() % n), 0.f);
  std::erase_if(edges, [](const auto& e) { return std::get<0>(e) == std::get<1>(e); });
  const InfluenceGraph g = support::make_graph(n, edges);
  std::string text = "user,item,time\n";
  for (int item = 0; item < 600; ++item)
    for (std::uint64_t k = 0, size = 1 + random() % 40; k < size; ++k)
      text.append("u").append(std::to_string(random() % n)).append(",i").append(std::to_string(item)).append(",")
          .append(std::to_string(random() % 50)) += '\n';
  const AdoptionLog log = parse_adoption_log(text, "random.csv");
  const Cascades cascades = make_cascades(map_to_graph(log, g, "g"), all_items(log).selected);
  for (LearningMethod method : {LearningMethod::kBernoulli, LearningMethod::kJaccard, LearningMethod::kPartialCredit,
                                LearningMethod::kEm}) {
    LearningOptions options;
    options.method = method;
    options.window = 20;
    SCOPED_TRACE(learning_method_name(method));
    const LearnedInfluence one = support::expect_same_for_thread_counts(
        [&] { return learn_influence(g, cascades, options); },
        [](const LearnedInfluence& a, const LearnedInfluence& b) {
          EXPECT_EQ(a.graph.out_prob, b.graph.out_prob);
          EXPECT_EQ(a.trials, b.trials);
          EXPECT_EQ(a.successes, b.successes);
          EXPECT_EQ(a.log_likelihood, b.log_likelihood);
        });
    EXPECT_GT(one.record.edges_with_evidence, 0u);
    EXPECT_GT(one.record.observations, 0u);
  }
}

}  // namespace
}  // namespace kuchikomi
