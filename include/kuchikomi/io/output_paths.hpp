// Outputs that would destroy an input or each other. Outputs are written to a temporary and renamed
// onto their destination (atomic_output.hpp), so `select --graph g.h5 --out g.h5` used to replace the
// graph with the selection and exit 0. Every command that writes checks its paths here first.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace kuchikomi {

// A file a command reads or writes, with the name it goes by in messages ("--graph", "graph quantum").
struct NamedPath {
  std::string name;
  std::filesystem::path path;  // empty: not given, skipped
};

// True when `a` and `b` are one file: the same inode (std::filesystem::equivalent, so a symlink and
// its target, or two hard links, are one file) when both exist, else the same weakly_canonical path
// (an output that does not exist yet named twice, spelled differently).
bool same_file(const std::filesystem::path& a, const std::filesystem::path& b);

// Throws InputError (exit 1: whether two names are one file depends on the files on disk, links
// included, as much as on the command line) naming the output, the input or other output it
// clashes with, and the path, when an output is the same file as an input or as another output.
// Call before any output is opened.
void check_output_paths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs);

}  // namespace kuchikomi
