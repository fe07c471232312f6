// Helpers for the ingestion tests: scratch files and edge lookup by user label.
#pragma once
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi::ingest_test {

// A fresh folder per test process, removed at exit by the OS's tmp cleaning; names are unique.
inline std::filesystem::path scratch_dir() {
  static const std::filesystem::path dir = [] {
    auto d = std::filesystem::temp_directory_path() / ("kuchikomi_io_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d;
  }();
  return dir;
}

inline std::string write_file(const std::string& name, const std::string& contents) {
  const auto path = scratch_dir() / name;
  std::ofstream(path, std::ios::binary) << contents;
  return path.string();
}

inline std::string tiny_community() { return std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/tiny_community.csv"; }
inline std::string quantum_community() { return std::string(KUCHIKOMI_SOURCE_DIR) + "/graphs/quantum_community.csv"; }
inline std::string shared_dataset(const std::string& relative) {
  return std::string(KUCHIKOMI_SHARED_DIR) + "/datasets/" + relative;
}

// Forward edge index of source -> target, by label.
inline std::optional<EdgeId> find_edge(const InfluenceGraph& g, const std::string& source, const std::string& target) {
  LabelIndex index(g);
  const auto u = index.find(source);
  const auto v = index.find(target);
  if (!u || !v) return std::nullopt;
  for (EdgeId e = g.out_offsets[*u]; e < g.out_offsets[*u + 1]; ++e)
    if (g.out_targets[e] == *v) return e;
  return std::nullopt;
}

}  // namespace kuchikomi::ingest_test
