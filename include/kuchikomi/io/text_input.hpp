// Whole-file text input, plain or gzip, for the ingestion parsers.
//
// Parsers read the entire input into one buffer and then scan it by hand: one big read (or gzread
// in 1 MiB chunks) is far faster than line-by-line streams, and the parsers can point string_views
// straight into the buffer. Gzip is recognised by its magic bytes (1f 8b), not by the file name,
// so a renamed .gz still reads; concatenated gzip members are read in full (zlib's gzread does).
//
// Every text file kuchikomi reads (interaction logs, edge lists, user and cost lists, config and
// experiment files) comes through here, and a UTF-8 byte-order mark at its start (Windows editors and
// spreadsheet exports write one) is dropped here: left in, it glued itself to the first field, an
// invisible "unknown user" or a bad first line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kuchikomi {

// `text` without a leading UTF-8 byte-order mark (EF BB BF). The readers below apply it; the
// parsers that take text in memory (parse_interaction_log, parse_edge_list) apply it too.
inline std::string_view without_utf8_bom(std::string_view text) noexcept {
  return text.substr(0, 3) == "\xEF\xBB\xBF" ? text.substr(3) : text;
}

// The most bytes read_text_input holds for one file (decompressed): a quarter of the machine's memory,
// since the parsers' tables take a few times the text. A few kilobytes of gzip can expand to gigabytes.
std::uint64_t default_text_input_limit() noexcept;

// Returns the (decompressed) contents, without a byte-order mark. Throws InputError naming the file if it is missing,
// unreadable, a corrupt/truncated gzip stream, or (decompressed) larger than `max_bytes` (0 = the default limit);
// the check comes before the memory is taken, not after.
std::string read_text_input(const std::string& path, std::uint64_t max_bytes = 0);

// At most the first `max_bytes` of the (decompressed) contents, without a byte-order mark: enough to recognise a format without
// reading a whole file. Throws InputError naming the file if it is missing or unreadable.
std::string read_text_prefix(const std::string& path, std::size_t max_bytes);

// True when the file starts with the gzip magic bytes.
bool is_gzip_file(const std::string& path);

}  // namespace kuchikomi
