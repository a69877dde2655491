// The docker-credential-helpers protocol: `docker-credential-<name> get` with
// the server URL on stdin prints {"ServerURL","Username","Secret"}; a
// username of "<token>" means the secret is an identity token.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker/auth/auth_config.hpp"
#include "docker/config/environment.hpp"

namespace docker::auth {

/// What a helper run produced.
struct HelperOutput {
  /// The helper's exit status.
  int exit_code = 0;
  /// What it wrote on stdout.
  std::string out;
  /// What it wrote on stderr (named in errors).
  std::string err;
};

/// Runs `program args…` with `input` on stdin. Injectable so tests and
/// embedders can replace process spawning.
using HelperRunner = std::function<HelperOutput(const std::filesystem::path& program,
                                                const std::vector<std::string>& args, std::string_view input)>;

/// Spawns the program (no shell), feeds stdin, collects stdout/stderr (at most
/// 1 MiB each) and waits; kills it after `timeout`. Throws ConfigError when it
/// cannot be started or times out.
HelperRunner process_runner(std::chrono::milliseconds timeout = std::chrono::seconds(60));

/// Searches `name` in the directories of PATH as `env` gives it.
std::optional<std::filesystem::path> find_in_path(std::string_view name, const config::EnvironmentGetter& env);

/// Decodes a `get` answer for `server` ("<token>" → identitytoken).
/// Throws ConfigError when it is not the expected JSON.
AuthConfig parse_helper_credentials(std::string_view json, std::string_view server, std::string_view helper);

/// True when a failed helper's output says it simply has no entry.
bool is_credentials_not_found(std::string_view output);

/// One credential helper program, `docker-credential-<name>`.
class CredentialHelper {
 public:
  /// `source` explains where the helper was configured, for error messages
  /// ("credsStore in /home/u/.docker/config.json").
  CredentialHelper(std::string name, std::string source, config::EnvironmentGetter env,
                   HelperRunner runner = process_runner());

  /// Credentials for `server`; an empty AuthConfig when the helper has none.
  /// Throws ConfigError when the helper is missing or fails.
  AuthConfig get(std::string_view server) const;

  /// server URL → username, from `list`.
  std::map<std::string, std::string> list() const;

  /// The helper program run: "docker-credential-<name>".
  const std::string& program_name() const { return program_; }

 private:
  HelperOutput run(std::string_view action, std::string_view input) const;

  std::string program_;
  std::string source_;
  config::EnvironmentGetter env_;
  HelperRunner runner_;
};

}  // namespace docker::auth
