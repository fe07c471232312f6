// Text from files shown on a terminal: user labels in tables and summaries, fields quoted in error
// messages. A label holding an escape sequence ("\x1b]2;...", "\x1b[2J") would otherwise reach the
// terminal raw and retitle, clear or recolour it, or hide the text around it.
#pragma once
#include <string>
#include <string_view>

namespace kuchikomi {

// `text` with every control character shown escaped: C0 (0x00-0x1F, tab and newline included), DEL
// and bytes that are not part of valid UTF-8 as \xNN (a terminal in an 8-bit mode reads a lone 0x9B
// as CSI), the C1 controls U+0080-U+009F (UTF-8 C2 80-C2 9F) as \u0080-\u009f, and the bidirectional
// formatting characters (U+061C, U+200E-200F, U+202A-202E, U+2066-2069), which reorder the text
// shown after them, as \u202e etc. Other valid UTF-8
// passes unchanged ("Zoë", "東京"); a backslash is not escaped, so the result is for reading, not
// for parsing back. For text output only: JSON, CSV and HDF5 keep a label's bytes.
std::string printable(std::string_view text);

}  // namespace kuchikomi
