// Definitions of docker/sdk/stats.hpp (see impl/container.hpp).
#pragma once

#include <string>

#include "docker/api_version.hpp"
#include "docker/errors.hpp"
#include "docker/sdk/stats.hpp"
#include "docker/streams/json_stream.hpp"

namespace docker::sdk {

template <class Api>
typename Stats<Api>::Sample Stats<Api>::once(const std::string& container, bool one_shot) {
  typename Api::ContainerStatsParams params;
  params.id = container;
  params.stream = false;
  if (one_shot) {
    if constexpr (requires { params.one_shot; }) {
      client_->require_version(ApiVersion{1, 41}, "stats one-shot", options_);
      params.one_shot = true;
    } else {
      throw VersionError("stats one-shot needs API 1.41 bindings", "GET", "/containers/" + container + "/stats");
    }
  }
  auto stream = api().container_stats(params, options_);
  auto sample = stream.next();
  if (!sample) throw ProtocolError("stats: the daemon sent no sample", "GET", "/containers/" + container + "/stats");
  return *sample;
}

template <class Api>
typename Api::ContainerStatsResult Stats<Api>::stream(const std::string& container) {
  typename Api::ContainerStatsParams params;
  params.id = container;
  params.stream = true;
  return api().container_stats(params, options_);
}

template <class Api>
typename Api::ContainerApi Stats<Api>::api() {
  return typename Api::ContainerApi(*client_);
}

}  // namespace docker::sdk
