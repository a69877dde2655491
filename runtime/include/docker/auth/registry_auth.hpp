// Registry credentials for pull, push, build and login: the header encodings
// the Engine API expects, and the lookup the docker CLI does in config.json
// (stored `auths`, `credsStore`, per-registry `credHelpers`).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "docker/auth/auth_config.hpp"
#include "docker/auth/credential_helper.hpp"
#include "docker/config/config_file.hpp"
#include "docker/config/environment.hpp"

namespace docker::auth {

/// Docker Hub's key in config.json and for credential helpers.
inline constexpr std::string_view kDockerHubServer = "https://index.docker.io/v1/";

/// JSON with Go's field names and order, empty fields omitted.
nlohmann::ordered_json to_json(const AuthConfig& config);

/// The `X-Registry-Auth` header value: URL-safe base64 (padded) of the JSON.
std::string encode_registry_auth(const AuthConfig& config);

/// The `X-Registry-Config` header value (build): URL-safe base64 of a JSON
/// object registry → AuthConfig.
std::string encode_registry_config(const std::map<std::string, AuthConfig>& configs);

/// The config.json key for an image reference: Docker Hub images
/// ("busybox", "library/busybox:1", "docker.io/x/y") give kDockerHubServer;
/// others give their registry host ("localhost:5000/app" → "localhost:5000").
std::string registry_key_for_image(std::string_view image);

/// "https://host:port/v1/" → "host:port"; "host/path" → "host".
std::string convert_to_hostname(std::string_view url);

/// The CLI's credential lookup over one config.json.
class CredentialStore {
 public:
  /// Looks up credentials in `file`; `env` and `runner` serve the credential helpers.
  CredentialStore(config::ConfigFile file, config::EnvironmentGetter env, HelperRunner runner = process_runner());

  /// Reads config.json from the configuration directory ($DOCKER_CONFIG or ~/.docker).
  static CredentialStore load(config::EnvironmentGetter env = config::process_environment());

  /// Credentials for a registry key ("https://index.docker.io/v1/",
  /// "localhost:5000"): from its credHelpers entry, else credsStore, else
  /// `auths`. An empty AuthConfig (with serveraddress set) when there are none.
  AuthConfig get(std::string_view registry) const;

  /// Credentials for the registry of an image reference.
  AuthConfig for_image(std::string_view image) const { return get(registry_key_for_image(image)); }

  /// Every registry with credentials (for X-Registry-Config).
  std::map<std::string, AuthConfig> all() const;

  /// The config.json read.
  const config::ConfigFile& file() const { return file_; }

 private:
  /// The helper configured for this registry, if any.
  std::optional<CredentialHelper> helper_for(std::string_view registry) const;
  AuthConfig from_file(std::string_view registry) const;

  config::ConfigFile file_;
  config::EnvironmentGetter env_;
  HelperRunner runner_;
};

}  // namespace docker::auth
