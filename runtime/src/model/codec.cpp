#include "docker/model/codec.hpp"

#include <array>

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
  static const auto table = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    t['-'] = 62;  // URL alphabet
    t['_'] = 63;
    return t;
  }();
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char c : text) {
    if (c == '=' || c == '\n' || c == '\r') continue;
    int v = table[c];
    if (v < 0) throw DecodeError("invalid base64 in response");
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

}  // namespace docker::model
