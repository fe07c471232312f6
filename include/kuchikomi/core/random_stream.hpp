// Counter-based random numbers that make parallel results independent of the thread schedule.
//
// Every random decision is keyed by *what* it decides (simulation run r, RR sample i, edge e, node v),
// never by which thread makes it. A stream key is derived by hashing (rng_seed, domain, index) with
// SplitMix64's finaliser (Steele, Lea, Flood, "Fast splittable pseudorandom number generators",
// OOPSLA 2014). Two ways to draw from a key:
//   * RandomStream: a sequential SplitMix64 generator for one run or sample (serial inside it);
//   * value_at(key, i): the i-th value of that stream in O(1), so a run can flip "the coin of edge e"
//     and every seed set simulated in run r sees the same live edges (common random numbers).
#pragma once
#include <cstdint>

namespace kuchikomi {

__extension__ using uint128_t = unsigned __int128;  // GCC/Clang builtin; __extension__ silences -Wpedantic

inline constexpr std::uint64_t kGoldenGamma = 0x9E3779B97F4A7C15ULL;

// SplitMix64 finaliser: a bijective avalanche mix of 64 bits.
constexpr std::uint64_t mix64(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// Separate domains so that, say, simulation run 7 and RR sample 7 never share a stream.
enum class StreamDomain : std::uint64_t {
  kSimulationRun = 1,
  kRrSample = 2,
  kRrSampleFinal = 3,  // IMM/OPIM-C: fresh, independent sets for the final selection
  kGraphGeneration = 4,
  kEdgeProbability = 5,  // trivalency draws
  kEvaluationRun = 6,    // independent yardstick after selection
  kHeuristic = 7,        // random baseline
  kGraphWiring = 8,      // configuration model: the one stub shuffle (degrees use kGraphGeneration)
  kRandomSeeds = 9,      // simulate --random-seeds: the users drawn as seeds in run r
  kRrSampleTruncated = 10,       // HIST: RR sets truncated at the sentinel set, chooser sample
  kRrSampleTruncatedCheck = 11,  // HIST: the independent check sample of those
  kRrSampleBound = 12,           // IMM phase 1: held-out sets that bound the spread of the set chosen on kRrSample
};

constexpr std::uint64_t stream_key(std::uint64_t rng_seed, StreamDomain domain, std::uint64_t index) noexcept {
  return mix64(mix64(rng_seed ^ mix64(static_cast<std::uint64_t>(domain) * kGoldenGamma)) + index * kGoldenGamma);
}

// The i-th output of the SplitMix64 stream with the given key, without generating the ones before.
constexpr std::uint64_t value_at(std::uint64_t key, std::uint64_t i) noexcept {
  return mix64(key + (i + 1) * kGoldenGamma);
}

// 24 random bits as a float in [0, 1): exact, so `u < p` is never true for p = 0, always for p = 1.
constexpr float to_unit_float(std::uint64_t bits) noexcept {
  return static_cast<float>(bits >> 40) * 0x1.0p-24f;
}
// 53 random bits as a double in [0, 1).
constexpr double to_unit_double(std::uint64_t bits) noexcept {
  return static_cast<double>(bits >> 11) * 0x1.0p-53;
}

// Sequential stream for work that is serial inside one run or sample (RR BFS, graph generation).
class RandomStream {
 public:
  constexpr explicit RandomStream(std::uint64_t key) noexcept : state_(key) {}
  constexpr std::uint64_t next() noexcept {
    state_ += kGoldenGamma;
    return mix64(state_);
  }
  constexpr float next_float() noexcept { return to_unit_float(next()); }
  constexpr double next_double() noexcept { return to_unit_double(next()); }
  // Uniform integer in [0, bound) by Lemire's multiply-shift (bias < bound / 2^64, negligible here).
  constexpr std::uint64_t next_below(std::uint64_t bound) noexcept {
    return static_cast<std::uint64_t>((static_cast<uint128_t>(next()) * bound) >> 64);
  }

 private:
  std::uint64_t state_;
};

}  // namespace kuchikomi
