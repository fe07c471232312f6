// kuchikomi: influence maximisation on community interaction graphs. This file only dispatches to
// the subcommands (commands.hpp); all the work is in the library.
#include <algorithm>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "cli_common.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/core/version.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "commands.hpp"

namespace {

using Command = int (*)(const kuchikomi::cli::Args&);

struct Entry {
  Command run;
  const char* summary;
};

const std::map<std::string, Entry>& commands() {
  using namespace kuchikomi::cli;
  static const std::map<std::string, Entry> table{
      {"graph build", {graph_build, "interaction log (CSV) -> influence graph (.h5)"}},
      {"graph import", {graph_import, "edge list, GraphML or GEXF -> influence graph (.h5)"}},
      {"graph export", {graph_export, "influence graph -> edge list, CSV or GraphML for other tools"}},
      {"graph info", {graph_info, "nodes, edges, degrees, probabilities, top users of a graph"}},
      {"graph generate", {graph_generate, "synthetic R-MAT, power-law or configuration-model graph"}},
      {"graph learn", {graph_learn, "influence probabilities learned from an adoption log"}},
      {"simulate", {simulate, "Monte Carlo spread of a seed set under IC or LT"}},
      {"validate", {validate, "predicted vs actual reach of graphs on held-out real cascades"}},
      {"select", {select, "choose seed users (IMM, OPIM-C, CELF, CELF++, greedy, heuristics)"}},
      {"experiment run", {experiment_run, "grid of graphs x models x algorithms x k, resumable (.ini)"}},
      {"report", {report, "self-contained HTML report of a selection (or simulation) result"}},
      {"users", {users, "profile the users of an interaction log: actions by class, engagement, tiers, segment lists"}},
  };
  return table;
}

void print_overview() {
  std::cout << "kuchikomi: who to seed so that word of mouth spreads furthest\n\nUsage: kuchikomi <command> [options]\n\n";
  for (const auto& [name, entry] : commands()) std::cout << "  " << name << std::string(18 - name.size(), ' ') << entry.summary << "\n";
  std::cout << "\nEvery command takes --help.\n";
}

}  // namespace

int main(int argc, char** argv) {
  kuchikomi::install_output_cleanup_on_signals();  // Ctrl-C never leaves a half-written temporary behind
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_overview();
    return args.empty() ? kuchikomi::cli::kExitUsage : kuchikomi::cli::kExitOk;
  }
  if (args[0] == "--version") {
    std::cout << "kuchikomi " << kuchikomi::kVersion << "\n";
    return 0;
  }
  // Two-word commands ("graph build") first, then one-word ones.
  for (std::size_t words : {2u, 1u}) {
    if (args.size() < words) continue;
    std::string name = args[0];
    if (words == 2) name += " " + args[1];
    auto it = commands().find(name);
    if (it != commands().end()) return it->second.run(std::vector<std::string>(args.begin() + static_cast<long>(words), args.end()));
  }
  // "kuchikomi graph --help" (or "experiment -h"): the command group's overview.
  const bool is_group = std::any_of(commands().begin(), commands().end(),
                                    [&](const auto& entry) { return entry.first.rfind(args[0] + " ", 0) == 0; });
  if (is_group && (args.size() == 1 || args[1] == "--help" || args[1] == "-h")) {
    print_overview();
    return args.size() == 1 ? kuchikomi::cli::kExitUsage : kuchikomi::cli::kExitOk;
  }
  std::cerr << "kuchikomi: unknown command '" << kuchikomi::printable(args[0] + (args.size() > 1 && is_group ? " " + args[1] : ""))
            << "'\n\n";
  print_overview();
  return kuchikomi::cli::kExitUsage;
}
