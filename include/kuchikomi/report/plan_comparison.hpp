// `kuchikomi report a.h5 b.h5 [c.h5 ...] --out compare.html`: plans side by side on one page.
//
// Plans are only compared on the same graph: files that record a graph fingerprint
// (graph/graph_fingerprint.hpp) must agree on it; older files must agree on users, links and the
// probability model. The page: each plan's reach with its 95% CI, share of the community, segment
// reach, cost; ambassadors shared by every plan and those only one plan has; the reach curves on one
// chart; who is likely reached by one plan and not the other (from the files' per-user
// probabilities, or a note saying the files hold none). Self-contained like the single-plan page.
#pragma once
#include <string>
#include <vector>

#include "kuchikomi/report/html_report.hpp"

namespace kuchikomi {

inline constexpr std::size_t kMaxComparedPlans = 6;

// Throws InputError when the plans are not on the same graph (the message names both files).
void check_same_graph(const std::vector<ReportData>& plans);

std::string render_comparison_html(const std::vector<ReportData>& plans, const HtmlReportOptions& options = {});

// Reads every file, checks, renders and writes `out_path` atomically (no partial file on error).
void write_comparison_report(const std::vector<std::string>& results_paths, const std::string& out_path,
                             const HtmlReportOptions& options = {});

}  // namespace kuchikomi
