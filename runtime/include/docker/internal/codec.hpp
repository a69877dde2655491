// What generated operations and the runtime decode with, behind the public
// docker::decode / docker::encode (docker/model/codec.hpp).
#pragma once

#include <exception>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <typeinfo>
#include <utility>

#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/internal/decode_message.hpp"
#include "docker/internal/json_support.hpp"

namespace docker::internal {

std::string base64_decode(std::string_view text);  // standard or URL alphabet; throws DecodeError

/// T straight from JSON text (what docker::decode does). Throws DecodeError.
template <class T>
T decode_text(std::string_view text) {
  return decode_into<T>([&](T& value) { read_document(text, value); });
}

[[noreturn]] void throw_empty_body(std::string_view type, int status);

/// A JSON response body as T. A 204 gives T{}; any other empty body is a
/// DecodeError (a model was promised and nothing came).
template <class T>
T decode_body(const BufferedResponse& response) {
  if (response.body.find_first_not_of(" \t\r\n") == std::string::npos) {
    if (response.status == 204) return T{};
    throw_empty_body(typeid(T).name(), response.status);
  }
  return decode_text<T>(response.body);
}

/// A header carrying base64-encoded JSON (X-Docker-Container-Path-Stat).
template <class T>
T decode_header_json(const BufferedResponse& response, std::string_view header) {
  auto value = response.headers.get(header);
  if (!value) throw DecodeError("response has no " + std::string(header) + " header");
  return decode_text<T>(base64_decode(*value));
}

}  // namespace docker::internal
