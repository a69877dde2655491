// Base64 as Go's encoding/base64 does it: the standard alphabet (config.json
// `auth` values) and the URL-safe one (X-Registry-Auth), both padded.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace docker::auth {

enum class Base64Alphabet { standard, url };

std::string base64_encode(std::string_view bytes, Base64Alphabet alphabet = Base64Alphabet::standard);

/// Decodes; padding is optional, whitespace is not allowed. nullopt when malformed.
std::optional<std::string> base64_decode(std::string_view text, Base64Alphabet alphabet = Base64Alphabet::standard);

}  // namespace docker::auth
