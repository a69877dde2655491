// Environment variables and the CLI's configuration directory, read through
// an injectable getter so that tests never touch the process environment.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace docker::config {

/// Returns the value of an environment variable, nullopt when unset.
using EnvironmentGetter = std::function<std::optional<std::string>(std::string_view name)>;

/// The process environment (getenv).
EnvironmentGetter process_environment();

/// A fixed environment (tests, embedding applications).
EnvironmentGetter fixed_environment(std::map<std::string, std::string, std::less<>> values);

/// The value when set and not empty (the CLI treats an empty variable as unset).
std::optional<std::string> non_empty(const EnvironmentGetter& env, std::string_view name);

/// The CLI's configuration directory: $DOCKER_CONFIG, else $HOME/.docker.
/// Throws ConfigError when neither DOCKER_CONFIG nor HOME is set.
std::filesystem::path config_dir(const EnvironmentGetter& env);

}  // namespace docker::config
