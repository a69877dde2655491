// Swarm secrets and configs over the generated bindings of any API version:
// create, inspect, list, remove. Give them to a service through
// ServiceOptions::secrets / configs (docker/sdk/services.hpp).
//
//   auto id = docker.secrets().create({.name = "db-password", .data = password});
//
// The data is sent base64-encoded in the request body and nowhere else: it
// is never part of an error message, and hooks (docker/hooks.hpp) see no
// request bodies. Declarations only (bodies: impl/secrets.hpp).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"

namespace docker::sdk {

/// A secret or a config: its name, its bytes (any, up to the daemon's limit:
/// 500 KiB in dockerd 20.10, InvalidArgument beyond) and labels.
struct SecretOptions {
  std::string name{};                           ///< unique among secrets (or configs); in use: Conflict
  std::string data{};                           ///< the content, raw bytes (the layer base64-encodes it)
  std::map<std::string, std::string> labels{};  ///< labels, filterable in list()
};
/// Configs take the same options as secrets.
using ConfigOptions = SecretOptions;

/// What an operation of a version that lacks it would have returned (configs
/// before API 1.30): the call raises VersionError instead.
struct NotInApiVersion {};

namespace internal {
template <class Api>
struct ConfigResults {
  using Inspect = NotInApiVersion;
  using List = std::vector<NotInApiVersion>;
};
template <class Api>
requires requires { typename Api::ConfigInspectResult; }
struct ConfigResults<Api> {
  using Inspect = typename Api::ConfigInspectResult;
  using List = typename Api::ConfigListResult;
};
}  // namespace internal

/// Swarm secrets (Docker::secrets()): their data reaches only the services given them.
template <class Api>
class Secrets {
 public:
  /// What Docker::secrets() hands out: the Docker's client and call options.
  explicit Secrets(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Secrets with(CallOptions options) const { return Secrets(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// POST /secrets/create; returns its id. A name in use is Conflict.
  std::string create(const SecretOptions& options);
  /// GET /secrets/{id}: the version's Secret model (its data is never returned).
  typename Api::SecretInspectResult inspect(const std::string& id);
  /// GET /secrets; `filters`: name, names, label, id.
  typename Api::SecretListResult list(const Filters& filters = {});
  /// DELETE /secrets/{id}; Conflict while a service uses it.
  void remove(const std::string& id);

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

/// Configs: API 1.30 on (VersionError before, whether the bindings or the daemon are older).
template <class Api>
class Configs {
 public:
  /// The version's ConfigInspectResult; NotInApiVersion below API 1.30.
  using InspectResult = typename internal::ConfigResults<Api>::Inspect;
  /// The version's ConfigListResult; a vector of NotInApiVersion below API 1.30.
  using ListResult = typename internal::ConfigResults<Api>::List;

  /// What Docker::configs() hands out: the Docker's client and call options.
  explicit Configs(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}
  /// The same service, its calls made with `options` (deadline, cancellation).
  Configs with(CallOptions options) const { return Configs(client_, std::move(options)); }
  /// The CallOptions every call of this object uses.
  const CallOptions& call_options() const { return options_; }

  /// POST /configs/create; returns its id. A name in use is Conflict.
  std::string create(const ConfigOptions& options);
  /// GET /configs/{id}: the version's Config model (data included, base64).
  InspectResult inspect(const std::string& id);
  /// GET /configs; `filters`: name, names, label, id.
  ListResult list(const Filters& filters = {});
  /// DELETE /configs/{id}; Conflict while a service uses it.
  void remove(const std::string& id);

 private:
  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
