// Definitions of docker/sdk/networks.hpp (see impl/container.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/internal/body_facts.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/resource_requests.hpp"
#include "docker/sdk/networks.hpp"

namespace docker::sdk {

/// From API 1.44 the daemon refuses a network name in use without being asked (CheckDuplicate).
inline constexpr ApiVersion kNetworkNamesCheckedSince{1, 44};

template <class Api>
CreatedNetwork Networks<Api>::create(const NetworkOptions& options) {
  using Request = typename Api::NetworkCreateRequest;
  using Params = typename Api::NetworkCreateParams;
  auto body = internal::for_call<Params>([&] { return internal::network_create_json(options); });
  // A member the bindings' model lacks would travel as an unknown field the
  // daemon ignores: refuse it instead. A member newer than the daemon's API
  // version would be left out when encoding: refuse that too.
  if (options.attachable) {
    if constexpr (requires(Request r) { r.Attachable; })
      client_->require_version(internal::body_field_since<Params>("Attachable"), "NetworkOptions::attachable",
                               options_);
    else
      throw VersionError(
          "NetworkOptions::attachable: these bindings (API " + Api::version.str() + ") have no Attachable",
          Params::route.method, Params::route.path);
  }
  // The CLI's behaviour: a second network of the same name is a Conflict, not
  // a duplicate only its id tells apart. From API 1.44 the daemon always
  // checks and the models dropped the member; below it, it is sent whatever
  // the bindings (as an unknown member of newer models).
  if (client_->api_version(options_) < kNetworkNamesCheckedSince) body["CheckDuplicate"] = true;
  Params params{.network_config = docker::decode_value<Request>(body)};
  auto created = typename Api::NetworkApi(*client_).network_create(params, options_);
  return CreatedNetwork{created.Id.value_or(std::string{}), created.Warning.value_or(std::string{})};
}

template <class Api>
typename Api::NetworkInspectResult Networks<Api>::inspect(const std::string& id_or_name) {
  internal::require_name(id_or_name, "inspect: the network", Api::NetworkInspectParams::route);
  typename Api::NetworkInspectParams params{};
  params.id = id_or_name;
  return typename Api::NetworkApi(*client_).network_inspect(params, options_);
}

template <class Api>
typename Api::NetworkListResult Networks<Api>::list(const Filters& filters) {
  typename Api::NetworkListParams params{};
  if (!filters.empty()) params.filters = filters;
  return typename Api::NetworkApi(*client_).network_list(params, options_);
}

template <class Api>
void Networks<Api>::connect(const std::string& network, const std::string& container,
                            const NetworkConnectOptions& options) {
  internal::require_name(network, "connect: the network", Api::NetworkConnectParams::route);
  internal::require_name(container, "connect: the container", Api::NetworkConnectParams::route);
  using Request = decltype(std::declval<typename Api::NetworkConnectParams>().container);
  typename Api::NetworkConnectParams params{
      .id = network,
      .container = docker::decode_value<Request>(internal::network_connect_json(container, options)),
  };
  typename Api::NetworkApi(*client_).network_connect(params, options_);
}

template <class Api>
void Networks<Api>::disconnect(const std::string& network, const std::string& container, bool force) {
  internal::require_name(network, "disconnect: the network", Api::NetworkDisconnectParams::route);
  internal::require_name(container, "disconnect: the container", Api::NetworkDisconnectParams::route);
  using Request = decltype(std::declval<typename Api::NetworkDisconnectParams>().container);
  Request body{};
  body.Container = container;
  if (force) body.Force = true;
  typename Api::NetworkDisconnectParams params{.id = network, .container = std::move(body)};
  typename Api::NetworkApi(*client_).network_disconnect(params, options_);
}

template <class Api>
void Networks<Api>::remove(const std::string& id_or_name) {
  internal::require_name(id_or_name, "remove: the network", Api::NetworkDeleteParams::route);
  typename Api::NetworkDeleteParams params{};
  params.id = id_or_name;
  typename Api::NetworkApi(*client_).network_delete(params, options_);
}

template <class Api>
std::vector<std::string> Networks<Api>::prune(const Filters& filters) {
  typename Api::NetworkPruneParams params{};
  internal::set_filters<Api>(params, filters, "network prune");
  // Read as JSON: the 1.25 spec names the member VolumesDeleted, the daemon NetworksDeleted.
  nlohmann::json answer = typename Api::NetworkApi(*client_).network_prune(params, options_);
  auto removed = internal::string_list(answer, "NetworksDeleted");
  if (removed.empty()) removed = internal::string_list(answer, "VolumesDeleted");
  return removed;
}

}  // namespace docker::sdk
