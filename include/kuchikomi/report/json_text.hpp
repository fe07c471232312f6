// JSON text that is always valid UTF-8, whatever bytes the labels in it hold.
//
// Labels come from logs made by others and may be any bytes; a JSON document must be UTF-8. Strings
// (keys and values) that are not valid UTF-8 are written with U+FFFD in place of the invalid bytes,
// and the document gets a top-level "notes" entry saying how many strings were changed, so a reader
// knows that a label in the JSON may differ from the bytes in the graph (HDF5 and CSV keep them).
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace kuchikomi {

// `value` as indented JSON text (dump(2)); a top-level object gains "notes" when strings changed.
std::string json_text(nlohmann::json value);

// `x`, or null where it is NaN or infinite (an undefined metric, no window): JSON has no such numbers.
nlohmann::json finite_or_null(double x);

}  // namespace kuchikomi
