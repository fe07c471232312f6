// `kuchikomi report`: a results file (select or simulate) -> one self-contained HTML page; two to six
// files -> a page comparing the plans (report/plan_comparison.hpp). The reading, charts and pages
// are in the library.
#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/report/html_report.hpp"
#include "kuchikomi/report/plan_comparison.hpp"
#include "kuchikomi/report/selection_report.hpp"

namespace kuchikomi::cli {

int report(const Args& args) {
  return run_guarded("report", [&]() -> int {
    po::options_description options("report");
    CommonOptions common;
    std::vector<std::string> results;
    std::string out;
    HtmlReportOptions report_options;
    Count<std::size_t> top{report_options.top_reached};
    options.add_options()
        ("results", po::value(&results)->required()->multitoken(),
         "results file: sel.h5 from `select` (or sim.h5 from `simulate`); 2-6 files: a page comparing the plans")
        ("out", po::value(&out)->required(), "HTML page to write")
        ("title", po::value(&report_options.title), "page heading (default: algorithm and graph)")
        ("users", po::value(&report_options.users_path), "users file of `kuchikomi users`: show reach per tier")
        ("graph", po::value(&report_options.graph_path), "with --users: the plan's graph (default: the one the results name)")
        ("top", po::value(&top)->default_value(top), "rows in the 'who is reached' table (1-100)");
    add_common_options(options, common, kQuiet);
    po::positional_options_description positional;
    positional.add("results", -1);
    po::variables_map vm;
    if (auto code = parse_command_line(args, "kuchikomi report RESULTS.h5 [MORE.h5 ...] --out report.html [options]", options,
                                       positional, vm))
      return *code;
    report_options.top_reached = top.value;
    if (report_options.top_reached < 1 || report_options.top_reached > kTopReachedStored)
      throw po::error("--top must be between 1 and " + std::to_string(kTopReachedStored) +
                      " (results files keep the " + std::to_string(kTopReachedStored) + " most reached users)");
    if (results.size() > kMaxComparedPlans)
      throw po::error("at most " + std::to_string(kMaxComparedPlans) + " results files can be compared on one page");
    std::vector<NamedPath> inputs;
    for (const auto& path : results) inputs.push_back({"RESULTS", path});
    inputs.push_back({"--users", report_options.users_path});
    inputs.push_back({"--graph", report_options.graph_path});
    if (results.size() > 1 && !report_options.users_path.empty()) throw po::error("--users goes with one results file");
    check_output_paths(inputs, {{"--out", out}});
    if (results.size() == 1) write_html_report(results.front(), out, report_options);
    else write_comparison_report(results, out, report_options);
    if (!common.quiet) std::cout << "wrote " << out << "\n";
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
