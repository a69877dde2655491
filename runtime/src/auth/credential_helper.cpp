#include "docker/auth/credential_helper.hpp"

#include <nlohmann/json.hpp>

#include "../text.hpp"
#include "docker/errors.hpp"

namespace docker::auth {
namespace {
using docker::internal::trim;

constexpr std::string_view kTokenUsername = "<token>";
constexpr std::string_view kNotFoundMessage = "credentials not found in native keychain";

/// A failing helper's output, short enough for an error message.
std::string excerpt(const HelperOutput& output) {
  std::string text(trim(output.out));
  if (text.empty()) text = trim(output.err);
  if (text.size() > 300) text = text.substr(0, 300) + "…";
  return text;
}

}  // namespace

bool is_credentials_not_found(std::string_view output) {
  std::string_view t = trim(output);
  if (t.size() != kNotFoundMessage.size()) return false;
  for (std::size_t i = 0; i < t.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(t[i])) != kNotFoundMessage[i]) return false;
  return true;
}

AuthConfig parse_helper_credentials(std::string_view json, std::string_view server, std::string_view helper) {
  nlohmann::json answer;
  try {
    answer = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception&) {
    answer = nullptr;
  }
  if (!answer.is_object())
    throw ConfigError(std::string(helper) + " get: the answer for " + std::string(server) + " is not a JSON object");
  auto text = [&](const char* name) {
    auto it = answer.find(name);
    return it != answer.end() && it->is_string() ? it->get<std::string>() : std::string{};
  };
  AuthConfig config;
  config.serveraddress = std::string(server);
  if (text("Username") == kTokenUsername) {
    config.identitytoken = text("Secret");
  } else {
    config.username = text("Username");
    config.password = text("Secret");
  }
  return config;
}

CredentialHelper::CredentialHelper(std::string name, std::string source, config::EnvironmentGetter env,
                                   HelperRunner runner)
    : program_("docker-credential-" + std::move(name)),
      source_(std::move(source)),
      env_(std::move(env)),
      runner_(std::move(runner)) {}

HelperOutput CredentialHelper::run(std::string_view action, std::string_view input) const {
  auto program = find_in_path(program_, env_);
  if (!program) throw ConfigError("credential helper " + program_ + " (" + source_ + ") not found on PATH");
  return runner_(*program, {std::string(action)}, input);
}

AuthConfig CredentialHelper::get(std::string_view server) const {
  auto output = run("get", server);
  if (output.exit_code != 0) {
    if (is_credentials_not_found(output.out) || is_credentials_not_found(output.err)) {
      AuthConfig none;
      none.serveraddress = std::string(server);
      return none;
    }
    throw ConfigError(program_ + " get " + std::string(server) + " failed (exit status " +
                      std::to_string(output.exit_code) + "): " + excerpt(output));
  }
  return parse_helper_credentials(output.out, server, program_);
}

std::map<std::string, std::string> CredentialHelper::list() const {
  auto output = run("list", "unused");
  if (output.exit_code != 0)
    throw ConfigError(program_ + " list failed (exit status " + std::to_string(output.exit_code) +
                      "): " + excerpt(output));
  std::map<std::string, std::string> servers;
  try {
    auto answer = nlohmann::json::parse(output.out);
    for (auto& [server, user] : answer.items()) servers[server] = user.is_string() ? user.get<std::string>() : "";
  } catch (const nlohmann::json::exception&) {
    throw ConfigError(program_ + " list: the answer is not a JSON object");
  }
  return servers;
}

}  // namespace docker::auth
