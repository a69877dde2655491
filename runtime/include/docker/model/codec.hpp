// The one entry point for decoding and encoding models: keep every decode
// behind docker::decode so that its backend can change (SAX, simdjson)
// without touching generated code.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "docker/api_version.hpp"
#include "docker/internal/codec.hpp"

namespace docker {

/// Decodes an already parsed JSON value into T. Throws DecodeError.
template <class T>
T decode_value(const nlohmann::json& j) {
  return internal::decode_into<T>([&](T& value) { j.get_to(value); });
}

/// Parses `text` as JSON and decodes it into T, straight from the text (no
/// DOM but for members kept as JSON). Throws DecodeError.
template <class T>
T decode(std::string_view text) {
  return internal::decode_text<T>(text);
}

/// Encodes a model (or any JSON-serialisable value) as compact JSON.
template <class T>
std::string encode(const T& value) {
  return internal::text_of(nlohmann::json(value));
}

/// Encodes as a daemon speaking API `version` expects: model members newer
/// than it are left out (what the generated operations send).
template <class T>
std::string encode_for(const T& value, ApiVersion version) {
  internal::EncodingForVersion encoding(version);
  return encode(value);
}

}  // namespace docker
