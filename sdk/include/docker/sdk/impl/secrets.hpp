// Definitions of docker/sdk/secrets.hpp (see impl/container.hpp).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "docker/auth/base64.hpp"
#include "docker/errors.hpp"
#include "docker/internal/api_support.hpp"
#include "docker/internal/query.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/internal/swarm_requests.hpp"
#include "docker/sdk/secrets.hpp"

namespace docker::sdk {

namespace internal {

// Created with a body of our own rather than the version's model: the 1.25
// model types Data as an array of strings, and encoding the model for a
// daemon older than 1.26 would leave Data out (the later specs date it from
// 1.26). The body is never put into a message: an error carries the daemon's
// answer, and hooks see no bodies. `route`: the version's create route.
inline std::string create_data_object(Client& client, const Route& route, std::string_view kind, const SecretOptions& o,
                                      const CallOptions& call) {
  if (o.name.empty()) throw InvalidInput(std::string(kind) + ": the name is empty", route.method, route.path);
  nlohmann::json body = {{"Name", o.name}, {"Data", auth::base64_encode(o.data)}};
  if (!o.labels.empty()) body["Labels"] = o.labels;
  Request req;
  req.method = route.method;
  req.target = route.fill({});
  docker::internal::set_json_text_body(req, docker::internal::text_of(body));
  req.options = call;
  auto answer = docker::internal::parse_json(client.call(std::move(req)).body);
  auto id = string_at(answer, "ID");
  if (id.empty()) throw ProtocolError(std::string(kind) + " create: the daemon sent no id", route.method, route.path);
  return id;
}

}  // namespace internal

template <class Api>
std::string Secrets<Api>::create(const SecretOptions& options) {
  return internal::create_data_object(*client_, Api::SecretCreateParams::route, "secret", options, options_);
}

template <class Api>
typename Api::SecretInspectResult Secrets<Api>::inspect(const std::string& id) {
  typename Api::SecretInspectParams p{};
  p.id = id;
  return typename Api::SecretApi(*client_).secret_inspect(p, options_);
}

template <class Api>
typename Api::SecretListResult Secrets<Api>::list(const Filters& filters) {
  typename Api::SecretListParams p{};
  if (!filters.empty()) p.filters = filters;
  return typename Api::SecretApi(*client_).secret_list(p, options_);
}

template <class Api>
void Secrets<Api>::remove(const std::string& id) {
  typename Api::SecretDeleteParams p{};
  p.id = id;
  typename Api::SecretApi(*client_).secret_delete(p, options_);
}

namespace internal {
// Bindings without configs have no route for them either: the error names
// the layer's call.
template <class Api>
[[noreturn]] void configs_missing(std::string_view call) {
  throw VersionError("configs()." + std::string(call) + ": these bindings (API " + Api::version.str() +
                     ") have no config operations");
}
}  // namespace internal

template <class Api>
std::string Configs<Api>::create(const ConfigOptions& options) {
  if constexpr (requires { typename Api::ConfigApi; }) {
    using Params = typename Api::ConfigCreateParams;
    client_->require_version(Params::Since::operation, "configs", options_);
    return internal::create_data_object(*client_, Params::route, "config", options, options_);
  } else {
    internal::configs_missing<Api>("create");
  }
}

template <class Api>
typename Configs<Api>::InspectResult Configs<Api>::inspect(const std::string& id) {
  if constexpr (requires { typename Api::ConfigApi; }) {
    typename Api::ConfigInspectParams p{};
    p.id = id;
    return typename Api::ConfigApi(*client_).config_inspect(p, options_);
  } else {
    (void)id;
    internal::configs_missing<Api>("inspect");
  }
}

template <class Api>
typename Configs<Api>::ListResult Configs<Api>::list(const Filters& filters) {
  if constexpr (requires { typename Api::ConfigApi; }) {
    typename Api::ConfigListParams p{};
    if (!filters.empty()) p.filters = filters;
    return typename Api::ConfigApi(*client_).config_list(p, options_);
  } else {
    (void)filters;
    internal::configs_missing<Api>("list");
  }
}

template <class Api>
void Configs<Api>::remove(const std::string& id) {
  if constexpr (requires { typename Api::ConfigApi; }) {
    typename Api::ConfigDeleteParams p{};
    p.id = id;
    typename Api::ConfigApi(*client_).config_delete(p, options_);
  } else {
    (void)id;
    internal::configs_missing<Api>("remove");
  }
}

}  // namespace docker::sdk
