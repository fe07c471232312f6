// Scores of predictions against what happened, as validation reports them.
//
//   * AUC: the chance that a random positive (a user who adopted) scores above a random negative,
//     ties counting one half (the Mann-Whitney statistic / (P N));
//   * average precision: Σ_k (R_k - R_{k-1}) P_k over the distinct scores in decreasing order, with
//     R_k and P_k the recall and precision of "score >= k-th score" (scikit-learn's
//     average_precision_score: tied users enter together, never in a lucky order);
//   * Spearman's rho: Pearson's correlation of the ranks, tied values getting their mean rank.
// Undefined values (no positive, no negative, fewer than two points, a constant side) are NaN.
#pragma once
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

namespace kuchikomi {

struct RankingQuality {
  double auc = 0;
  double average_precision = 0;
};

// `scored`: (score > 0, is positive) for the candidates with a positive score; the candidates with
// score 0 are given as counts only (validation scores every user of the graph; most have 0).
RankingQuality ranking_quality(std::vector<std::pair<double, std::uint8_t>> scored, std::uint64_t zero_positives,
                               std::uint64_t zero_negatives);

// Every candidate given explicitly (scores >= 0).
RankingQuality ranking_quality(std::span<const double> scores, std::span<const std::uint8_t> positive);

double spearman_correlation(std::span<const double> x, std::span<const double> y);

}  // namespace kuchikomi
