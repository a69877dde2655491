// The create request for one API version: ContainerOptions as JSON
// (requests.hpp), decoded into the version's model, after checking that the
// version has every option that is set. A field the bindings lack would
// otherwise be sent anyway (decoding keeps unknown members) and one the
// negotiated version lacks silently left out (encoding drops it).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>

#include "docker/api_version.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/internal/body_facts.hpp"
#include "docker/sdk/internal/call_errors.hpp"
#include "docker/sdk/internal/requests.hpp"
#include "docker/sdk/options.hpp"

namespace docker::sdk::internal {

template <class Api>
[[noreturn]] void missing_in_bindings(std::string_view option) {
  throw VersionError("ContainerOptions::" + std::string(option) + " is not in the API " + Api::version.str() +
                     " bindings");
}

template <class Api>
typename Api::ContainerCreateParams create_params(const ContainerOptions& o, Client& client, const CallOptions& call) {
  using Params = typename Api::ContainerCreateParams;
  using Request = typename Api::ContainerCreateRequest;
  using Host = typename decltype(Request::HostConfig)::value_type;
  using Health = typename decltype(Request::Healthcheck)::value_type;

  if (o.init) {
    if constexpr (requires(Host h) { h.Init; }) {
      client.require_version(body_field_since<Params>("HostConfig.Init"), "ContainerOptions::init", call);
    } else {
      missing_in_bindings<Api>("init");
    }
  }
  if (o.health_check && o.health_check->start_period) {
    if constexpr (requires(Health h) { h.StartPeriod; }) {
      client.require_version(body_field_since<Params>("Healthcheck.StartPeriod"), "HealthCheck::start_period", call);
    } else {
      missing_in_bindings<Api>("health_check.start_period");
    }
  }
  if constexpr (!requires(Request r) { r.StopTimeout; }) {
    if (o.stop_timeout) missing_in_bindings<Api>("stop_timeout");
  }
  if constexpr (!requires(Host h) { h.NanoCpus; }) {
    if (o.resources.cpus) missing_in_bindings<Api>("resources.cpus");
  }
  if constexpr (!requires(Host h) { h.AutoRemove; }) {
    if (o.auto_remove) missing_in_bindings<Api>("auto_remove");
  }
  if constexpr (!requires(Host h) { h.Sysctls; }) {
    if (!o.sysctls.empty()) missing_in_bindings<Api>("sysctls");
  }
  if constexpr (!requires(Host h) { h.Mounts; }) {
    if (!o.mounts.empty()) missing_in_bindings<Api>("mounts");
  }

  auto body = for_call<Params>([&] { return create_json(o); });
  Params p{};
  try {
    p.body = docker::decode_value<Request>(body);
  } catch (const DecodeError& e) {
    // Only raw_json can bring a member of the wrong type.
    throw InvalidInput("ContainerOptions::raw_json does not fit the create body: " + e.message(), Params::route.method,
                       Params::route.path);
  }
  p.name = o.name;
  if (o.platform) {
    if constexpr (requires { p.platform; }) {
      p.platform = o.platform;  // the generated call checks the negotiated version
    } else {
      missing_in_bindings<Api>("platform");
    }
  }
  return p;
}

}  // namespace docker::sdk::internal
