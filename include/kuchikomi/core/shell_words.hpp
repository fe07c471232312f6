// Command lines recorded in results files (provenance) so that they can be pasted into a POSIX
// shell and run again with exactly the same arguments.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace kuchikomi {

// `word` as one POSIX shell word: unchanged when it holds only characters no shell treats
// specially (letters, digits, _ @ % + = : , . / -), else in single quotes, each ' written '\''.
std::string shell_quoted(std::string_view word);

// "program arg arg ...", each argument shell_quoted (the program is written as it is).
std::string shell_command_line(std::string_view program, const std::vector<std::string>& args);

}  // namespace kuchikomi
