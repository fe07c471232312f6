// The extension module kuchikomi._kuchikomi; the package kuchikomi (kuchikomi/__init__.py) re-exports
// it and adds the networkx conversions.
#include "binding.hpp"
#include "kuchikomi/core/version.hpp"

PYBIND11_MODULE(_kuchikomi, m) {
  using namespace kuchikomi::python;
  m.doc() = "kuchikomi: influence graphs, Monte Carlo spread (IC, LT) and seed selection (IMM, OPIM-C, CELF, ...)";
  m.attr("__version__") = kuchikomi::kVersion;
  bind_errors(m);
  bind_graph(m);
  bind_simulate(m);
  bind_select(m);
  bind_learn(m);
  bind_validate(m);
}
