// The one place that names kuchikomi's version: `kuchikomi --version`, the `kuchikomi_version`
// attribute of graph and result files, and the HTML report's footer.
#pragma once

namespace kuchikomi {

inline constexpr const char* kVersion = "0.2.0";

}  // namespace kuchikomi
