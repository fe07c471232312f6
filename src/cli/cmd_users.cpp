// `kuchikomi users`: every user of interaction logs profiled by what they do, with a tier
// (io/user_profiles.hpp, io/user_tiers.hpp); --segment TIER --out-list F writes that tier's users as
// a list for --target, --exclude, --include or --seeds-file.
#include <iostream>
#include <map>

#include "cli_common.hpp"
#include "commands.hpp"
#include "kuchikomi/core/printable.hpp"
#include "kuchikomi/io/atomic_output.hpp"
#include "kuchikomi/io/output_paths.hpp"
#include "kuchikomi/io/user_tiers.hpp"
#include "kuchikomi/report/json_text.hpp"
#include "kuchikomi/report/user_profiles_csv.hpp"

namespace kuchikomi::cli {
namespace {

constexpr const char* kUsage =
    "kuchikomi users --log FILE [--log FILE2 ...] --out USERS.csv [--tier NAME=RULE ...]\n"
    "                [--segment TIER --out-list LIST.txt] [--action-weight NAME=W ...] [--json]\n\n"
    "Profiles every user of the logs (the same rows `graph build` reads): interactions made per class\n"
    "(support: like/vote; exchange: comment/reply/message; contribution: answer/review/post),\n"
    "weighted engagement, interactions made and received, first and last activity, and a tier.\n"
    "Tiers are tried in the order given, highest first: --tier contributor=contribution>=5 --tier\n"
    "regular=exchange>=3,support>=10 (conditions on support, exchange, contribution, engagement, made,\n"
    "received with >=, >, <=, <, =; all must hold). Users matching no rule are 'audience'.\n"
    "Default tiers: contributor=contribution>=5, occasional-contributor=contribution>=1,\n"
    "commenter=exchange>=1, liker=support>=1.\n"
    "--segment TIER --out-list F writes that tier's users, one per line, for --target and the like.";

}  // namespace

int users(const Args& args) {
  std::vector<std::string> logs, action_weights, tier_specs;
  std::string out, segment, out_list;
  CommonOptions common;
  po::options_description options("users");
  options.add_options()
      ("log", po::value<std::vector<std::string>>(&logs)->composing(), "interaction log CSV (repeatable; .gz ok)")
      ("out,o", po::value<std::string>(&out), "users CSV to write (one row per user)")
      ("tier", po::value<std::vector<std::string>>(&tier_specs)->composing(), "tier rule NAME=CONDITION[,...] (repeatable, highest first)")
      ("segment", po::value<std::string>(&segment), "a tier whose users --out-list writes")
      ("out-list", po::value<std::string>(&out_list), "user list of --segment's tier")
      ("action-weight", po::value<std::vector<std::string>>(&action_weights)->composing(), "NAME=W: weight of an action (repeatable)");
  add_common_options(options, common, kJson | kQuiet);
  po::variables_map vm;
  if (auto code = parse_command_line(args, kUsage, options, {}, vm)) return *code;

  return run_guarded("users", [&]() -> int {
    if (logs.empty()) throw po::error("--log FILE is required");
    if (out.empty() && out_list.empty()) throw po::error("--out USERS.csv (or --segment TIER --out-list F) is required");
    if (vm.count("segment") != vm.count("out-list")) throw po::error("--segment and --out-list go together");
    std::vector<TierRule> rules;
    for (const auto& spec : tier_specs) rules.push_back(parse_tier_rule(spec));
    if (rules.empty()) rules = default_tier_rules();
    if (vm.count("segment")) {
      bool known = segment == kNoTier;
      for (const auto& rule : rules) known = known || rule.name == segment;
      if (!known) {
        std::string names;
        for (const auto& rule : rules) names += rule.name + ", ";
        throw po::error("--segment " + segment + " is not a tier (tiers: " + names + std::string(kNoTier) + ")");
      }
    }
    InteractionLogOptions log_options;
    for (const auto& spec : action_weights) log_options.action_weights.set_from_spec(spec);

    std::vector<NamedPath> inputs;
    for (const auto& log : logs) inputs.push_back({"--log", log});
    check_output_paths(inputs, {{"--out", out}, {"--out-list", out_list}});
    OutputSet outputs;
    AtomicOutput* csv_output = out.empty() ? nullptr : &outputs.add(out);
    AtomicOutput* list_output = out_list.empty() ? nullptr : &outputs.add(out_list);

    const UserProfiles profiles = profile_users(logs, log_options);
    std::vector<std::string> tiers;
    std::map<std::string, std::uint64_t> sizes;
    for (const auto& p : profiles.users) ++sizes[tiers.emplace_back(assign_tier(p, rules))];
    if (csv_output) csv_output->write(user_profiles_csv(profiles.users, tiers));
    if (list_output) {
      if (sizes[segment] == 0) throw InputError(logs.front(), 0, "no user is in the tier '" + segment + "': the list would be empty");
      list_output->write(segment_list(profiles.users, tiers, segment));
    }
    outputs.commit_all();

    // Tiers in rule order, then the rest.
    std::vector<std::pair<std::string, std::uint64_t>> ordered;
    for (const auto& rule : rules) ordered.emplace_back(rule.name, sizes[rule.name]);
    ordered.emplace_back(std::string(kNoTier), sizes[std::string(kNoTier)]);
    if (common.json) {
      nlohmann::json tiers_json = nlohmann::json::array();
      for (std::size_t i = 0; i < ordered.size(); ++i)
        tiers_json.push_back({{"tier", ordered[i].first},
                              {"rule", i < rules.size() ? tier_rule_text(rules[i]) : std::string("(no rule matched)")},
                              {"users", ordered[i].second}});
      std::cout << json_text({{"users", profiles.users.size()},
                              {"interactions", profiles.summary.interactions_kept},
                              {"tiers", tiers_json},
                              {"out", out},
                              {"out_list", out_list}})
                << "\n";
    } else if (!common.quiet) {
      std::cout << profiles.users.size() << " users, " << profiles.summary.interactions_kept << " interactions\n";
      for (std::size_t i = 0; i < ordered.size(); ++i)
        std::cout << "  " << ordered[i].first << ": " << ordered[i].second << " users"
                  << (i < rules.size() ? "  (" + tier_rule_text(rules[i]) + ")" : "") << "\n";
      if (!out.empty()) std::cout << "wrote " << printable(out) << "\n";
      if (!out_list.empty()) std::cout << "wrote " << printable(out_list) << " (" << sizes[segment] << " users of '" << segment << "')\n";
    }
    return kExitOk;
  });
}

}  // namespace kuchikomi::cli
