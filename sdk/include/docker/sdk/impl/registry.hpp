// Definitions of docker/sdk/registry.hpp (see impl/container.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "docker/auth/registry_auth.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/registry.hpp"

namespace docker::sdk {

/// Credentials for an image's registry: the ones given, else the user's
/// config.json (credential helpers included), else empty. The daemon (20.10)
/// refuses a push without an X-Registry-Auth header, so an empty one is sent.
/// (Here rather than in registry.hpp: it reads config.json, which takes the JSON parser.)
inline auth::AuthConfig registry_auth_for(std::string_view image, const std::optional<auth::AuthConfig>& given,
                                          bool use_config_file) {
  if (given) return *given;
  if (use_config_file) return auth::CredentialStore::load().for_image(image);
  return {};
}

}  // namespace docker::sdk
