// docker::internal::JsonReader: a pull parser over a JSON text, for generated
// decoders. Models are read straight from the text, member by member, with no
// DOM in between; only values kept as JSON become nlohmann::json: unknown
// members at once, free-form members when first read. Same grammar and
// checks as parse_json.
#pragma once

#include <cstdint>
#include <cstring>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace docker {
class JsonValue;
}

namespace docker::internal {

/// A member's name as JsonReader::next_member gives it: a view of the name's
/// bytes in the text when it has no escape (nearly always: no copy), else of
/// its own unescaped copy. Valid while the text is and until the next
/// next_member with it: each object being read has its own.
class MemberName {
 public:
  [[nodiscard]] std::string_view view() const noexcept { return view_; }
  [[nodiscard]] std::size_t size() const noexcept { return view_.size(); }
  [[nodiscard]] const char* data() const noexcept { return view_.data(); }

 private:
  friend class JsonCursor;
  std::string_view view_;
  std::string unescaped_;
};

/// Pull parser over JSON text, used by the generated read_model to decode
/// without building a DOM first. Throws docker::DecodeError at the offending byte.
class JsonReader {
 public:
  /// Positions at the first value (after a byte-order mark and whitespace).
  explicit JsonReader(std::string_view text);

  /// The first byte of the next value: '{', '[', '"', 't', 'f', 'n', or a
  /// number's first byte (anything else fails when read).
  char peek() const {
    if (p_ == end_) fail_at_end();
    return *p_;
  }
  /// Whether the next value is `null`; if so it is consumed.
  bool read_null() { return p_ != end_ && *p_ == 'n' && read_null_literal(); }

  /// Consumes '{'; anything else is a DecodeError naming `type` and what came.
  void begin_object(std::string_view type);
  /// The next member's name into `key` (the reader is then at its value), or
  /// false at the object's end. Call until false, reading each value.
  bool next_member(MemberName& key);
  /// Whether the next member is written `compact` exactly (`"Name":`, after
  /// '{' or a ',') with no whitespace before its value, as dockerd writes
  /// members; if so the reader is at the value. False, with nothing
  /// consumed, for anything else, which next_member() then reads (for such
  /// text both accept the same members). Generated decoders try the member
  /// they expect next this way: a compare instead of a scan of the name.
  bool next_member_is(std::string_view compact) noexcept {
    const char* p = p_;
    if (p[-1] != '{') {
      if (p == end_ || *p != ',') return false;
      ++p;
    }
    const std::size_t n = compact.size();
    if (n < 4 || static_cast<std::size_t>(end_ - p) <= n || !same_bytes(p, compact.data(), n)) return false;
    p += compact.size();
    if (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t') return false;
    p_ = p;
    return true;
  }
  /// Consumes '['; anything else is a DecodeError.
  void begin_array();
  /// Whether another item follows (the reader is then at it), false at ']'.
  bool next_item();

  /// The next value if it is a plain integer (an optional '-', digits without
  /// a leading zero, no fraction or exponent) within ±2^63 and 19 digits: its
  /// sign and magnitude, consumed. False, with nothing consumed, for any
  /// other value (integer members then read it with read_json()).
  bool read_plain_integer(bool& negative, std::uint64_t& magnitude);
  /// The next value, which must be a string (DecodeError otherwise), into
  /// `out` (replacing what it held; no temporary string).
  void read_string(std::string& out);
  /// The next value, whatever it is, as a DOM.
  nlohmann::json read_json();
  /// The next value, whatever it is, checked as read_json() checks it but
  /// kept as its text: it becomes a DOM only if it is read.
  JsonValue read_json_value();

  /// After the top-level value: nothing but whitespace may follow.
  void finish();

  /// Where the reader is: rewind() returns to it, so a value can be read a
  /// second way after a first one failed.
  struct Mark {
    const char* at;
    int depth;
  };
  Mark mark() const noexcept { return {p_, depth_}; }
  /// Back to `m` (taken from this reader, before where it is now).
  void rewind(Mark m) noexcept {
    p_ = m.at;
    depth_ = m.depth;
  }

  /// Byte offset of the reader in the text (for messages).
  std::size_t offset() const noexcept { return static_cast<std::size_t>(p_ - begin_); }
  /// Bytes of text after the reader.
  std::size_t remaining() const noexcept { return static_cast<std::size_t>(end_ - p_); }
  /// Objects and arrays the reader is in (1 inside the top-level value).
  int depth() const noexcept { return depth_; }

 private:
  friend class JsonCursor;
  /// Whether the n >= 4 bytes at a and b are equal: a few word compares
  /// (the last one overlapping) instead of a call to memcmp for a short name.
  static bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    if (n < 8) return load4(a) == load4(b) && load4(a + n - 4) == load4(b + n - 4);
    for (std::size_t i = 0; i + 8 < n; i += 8)
      if (load8(a + i) != load8(b + i)) return false;
    return load8(a + n - 8) == load8(b + n - 8);
  }
  static std::uint32_t load4(const char* p) noexcept {
    std::uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  static std::uint64_t load8(const char* p) noexcept {
    std::uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  }
  [[noreturn]] void fail_at_end() const;
  bool read_null_literal();
  const char* begin_;
  const char* p_;
  const char* end_;
  int depth_ = 0;
};

}  // namespace docker::internal
