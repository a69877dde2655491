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

  /// Sharing the client's ownership, with the call options of every call
  /// (what Docker hands out: `docker.with(options).stats()`).
  explicit Stats(std::shared_ptr<Client> client, CallOptions options = {})
      : client_(std::move(client)), options_(std::move(options)) {}

  /// The same over other call options (deadline, cancellation, hooks).
  Stats with(CallOptions options) const { return Stats(client_, std::move(options)); }

  /// One sample (stream=false). With `one_shot` (API 1.41+) the daemon skips
  /// the second sample it takes for CPU deltas: faster, no precpu figures.
  Sample once(const std::string& container, bool one_shot = false);

  /// A pull-style stream of samples until the container stops or the call options cancel it.
  typename Api::ContainerStatsResult stream(const std::string& container);

 private:
  typename Api::ContainerApi api();

  std::shared_ptr<Client> client_;
  CallOptions options_;
};

}  // namespace docker::sdk
