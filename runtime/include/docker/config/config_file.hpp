// The docker CLI's config.json: the parts a client needs (current context,
// stored credentials, credential helpers). Parsing is separate from reading.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "docker/auth/auth_config.hpp"

namespace docker::config {

/// The parts of the CLI's config.json the client uses.
struct ConfigFile {
  std::filesystem::path path;  ///< the file it came from (names it in errors)
  /// "currentContext": the context used when neither a host nor DOCKER_CONTEXT is given.
  std::string current_context;
  /// `auths`, keyed by registry as written ("https://index.docker.io/v1/",
  /// "localhost:5000"); `auth` is decoded into username/password and
  /// serveraddress is set to the key, as the CLI does.
  std::map<std::string, auth::AuthConfig> auths;
  std::string creds_store;                          ///< "credsStore"
  std::map<std::string, std::string> cred_helpers;  ///< "credHelpers": registry → helper
};

/// Parses config.json text. Throws ConfigError naming `path` on malformed JSON
/// or a malformed `auth` value.
ConfigFile parse_config_file(std::string_view text, const std::filesystem::path& path);

/// Reads `dir`/config.json; a missing file is an empty configuration.
ConfigFile load_config_file(const std::filesystem::path& dir);

/// Reads a whole file; throws ConfigError naming `what` when it cannot.
std::string read_text_file(const std::filesystem::path& file, std::string_view what);

}  // namespace docker::config
