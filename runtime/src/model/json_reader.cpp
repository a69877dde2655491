// docker/internal/json_reader.hpp: the pull reader generated decoders use, and
// on it the recursive-descent parser behind parse_json (json_parser.hpp),
// which builds nlohmann::json directly.
// nlohmann's own parser reads one character at a time through an input
// adapter and a token buffer; decoding a response was dominated by that, so
// response bodies go through this one instead (same DOM, same rejections).
#include "docker/internal/json_reader.hpp"

#include <locale.h>
#include <stdlib.h>

#include <array>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>
#include <system_error>

#include "docker/errors.hpp"
#include "docker/model/json_value.hpp"
#include "json_parser.hpp"

namespace docker::internal {

using json = nlohmann::json;
using internal::kMaxJsonDepth;

namespace {
// Bytes a string takes as they are: printable ASCII but the quote and the
// backslash (control bytes, escapes and UTF-8 sequences need a closer look).
constexpr auto kPlainStringByte = [] {
  std::array<bool, 256> plain{};
  for (int c = 0x20; c < 0x80; ++c) plain[c] = c != '"' && c != '\\';
  return plain;
}();

// The first byte from `p` that needs a closer look in a string (a quote,
// backslash, control or non-ASCII byte), or `end`; eight bytes at a time: a
// word with such a byte says where the first one is (the lowest flagged byte
// is exact; borrows only flag bytes above it), so a string's end costs no
// byte loop.
const char* plain_string_end(const char* p, const char* end) {
  constexpr std::uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
  while (end - p >= 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    std::uint64_t quote = w ^ (ones * '"'), backslash = w ^ (ones * '\\');
    std::uint64_t special =
        (((quote - ones) & ~quote) | ((backslash - ones) & ~backslash) | ((w - ones * 0x20) & ~w) | w) & highs;
    if (special != 0) {
      if constexpr (std::endian::native == std::endian::little) return p + std::countr_zero(special) / 8;
      break;
    }
    p += 8;
  }
  while (p != end && kPlainStringByte[static_cast<unsigned char>(*p)]) ++p;
  return p;
}

bool is_whitespace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
}  // namespace

// The reader's position, held in locals while working (the string appends
// would otherwise make the compiler reload it after every byte written) and
// written back when done.
class JsonCursor {
 public:
  explicit JsonCursor(JsonReader& reader) : reader_(reader), begin_(reader.begin_), p_(reader.p_), end_(reader.end_) {}
  ~JsonCursor() { reader_.p_ = p_; }
  JsonCursor(const JsonCursor&) = delete;
  JsonCursor& operator=(const JsonCursor&) = delete;

  [[noreturn]] void fail(std::string_view what) const {
    throw DecodeError("invalid JSON at byte " + std::to_string(p_ - begin_) + ": " + std::string(what));
  }

  bool at_end() const { return p_ == end_; }

  bool next_member(MemberName& key) {
    bool first = p_[-1] == '{';
    skip_whitespace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      --reader_.depth_;
      return false;
    }
    if (!first) {
      expect(',', "expected ',' or '}' in an object");
      skip_whitespace();
    }
    if (p_ == end_ || *p_ != '"') fail("expected a member name");
    parse_name(key);
    skip_whitespace();
    expect(':', "expected ':' after a member name");
    skip_whitespace();
    if (p_ == end_) fail("unexpected end of input");
    return true;
  }

