#include "kuchikomi/core/shell_words.hpp"

namespace kuchikomi {

std::string shell_quoted(std::string_view word) {
  auto plain = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           std::string_view("_@%+=:,./-").find(c) != std::string_view::npos;
  };
  bool quote = word.empty();
  for (char c : word) quote = quote || !plain(c);
  if (!quote) return std::string(word);
  std::string text = "'";
  for (char c : word) {
    if (c == '\'') text += "'\\''";
    else text += c;
  }
  return text + "'";
}

std::string shell_command_line(std::string_view program, const std::vector<std::string>& args) {
  std::string text(program);
  for (const auto& arg : args) {
    text += ' ';
    text += shell_quoted(arg);
  }
  return text;
}

}  // namespace kuchikomi
