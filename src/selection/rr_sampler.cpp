// RR-set generation: reverse BFS (IC) / reverse walk (LT), parallel blocks keyed by sample index.
// See rr_sampler.hpp for the algorithm, the deadline argument and the determinism contract.
#include "kuchikomi/selection/rr_sampler.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {
namespace {

// Samples per parallel task and tasks per chunk. Blocks are defined by sample index, not by thread,
// so their concatenation is the same for any thread count; the chunk bounds how much is generated
// between two memory checks.
constexpr std::uint64_t kBlockSamples = 256;
constexpr std::uint64_t kChunkBlocks = 128;

// Per-thread scratch, allocated once per thread: a visit stamp per node avoids clearing an n-sized
// array for every sample.
struct Scratch {
  std::vector<std::uint32_t> stamp;
  std::uint32_t current = 0;
  std::vector<std::uint32_t> depth;  // only for deadlines
  std::uint32_t next_stamp(std::size_t n) {
    if (stamp.size() != n) stamp.assign(n, 0), current = 0;
    if (++current == 0) std::fill(stamp.begin(), stamp.end(), 0), current = 1;
    return current;
  }
};

struct Block {
  std::vector<NodeId> nodes;
  std::vector<std::uint64_t> sizes;
  std::vector<std::uint64_t> width;
  void clear() {
    nodes.clear();
    sizes.clear();
    width.clear();
  }
};

// Appends one IC RR set rooted at `root` to `out` (which doubles as the BFS queue); returns the
// number of in-edges examined.
std::uint64_t sample_ic(const InfluenceGraph& g, NodeId root, RandomStream& rng, std::uint32_t max_steps,
                        Scratch& scratch, std::vector<NodeId>& out) {
  const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
  const std::size_t begin = out.size();
  out.push_back(root);
  scratch.stamp[root] = mark;
  std::uint64_t width = 0;
  std::size_t head = begin;
  std::uint32_t level = 0;
  std::size_t level_end = out.size();  // BFS levels delimit hop distance for deadlines
  while (head < out.size()) {
    if (head == level_end) {
      ++level;
      level_end = out.size();
    }
    if (max_steps > 0 && level >= max_steps) break;  // nodes at depth T are not expanded
    const NodeId v = out[head++];
    const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
    width += last - first;
    for (EdgeId e = first; e < last; ++e) {
      if (rng.next_float() < g.in_prob[e]) {
        const NodeId u = g.in_sources[e];
        if (scratch.stamp[u] != mark) {
          scratch.stamp[u] = mark;
          out.push_back(u);
        }
      }
    }
  }
  return width;
}

// Appends one LT RR set (a reverse random walk) rooted at `root`.
std::uint64_t sample_lt(const InfluenceGraph& g, NodeId root, RandomStream& rng, std::uint32_t max_steps,
                        Scratch& scratch, std::vector<NodeId>& out) {
  const std::uint32_t mark = scratch.next_stamp(g.num_nodes());
  out.push_back(root);
  scratch.stamp[root] = mark;
  std::uint64_t width = 0;
  NodeId v = root;
  for (std::uint32_t step = 0; max_steps == 0 || step < max_steps; ++step) {
    const EdgeId first = g.in_offsets[v], last = g.in_offsets[v + 1];
    width += last - first;
    if (first == last) break;
    // One uniform draw selects the in-edge whose cumulative probability interval contains it.
    const double x = rng.next_double();
    double cumulative = 0;
    NodeId chosen = kNoNode;
    for (EdgeId e = first; e < last; ++e) {
      cumulative += g.in_prob[e];
      if (x < cumulative) {
        chosen = g.in_sources[e];
        break;
      }
    }
    if (chosen == kNoNode || scratch.stamp[chosen] == mark) break;  // no live in-edge, or a cycle
    scratch.stamp[chosen] = mark;
    out.push_back(chosen);
    v = chosen;
  }
  return width;
}

}  // namespace

