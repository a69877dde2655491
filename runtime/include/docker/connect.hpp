// Connecting the way the docker CLI does: one call resolves the endpoint
// (host option → DOCKER_HOST → context → config.json → default socket), builds
// its transport and returns a negotiating client.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "docker/client.hpp"
#include "docker/config/endpoint.hpp"
#include "docker/hooks.hpp"
#include "docker/transport/transports.hpp"

namespace docker {

/// What docker::connect resolves and builds the client with.
struct ConnectOptions {
  std::optional<std::string> host;     ///< like `docker -H`; wins over DOCKER_HOST
  std::optional<std::string> context;  ///< like `docker --context`
  /// Where environment variables come from (tests inject their own).
  config::EnvironmentGetter env = config::process_environment();
  /// Connection pool and timeouts of the built-in transports.
  transport::TransportOptions transport;
  /// User agent, and a pinned version (else DOCKER_API_VERSION, else negotiation).
  ClientOptions client;
  /// Observers of every call (tracing, metrics); the transport is wrapped
  /// with with_hooks() when there are any.
  std::vector<CallHooks> hooks;
  /// How hooks see calls (extra headers to redact).
  HookOptions hook_options;
  /// Builds the Doer for the resolved endpoint instead of docker::make_doer
  /// (e.g. docker::transport::make_cpprest_doer for its endpoint overload).
  std::function<std::shared_ptr<Doer>(const config::Endpoint&, const transport::TransportOptions&)> make_doer;
};

/// The endpoint `connect` would use (for logging or a custom transport).
config::Endpoint resolve_endpoint(const ConnectOptions& options = {});

/// The transport for an endpoint: unix, tcp, tls or ssh.
std::shared_ptr<Doer> make_doer(const config::Endpoint& endpoint, const transport::TransportOptions& options = {});

/// A client for bindings of `bindings_version`: docker::v1_55::api_version
/// (docker/v1_55/version.hpp; the umbrella and every tag header include it).
std::unique_ptr<Client> connect(ApiVersion bindings_version, const ConnectOptions& options = {});

}  // namespace docker
