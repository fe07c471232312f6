// What a learning method returns for every edge of the graph: its estimate and the two numbers it
// is a ratio of, so a reader can tell a 0.5 learned from 1 of 2 trials from one learned from 500
// of 1000. An edge with denominator 0 had no evidence: its probability is left to the prior.
#pragma once
#include <cstdint>
#include <vector>

namespace kuchikomi {

struct EdgeEstimates {
  std::vector<double> probability;          // per forward edge; meaningful where denominator > 0
  std::vector<double> numerator;            // successes (A_{u2v}, summed credit, EM's expected successes)
  std::vector<std::uint32_t> denominator;   // trials (A_u, A_{u|v}, |S+| + |S-|)

  void resize(std::size_t edges) {
    probability.assign(edges, 0.0);
    numerator.assign(edges, 0.0);
    denominator.assign(edges, 0);
  }
};

}  // namespace kuchikomi
