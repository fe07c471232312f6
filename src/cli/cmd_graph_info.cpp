// PLACEHOLDER until its owner replaces this file.
#include <iostream>
#include "commands.hpp"
namespace kuchikomi::cli {
int graph_info(const Args&) { std::cerr << "not built yet\n"; return 1; }
}  // namespace kuchikomi::cli
