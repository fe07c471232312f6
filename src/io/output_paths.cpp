#include "kuchikomi/io/output_paths.hpp"

#include <system_error>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi {

namespace fs = std::filesystem;

namespace {

// weakly_canonical, or the absolute normal form when even that fails (an unreadable folder).
fs::path resolved(const fs::path& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(path, ec);
  if (!ec) return canonical;
  return fs::absolute(path, ec).lexically_normal();
}

bool present(const fs::path& path) {
  std::error_code ec;
  return fs::exists(path, ec);
}

}  // namespace

bool same_file(const fs::path& a, const fs::path& b) {
  if (present(a) && present(b)) {
    std::error_code ec;
    const bool equivalent = fs::equivalent(a, b, ec);
    if (!ec) return equivalent;
  }
  return resolved(a) == resolved(b);
}

void check_output_paths(const std::vector<NamedPath>& inputs, const std::vector<NamedPath>& outputs) {
  auto clash = [](const NamedPath& output, const NamedPath& other, const std::string& consequence) {
    const bool spelled_alike = output.path == other.path;
    throw InputError(output.path.string(), 0,
                     output.name + " is the same file as " + other.name +
                         (spelled_alike ? "" : " ('" + other.path.string() + "')") + ": " + consequence);
  };
  for (std::size_t i = 0; i < outputs.size(); ++i) {
    const NamedPath& output = outputs[i];
    if (output.path.empty()) continue;
    for (const NamedPath& input : inputs)
      if (!input.path.empty() && same_file(output.path, input.path))
        clash(output, input, "writing it would destroy the input");
    for (std::size_t j = 0; j < i; ++j)
      if (!outputs[j].path.empty() && same_file(output.path, outputs[j].path))
        clash(output, outputs[j], "one output would replace the other");
  }
}

}  // namespace kuchikomi
