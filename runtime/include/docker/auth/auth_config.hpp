// Registry credentials as the Engine API and the CLI's config.json know them.
#pragma once

#include <string>

namespace docker::auth {

/// Field names and meaning follow the Engine API's AuthConfig. An empty
/// field is absent (omitted from the encoded form).
struct AuthConfig {
  /// Registry user name.
  std::string username{};
  /// Password or personal access token.
  std::string password{};
  std::string auth{};   ///< base64("username:password"), as in config.json
  std::string email{};  ///< deprecated; still passed through
  /// The registry these credentials are for ("https://index.docker.io/v1/", "localhost:5000").
  std::string serveraddress{};
  std::string identitytoken{};  ///< OAuth refresh token, used instead of a password
  std::string registrytoken{};  ///< bearer token sent to the registry as is

  /// True when no field is set: nothing to send.
  bool empty() const {
    return username.empty() && password.empty() && auth.empty() && email.empty() && identitytoken.empty() &&
           registrytoken.empty();
  }
  friend bool operator==(const AuthConfig&, const AuthConfig&) = default;
};

}  // namespace docker::auth
