// Edge probabilities from aggregated weights; see probability_model.hpp for the models and why.
#include "kuchikomi/graph/probability_model.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <vector>

#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/random_stream.hpp"

namespace kuchikomi {

namespace {

constexpr const char* kSpellings = "wc, uniform:P (0 <= P <= 1), trivalency, exp:TAU (TAU > 0), const-from-file";

std::string shortest(double value) {
  char buffer[32];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, ec == std::errc() ? end : buffer);
}

double parameter_of(const std::string& text, std::size_t colon) {
  const std::string value = text.substr(colon + 1);
  double parsed = 0.0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  if (value.empty() || ec != std::errc() || end != value.data() + value.size() || !std::isfinite(parsed))
    throw UsageError("probability model '" + text + "': '" + value + "' is not a number; accepted: " + kSpellings, {"prob"});
  return parsed;
}

}  // namespace

std::string ProbabilityModel::text() const {
  switch (kind) {
    case Kind::kWeightedCascade: return "wc";
    case Kind::kUniform: return "uniform:" + shortest(parameter);
    case Kind::kTrivalency: return "trivalency";
    case Kind::kExponential: return "exp:" + shortest(parameter);
    case Kind::kConstFromFile: return "const-from-file";
  }
  return "unknown";
}

ProbabilityModel parse_probability_model(const std::string& text) {
  ProbabilityModel model;
  const auto colon = text.find(':');
  const std::string name = text.substr(0, colon);
  if (colon == std::string::npos) {
    if (name == "wc") return model;
    if (name == "trivalency") {
      model.kind = ProbabilityModel::Kind::kTrivalency;
      return model;
    }
    if (name == "const-from-file" || name == "const") {
      model.kind = ProbabilityModel::Kind::kConstFromFile;
      return model;
    }
    if (name == "uniform" || name == "exp")
      throw UsageError("probability model '" + text + "' needs a parameter (" + name + (name == "exp" ? ":TAU" : ":P") + ")",
                       {"prob"});
  } else if (name == "uniform") {
    model.kind = ProbabilityModel::Kind::kUniform;
    model.parameter = parameter_of(text, colon);
    if (model.parameter < 0.0 || model.parameter > 1.0)
      throw UsageError("probability model '" + text + "': P must be in [0,1]", {"prob"});
    return model;
  } else if (name == "exp") {
    model.kind = ProbabilityModel::Kind::kExponential;
    model.parameter = parameter_of(text, colon);
    if (!(model.parameter > 0.0)) throw UsageError("probability model '" + text + "': TAU must be > 0", {"prob"});
    return model;
  }
  throw UsageError("unknown probability model '" + text + "'; accepted: " + kSpellings, {"prob"});
}

void assign_probabilities(InfluenceGraph& graph, const ProbabilityModel& model, std::uint64_t rng_seed) {
  const NodeId n = graph.num_nodes();
  const EdgeId m = graph.num_edges();
  graph.out_prob.resize(m);
  const bool weighted = graph.out_weight.size() == m;
  auto weight = [&](EdgeId e) { return weighted ? static_cast<double>(graph.out_weight[e]) : 1.0; };
  switch (model.kind) {
    case ProbabilityModel::Kind::kWeightedCascade: {
      std::vector<double> in_weight(n, 0.0);
      for (EdgeId e = 0; e < m; ++e) in_weight[graph.out_targets[e]] += weight(e);
      // A node whose in-edges all weigh 0 gets no influence at all (rather than dividing by zero).
      for (EdgeId e = 0; e < m; ++e) {
        const double total = in_weight[graph.out_targets[e]];
        graph.out_prob[e] = total > 0.0 ? static_cast<float>(weight(e) / total) : 0.0f;
      }
      break;
    }
    case ProbabilityModel::Kind::kUniform:
      for (EdgeId e = 0; e < m; ++e) graph.out_prob[e] = static_cast<float>(model.parameter);
      break;
    case ProbabilityModel::Kind::kTrivalency: {
      constexpr float kLevels[3] = {0.1f, 0.01f, 0.001f};
      // Keyed by edge index, so the draw does not depend on thread count or on other edges.
      for (EdgeId e = 0; e < m; ++e) {
        RandomStream stream(stream_key(rng_seed, StreamDomain::kEdgeProbability, e));
        graph.out_prob[e] = kLevels[stream.next_below(3)];
      }
      graph.provenance.rng_seed = rng_seed;
      break;
    }
    case ProbabilityModel::Kind::kExponential:
      for (EdgeId e = 0; e < m; ++e)
        graph.out_prob[e] = static_cast<float>(std::min(1.0, std::max(0.0, -std::expm1(-weight(e) / model.parameter))));
      break;
    case ProbabilityModel::Kind::kConstFromFile:
      break;
  }
  graph.rebuild_reverse();
  graph.provenance.probability_model = model.text();
}

}  // namespace kuchikomi
