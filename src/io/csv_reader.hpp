// RFC 4180 records (quoted fields, "" escapes, quoted newlines) for the interaction-log parser and
// the user lists. Private to src/io. A byte-order mark is the text layer's business (text_input.hpp).
#pragma once
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "parse_util.hpp"

namespace kuchikomi::ingest_detail {

struct ParseFailure {
  std::string message;
};

// Splits CSV records; quoted fields without "" escapes are views into the text, escaped ones live
// in `unescaped` (a deque, so earlier views stay valid while the record grows).
class CsvReader {
 public:
  CsvReader(std::string_view text, char delimiter) : text_(text), delimiter_(delimiter) {}
  bool done() const noexcept { return pos_ >= text_.size(); }
  std::uint64_t line() const noexcept { return line_; }
  void set_delimiter(char d) noexcept { delimiter_ = d; }

  // Reads the next record into `fields`; returns its first line number. On a malformed record,
  // resynchronises after the line where it started and throws ParseFailure.
  std::uint64_t next(std::vector<std::string_view>& fields) {
    fields.clear();
    unescaped_.clear();
    const std::uint64_t start_line = line_;
    const std::size_t start = pos_;
    try {
      for (;;) {
        fields.push_back(field());
        if (pos_ >= text_.size()) break;
        const char c = text_[pos_];
        if (c == delimiter_) {
          ++pos_;
          continue;
        }
        // c == '\n'
        ++pos_;
        ++line_;
        break;
      }
    } catch (const ParseFailure&) {
      const auto newline = text_.find('\n', start);
      pos_ = newline == std::string_view::npos ? text_.size() : newline + 1;
      line_ = start_line + 1;
      throw;
    }
    return start_line;
  }

 private:
  std::string_view field() {
    const std::size_t n = text_.size();
    std::size_t p = pos_;
    while (p < n && (text_[p] == ' ' || (text_[p] == '\t' && delimiter_ != '\t'))) ++p;
    if (p < n && text_[p] == '"') return quoted_field(p + 1);
    const std::size_t begin = pos_;
    p = begin;
    while (p < n && text_[p] != delimiter_ && text_[p] != '\n') ++p;
    pos_ = p;
    return trim_blanks(text_.substr(begin, p - begin));
  }

  std::string_view quoted_field(std::size_t p) {
    const std::size_t n = text_.size();
    const std::size_t begin = p;
    std::string* copy = nullptr;
    std::size_t copied_up_to = begin;
    for (;;) {
      if (p >= n) throw ParseFailure{"unterminated quoted field (missing closing \")"};
      const char c = text_[p];
      if (c == '"') {
        if (p + 1 < n && text_[p + 1] == '"') {  // "" is an escaped quote
          if (copy == nullptr) copy = &unescaped_.emplace_back();
          copy->append(text_.substr(copied_up_to, p + 1 - copied_up_to));
          p += 2;
          copied_up_to = p;
          continue;
        }
        break;
      }
      if (c == '\n') ++line_;
      ++p;
    }
    std::string_view value;
    if (copy != nullptr) {
      copy->append(text_.substr(copied_up_to, p - copied_up_to));
      value = *copy;
    } else {
      value = text_.substr(begin, p - begin);
    }
    ++p;  // closing quote
    while (p < n && (text_[p] == ' ' || text_[p] == '\r' || (text_[p] == '\t' && delimiter_ != '\t'))) ++p;
    if (p < n && text_[p] != delimiter_ && text_[p] != '\n')
      throw ParseFailure{"unexpected character after a closing quote (quotes inside a quoted field are written \"\")"};
    pos_ = p;
    return value;
  }

  std::string_view text_;
  char delimiter_;
  std::size_t pos_ = 0;
  std::uint64_t line_ = 1;
  std::deque<std::string> unescaped_;
};

}  // namespace kuchikomi::ingest_detail
