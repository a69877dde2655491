// Container resource statistics: one sample, or a stream of one per second.
// The message type is the bindings' own (a generated model, or
// docker::JsonMessage where the spec gives no schema, e.g. 1.41): reading a
// sample needs its header (docker/v1_NN/container_api.hpp).
#pragma once

#include <memory>
#include <string>
#include <utility>

#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/fwd.hpp"

namespace docker::sdk {

namespace internal {
/// The item type of a generated JsonStream<T>, named without completing it.
template <class Stream>
struct stream_item;
template <class T>
struct stream_item<JsonStream<T>> {
  using type = T;
};
}  // namespace internal

/// Resource usage samples of containers (`docker stats`): one sample or a stream.
template <class Api>
class Stats {
 public:
  /// One sample's type: the version's stats model.
  using Sample = typename internal::stream_item<typename Api::ContainerStatsResult>::type;

  /// Over a client the caller keeps alive.
  explicit Stats(Client& client) : client_(&client) {}
  /// Sharing the client's ownership (what Docker hands out).
  explicit Stats(std::shared_ptr<Client> client) : client_(client.get()), owner_(std::move(client)) {}

  /// One sample (stream=false). With `one_shot` (API 1.41+) the daemon skips
  /// the second sample it takes for CPU deltas: faster, no precpu figures.
  Sample once(const std::string& container, bool one_shot = false, const CallOptions& call = {});

  /// A pull-style stream of samples until the container stops or `call` is cancelled.
  typename Api::ContainerStatsResult stream(const std::string& container, const CallOptions& call = {});

 private:
  typename Api::ContainerApi api();

  Client* client_;
  std::shared_ptr<Client> owner_;  // empty when built over a Client&
};

}  // namespace docker::sdk
