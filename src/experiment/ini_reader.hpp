// The INI syntax of experiment files (Boost.Program_options' config-file syntax: `key = value`,
// `[section]`, '#' comments), tokenized here by hand so that every error can name its line and the
// library does not depend on Program_options. Values are read and checked by Reader, whose errors
// are InputErrors naming the file and line.
#pragma once
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::ini {

struct Entry {
  std::string key, value;
  int line = 0;
};

struct Section {
  std::string name;  // "" for the entries before the first [section]
  int line = 0;      // of the header; 0 for the unnamed one
  std::vector<Entry> entries;
};

std::string trim(const std::string& text);
// "a, b,,c" -> {"a", "b", "c"}
std::vector<std::string> split_list(const std::string& text);
// Shortest text that reads back as the same double (for identities: 0.5, not 0.500000).
std::string number_text(double value);

class Reader {
 public:
  explicit Reader(std::string file) : file_(std::move(file)) {}
  const std::string& file() const { return file_; }
  [[noreturn]] void fail(int line, const std::string& what) const {
    throw InputError(file_, static_cast<std::uint64_t>(line), what);
  }

  // Sections in file order, the unnamed one first (possibly empty). A section named twice, a line
  // that is neither `key = value` nor `[section]`, an empty key or value: InputError.
  std::vector<Section> tokenize(std::string_view content) const;

  // Unknown keys, and keys given twice unless `repeatable`, are errors naming the line.
  void check_keys(const Section& section, const std::set<std::string>& known,
                  const std::set<std::string>& repeatable = {}) const;

  std::uint64_t unsigned_value(const Entry& e, std::uint64_t min = 0, std::uint64_t max = UINT64_MAX) const;
  double double_value(const Entry& e) const;
  // A comma-separated list of distinct whole numbers in [min, max], not empty.
  std::vector<std::uint64_t> unsigned_list(const Entry& e, std::uint64_t min, std::uint64_t max) const;

  // A list names each value once: a repeat would be two cells with one identity.
  template <class T>
  void check_distinct(const Entry& e, const std::vector<T>& values) const {
    for (std::size_t i = 0; i < values.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        if (values[i] == values[j])
          fail(e.line, e.key + " lists the same value twice (items " + std::to_string(j + 1) + " and " +
                           std::to_string(i + 1) + ")");
  }
  // Runs a check of the library on an entry's value; its UsageError becomes this file and line.
  template <class Check>
  void check_value(const Entry& e, Check check) const {
    try {
      check(e.value);
    } catch (const UsageError& error) {
      fail(e.line, error.what());
    }
  }

 private:
  std::string file_;
};

}  // namespace kuchikomi::ini
