// Streaming XML for the graph-file readers (GraphML, GEXF), over libexpat. Private to src/io.
//
// Files may be hostile, so the parser is boxed in: a document type declaration (<!DOCTYPE>) is
// refused outright, which rules out entity expansion (billion laughs) and external entities (no
// file or network is ever read); elements nest at most kMaxDepth deep; text kept for a handler is
// at most kMaxText bytes per element. Errors are InputErrors naming the file and line.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kuchikomi::xml_detail {

inline constexpr std::size_t kMaxDepth = 64;
inline constexpr std::size_t kMaxText = std::size_t{1} << 20;

// Attributes as expat gives them: name, value, name, value, ..., nullptr. Names without prefix.
class XmlAttributes {
 public:
  explicit XmlAttributes(const char** list) : list_(list) {}
  // The value of `name` (namespace prefix ignored), or nullptr.
  const char* find(std::string_view name) const noexcept;

 private:
  const char** list_;
};

// What a reader does with the elements. Element names come without their namespace prefix.
// Handlers report bad input by throwing InputError; the parse stops there.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void start(std::string_view name, const XmlAttributes& attributes, std::uint64_t line) = 0;
  // `text`: the character data directly inside the element, when keep_text() said so at its start.
  virtual void end(std::string_view name, std::string_view text, std::uint64_t line) = 0;
  // Asked after start(): keep this element's character data for end()?
  virtual bool keep_text() const { return false; }
};

// Parses a whole document. Throws InputError(file, line, ...) for malformed XML, a DTD, too deep
// nesting, too long text, or whatever a handler throws.
void parse_xml(std::string_view text, const std::string& file, XmlHandler& handler);

// True when the text's first non-blank character opens markup ('<'): an XML document, not an edge list.
bool looks_like_xml(std::string_view text) noexcept;

}  // namespace kuchikomi::xml_detail