RrSampler::RrSampler(const InfluenceGraph& graph, RrSamplerConfig config) : graph_(&graph), config_(std::move(config)) {
  if (graph.num_nodes() == 0) throw InputError("cannot sample RR sets on an empty graph");
  for (NodeId r : config_.roots)
    if (r >= graph.num_nodes()) throw UsageError("target user outside the graph");
}

double RrSampler::scale() const noexcept {
  return config_.roots.empty() ? static_cast<double>(graph_->num_nodes()) : static_cast<double>(config_.roots.size());
}

void RrSampler::check_memory(std::uint64_t sets, double mean_size, std::uint64_t other_bytes) const {
  if (config_.max_memory_bytes == 0) return;
  const auto entries = static_cast<std::uint64_t>(std::ceil(mean_size * static_cast<double>(sets)));
  const std::uint64_t needed = rr_memory_estimate(sets, entries, graph_->num_nodes()) + other_bytes;
  if (needed > config_.max_memory_bytes) {
    std::ostringstream message;
    message << "RR sets need about " << format_bytes(needed) << " for " << sets << " RR sets (mean "
            << std::round(mean_size * 10) / 10.0 << " users per set), over the memory cap of "
            << format_bytes(config_.max_memory_bytes) << "; raise --max-memory or raise epsilon";
    throw InputError(message.str());
  }
}

void RrSampler::extend(RrCollection& collection, std::uint64_t count, std::uint64_t other_bytes) const {
  const InfluenceGraph& g = *graph_;
  const NodeId n = g.num_nodes();
  const bool lt = config_.model == DiffusionModelKind::kLinearThreshold;
  tbb::enumerable_thread_specific<Scratch> scratches;
  std::vector<Block> blocks(kChunkBlocks);
  while (collection.size() < count) {
    const std::uint64_t start = collection.size();
    const std::uint64_t chunk = std::min(count - start, kBlockSamples * kChunkBlocks);
    const std::uint64_t used_blocks = (chunk + kBlockSamples - 1) / kBlockSamples;
    tbb::parallel_for(std::uint64_t{0}, used_blocks, [&](std::uint64_t b) {
      Scratch& scratch = scratches.local();
      Block& block = blocks[b];
      block.clear();
      const std::uint64_t first = start + b * kBlockSamples;
      const std::uint64_t last = std::min(start + chunk, first + kBlockSamples);
      for (std::uint64_t i = first; i < last; ++i) {
        RandomStream rng(stream_key(config_.rng_seed, config_.domain, config_.index_offset + i * config_.index_stride));
        const NodeId root = config_.roots.empty() ? static_cast<NodeId>(rng.next_below(n))
                                                  : config_.roots[rng.next_below(config_.roots.size())];
        const std::size_t before = block.nodes.size();
        const std::uint64_t width = lt ? sample_lt(g, root, rng, config_.max_steps, scratch, block.nodes)
                                       : sample_ic(g, root, rng, config_.max_steps, scratch, block.nodes);
        block.sizes.push_back(block.nodes.size() - before);
        block.width.push_back(width);
      }
    });
    std::uint64_t entries = 0;
    for (std::uint64_t b = 0; b < used_blocks; ++b) entries += blocks[b].nodes.size();
    if (config_.max_memory_bytes > 0) {
      const std::uint64_t total_entries = collection.nodes.size() + entries;
      const std::uint64_t total_sets = start + chunk;
      // Project to the requested count with the mean size seen so far: fail early, not at the end.
      const double mean = static_cast<double>(total_entries) / static_cast<double>(total_sets);
      check_memory(std::max(count, total_sets), mean, other_bytes);
    }
    for (std::uint64_t b = 0; b < used_blocks; ++b) {
      const Block& block = blocks[b];
      collection.nodes.insert(collection.nodes.end(), block.nodes.begin(), block.nodes.end());
      for (auto size : block.sizes) collection.offsets.push_back(collection.offsets.back() + size);
      collection.width.insert(collection.width.end(), block.width.begin(), block.width.end());
    }
  }
}

}  // namespace kuchikomi
