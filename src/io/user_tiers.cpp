// Tier rules (user_tiers.hpp).
#include "kuchikomi/io/user_tiers.hpp"

#include <charconv>
#include <cmath>

#include "csv_reader.hpp"
#include "kuchikomi/core/errors.hpp"
#include "kuchikomi/io/csv_field.hpp"
#include "kuchikomi/io/text_input.hpp"

namespace kuchikomi {
namespace {

constexpr std::string_view kMeasures[] = {"support", "exchange", "contribution", "engagement", "made", "received"};

double measure_of(const UserProfile& p, const std::string& measure) {
  if (measure == "support") return static_cast<double>(p.support);
  if (measure == "exchange") return static_cast<double>(p.exchange);
  if (measure == "contribution") return static_cast<double>(p.contribution);
  if (measure == "engagement") return p.engagement;
  if (measure == "made") return static_cast<double>(p.made);
  return static_cast<double>(p.received);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

TierCondition parse_condition(std::string_view text, std::string_view rule) {
  auto fail = [&](const std::string& why) -> TierCondition {
    throw UsageError("tier rule '" + std::string(rule) + "': " + why +
                     " (a condition is MEASURE>=N with MEASURE one of support, exchange, contribution, engagement, "
                     "made, received, and >=, >, <=, < or =)",
                     {"tier"});
  };
  const auto at = text.find_first_of("<>=");
  if (at == std::string_view::npos) return fail(std::string("no comparison in '").append(text).append("'"));
  TierCondition c;
  c.measure = std::string(trim(text.substr(0, at)));
  bool known = false;
  for (auto m : kMeasures) known = known || c.measure == m;
  if (!known) return fail("unknown measure '" + c.measure + "'");
  std::string_view rest = text.substr(at);
  using Op = TierCondition::Op;
  if (rest.starts_with(">=")) c.op = Op::kAtLeast, rest.remove_prefix(2);
  else if (rest.starts_with("<=")) c.op = Op::kAtMost, rest.remove_prefix(2);
  else if (rest.starts_with(">")) c.op = Op::kAbove, rest.remove_prefix(1);
  else if (rest.starts_with("<")) c.op = Op::kBelow, rest.remove_prefix(1);
  else c.op = Op::kEqual, rest.remove_prefix(rest.starts_with("==") ? 2 : 1);
  rest = trim(rest);
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), c.value);
  if (rest.empty() || ec != std::errc() || end != rest.data() + rest.size() || !std::isfinite(c.value))
    return fail(std::string(rest).insert(0, 1, '\'').append("' is not a number"));
  return c;
}

}  // namespace

std::vector<TierRule> default_tier_rules() {
  return {parse_tier_rule("contributor=contribution>=5"), parse_tier_rule("occasional-contributor=contribution>=1"),
          parse_tier_rule("commenter=exchange>=1"), parse_tier_rule("liker=support>=1")};
}

TierRule parse_tier_rule(std::string_view spec) {
  const auto eq = spec.find('=');
  if (eq == std::string_view::npos || eq == 0)
    throw UsageError("a tier rule is NAME=CONDITION[,CONDITION...], e.g. contributor=contribution>=5; got '" +
                         std::string(spec) + "'",
                     {"tier"});
  TierRule rule;
  rule.name = std::string(trim(spec.substr(0, eq)));
  for (char c : rule.name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
      throw UsageError("tier name '" + rule.name + "' may hold only letters, digits, '-' and '_'", {"tier"});
  if (rule.name.empty() || rule.name == kNoTier)
    throw UsageError("tier rule '" + std::string(spec) + "': '" + rule.name + "' cannot be a tier name" +
                         (rule.name.empty() ? "" : " (it is the name of users no rule matches)"),
                     {"tier"});
  std::string_view rest = spec.substr(eq + 1);
  while (true) {
    const auto comma = rest.find_first_of(",&");
    rule.conditions.push_back(parse_condition(trim(rest.substr(0, comma)), spec));
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  return rule;
}

std::string tier_rule_text(const TierRule& rule) {
  std::string text = rule.name + "=";
  for (std::size_t i = 0; i < rule.conditions.size(); ++i) {
    const auto& c = rule.conditions[i];
    static constexpr const char* kOps[] = {">=", ">", "<=", "<", "="};
    char number[32];
    const auto [end, ec] = std::to_chars(number, number + sizeof number, c.value);
    if (i > 0) text += ',';
    text += c.measure;
    text += kOps[static_cast<int>(c.op)];
    text.append(number, end);
  }
  return text;
}

std::string assign_tier(const UserProfile& profile, const std::vector<TierRule>& rules) {
  using Op = TierCondition::Op;
  for (const auto& rule : rules) {
    bool all = true;
    for (const auto& c : rule.conditions) {
      const double x = measure_of(profile, c.measure);
      const bool holds = c.op == Op::kAtLeast ? x >= c.value
                         : c.op == Op::kAbove ? x > c.value
                         : c.op == Op::kAtMost ? x <= c.value
                         : c.op == Op::kBelow  ? x < c.value
                                               : x == c.value;
      all = all && holds;
    }
    if (all) return rule.name;
  }
  return std::string(kNoTier);
}

std::vector<std::pair<std::string, std::string>> parse_user_tiers(std::string_view text, const std::string& file_name) {
  ingest_detail::CsvReader reader(text, ',');
  std::vector<std::string_view> fields;
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t user = ~std::size_t{0}, tier = ~std::size_t{0}, columns = 0;
  bool header = true;
  while (!reader.done()) {
    std::uint64_t line = reader.line();
    try {
      line = reader.next(fields);
    } catch (const ingest_detail::ParseFailure& failure) {
      throw InputError(file_name, line, failure.message);
    }
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (header) {
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == "user") user = i;
        if (fields[i] == "tier") tier = i;
      }
      if (user == ~std::size_t{0} || tier == ~std::size_t{0})
        throw InputError(file_name, line, "a users file has a header naming 'user' and 'tier' columns (as `kuchikomi users` writes)");
      columns = fields.size();
      header = false;
      continue;
    }
    if (fields.size() != columns)
      throw InputError(file_name, line, std::to_string(fields.size()) + " fields, the header has " + std::to_string(columns));
    if (fields[user].empty()) throw InputError(file_name, line, "empty user");
    out.emplace_back(csv_unguarded(std::string(fields[user])), std::string(fields[tier]));
  }
  if (header) throw InputError(file_name, 0, "empty file: expected a header such as user,...,tier");
  return out;
}

std::vector<std::pair<std::string, std::string>> read_user_tiers(const std::string& path) {
  return parse_user_tiers(read_text_input(path), path);
}

}  // namespace kuchikomi
