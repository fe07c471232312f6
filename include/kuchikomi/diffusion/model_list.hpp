// The list of diffusion models the engine knows, and dispatch from the runtime kind to the
// compile-time model type. A new model is one header (see diffusion_model.hpp) plus one entry here
// (and its enum value in model_kind.hpp): names, traits, parsing, applicability checks, the Monte
// Carlo engine and the RR sampler all go through this list.
#pragma once
#include <stdexcept>
#include <string>
#include <utility>

#include "kuchikomi/diffusion/diffusion_model.hpp"
#include "kuchikomi/diffusion/independent_cascade.hpp"
#include "kuchikomi/diffusion/linear_threshold.hpp"

namespace kuchikomi {

template <BuiltInDiffusionModel... Models>
struct ModelList {
  // Calls f(Model{}) for the model whose kKind == kind; returns what f returns.
  template <class F>
  static decltype(auto) visit(DiffusionModelKind kind, F&& f) {
    return visit_impl<F, Models...>(kind, std::forward<F>(f));
  }
  // Calls f(Model{}) for every model in order.
  template <class F>
  static void for_each(F&& f) {
    (f(Models{}), ...);
  }

 private:
  template <class F, class First, class... Rest>
  static decltype(auto) visit_impl(DiffusionModelKind kind, F&& f) {
    if constexpr (sizeof...(Rest) == 0) {
      if (kind != First::kKind) throw std::logic_error("diffusion model kind missing from DiffusionModels");
      return f(First{});
    } else {
      if (kind == First::kKind) return f(First{});
      return visit_impl<F, Rest...>(kind, std::forward<F>(f));
    }
  }
};

using DiffusionModels = ModelList<IndependentCascade, LinearThreshold>;

}  // namespace kuchikomi
