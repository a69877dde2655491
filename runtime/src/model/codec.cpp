#include "docker/model/codec.hpp"

#include "docker/auth/base64.hpp"
#include "docker/model/json_support.hpp"

namespace docker::model {

void throw_decode_error(std::string_view type, const std::exception& cause) {
  throw DecodeError("cannot decode " + std::string(type) + ": " + cause.what());
}

nlohmann::json parse_json(std::string_view text) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw DecodeError(std::string("invalid JSON: ") + e.what());
  }
}

const nlohmann::json::object_t& object_of(const nlohmann::json& j, std::string_view type) {
  if (!j.is_object())
    throw DecodeError("expected a JSON object for " + std::string(type) + ", got " + j.type_name());
  return j.get_ref<const nlohmann::json::object_t&>();
}

std::string base64_decode(std::string_view text) {
  // moby encodes the path stat with the standard alphabet; accept URL-safe too.
  auto decoded = auth::base64_decode(text, auth::Base64Alphabet::standard);
  if (!decoded) decoded = auth::base64_decode(text, auth::Base64Alphabet::url);
  if (!decoded) throw DecodeError("invalid base64 in a response header");
  return *decoded;
}

}  // namespace docker::model
