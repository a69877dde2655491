// The JSON parser behind docker::internal::parse_json (internal).
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

namespace docker::internal {

/// Deepest nesting of arrays and objects accepted (bounded recursion: a
/// hostile body cannot exhaust the stack).
inline constexpr int kMaxJsonDepth = 512;

/// Parses one JSON text (RFC 8259, UTF-8, an optional leading byte-order
/// mark) into the DOM nlohmann::json::parse would build: the same value
/// types (unsigned for non-negative integers, signed for negative ones,
/// double otherwise or on overflow), the last of duplicate keys. It is a
/// single pass without nlohmann's per-character lexer, ~2–4× faster.
/// Throws DecodeError("invalid JSON at byte N: ...") on anything else.
nlohmann::json parse_json_text(std::string_view text);

}  // namespace docker::internal
