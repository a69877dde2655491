#include "docker/config/config_file.hpp"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <system_error>

#include "docker/auth/base64.hpp"
#include "docker/errors.hpp"

namespace docker::config {
namespace {

std::string string_field(const nlohmann::json& object, const char* name) {
  auto it = object.find(name);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

auth::AuthConfig parse_auth_entry(const std::string& registry, const nlohmann::json& entry,
                                  const std::filesystem::path& path) {
  auth::AuthConfig config;
  if (!entry.is_object()) return config;
  config.auth = string_field(entry, "auth");
  config.username = string_field(entry, "username");
  config.password = string_field(entry, "password");
  config.email = string_field(entry, "email");
  config.identitytoken = string_field(entry, "identitytoken");
  config.registrytoken = string_field(entry, "registrytoken");
  config.serveraddress = registry;
  if (!config.auth.empty()) {
    // "auth" is base64("user:password"); it wins over separate fields, as in the CLI.
    auto decoded = auth::base64_decode(config.auth);
    auto colon = decoded ? decoded->find(':') : std::string::npos;
    if (colon == std::string::npos)
      throw ConfigError(path.string() + ": invalid \"auth\" value for registry \"" + registry +
                        "\" (expected base64 of username:password)");
    config.username = decoded->substr(0, colon);
    config.password = decoded->substr(colon + 1);
    config.auth.clear();  // decoded into username/password; re-encoding is the sender's job
  }
  return config;
}

}  // namespace

ConfigFile parse_config_file(std::string_view text, const std::filesystem::path& path) {
  ConfigFile file;
  file.path = path;
  nlohmann::json root;
  try {
    root = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw ConfigError(path.string() + ": not valid JSON: " + e.what());
  }
  if (!root.is_object()) throw ConfigError(path.string() + ": expected a JSON object");
  file.current_context = string_field(root, "currentContext");
  file.creds_store = string_field(root, "credsStore");
  if (auto helpers = root.find("credHelpers"); helpers != root.end() && helpers->is_object())
    for (auto& [registry, helper] : helpers->items())
      if (helper.is_string()) file.cred_helpers[registry] = helper.get<std::string>();
  if (auto auths = root.find("auths"); auths != root.end() && auths->is_object())
    for (auto& [registry, entry] : auths->items()) file.auths[registry] = parse_auth_entry(registry, entry, path);
  return file;
}

std::string read_text_file(const std::filesystem::path& file, std::string_view what) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::error_code ec(errno, std::generic_category());
    throw ConfigError("cannot read " + std::string(what) + " " + file.string() + ": " + ec.message());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

ConfigFile load_config_file(const std::filesystem::path& dir) {
  auto path = dir / "config.json";
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    ConfigFile empty;
    empty.path = path;
    return empty;
  }
  return parse_config_file(read_text_file(path, "docker config file"), path);
}

}  // namespace docker::config
