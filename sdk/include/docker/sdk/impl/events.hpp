// Definitions of docker/sdk/events.hpp (see impl/container.hpp).
#pragma once

#include <utility>

#include "docker/internal/api_support.hpp"
#include "docker/sdk/events.hpp"
#include "docker/streams/json_stream.hpp"

namespace docker::sdk {

template <class Api>
EventReader<typename Api::SystemEventsResult> events(Client& client, const EventOptions& options,
                                                     const CallOptions& call) {
  typename Api::SystemEventsParams params;
  if (!options.since.empty()) params.since = options.since;
  if (!options.until.empty()) params.until = options.until;
  if (!options.filters.empty()) params.filters = options.filters;
  auto stream = typename Api::SystemApi(client).system_events(params, call);
  return EventReader<decltype(stream)>(std::move(stream), call.cancel);
}

}  // namespace docker::sdk
