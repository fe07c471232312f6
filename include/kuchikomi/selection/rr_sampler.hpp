// Generates random reverse-reachable (RR) sets (Borgs, Brautbar, Chayes, Lucier, SODA 2014) of any
// diffusion model: the model draws one set (Model::sample_reverse, see independent_cascade.hpp and
// linear_threshold.hpp for IC's reverse BFS and LT's reverse walk, deadlines included); this file
// owns roots, streams, parallel blocks and memory.
//
//   Target segment: the root is drawn uniformly from the segment, so Pr[set meets S] = I_T(S)/|T|
//       and the spread estimate scales by |T| (scale()) instead of n.
//
// Determinism: sample i draws every coin from RandomStream(stream_key(rng_seed, domain, i)); samples
// are generated in parallel blocks keyed by index and concatenated in index order, so the
// collection is identical for any thread count.
// Memory: before appending each chunk the projected bytes (rr_memory_estimate, plus memory already
// held elsewhere) are compared with max_memory_bytes (without one, the machine's memory) for the
// plain layout, then with the index packed (rr_index.hpp), then with the sets packed too
// (rr_sets.hpp: the collection is converted then, and later chunks are packed as they come); over
// the cap even so, an InputError says how much the run needs instead of the OS killing the process.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "kuchikomi/core/random_stream.hpp"
#include "kuchikomi/diffusion/diffusion_model.hpp"
#include "kuchikomi/diffusion/model_kind.hpp"
#include "kuchikomi/graph/influence_graph.hpp"
#include "kuchikomi/selection/rr_sets.hpp"

namespace kuchikomi {

struct RrSamplerConfig {
  DiffusionModelKind model = DiffusionModelKind::kIndependentCascade;
  std::uint32_t max_steps = 0;          // 0 = no deadline
  std::vector<NodeId> roots;            // target segment; empty = every node is a possible root
  std::uint64_t rng_seed = 1;
  StreamDomain domain = StreamDomain::kRrSample;
  std::uint64_t max_memory_bytes = 0;   // 0 = the machine's physical memory
  // Local sample j is global sample index_offset + j * index_stride: a rank of a distributed run
  // (communicator.hpp) draws exactly its share of the serial sample.
  std::uint64_t index_offset = 0;
  std::uint64_t index_stride = 1;
  // Empty, or one byte per node: a set that meets a node with stop[u] != 0 is stored as {u} alone
  // (HIST's sets truncated at the sentinel set, hist.hpp). Its coverage by any seed set that holds
  // every stop node is the full set's, so such seed sets are estimated exactly as before.
  std::vector<std::uint8_t> stop;
};

// The sets of one parallel block, before they are appended to a collection in index order.
struct RrBlock {
  std::vector<NodeId> nodes;
  std::vector<std::uint64_t> sizes;  // per set: nodes, or after pack() bytes
  std::vector<std::uint8_t> bytes;   // after pack()
  void clear() {
    nodes.clear();
    sizes.clear();
    bytes.clear();
  }
  // Sorts and gap-codes each set into bytes (a packed collection's layout, rr_sets.hpp).
  void pack();
};

class RrSampler {
 public:
  // Sets of the built-in model config.model (model_list.hpp); builds the model's reverse index.
  RrSampler(const InfluenceGraph& graph, RrSamplerConfig config);
  // The same with a reverse index already built for this graph and model (make_reverse_index), so
  // that several samples of one run share it.
  RrSampler(const InfluenceGraph& graph, RrSamplerConfig config, std::shared_ptr<const void> reverse_index);
  // Sets of any model (diffusion_model.hpp), such as one defined only in a test; config.model is
  // ignored.
  template <DiffusionModel Model>
  static RrSampler for_model(const InfluenceGraph& graph, RrSamplerConfig config) {
    return RrSampler(graph, std::move(config), &sample_block<Model>,
                     std::make_shared<const typename Model::ReverseIndex>(Model::build_reverse_index(graph)));
  }
  // The reverse index of built-in `model` on `graph` (type-erased: the sampler knows its type).
  static std::shared_ptr<const void> make_reverse_index(const InfluenceGraph& graph, DiffusionModelKind model);

  // Appends samples with indexes collection.size() .. count-1 (nothing when already that large).
  // `other_bytes`: memory held by other collections at the same time, counted against the cap.
  void extend(RrCollection& collection, std::uint64_t count, std::uint64_t other_bytes = 0) const;

  // The fastest layout in which `sets` sets of `mean_size` nodes fit the cap; the memory
  // InputError when none does: lets IMM fail before generating its final collection rather than
  // part way through.
  // `set_bytes_per_entry`: packed sets' size per entry (a packed collection's own, once known).
  RrLayout check_memory(std::uint64_t sets, double mean_size, std::uint64_t other_bytes = 0,
                        double set_bytes_per_entry = kPackedSetBytesPerEntry) const;

  // max_memory_bytes, or the machine's memory without one.
  std::uint64_t memory_cap() const;

  // n, or |target| when rooting in the segment: spread = scale() * covered / sets.
  double scale() const noexcept;
  const RrSamplerConfig& config() const noexcept { return config_; }

 private:
  // Draws samples [first, last) into `block` (one parallel task's work).
  using BlockSampler = void (*)(const InfluenceGraph&, const void* reverse_index, const RrSamplerConfig&,
                                std::uint64_t first, std::uint64_t last, ReverseScratch&, RrBlock&);
  RrSampler(const InfluenceGraph& graph, RrSamplerConfig config, BlockSampler sampler,
            std::shared_ptr<const void> reverse_index);

  template <DiffusionModel Model>
  static void sample_block(const InfluenceGraph& graph, const void* reverse_index, const RrSamplerConfig& config,
                           std::uint64_t first, std::uint64_t last, ReverseScratch& scratch, RrBlock& block) {
    const auto& index = *static_cast<const typename Model::ReverseIndex*>(reverse_index);
    const NodeId n = graph.num_nodes();
    for (std::uint64_t i = first; i < last; ++i) {
      RandomStream rng(stream_key(config.rng_seed, config.domain, config.index_offset + i * config.index_stride));
      const NodeId root = config.roots.empty() ? static_cast<NodeId>(rng.next_below(n))
                                               : config.roots[rng.next_below(config.roots.size())];
      const std::size_t before = block.nodes.size();
      if (config.stop.empty()) {
        Model::sample_reverse(graph, index, root, rng, config.max_steps, scratch, block.nodes);
      } else if constexpr (requires {
                             Model::sample_reverse_until(graph, index, root, rng, config.max_steps, scratch,
                                                         block.nodes, config.stop.data());
                           }) {
        Model::sample_reverse_until(graph, index, root, rng, config.max_steps, scratch, block.nodes, config.stop.data());
      } else {  // a model without an early stop: draw the whole set, then keep its first stop node
        Model::sample_reverse(graph, index, root, rng, config.max_steps, scratch, block.nodes);
        for (std::size_t j = before; j < block.nodes.size(); ++j)
          if (config.stop[block.nodes[j]]) {
            const NodeId hit = block.nodes[j];
            block.nodes.resize(before);
            block.nodes.push_back(hit);
            break;
          }
      }
      block.sizes.push_back(block.nodes.size() - before);
    }
  }

  const InfluenceGraph* graph_;
  RrSamplerConfig config_;
  BlockSampler sample_;
  std::shared_ptr<const void> reverse_index_;
};

}  // namespace kuchikomi
