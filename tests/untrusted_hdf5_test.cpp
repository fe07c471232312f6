// Graph and results files made by someone else (issue 11): crafted HDF5 must be refused with a
// message naming the file, never read past a buffer, never make us allocate what the file does
// not hold. Files are read by kuchikomi's own parser (io/hdf5_reader.hpp), never by libhdf5; an
// ASan build aborts on any impossible allocation request, so a corrupt length that made the
// reader ask for one fails the test.
//
// The hostile files are made here with the HDF5 C API, as an attacker with h5py would make them.
// Run under ASan+UBSan (CI does) an overflow or a wild read fails the test even where the
// reader would survive it by luck.
#include <gtest/gtest.h>
#include <hdf5.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <vector>

#include "support/scratch_test.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/diffusion/monte_carlo.hpp"
#include "kuchikomi/io/graph_file.hpp"
#include "kuchikomi/io/hdf5_file.hpp"
#include "kuchikomi/io/hdf5_reader.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/simulation_report.hpp"
#include "support/errors.hpp"

namespace kuchikomi {
namespace {

namespace fs = std::filesystem;

class UntrustedHdf5 : public support::ScratchTest {};

//  a --0.5--> b --0.25--> c --1.0--> a,   d --0--> b
InfluenceGraph small_graph() {
  std::vector<EdgeRecord> records{{0, 1, 0.5f, 2.0, 1}, {1, 2, 0.25f, 1.5, 3}, {2, 0, 1.0f, 1.0, 1},
                                  {3, 1, 0.0f, 4.0, 2}};
  GraphProvenance p{"log.csv", "interaction-log", "const-from-file", "kuchikomi graph build log.csv", 3, 0, 7};
  return build_influence_graph(4, records, {"alice", "bob", "carol", "\xe5\x8f\xa3\xe3\x82\xb3\xe3\x83\x9f"}, p);
}

using support::expect_input_error;

// Attribute `name` on `location` holding `count` uint64 values (an array where one is expected).
void put_array_attribute(hid_t location, const char* name, hsize_t count, std::uint64_t value) {
  H5Adelete(location, name);
  const hid_t space = H5Screate_simple(1, &count, nullptr);
  const hid_t attr = H5Acreate2(location, name, H5T_STD_U64LE, space, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<std::uint64_t> values(count, value);
  H5Awrite(attr, H5T_NATIVE_UINT64, values.data());
  H5Aclose(attr);
  H5Sclose(space);
}

hid_t open_rw(const std::string& path) { return H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT); }

// Finding 1: an array attribute read into one variable overwrote the stack.
TEST_F(UntrustedHdf5, ArrayAttributeIsRefusedNotReadIntoOneValue) {
  write_graph_file(small_graph(), path("g.h5"));
  const hid_t file = open_rw(path("g.h5"));
  put_array_attribute(file, "num_nodes", 64, 4);
  H5Fclose(file);
  expect_input_error([&] { read_graph_file(path("g.h5")); }, path("g.h5"), "attribute 'num_nodes' must hold a single value");

  // A results file too: `report` reads k, runs, ... the same way.
  SimulationRecord record;
  record.graph_path = "g.h5";
  record.model = "ic";
  record.seeds = {0};
  SimulationOptions options;
  options.runs = 100;
  write_simulation_file(path("sim.h5"), small_graph(), record, simulate_spread(small_graph(), record.seeds, options));
  const hid_t sim = open_rw(path("sim.h5"));
  const hid_t spread = H5Gopen2(sim, "spread", H5P_DEFAULT);
  put_array_attribute(spread, "mean", 4096, 0);
  H5Gclose(spread);
  H5Fclose(sim);
  expect_input_error([&] { read_report_data(path("sim.h5")); }, path("sim.h5"), "must hold a single value");
}

TEST_F(UntrustedHdf5, AttributeOfTheWrongKindIsRefused) {
  write_graph_file(small_graph(), path("g.h5"));
  {
    auto file = hdf5::create_file(path("t.h5"));
    file.set_attribute("text", "12");
    file.set_attribute("real", 2.5);
    file.set_attribute("negative", std::int64_t{-3});
  }
  const auto file = hdf5::open_file(path("t.h5"));
  expect_input_error([&] { file.int_attribute("text"); }, path("t.h5"), "is not a number");
  expect_input_error([&] { file.int_attribute("real"); }, path("t.h5"), "is not an integer");
  expect_input_error([&] { file.uint_attribute("negative"); }, path("t.h5"), "is negative");
  expect_input_error([&] { file.string_attribute("real"); }, path("t.h5"), "is not text");
  EXPECT_EQ(file.string_attribute("text"), "12");

  // A float with made-up bit fields is not a standard type: refused before any conversion.
  const hid_t raw = open_rw(path("g.h5"));
  H5Adelete(raw, "num_edges");
  const hid_t odd = H5Tcopy(H5T_IEEE_F64LE);
  H5Tset_fields(odd, 63, 52, 11, 0, 40);
  H5Tset_precision(odd, 52);
  const hid_t space = H5Screate(H5S_SCALAR);
  const hid_t attr = H5Acreate2(raw, "num_edges", odd, space, H5P_DEFAULT, H5P_DEFAULT);
  const double four = 4;
  H5Awrite(attr, H5T_NATIVE_DOUBLE, &four);
  H5Aclose(attr);
  H5Sclose(space);
  H5Tclose(odd);
  H5Fclose(raw);
  expect_input_error([&] { read_graph_file(path("g.h5")); }, path("g.h5"), "'num_edges' is not a number");
}

// Finding 5: a small file claiming 2^31 nodes in chunks it never wrote made the loader allocate 23 GB.
TEST_F(UntrustedHdf5, DatasetsClaimingMoreThanTheFileHoldsAreRefusedBeforeAllocating) {
  const std::uint64_t n = std::uint64_t{1} << 31;
  {
    const hid_t file = H5Fcreate(path("huge.h5").c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    auto attribute = [&](const char* name, hid_t type, const void* value) {
      const hid_t space = H5Screate(H5S_SCALAR);
      const hid_t a = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
      H5Awrite(a, type, value);
      H5Aclose(a);
      H5Sclose(space);
    };
    const hid_t text = H5Tcopy(H5T_C_S1);
    H5Tset_size(text, 15);
    attribute("format", text, "kuchikomi-graph");
    H5Tclose(text);
    const std::int64_t version = 2;
    const std::uint64_t zero = 0;
    attribute("format_version", H5T_NATIVE_INT64, &version);
    attribute("num_nodes", H5T_NATIVE_UINT64, &n);
    attribute("num_edges", H5T_NATIVE_UINT64, &zero);
    for (const char* group_name : {"forward", "reverse"}) {
      const hid_t group = H5Gcreate2(file, group_name, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
      const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
      const hsize_t chunk = 1024, dims = n + 1, none = 0;
      H5Pset_chunk(dcpl, 1, &chunk);
      const hid_t big = H5Screate_simple(1, &dims, nullptr), empty = H5Screate_simple(1, &none, nullptr);
      H5Dclose(H5Dcreate2(group, "offsets", H5T_NATIVE_UINT64, big, H5P_DEFAULT, dcpl, H5P_DEFAULT));
      for (const char* name : {"targets", "sources", "probability", "weight", "count"})
        H5Dclose(H5Dcreate2(group, name, H5T_NATIVE_UINT32, empty, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
      H5Sclose(big);
      H5Sclose(empty);
      H5Pclose(dcpl);
      H5Gclose(group);
    }
    H5Fclose(file);
  }
  EXPECT_LT(fs::file_size(path("huge.h5")), 64u * 1024);
  expect_input_error([&] { read_graph_file(path("huge.h5")); }, path("huge.h5"), "more than the file's");
}

TEST_F(UntrustedHdf5, GraphLargerThanTheMemoryLimitIsRefusedBeforeReading) {
  write_graph_file(small_graph(), path("g.h5"));
  GraphReadLimits limits;
  limits.max_memory_bytes = 100;
  expect_input_error([&] { read_graph_file(path("g.h5"), limits); }, path("g.h5"), "more than the memory limit");
  limits.max_memory_bytes = 1 << 20;
  EXPECT_EQ(read_graph_file(path("g.h5"), limits).labels, small_graph().labels);
}

TEST_F(UntrustedHdf5, CompressedOrMultiDimensionalOrNonNumericDatasetsAreRefused) {
  {
    auto file = hdf5::create_file(path("d.h5"));
    const hid_t dcpl = H5Pcreate(H5P_DATASET_CREATE);
    const hsize_t dims = 100, chunk = 10, square[2] = {4, 4};
    H5Pset_chunk(dcpl, 1, &chunk);
    H5Pset_deflate(dcpl, 6);
    const hid_t space = H5Screate_simple(1, &dims, nullptr), plane = H5Screate_simple(2, square, nullptr);
    std::vector<double> values(100, 1.0);
    const hid_t zipped = H5Dcreate2(file.id(), "zipped", H5T_NATIVE_DOUBLE, space, H5P_DEFAULT, dcpl, H5P_DEFAULT);
    H5Dwrite(zipped, H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data());
    H5Dclose(zipped);
    H5Dclose(H5Dcreate2(file.id(), "plane", H5T_NATIVE_DOUBLE, plane, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    const hid_t text = H5Tcopy(H5T_C_S1);
    H5Tset_size(text, 8);
    H5Dclose(H5Dcreate2(file.id(), "text", text, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT));
    H5Tclose(text);
    H5Sclose(space);
    H5Sclose(plane);
    H5Pclose(dcpl);
  }
  const auto file = hdf5::open_file(path("d.h5"));
  expect_input_error([&] { file.read<double>("zipped"); }, path("d.h5"), "compressed");
  expect_input_error([&] { file.read<double>("plane"); }, path("d.h5"), "not a one-dimensional array");
  expect_input_error([&] { file.read<double>("text"); }, path("d.h5"), "does not hold numbers");
  expect_input_error([&] { file.read<double>("missing"); }, path("d.h5"), "missing dataset");
}

// Duplicate or empty labels make lookups by label ambiguous; NaN weights poison every model.
TEST_F(UntrustedHdf5, DuplicateOrEmptyLabelsAndNonFiniteWeightsAreRefused) {
  auto rewrite = [&](const std::string& name, auto change) {
    InfluenceGraph g = small_graph();
    change(g);
    auto file = hdf5::create_file(path(name));  // the reader's checks, not the writer's, are tested
    file.set_attribute("format", "kuchikomi-graph");
    file.set_attribute("format_version", 2);
    file.set_attribute("num_nodes", std::uint64_t{4});
    file.set_attribute("num_edges", std::uint64_t{4});
    {
      const auto forward = file.create_group("forward");
      forward.write("offsets", g.out_offsets);
      forward.write("targets", g.out_targets);
      forward.write("probability", g.out_prob);
      forward.write("weight", g.out_weight);
      forward.write("count", g.out_count);
      const auto reverse = file.create_group("reverse");
      reverse.write("offsets", g.in_offsets);
      reverse.write("sources", g.in_sources);
      reverse.write("probability", g.in_prob);
      file.create_group("nodes").write_strings("label", g.labels);
    }
    file.close();
  };
  rewrite("dup.h5", [](InfluenceGraph& g) { g.labels[2] = "alice"; });
  expect_input_error([&] { read_graph_file(path("dup.h5")); }, path("dup.h5"), "users 0 and 2 have the same label 'alice'");
  rewrite("empty.h5", [](InfluenceGraph& g) { g.labels[1].clear(); });
  expect_input_error([&] { read_graph_file(path("empty.h5")); }, path("empty.h5"), "user 1 has an empty label");
  rewrite("nan.h5", [](InfluenceGraph& g) { g.out_weight[2] = std::numeric_limits<float>::quiet_NaN(); });
  expect_input_error([&] { read_graph_file(path("nan.h5")); }, path("nan.h5"), "edge 2 has weight");
  rewrite("inf.h5", [](InfluenceGraph& g) { g.out_weight[0] = std::numeric_limits<float>::infinity(); });
  expect_input_error([&] { read_graph_file(path("inf.h5")); }, path("inf.h5"), "must be finite");
}

// Format version 1 (before 0.2): labels and text attributes as variable-length strings. Written
// here the way the old writer wrote them.
void write_version1_graph(const std::string& file_path, const InfluenceGraph& g) {
  const hid_t file = H5Fcreate(file_path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
  const hid_t vlen = H5Tcopy(H5T_C_S1);
  H5Tset_size(vlen, H5T_VARIABLE);
  H5Tset_cset(vlen, H5T_CSET_UTF8);
  const hid_t scalar = H5Screate(H5S_SCALAR);
  auto text = [&](const char* name, const char* value) {
    const hid_t a = H5Acreate2(file, name, vlen, scalar, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, vlen, &value);
    H5Aclose(a);
  };
  auto number = [&](const char* name, std::uint64_t value) {
    const hid_t a = H5Acreate2(file, name, H5T_NATIVE_UINT64, scalar, H5P_DEFAULT, H5P_DEFAULT);
    H5Awrite(a, H5T_NATIVE_UINT64, &value);
    H5Aclose(a);
  };
  text("format", "kuchikomi-graph");
  number("format_version", 1);
  number("num_nodes", g.num_nodes());
  number("num_edges", g.num_edges());
  text("probability_model", "const-from-file");
  text("source", "old.csv");
  number("interactions", 7);
  auto dataset = [&](hid_t group, const char* name, hid_t type, std::size_t count, const void* data) {
    const hsize_t dims = count;
    const hid_t space = H5Screate_simple(1, &dims, nullptr);
    const hid_t set = H5Dcreate2(group, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    if (count > 0) H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data);
    H5Dclose(set);
    H5Sclose(space);
  };
  const hid_t forward = H5Gcreate2(file, "forward", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  dataset(forward, "offsets", H5T_NATIVE_UINT64, g.out_offsets.size(), g.out_offsets.data());
  dataset(forward, "targets", H5T_NATIVE_UINT32, g.out_targets.size(), g.out_targets.data());
  dataset(forward, "probability", H5T_NATIVE_FLOAT, g.out_prob.size(), g.out_prob.data());
  dataset(forward, "weight", H5T_NATIVE_FLOAT, g.out_weight.size(), g.out_weight.data());
  dataset(forward, "count", H5T_NATIVE_UINT32, g.out_count.size(), g.out_count.data());
  const hid_t reverse = H5Gcreate2(file, "reverse", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  dataset(reverse, "offsets", H5T_NATIVE_UINT64, g.in_offsets.size(), g.in_offsets.data());
  dataset(reverse, "sources", H5T_NATIVE_UINT32, g.in_sources.size(), g.in_sources.data());
  dataset(reverse, "probability", H5T_NATIVE_FLOAT, g.in_prob.size(), g.in_prob.data());
  const hid_t nodes = H5Gcreate2(file, "nodes", H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
  std::vector<const char*> labels;
  for (const auto& l : g.labels) labels.push_back(l.c_str());
  dataset(nodes, "label", vlen, labels.size(), labels.data());
  for (hid_t id : {forward, reverse, nodes}) H5Gclose(id);
  H5Sclose(scalar);
  H5Tclose(vlen);
  H5Fclose(file);
}

TEST_F(UntrustedHdf5, Version1GraphsStillLoadWithTheirLabels) {
  const InfluenceGraph g = small_graph();
  write_version1_graph(path("v1.h5"), g);
  const InfluenceGraph r = read_graph_file(path("v1.h5"));
  EXPECT_EQ(r.labels, g.labels);
  EXPECT_EQ(r.out_targets, g.out_targets);
  EXPECT_EQ(r.in_prob, g.in_prob);
  EXPECT_EQ(r.provenance.interactions, 7u);
  EXPECT_EQ(r.provenance.source, "");  // variable-length text attributes are not read
}

// Every byte of the file changed, one at a time, to three other values: the reader either loads a
// graph that passes every check or throws InputError. Nothing else (no crash, no other exception,
// no sanitizer report). This is what found libhdf5's crashes in variable-length strings.
void sweep_single_byte_corruptions(const std::string& original, const std::string& scratch, std::size_t* loaded) {
  std::ifstream in(original, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_GT(bytes.size(), 1000u);
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    for (const unsigned char change : std::initializer_list<unsigned char>{0x01, 0x80, 0xFF}) {
      std::string damaged = bytes;
      damaged[i] = static_cast<char>(static_cast<unsigned char>(damaged[i]) ^ change);
      const std::span<const std::byte> image(reinterpret_cast<const std::byte*>(damaged.data()), damaged.size());
      try {
        const InfluenceGraph g = read_graph_file_image(image, scratch);
        g.validate();
        ++*loaded;
      } catch (const InputError&) {
      } catch (const std::exception& e) {
        ADD_FAILURE() << "byte " << i << " ^ " << int(change) << ": " << typeid(e).name() << ": " << e.what();
      }
    }
  }
}

TEST_F(UntrustedHdf5, EverySingleByteCorruptionIsLoadedOrRefused) {
  write_graph_file(small_graph(), path("g.h5"));
  std::size_t loaded = 0;
  sweep_single_byte_corruptions(path("g.h5"), "g.h5", &loaded);
  EXPECT_GT(loaded, 0u);  // changes in unused bytes (padding, timestamps) still load
}

TEST_F(UntrustedHdf5, EverySingleByteCorruptionOfAVersion1FileIsLoadedOrRefused) {
  write_version1_graph(path("v1.h5"), small_graph());
  std::size_t loaded = 0;
  sweep_single_byte_corruptions(path("v1.h5"), "v1.h5", &loaded);
  EXPECT_GT(loaded, 0u);
}

TEST_F(UntrustedHdf5, FileImagesReadLikeFiles) {
  write_graph_file(small_graph(), path("g.h5"));
  std::ifstream in(path("g.h5"), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto g = read_graph_file_image({reinterpret_cast<const std::byte*>(bytes.data()), bytes.size()}, "memory.h5");
  EXPECT_EQ(g.labels, small_graph().labels);
  EXPECT_EQ(g.provenance.probability_model, "const-from-file");
  expect_input_error([&] { read_graph_file_image({reinterpret_cast<const std::byte*>("nope"), 4}, "memory.h5"); },
                     "memory.h5", "not an HDF5 file");
}

}  // namespace
}  // namespace kuchikomi
