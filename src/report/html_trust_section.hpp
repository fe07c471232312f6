// The HTML report's "How far to trust the reach" section (see html_trust_section.cpp).
#pragma once
#include <sstream>

#include "kuchikomi/report/html_report.hpp"

namespace kuchikomi::html {

void trust_section(std::ostringstream& html, const ReportData& data);

}  // namespace kuchikomi::html
