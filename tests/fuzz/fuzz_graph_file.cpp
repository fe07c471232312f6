// Fuzz target: kuchikomi graph files (every --graph argument that is an .h5 file), read from an
// in-memory file image by kuchikomi's own HDF5 parser (io/hdf5_reader.hpp) and checked as
// read_graph_file checks a file on disk.
//
// Feeds: the whole input as an HDF5 file image (seeds: graphs written by the kuchikomi executable,
// format 2 and a format-1 style file with variable-length labels, see make_fuzz_corpus.py).
// Must hold: only InputError/UsageError reject; a graph that loads passes InfluenceGraph::validate()
// (CSR invariants, probabilities in [0, 1], reverse = forward), has one distinct non-empty label per
// node (or none), finite non-negative weights, and every label resolves back to its node.
#include <tbb/global_control.h>

#include <cmath>
#include <span>

#include "fuzz_support.hpp"
#include "kuchikomi/io/graph_file.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
  if (size > kuchikomi::fuzz::kMaxInput) return -1;
  using namespace kuchikomi;
  fuzz::expect_clean_rejection([&] {
    GraphReadLimits limits;
    limits.max_memory_bytes = std::size_t{256} << 20;  // what the file can hold is far less anyway
    const InfluenceGraph g =
        read_graph_file_image(std::span(reinterpret_cast<const std::byte*>(data), size), "fuzz.h5", limits);
    g.validate();  // std::logic_error here is a bug: it is not an accepted rejection
    KUCHIKOMI_FUZZ_CHECK(g.labels.empty() || g.labels.size() == g.num_nodes());
    for (float w : g.out_weight) KUCHIKOMI_FUZZ_CHECK(std::isfinite(w) && w >= 0.0f);
    const LabelIndex index(g);
    for (NodeId v = 0; v < g.num_nodes(); ++v) KUCHIKOMI_FUZZ_CHECK(index.find(g.label(v)) == v);
  });
  return 0;
}
