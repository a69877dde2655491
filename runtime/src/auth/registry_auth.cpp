#include "docker/auth/registry_auth.hpp"

#include <algorithm>

#include "docker/auth/base64.hpp"
#include "docker/errors.hpp"

namespace docker::auth {
namespace {

/// JSON text as Go's json.Marshal writes it: <, >, & and U+2028/U+2029 are
/// escaped (they can only occur inside strings, so a plain replace is safe).
std::string go_json(const nlohmann::ordered_json& j) {
  std::string text = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else if (c == '\xe2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
             (text[i + 2] == '\xa8' || text[i + 2] == '\xa9')) {
      out += text[i + 2] == '\xa8' ? "\\u2028" : "\\u2029";
      i += 2;
    } else
      out += c;
  }
  return out;
}

}  // namespace

nlohmann::ordered_json to_json(const AuthConfig& config) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  auto put = [&](const char* name, const std::string& value) {
    if (!value.empty()) j[name] = value;
  };
  put("username", config.username);
  put("password", config.password);
  put("auth", config.auth);
  put("email", config.email);
  put("serveraddress", config.serveraddress);
  put("identitytoken", config.identitytoken);
  put("registrytoken", config.registrytoken);
  return j;
}

std::string encode_registry_auth(const AuthConfig& config) {
  return base64_encode(go_json(to_json(config)), Base64Alphabet::url);
}

std::string encode_registry_config(const std::map<std::string, AuthConfig>& configs) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& [registry, config] : configs) j[registry] = to_json(config);
  return base64_encode(go_json(j), Base64Alphabet::url);
}

std::string registry_key_for_image(std::string_view image) {
  if (image.empty()) throw ConfigError("empty image reference");
  auto slash = image.find('/');
  if (slash == std::string_view::npos) return std::string(kDockerHubServer);
  auto domain = image.substr(0, slash);
  // As in the reference grammar: the first component is a registry only when
  // it looks like a host (a dot, a port, "localhost", or upper case).
  bool looks_like_host = domain.find_first_of(".:") != std::string_view::npos || domain == "localhost" ||
                         std::any_of(domain.begin(), domain.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!looks_like_host || domain == "docker.io" || domain == "index.docker.io") return std::string(kDockerHubServer);
  return std::string(domain);
}

std::string convert_to_hostname(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  if (auto at = url.find('@'); at != std::string_view::npos && at < url.find('/')) url.remove_prefix(at + 1);
  return std::string(url.substr(0, url.find('/')));
}

CredentialStore::CredentialStore(config::ConfigFile file, config::EnvironmentGetter env, HelperRunner runner)
    : file_(std::move(file)), env_(std::move(env)), runner_(std::move(runner)) {}

CredentialStore CredentialStore::load(config::EnvironmentGetter env) {
  auto file = config::load_config_file(config::config_dir(env));
  return CredentialStore(std::move(file), std::move(env));
}

std::optional<CredentialHelper> CredentialStore::helper_for(std::string_view registry) const {
  const std::string where = " in " + file_.path.string();
  if (auto it = file_.cred_helpers.find(std::string(registry)); it != file_.cred_helpers.end())
    return CredentialHelper(it->second, "credHelpers[\"" + it->first + "\"]" + where, env_, runner_);
  if (!file_.creds_store.empty()) return CredentialHelper(file_.creds_store, "credsStore" + where, env_, runner_);
  return std::nullopt;
}

AuthConfig CredentialStore::from_file(std::string_view registry) const {
  if (auto it = file_.auths.find(std::string(registry)); it != file_.auths.end()) return it->second;
  // Older files key entries by URL ("https://host/v1/"): match on the host.
  for (const auto& [key, config] : file_.auths)
    if (convert_to_hostname(key) == registry) return config;
  AuthConfig none;
  none.serveraddress = std::string(registry);
  return none;
}

AuthConfig CredentialStore::get(std::string_view registry) const {
  AuthConfig config = from_file(registry);
  if (auto helper = helper_for(registry)) {
    // The helper holds the secrets; config.json may still hold the email.
    AuthConfig secret = helper->get(registry);
    config.username = secret.username;
    config.password = secret.password;
    config.identitytoken = secret.identitytoken;
    config.serveraddress = std::string(registry);
  }
  return config;
}

std::map<std::string, AuthConfig> CredentialStore::all() const {
  std::map<std::string, AuthConfig> configs;
  auto add = [&](const std::string& registry) {
    auto config = get(registry);
    if (!config.empty()) configs[registry] = std::move(config);
  };
  for (const auto& [registry, _] : file_.auths) add(registry);
  if (!file_.creds_store.empty())
    for (const auto& [registry, _] :
         CredentialHelper(file_.creds_store, "credsStore in " + file_.path.string(), env_, runner_).list())
      add(registry);
  for (const auto& [registry, _] : file_.cred_helpers) add(registry);
  return configs;
}

}  // namespace docker::auth
