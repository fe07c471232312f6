#include "xml_reader.hpp"

#include <expat.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <memory>

#include "kuchikomi/core/errors.hpp"

namespace kuchikomi::xml_detail {

namespace {

std::string_view local_name(std::string_view name) noexcept {
  const std::size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

struct ParserDeleter {
  void operator()(XML_Parser p) const noexcept { XML_ParserFree(p); }
};

// The state the C callbacks reach through expat's user data. Exceptions never cross expat's C
// frames: a callback stores what went wrong and stops the parser; parse_xml rethrows it.
struct Session {
  XML_Parser parser = nullptr;
  XmlHandler* handler = nullptr;
  const std::string* file = nullptr;
  std::size_t depth = 0;
  std::size_t keeping_depth = 0;  // depth of the element whose text is kept; 0: none
  std::string text;
  std::exception_ptr error;

  std::uint64_t line() const { return XML_GetCurrentLineNumber(parser); }
  void fail(std::exception_ptr e) {
    if (!error) error = std::move(e);
    XML_StopParser(parser, XML_FALSE);
  }
  void fail(const std::string& message) { fail(std::make_exception_ptr(InputError(*file, line(), message))); }
};

void XMLCALL on_start(void* data, const XML_Char* name, const XML_Char** attributes) {
  auto& s = *static_cast<Session*>(data);
  if (s.error) return;
  if (++s.depth > kMaxDepth) return s.fail("elements nested more than " + std::to_string(kMaxDepth) + " deep");
  try {
    s.handler->start(local_name(name), XmlAttributes(attributes), s.line());
    if (s.handler->keep_text()) {
      s.keeping_depth = s.depth;
      s.text.clear();
    }
  } catch (...) {
    s.fail(std::current_exception());
  }
}

void XMLCALL on_end(void* data, const XML_Char* name) {
  auto& s = *static_cast<Session*>(data);
  if (s.error) return;
  try {
    const bool kept = s.keeping_depth == s.depth;
    s.handler->end(local_name(name), kept ? std::string_view(s.text) : std::string_view(), s.line());
    if (kept) s.keeping_depth = 0;
  } catch (...) {
    s.fail(std::current_exception());
  }
  --s.depth;
}

void XMLCALL on_text(void* data, const XML_Char* text, int length) {
  auto& s = *static_cast<Session*>(data);
  if (s.error || s.keeping_depth != s.depth || s.keeping_depth == 0) return;
  if (s.text.size() + static_cast<std::size_t>(length) > kMaxText)
    return s.fail("text of an element longer than " + std::to_string(kMaxText) + " bytes");
  s.text.append(text, static_cast<std::size_t>(length));
}

void XMLCALL on_doctype(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<Session*>(data)->fail(
      "a document type declaration (<!DOCTYPE>) is not accepted: graph files need none, and its "
      "entities could expand without bound or read other files");
}

void XMLCALL on_entity(void* data, const XML_Char*, int, const XML_Char*, int, const XML_Char*, const XML_Char*,
                       const XML_Char*, const XML_Char*) {
  static_cast<Session*>(data)->fail("entity declarations are not accepted");
}

}  // namespace

const char* XmlAttributes::find(std::string_view name) const noexcept {
  for (const char** a = list_; a != nullptr && *a != nullptr; a += 2)
    if (local_name(a[0]) == name) return a[1];
  return nullptr;
}

bool looks_like_xml(std::string_view text) noexcept {
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    return c == '<';
  }
  return false;
}

void parse_xml(std::string_view text, const std::string& file, XmlHandler& handler) {
  std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate(nullptr));
  if (!parser) throw InputError(file, 0, "out of memory creating the XML parser");
  Session session;
  session.parser = parser.get();
  session.handler = &handler;
  session.file = &file;
  XML_SetUserData(parser.get(), &session);
  XML_SetElementHandler(parser.get(), on_start, on_end);
  XML_SetCharacterDataHandler(parser.get(), on_text);
  XML_SetStartDoctypeDeclHandler(parser.get(), on_doctype);
  XML_SetEntityDeclHandler(parser.get(), on_entity);
  // Never load an external DTD or parameter entity (the default, said explicitly).
  XML_SetParamEntityParsing(parser.get(), XML_PARAM_ENTITY_PARSING_NEVER);

  // expat takes an int length: feed the text in chunks.
  constexpr std::size_t kChunk = std::size_t{1} << 24;
  std::size_t offset = 0;
  do {
    const std::size_t n = std::min(kChunk, text.size() - offset);
    const bool last = offset + n == text.size();
    const XML_Status status = XML_Parse(parser.get(), text.data() + offset, static_cast<int>(n), last ? XML_TRUE : XML_FALSE);
    if (session.error) std::rethrow_exception(session.error);
    if (status != XML_STATUS_OK)
      throw InputError(file, XML_GetCurrentLineNumber(parser.get()),
                       std::string("malformed XML: ") + XML_ErrorString(XML_GetErrorCode(parser.get())));
    offset += n;
  } while (offset < text.size());
}

}  // namespace kuchikomi::xml_detail
