// Whole-file text input, plain or gzip, for the ingestion parsers.
//
// Parsers read the entire input into one buffer and then scan it by hand: one big read (or gzread
// in 1 MiB chunks) is far faster than line-by-line streams, and the parsers can point string_views
// straight into the buffer. Gzip is recognised by its magic bytes (1f 8b), not by the file name,
// so a renamed .gz still reads; concatenated gzip members are read in full (zlib's gzread does).
#pragma once
#include <cstddef>
#include <string>

namespace kuchikomi {

// Returns the (decompressed) contents. Throws InputError naming the file if it is missing,
// unreadable or a corrupt/truncated gzip stream.
std::string read_text_input(const std::string& path);

// At most the first `max_bytes` of the (decompressed) contents: enough to recognise a format without
// reading a whole file. Throws InputError naming the file if it is missing or unreadable.
std::string read_text_prefix(const std::string& path, std::size_t max_bytes);

// True when the file starts with the gzip magic bytes.
bool is_gzip_file(const std::string& path);

}  // namespace kuchikomi
