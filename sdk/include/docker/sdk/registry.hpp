// Registry credentials and registry failures for pull, push and login.
//
// dockerd reports what the registry said in prose: a wrong password on
// /auth is a 500 "login attempt to … failed with status: 401 Unauthorized",
// on pull a 500 "unauthorized: authentication required", on push an
// `errorDetail` inside the 200 progress stream. with_registry_errors() turns
// those messages into the typed errors they mean (Unauthorized, Unavailable
// for an unreachable registry, NotFound for a missing tag). The type carries
// the meaning; status() stays the daemon's HTTP status (0 inside a stream).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "docker/auth/auth_config.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"

namespace docker::sdk {

/// What a failure message from the daemon says about the registry.
enum class RegistryFailure { other, unauthorized, unreachable, not_found };

inline RegistryFailure classify_registry_message(std::string_view message) {
  auto has = [&](std::string_view part) { return message.find(part) != std::string_view::npos; };
  // The daemon's own sockets (containerd…) failing is not about a registry.
  if (has("dial unix")) return RegistryFailure::other;
  // A registry's bare 401 is relayed as the single word (distribution's error code text).
  if (message == "unauthorized" || message.starts_with("unauthorized:") || has("no basic auth credentials") ||
      has("failed with status: 401") || has("authentication required") || has("incorrect username or password"))
    return RegistryFailure::unauthorized;
  if (has("dial tcp") || has("connection refused") || has("no such host") || has("i/o timeout") ||
      has("no route to host") || has("network is unreachable"))
    return RegistryFailure::unreachable;
  if (has("does not exist locally") || has("tag does not exist") || has("manifest unknown"))
    return RegistryFailure::not_found;
  return RegistryFailure::other;
}

/// Only errors the daemon relayed are reinterpreted: a 500 (or an error
/// inside a progress stream); a 404 is already NotFound, and local failures
/// (transport, cancellation) keep their type.
inline bool is_relayed_registry_error(const Error& error) {
  return dynamic_cast<const Internal*>(&error) != nullptr || dynamic_cast<const StreamError*>(&error) != nullptr;
}

/// Throws the typed error `error`'s message means; returns when it means
/// nothing more specific (the caller rethrows the original).
inline void throw_if_registry_failure(const Error& error) {
  if (!is_relayed_registry_error(error)) return;
  switch (classify_registry_message(error.message())) {
    case RegistryFailure::unauthorized:
      throw Unauthorized(error.status(), error.message(), error.method(), error.path());
    case RegistryFailure::unreachable: throw Unavailable(error.status(), error.message(), error.method(), error.path());
    case RegistryFailure::not_found: throw NotFound(error.status(), error.message(), error.method(), error.path());
    case RegistryFailure::other: return;
  }
}

/// Runs `call`, translating relayed registry failures into typed errors.
template <class F>
decltype(auto) with_registry_errors(F&& call) {
  try {
    return std::forward<F>(call)();
  } catch (const Error& error) {
    throw_if_registry_failure(error);
    throw;
  }
}

/// The answer of a successful login.
struct LoginResult {
  std::string status;          ///< "Login Succeeded"
  std::string identity_token;  ///< set when the registry issued one
};

}  // namespace docker::sdk
