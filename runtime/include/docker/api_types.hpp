// Vocabulary types of the generated operations that need no JSON: typed
// filters, registry credentials, output framing. (docker/internal/api_support.hpp
// includes this, so generated code sees them as before.)
#pragma once

#include <map>
#include <string>
#include <vector>

#include "docker/auth/auth_config.hpp"

namespace docker {

/// The `filters` query parameter: {"label": ["a=b"], "status": ["running"]},
/// sent JSON-encoded.
using Filters = std::map<std::string, std::vector<std::string>>;

/// Credentials for X-Registry-Auth (base64url JSON, empty members left out).
using RegistryAuth = auth::AuthConfig;
/// Credentials per registry host, for X-Registry-Config (POST /build).
using RegistryConfig = std::map<std::string, auth::AuthConfig>;

/// How to read container output (logs): demultiplex the 8-byte frames, or
/// take the bytes raw (a TTY container).
enum class OutputFraming {
  detect,       ///< by the response Content-Type; before API 1.42 that means multiplexed
  multiplexed,  ///< the container has no TTY
  raw,          ///< the container has a TTY
};

}  // namespace docker
