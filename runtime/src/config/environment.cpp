#include "docker/config/environment.hpp"

#include <cstdlib>

#include "docker/errors.hpp"

namespace docker::config {

EnvironmentGetter process_environment() {
  return [](std::string_view name) -> std::optional<std::string> {
    const char* value = std::getenv(std::string(name).c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
}

EnvironmentGetter fixed_environment(std::map<std::string, std::string, std::less<>> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::optional<std::string> non_empty(const EnvironmentGetter& env, std::string_view name) {
  auto value = env(name);
  if (!value || value->empty()) return std::nullopt;
  return value;
}

std::filesystem::path config_dir(const EnvironmentGetter& env) {
  if (auto dir = non_empty(env, "DOCKER_CONFIG")) return *dir;
  if (auto home = non_empty(env, "HOME")) return std::filesystem::path(*home) / ".docker";
  throw ConfigError("cannot locate the docker configuration directory: neither DOCKER_CONFIG nor HOME is set");
}

}  // namespace docker::config
