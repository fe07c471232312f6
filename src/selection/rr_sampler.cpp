// RR-set generation: parallel blocks keyed by sample index, each set drawn by the model
// (Model::sample_reverse). See rr_sampler.hpp for the determinism and memory contract.
#include "kuchikomi/selection/rr_sampler.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "kuchikomi/core/cancellation.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/core/physical_memory.hpp"
#include "kuchikomi/diffusion/model_list.hpp"

namespace kuchikomi {
namespace {

// Samples per parallel task and tasks per chunk. Blocks are defined by sample index, not by thread,
// so their concatenation is the same for any thread count; the chunk bounds how much is generated
// between two memory checks.
constexpr std::uint64_t kBlockSamples = 256;
constexpr std::uint64_t kChunkBlocks = 128;

}  // namespace

std::shared_ptr<const void> RrSampler::make_reverse_index(const InfluenceGraph& graph, DiffusionModelKind model) {
  return DiffusionModels::visit(model, [&](auto m) -> std::shared_ptr<const void> {
    using M = decltype(m);
    return std::make_shared<const typename M::ReverseIndex>(M::build_reverse_index(graph));
  });
}

RrSampler::RrSampler(const InfluenceGraph& graph, RrSamplerConfig config)
    : RrSampler(graph, config, make_reverse_index(graph, config.model)) {}

RrSampler::RrSampler(const InfluenceGraph& graph, RrSamplerConfig config, std::shared_ptr<const void> reverse_index)
    : RrSampler(graph, config, DiffusionModels::visit(config.model, [](auto model) -> BlockSampler {
                  return &sample_block<decltype(model)>;
                }), std::move(reverse_index)) {}

RrSampler::RrSampler(const InfluenceGraph& graph, RrSamplerConfig config, BlockSampler sampler,
                     std::shared_ptr<const void> reverse_index)
    : graph_(&graph), config_(std::move(config)), sample_(sampler), reverse_index_(std::move(reverse_index)) {
  if (graph.num_nodes() == 0) throw InputError("cannot sample RR sets on an empty graph");
  for (NodeId r : config_.roots)
    if (r >= graph.num_nodes()) throw UsageError("target user outside the graph");
  if (!config_.stop.empty() && config_.stop.size() != graph.num_nodes())
    throw std::invalid_argument("RrSampler: stop mask size differs from the number of nodes");
}

double RrSampler::scale() const noexcept {
  return config_.roots.empty() ? static_cast<double>(graph_->num_nodes()) : static_cast<double>(config_.roots.size());
}

void RrBlock::pack() {
  std::uint64_t at = 0;
  for (auto& size : sizes) {
    const std::uint64_t members = size;
    size = append_packed_set({nodes.data() + at, static_cast<std::size_t>(members)}, bytes);
    at += members;
  }
}

std::uint64_t RrSampler::memory_cap() const {
  return config_.max_memory_bytes == 0 ? physical_memory_bytes() : config_.max_memory_bytes;
}

RrLayout RrSampler::check_memory(std::uint64_t sets, double mean_size, std::uint64_t other_bytes,
                                 double set_bytes_per_entry) const {
  // Without a cap, the machine's memory: a sample that cannot fit is refused with its size at the
  // first chunk, not met by the allocator (or the OOM killer) after sampling for hours.
  const bool machine = config_.max_memory_bytes == 0;
  const std::uint64_t cap = memory_cap();
  const auto entries = static_cast<std::uint64_t>(std::ceil(mean_size * static_cast<double>(sets)));
  const NodeId n = graph_->num_nodes();
  // The fastest layout that fits: plain, then the index packed, then the sets too (rr_sets.hpp).
  std::uint64_t needed = 0;
  for (RrLayout layout : {RrLayout::kPlain, RrLayout::kPackedIndex, RrLayout::kPackedSetsAndIndex}) {
    needed = rr_memory_estimate(sets, entries, n, layout, set_bytes_per_entry) + other_bytes;
    if (needed <= cap) return layout;
  }
  std::ostringstream message;
  message << "RR sets need about " << format_bytes(needed) << " for " << sets << " RR sets (mean "
          << std::round(mean_size * 10) / 10.0 << " users per set, packed), over "
          << (machine ? "this machine's memory of " : "the memory cap of ") << format_bytes(cap)
          << (machine ? "; raise epsilon (or set a larger cap)" : "; raise the memory cap or epsilon");
  throw InputError(message.str(), {"max-memory", "epsilon"});
}

void RrSampler::extend(RrCollection& collection, std::uint64_t count, std::uint64_t other_bytes) const {
  tbb::enumerable_thread_specific<ReverseScratch> scratches;
  std::vector<RrBlock> blocks(kChunkBlocks);
  while (collection.size() < count) {
    const std::uint64_t start = collection.size();
    const std::uint64_t chunk = std::min(count - start, kBlockSamples * kChunkBlocks);
    const std::uint64_t used_blocks = (chunk + kBlockSamples - 1) / kBlockSamples;
    tbb::parallel_for(std::uint64_t{0}, used_blocks, [&](std::uint64_t b) {
      throw_if_cancelled();
      RrBlock& block = blocks[b];
      block.clear();
      const std::uint64_t first = start + b * kBlockSamples;
      sample_(*graph_, reverse_index_.get(), config_, first, std::min(start + chunk, first + kBlockSamples),
              scratches.local(), block);
    });
    std::uint64_t entries = 0;
    for (std::uint64_t b = 0; b < used_blocks; ++b) entries += blocks[b].nodes.size();
    // Project to the requested count with the mean size seen so far: fail early, not at the end.
    const std::uint64_t total_entries = collection.entries() + entries;
    const double mean_so_far = static_cast<double>(total_entries) / static_cast<double>(start + chunk);
    // A packed collection projects with its own bytes per entry (the estimate's stand-in before).
    const double set_bytes_per_entry = collection.packed && collection.packed_entries > 0
                                           ? static_cast<double>(collection.bytes.size()) /
                                                 static_cast<double>(collection.packed_entries)
                                           : kPackedSetBytesPerEntry;
    if (check_memory(std::max(count, start + chunk), mean_so_far, other_bytes, set_bytes_per_entry) ==
        RrLayout::kPackedSetsAndIndex)
      collection.pack();
    // Grow the arrays straight to the projected final size: doubling step by step would copy them
    // repeatedly and hold the old and the new buffer at once (the peak of a small run). The
    // projection's untouched tail costs address space, not resident memory.
    collection.offsets.reserve(count + 1);
    // Appends the chunk's sets, member arrays (nodes, or packed bytes) from `part` of each block,
    // reserving `into` for `count` sets at the size per set seen so far.
    auto append = [&](auto& into, auto part) {
      std::uint64_t total = into.size();
      for (std::uint64_t b = 0; b < used_blocks; ++b) total += (blocks[b].*part).size();
      const double per_set = static_cast<double>(total) / static_cast<double>(start + chunk);
      if (total > into.capacity())
        into.reserve(std::max(total, static_cast<std::uint64_t>(per_set * 1.1 * static_cast<double>(count))));
      for (std::uint64_t b = 0; b < used_blocks; ++b) {
        const auto& members = blocks[b].*part;
        into.insert(into.end(), members.begin(), members.end());
        for (auto size : blocks[b].sizes) collection.offsets.push_back(collection.offsets.back() + size);
      }
    };
    if (collection.packed) {
      tbb::parallel_for(std::uint64_t{0}, used_blocks, [&](std::uint64_t b) { blocks[b].pack(); });
      append(collection.bytes, &RrBlock::bytes);
      collection.packed_entries = total_entries;
    } else {
      append(collection.nodes, &RrBlock::nodes);
    }
  }
}

}  // namespace kuchikomi
