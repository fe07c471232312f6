#include "ini_reader.hpp"

#include <charconv>
#include <cmath>
#include <map>
#include <sstream>

namespace kuchikomi::ini {

std::string trim(const std::string& text) {
  const auto begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> parts;
  std::stringstream stream(text);
  std::string part;
  while (std::getline(stream, part, ',')) {
    part = trim(part);
    if (!part.empty()) parts.push_back(part);
  }
  return parts;
}

std::string number_text(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::vector<Section> Reader::tokenize(std::string_view content) const {
  std::vector<Section> sections(1);
  int line = 0;
  while (!content.empty()) {
    ++line;
    const std::size_t eol = content.find('\n');
    const std::string raw(content.substr(0, eol));
    content.remove_prefix(eol == std::string_view::npos ? content.size() : eol + 1);
    const auto hash = raw.find('#');
    const std::string text = trim(hash == std::string::npos ? raw : raw.substr(0, hash));
    if (text.empty()) continue;
    if (text.front() == '[') {
      if (text.back() != ']') fail(line, "section header '" + text + "' lacks its closing ']'");
      const std::string name = trim(text.substr(1, text.size() - 2));
      for (const auto& existing : sections)
        if (existing.name == name)
          fail(line, "section [" + name + "] appears twice (first on line " + std::to_string(existing.line) + ")");
      sections.push_back({name, line, {}});
      continue;
    }
    const auto equals = text.find('=');
    if (equals == std::string::npos) fail(line, "expected 'key = value' or '[section]', got '" + text + "'");
    Entry entry{trim(text.substr(0, equals)), trim(text.substr(equals + 1)), line};
    if (entry.key.empty()) fail(line, "missing key before '='");
    if (entry.value.empty()) fail(line, "no value for '" + entry.key + "'");
    sections.back().entries.push_back(std::move(entry));
  }
  return sections;
}

void Reader::check_keys(const Section& section, const std::set<std::string>& known,
                        const std::set<std::string>& repeatable) const {
  std::map<std::string, int> seen;
  for (const auto& e : section.entries) {
    if (!known.count(e.key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      fail(e.line, "unknown key '" + e.key + "'" + (section.name.empty() ? "" : " in [" + section.name + "]") +
                       " (known: " + list + ")");
    }
    if (seen.count(e.key) && !repeatable.count(e.key))
      fail(e.line, "'" + e.key + "' given twice (also on line " + std::to_string(seen[e.key]) + ")");
    seen[e.key] = e.line;
  }
}

std::uint64_t Reader::unsigned_value(const Entry& e, std::uint64_t min, std::uint64_t max) const {
  std::uint64_t value = 0;
  const auto* end = e.value.data() + e.value.size();
  auto [ptr, ec] = std::from_chars(e.value.data(), end, value);
  if (ec != std::errc() || ptr != end) fail(e.line, e.key + " = '" + e.value + "' is not a whole number");
  if (value < min) fail(e.line, e.key + " must be at least " + std::to_string(min));
  if (value > max) fail(e.line, e.key + " must be at most " + std::to_string(max));
  return value;
}

double Reader::double_value(const Entry& e) const {
  try {
    std::size_t used = 0;
    const double value = std::stod(e.value, &used);
    if (used == e.value.size() && std::isfinite(value)) return value;
  } catch (const std::exception&) {
  }
  fail(e.line, e.key + " = '" + e.value + "' is not a number");
}

std::vector<std::uint64_t> Reader::unsigned_list(const Entry& e, std::uint64_t min, std::uint64_t max) const {
  std::vector<std::uint64_t> values;
  for (const auto& part : split_list(e.value)) values.push_back(unsigned_value(Entry{e.key, part, e.line}, min, max));
  if (values.empty()) fail(e.line, e.key + " is empty");
  check_distinct(e, values);
  return values;
}

}  // namespace kuchikomi::ini
