// The report's figures said in plain words for campaign planners: the guarantee ("at least 53% as
// good as the best possible 20-person plan, with probability 99.75%"; the formula stays in the
// settings), the caption of the reach-against-ambassadors curve (diminishing returns only where the
// gains do decrease), and the page's default title (from where the graph came from, not a file name).
#pragma once
#include <string>
#include <vector>

namespace kuchikomi {

struct ReportData;

// Empty for a simulation file. Says "no guarantee" plainly for heuristics and runs without a ratio,
// and that no plan can do better when the plan holds every user (a 1-user graph, say, where the
// formula's "1 - 1/n" would promise nothing).
std::string guarantee_in_plain_words(const ReportData& data);

// The caption under the curve (cumulative reach of the first 1, 2, ... ambassadors): the
// diminishing-returns sentence when every gain is at most the one before, else what the curve shows.
std::string spread_curve_caption(const std::vector<double>& curve);

// "Word-of-mouth plan for quantum community: 10 ambassadors" from the graph's source (its file name
// without folders or extensions, '_' and '-' as spaces), else the graph file's, else none.
std::string default_report_title(const ReportData& data);

}  // namespace kuchikomi