  bool next_item() {
    bool first = p_[-1] == '[';
    skip_whitespace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      --reader_.depth_;
      return false;
    }
    if (!first) {
      expect(',', "expected ',' or ']' in an array");
      skip_whitespace();
    }
    if (p_ == end_) fail("unexpected end of input");
    return true;
  }

  void skip_whitespace() {
    while (p_ != end_ && is_whitespace(*p_)) ++p_;
  }

  void expect(char c, std::string_view what) {
    if (p_ == end_ || *p_ != c) fail(what);
    ++p_;
  }

  // One value into `out`, or, with no `out`, checked and skipped over: the
  // same grammar and rejections either way (a JsonValue keeps the text of a
  // value it has checked, and parses it only when read).
  void parse_value(json* out, int depth) {
    if (p_ == end_) fail("unexpected end of input");
    switch (*p_) {
      case '{': parse_object(out, depth + 1); return;
      case '[': parse_array(out, depth + 1); return;
      case '"':
        if (out == nullptr) {
          skip_string();
          return;
        }
        *out = json::string_t();
        parse_string(out->get_ref<json::string_t&>());
        return;
      case 't': parse_literal("true", out, true); return;
      case 'f': parse_literal("false", out, false); return;
      case 'n': parse_literal("null", out, nullptr); return;
      default: {
        json number;
        parse_number(out != nullptr ? *out : number);
        return;
      }
    }
  }

  template <class Value>
  void parse_literal(std::string_view word, json* out, Value value) {
    parse_literal(word);
    if (out != nullptr) *out = value;
  }

  void parse_literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word)
      fail("invalid literal");
    p_ += word.size();
  }

  void parse_object(json* out, int depth) {
    if (depth > kMaxJsonDepth) fail("nested too deeply");
    ++p_;  // '{'
    json::object_t* members = nullptr;
    if (out != nullptr) {
      *out = json::object();
      members = &out->get_ref<json::object_t&>();
    }
    skip_whitespace();
    if (p_ != end_ && *p_ == '}') {
      ++p_;
      return;
    }
    for (;;) {
      if (p_ == end_ || *p_ != '"') fail("expected a member name");
      std::string key;
      if (members != nullptr) {
        parse_string(key);
      } else {
        skip_string();
      }
      skip_whitespace();
      expect(':', "expected ':' after a member name");
      skip_whitespace();
      json* value = nullptr;
      if (members != nullptr) {
        // The last of duplicate keys wins, as with nlohmann::json::parse.
        auto [member, inserted] = members->try_emplace(std::move(key));
        if (!inserted) member->second = nullptr;
        value = &member->second;
      }
      parse_value(value, depth);
      skip_whitespace();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        skip_whitespace();
        continue;
      }
      expect('}', "expected ',' or '}' in an object");
      return;
    }
  }

  void parse_array(json* out, int depth) {
    if (depth > kMaxJsonDepth) fail("nested too deeply");
    ++p_;  // '['
    json::array_t* items = nullptr;
    if (out != nullptr) {
      *out = json::array();
      items = &out->get_ref<json::array_t&>();
    }
    skip_whitespace();
    if (p_ != end_ && *p_ == ']') {
      ++p_;
      return;
    }
    for (;;) {
      parse_value(items != nullptr ? &items->emplace_back() : nullptr, depth);
      skip_whitespace();
      if (p_ != end_ && *p_ == ',') {
        ++p_;
        skip_whitespace();
        continue;
      }
      expect(']', "expected ',' or ']' in an array");
      return;
    }
  }

  // --- strings ----------------------------------------------------------------

  // A member name: a view of the text up to its closing quote when nothing
  // in it needs a closer look, else parsed into the name's own copy.
  void parse_name(MemberName& key) {
    const char* start = p_ + 1;
    p_ = start;
    skip_plain_string_bytes();
    if (p_ != end_ && *p_ == '"') {
      key.view_ = std::string_view(start, static_cast<std::size_t>(p_ - start));
      ++p_;
      return;
    }
    p_ = start - 1;
    key.unescaped_.clear();
    parse_string(key.unescaped_);
    key.view_ = key.unescaped_;
  }

  // Where the text of a string goes when a value is only checked.
  struct Discard {
    void append(const char*, const char*) {}
    void operator+=(char) {}
  };

  // A string checked as parse_string checks it, its text dropped.
  void skip_string() {
    Discard ignored;
    parse_string(ignored);
  }

  // A string's text into `out` (a std::string, or Discard).
  template <class Out>
  void parse_string(Out& out) {
    ++p_;                  // opening quote
    const char* run = p_;  // bytes copied as they are, appended in one go
    for (;;) {
      skip_plain_string_bytes();
      if (p_ == end_) fail("unterminated string");
      auto c = static_cast<unsigned char>(*p_);
      if (c == '"') {
        out.append(run, p_);
        ++p_;
        return;
      }
      if (c == '\\') {
        out.append(run, p_);
        parse_escape(out);
        run = p_;
      } else if (c < 0x20) {
        fail("control character in a string");
      } else if (c < 0x80) {
        ++p_;
      } else {
        skip_utf8_sequence();
      }
    }
  }

  // Advances over bytes that need no closer look (plain_string_end).
  void skip_plain_string_bytes() { p_ = plain_string_end(p_, end_); }

  // The general paths, out of line: inlined, their frame and saved registers
  // would be paid by the compact path too.
  [[gnu::noinline]] static bool general_next_member(JsonReader& r, MemberName& key) {
    JsonCursor cursor(r);
    return cursor.next_member(key);
  }
  [[gnu::noinline]] static bool general_next_item(JsonReader& r) {
    JsonCursor cursor(r);
    return cursor.next_item();
  }

  // At a member in compact text, as dockerd writes it: `"name":` (after '{')
  // or `,"name":`, a name of plain bytes only, and no whitespace before the
  // value. Reads it into `key` and returns true, or returns false with
  // nothing consumed: next_member() then reads the same text the general way,
  // so the two agree on every input, errors included.
  static bool compact_member(JsonReader& r, MemberName& key) {
    const char* p = r.p_;
    if (p[-1] != '{') {
      if (p == r.end_ || *p != ',') return false;
      ++p;
    }
    if (p == r.end_ || *p != '"') return false;
    const char* name = p + 1;
    // Names are short: a byte at a time beats the eight-byte scan's set-up.
    const char* q = name;
    while (q != r.end_ && kPlainStringByte[static_cast<unsigned char>(*q)]) ++q;
    if (r.end_ - q < 3 || q[0] != '"' || q[1] != ':' || is_whitespace(q[2])) return false;
    key.view_ = std::string_view(name, static_cast<std::size_t>(q - name));
    r.p_ = q + 2;
    return true;
  }

  // One multi-byte UTF-8 sequence (RFC 3629: no overlong forms, no surrogates,
  // nothing above U+10FFFF), as nlohmann's lexer checks it.
  void skip_utf8_sequence() {
    auto byte = [&](std::ptrdiff_t i) -> unsigned { return p_ + i < end_ ? static_cast<unsigned char>(p_[i]) : 0u; };
    auto in = [](unsigned b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    unsigned lead = byte(0);
    int length = 0;
    bool ok = false;
    if (in(lead, 0xC2, 0xDF)) {
      length = 2;
      ok = in(byte(1), 0x80, 0xBF);
    } else if (in(lead, 0xE0, 0xEF)) {
      length = 3;
      unsigned lo = lead == 0xE0 ? 0xA0 : 0x80;
      unsigned hi = lead == 0xED ? 0x9F : 0xBF;
      ok = in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF);
    } else if (in(lead, 0xF0, 0xF4)) {
      length = 4;
      unsigned lo = lead == 0xF0 ? 0x90 : 0x80;
      unsigned hi = lead == 0xF4 ? 0x8F : 0xBF;
      ok = in(byte(1), lo, hi) && in(byte(2), 0x80, 0xBF) && in(byte(3), 0x80, 0xBF);
    }
    if (!ok) fail("invalid UTF-8 in a string");
    p_ += length;
  }

  template <class Out>
  void parse_escape(Out& out) {
    ++p_;  // backslash
    if (p_ == end_) fail("unterminated string");
    char c = *p_++;
    switch (c) {
      case '"': out += '"'; return;
      case '\\': out += '\\'; return;
      case '/': out += '/'; return;
      case 'b': out += '\b'; return;
      case 'f': out += '\f'; return;
      case 'n': out += '\n'; return;
      case 'r': out += '\r'; return;
      case 't': out += '\t'; return;
      case 'u': break;
      default: --p_; fail("invalid escape in a string");
    }
    std::uint32_t code = parse_hex4();
    if (code >= 0xD800 && code <= 0xDBFF) {
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') fail("a high surrogate must be followed by a low one");
      p_ += 2;
      std::uint32_t low = parse_hex4();
      if (low < 0xDC00 || low > 0xDFFF) fail("a high surrogate must be followed by a low one");
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    } else if (code >= 0xDC00 && code <= 0xDFFF) {
      fail("a low surrogate must follow a high one");
    }
    append_utf8(out, code);
  }

  std::uint32_t parse_hex4() {
    if (end_ - p_ < 4) fail("incomplete \\u escape");
    std::uint32_t code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = *p_;
      unsigned digit;
      if (c >= '0' && c <= '9')
        digit = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<unsigned>(c - 'A' + 10);
      else
        fail("invalid \\u escape");
      code = code << 4 | digit;
      ++p_;
    }
    return code;
  }

  template <class Out>
  static void append_utf8(Out& out, std::uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // --- numbers ----------------------------------------------------------------

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  void parse_number(json& out) {
    const char* start = p_;
    bool negative = false;
    if (*p_ == '-') {
      negative = true;
      ++p_;
    }
    if (p_ == end_ || !is_digit(*p_)) fail("invalid value");
    if (*p_ == '0') {
      ++p_;
    } else {
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    bool integral = true;
    if (p_ != end_ && *p_ == '.') {
      integral = false;
      ++p_;
      if (p_ == end_ || !is_digit(*p_)) fail("expected a digit after '.'");
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (p_ != end_ && (*p_ == 'e' || *p_ == 'E')) {
      integral = false;
      ++p_;
      if (p_ != end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !is_digit(*p_)) fail("expected a digit in the exponent");
      while (p_ != end_ && is_digit(*p_)) ++p_;
    }
    if (integral) {
      if (negative) {
        std::int64_t value = 0;
        if (std::from_chars(start, p_, value).ec == std::errc()) {
          out = static_cast<json::number_integer_t>(value);
          return;
        }
      } else {
        std::uint64_t value = 0;
        if (std::from_chars(start, p_, value).ec == std::errc()) {
          out = static_cast<json::number_unsigned_t>(value);
          return;
        }
      }
      // Too large for a 64-bit integer: a double, as nlohmann does.
    }
    out = parse_double(start);
  }

  double parse_double(const char* start) const {
    double value = 0;
    auto [end, ec] = std::from_chars(start, p_, value);
    if (ec == std::errc() && end == p_) return value;
    // Out of range: strtod tells overflow (rejected) from underflow (kept, as
    // nlohmann does); in the C locale, whatever the program's locale says.
    static const locale_t c_locale = newlocale(LC_ALL_MASK, "C", locale_t{});
    std::string copy(start, p_);
    value = strtod_l(copy.c_str(), nullptr, c_locale);
    if (!std::isfinite(value)) fail("number overflow");
    return value;
  }

  JsonReader& reader_;
  const char* begin_;
  const char* p_;
  const char* end_;
};

namespace {

const char* kind_of(char c) {
  switch (c) {
    case '{': return "object";
    case '[': return "array";
    case '"': return "string";
    case 't':
    case 'f': return "boolean";
    case 'n': return "null";
    default: return "number";
  }
}

}  // namespace

JsonReader::JsonReader(std::string_view text) : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()) {
  if (end_ - p_ >= 3 && static_cast<unsigned char>(p_[0]) == 0xEF && static_cast<unsigned char>(p_[1]) == 0xBB &&
      static_cast<unsigned char>(p_[2]) == 0xBF)
    p_ += 3;
  JsonCursor(*this).skip_whitespace();
}

void JsonReader::fail_at_end() const { JsonCursor(const_cast<JsonReader&>(*this)).fail("unexpected end of input"); }

bool JsonReader::read_null_literal() {
  JsonCursor(*this).parse_literal("null");
  return true;
}

void JsonReader::begin_object(std::string_view type) {
  char c = peek();
  if (c != '{') {
    if (c == '[' || c == '"' || c == 't' || c == 'f' || c == 'n' || c == '-' || (c >= '0' && c <= '9'))
      throw DecodeError("expected a JSON object for " + std::string(type) + ", got " + kind_of(c));
    JsonCursor(*this).fail("invalid value");
  }
  if (++depth_ > kMaxJsonDepth) JsonCursor(*this).fail("nested too deeply");
  ++p_;
}

// The first call after '{' finds '{' just before the reader: every value ends
// in another byte, so no state is needed to tell "first" from "after a value".
// The object's end and compact members take no call: a member costs a
// fraction of the general path's instructions (its frame and whitespace loops).
bool JsonReader::next_member(MemberName& key) {
  if (p_ != end_ && *p_ == '}') {
    ++p_;
    --depth_;
    return false;
  }
  if (JsonCursor::compact_member(*this, key)) return true;
  return JsonCursor::general_next_member(*this, key);
}

void JsonReader::begin_array() {
  char c = peek();
  if (c != '[') throw DecodeError(std::string("expected a JSON array, got ") + kind_of(c));
  if (++depth_ > kMaxJsonDepth) JsonCursor(*this).fail("nested too deeply");
  ++p_;
}

bool JsonReader::next_item() {
  // The array's end and, in compact text, the next item, as in next_member().
  if (p_ != end_) {
    if (*p_ == ']') {
      ++p_;
      --depth_;
      return false;
    }
    if (p_[-1] == '[') {
      if (!is_whitespace(*p_)) return true;
    } else if (*p_ == ',' && end_ - p_ >= 2 && !is_whitespace(p_[1])) {
      ++p_;
      return true;
    }
  }
  return JsonCursor::general_next_item(*this);
}

bool JsonReader::read_plain_integer(bool& negative, std::uint64_t& magnitude) {
  const char* p = p_;
  negative = p != end_ && *p == '-';
  if (negative) ++p;
  const char* digits = p;
  while (p != end_ && *p >= '0' && *p <= '9') ++p;
  const auto count = p - digits;
  if (count == 0 || count > 19 || (count > 1 && *digits == '0')) return false;
  if (p != end_ && (*p == '.' || *p == 'e' || *p == 'E')) return false;
  std::uint64_t value = 0;
  for (const char* d = digits; d != p; ++d) value = value * 10 + static_cast<std::uint64_t>(*d - '0');
  if (negative && value > (std::uint64_t{1} << 63)) return false;  // below int64: a double, as the DOM reads it
  magnitude = value;
  p_ = p;
  return true;
}

void JsonReader::read_string(std::string& out) {
  char c = peek();
  if (c != '"') throw DecodeError(std::string("expected a string, got ") + kind_of(c));
  // A string of plain bytes (nearly every one) is copied as it stands; one
  // with an escape, a control or a non-ASCII byte goes the checking way.
  const char* text = p_ + 1;
  if (const char* q = plain_string_end(text, end_); q != end_ && *q == '"') {
    out.assign(text, q);
    p_ = q + 1;
    return;
  }
  out.clear();
  JsonCursor(*this).parse_string(out);
}

json JsonReader::read_json() {
  json value;
  JsonCursor(*this).parse_value(&value, depth_);
  return value;
}

JsonValue JsonReader::read_json_value() {
  const char* start = p_;
  JsonCursor(*this).parse_value(nullptr, depth_);
  return JsonValue(std::string_view(start, static_cast<std::size_t>(p_ - start)), JsonValue::checked_text);
}

void JsonReader::finish() {
  JsonCursor cursor(*this);
  cursor.skip_whitespace();
  if (cursor.at_end()) return;
  cursor.fail("unexpected content after the value");
}

json parse_json_text(std::string_view text) {
  JsonReader reader(text);
  json value = reader.read_json();
  reader.finish();
  return value;
}

}  // namespace docker::internal
