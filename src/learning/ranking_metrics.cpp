// AUC, average precision and Spearman's rho (definitions in learning/ranking_metrics.hpp).
#include "kuchikomi/learning/ranking_metrics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace kuchikomi {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Mean ranks (1-based), ties sharing the mean of the ranks they span.
std::vector<double> mean_ranks(std::span<const double> values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> ranks(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && values[order[j]] == values[order[i]]) ++j;
    const double rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
    for (std::size_t k = i; k < j; ++k) ranks[order[k]] = rank;
    i = j;
  }
  return ranks;
}

}  // namespace

RankingQuality ranking_quality(std::vector<std::pair<double, std::uint8_t>> scored, std::uint64_t zero_positives,
                               std::uint64_t zero_negatives) {
  std::uint64_t positives = zero_positives, negatives = zero_negatives;
  for (const auto& [score, label] : scored) (label ? positives : negatives) += 1;
  if (positives == 0 || negatives == 0) return {kNaN, kNaN};
  std::sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });

  double auc_pairs = 0;          // positive-negative pairs ordered right, ties counting 1/2
  double ap = 0, last_recall = 0;
  std::uint64_t true_seen = 0, false_seen = 0;
  const auto group = [&](std::uint64_t pos, std::uint64_t neg) {  // users tied at one score
    const std::uint64_t negatives_below = negatives - false_seen - neg;
    auc_pairs += static_cast<double>(pos) * static_cast<double>(negatives_below) + 0.5 * static_cast<double>(pos) * static_cast<double>(neg);
    true_seen += pos;
    false_seen += neg;
    if (pos > 0) {
      const double recall = static_cast<double>(true_seen) / static_cast<double>(positives);
      const double precision = static_cast<double>(true_seen) / static_cast<double>(true_seen + false_seen);
      ap += (recall - last_recall) * precision;
      last_recall = recall;
    }
  };
  for (std::size_t i = 0; i < scored.size();) {
    std::uint64_t pos = 0, neg = 0;
    std::size_t j = i;
    for (; j < scored.size() && scored[j].first == scored[i].first; ++j) (scored[j].second ? pos : neg) += 1;
    group(pos, neg);
    i = j;
  }
  if (zero_positives + zero_negatives > 0) group(zero_positives, zero_negatives);
  return {auc_pairs / (static_cast<double>(positives) * static_cast<double>(negatives)), ap};
}

RankingQuality ranking_quality(std::span<const double> scores, std::span<const std::uint8_t> positive) {
  std::vector<std::pair<double, std::uint8_t>> scored;
  std::uint64_t zero_positives = 0, zero_negatives = 0;
  for (std::size_t i = 0; i < scores.size(); ++i) {
    if (scores[i] > 0) scored.emplace_back(scores[i], positive[i] ? 1 : 0);
    else (positive[i] ? zero_positives : zero_negatives) += 1;
  }
  return ranking_quality(std::move(scored), zero_positives, zero_negatives);
}

double spearman_correlation(std::span<const double> x, std::span<const double> y) {
  if (x.size() != y.size() || x.size() < 2) return kNaN;
  const std::vector<double> rx = mean_ranks(x), ry = mean_ranks(y);
  const double n = static_cast<double>(x.size());
  const double mean = (n + 1) / 2;  // the mean of ranks 1..n, ties included
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mean) * (ry[i] - mean);
    sxx += (rx[i] - mean) * (rx[i] - mean);
    syy += (ry[i] - mean) * (ry[i] - mean);
  }
  if (sxx == 0 || syy == 0) return kNaN;
  return sxy / std::sqrt(sxx * syy);
}

}  // namespace kuchikomi
