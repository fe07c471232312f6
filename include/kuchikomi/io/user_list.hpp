// Lists of users given by label: seed files, target segments, exclude/include lists, cost tables.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/graph/influence_graph.hpp"

namespace kuchikomi {

// A user a list named who is not in the graph, left out under --unknown-users skip.
struct UnknownUser {
  std::string option;  // the option that gave the list ("--target")
  std::string label;
};

// How lists treat labels. A label resolves exactly, or as a display name without its id suffix when
// one user has it (LabelIndex::resolve). An unknown label is an InputError naming the file and line,
// the closest labels ("did you mean") and, when `option` is set, the way to skip such users; with
// `skip_unknown` it is left out and recorded in `*skipped` instead.
struct UserListPolicy {
  std::string option;                         // "--target": for messages and the skipped record
  bool skip_unknown = false;                  // --unknown-users skip
  std::vector<UnknownUser>* skipped = nullptr;  // where skipped labels go (may be null)
  // The way out as the front end spells it, in the message when `option` is set (the Python
  // package: "pass unknown_users='skip'").
  std::string skip_advice = "add --unknown-users skip";
};

// The message for a label that resolves to nobody: unknown (with suggestions), or a display name
// that several users share (naming them). With `option` set, an unknown label's message ends with
// "(to leave out users not in the graph, <skip_advice>)".
std::string unknown_user_message(const LabelIndex& index, std::string_view label, const std::string& option = {},
                                 const std::string& skip_advice = "add --unknown-users skip");

// One label given directly rather than in a file (a Python list), resolved as list labels are:
// its user, or nullopt when `policy` skips it (recorded). An empty or (not skipped) unknown label is
// an InputError "<policy.option>: <message>".
std::optional<NodeId> resolve_listed_user(const LabelIndex& index, const std::string& label,
                                          const UserListPolicy& policy);

// One label per line: the whole line (so "Blue (26)" and "Kim, Lee" need no quoting), or an RFC 4180
// quoted field; or a CSV with a header naming a `user` (or `label`) column, such as the seeds CSV
// of `kuchikomi select`, whose formula guard (io/csv_field.hpp) is taken off again: a `user` field
// "'=cmd" is the user "=cmd" ("''=x" is "'=x"; a quote before any other text stays). '#' comments
// and blank lines skipped; duplicates removed, first occurrence kept. Unknown labels: InputError
// with file:line.
std::vector<NodeId> read_user_list(const std::string& path, const LabelIndex& index, const UserListPolicy& policy = {});
// The same for a list held in memory; `file_name` is for messages.
std::vector<NodeId> parse_user_list(std::string_view text, const std::string& file_name, const LabelIndex& index,
                                    const UserListPolicy& policy = {});
// Comma-separated labels with RFC 4180 quotes ("\"Kim, Lee\",bob"); empty fields dropped.
std::vector<std::string> split_label_list(const std::string& text);
// --seeds text: the whole text when it is one known label, else split_label_list.
std::vector<NodeId> resolve_label_list(const std::string& text, const LabelIndex& index, const std::string& what);
// Labels given on the command line; `what` names the option in messages ("--seeds").
std::vector<NodeId> resolve_users(const std::vector<std::string>& labels, const LabelIndex& index,
                                  const std::string& what);
// "label,cost" per line (the cost is after the last comma, tab or semicolon — spreadsheets in
// decimal-comma locales save "user;cost" — or else blank; a header
// "user,cost" is skipped; the label may be quoted) -> cost per node; unlisted users cost
// `default_cost`. Costs must be positive finite numbers; a user listed twice is an error naming both
// lines (which cost was meant?). In every list an empty label ("" or an empty user field) is an error.
// A semicolon file's cost may use a decimal comma ("Kim;2,5").
std::vector<double> read_user_costs(const std::string& path, const LabelIndex& index, NodeId num_nodes,
                                    double default_cost, const UserListPolicy& policy = {});
std::vector<double> parse_user_costs(std::string_view text, const std::string& file_name, const LabelIndex& index,
                                     NodeId num_nodes, double default_cost, const UserListPolicy& policy = {});

}  // namespace kuchikomi
