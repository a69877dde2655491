// Container resource statistics: one sample, or a stream of one per second.
// The message type is the bindings' own (a generated model, or
// docker::JsonMessage where the spec gives no schema, e.g. 1.41).
#pragma once

#include <memory>
#include <string>

#include "docker/api_version.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"

namespace docker::sdk {

template <class Api>
class Stats {
 public:
  /// Over a client the caller keeps alive.
  explicit Stats(Client& client) : client_(&client) {}
  /// Sharing the client's ownership (what Docker hands out).
  explicit Stats(std::shared_ptr<Client> client) : client_(client.get()), owner_(std::move(client)) {}

  /// One sample (stream=false). With `one_shot` (API 1.41+) the daemon skips
  /// the second sample it takes for CPU deltas: faster, no precpu figures.
  auto once(const std::string& container, bool one_shot = false, const CallOptions& call = {}) {
    typename Api::ContainerStatsParams params;
    params.id = container;
    params.stream = false;
    if (one_shot) {
      if constexpr (requires { params.one_shot; }) {
        client_->require_version(ApiVersion{1, 41}, "stats one-shot", call);
        params.one_shot = true;
      } else {
        throw VersionError("stats one-shot needs API 1.41 bindings", "GET", "/containers/" + container + "/stats");
      }
    }
    auto stream = api().container_stats(params, call);
    auto sample = stream.next();
    if (!sample) throw ProtocolError("stats: the daemon sent no sample", "GET", "/containers/" + container + "/stats");
    return *sample;
  }

  /// A pull-style stream of samples until the container stops or `call` is cancelled.
  auto stream(const std::string& container, const CallOptions& call = {}) {
    typename Api::ContainerStatsParams params;
    params.id = container;
    params.stream = true;
    return api().container_stats(params, call);
  }

 private:
  typename Api::ContainerApi api() { return typename Api::ContainerApi(*client_); }

  Client* client_;
  std::shared_ptr<Client> owner_;  // empty when built over a Client&
};

}  // namespace docker::sdk
