// The daemon's event stream, pull-style: next() blocks until an event comes.
// Cancelling the token (from any thread) ends the read promptly: next()
// then returns nullopt instead of raising.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/api_support.hpp"

namespace docker::sdk {

struct EventOptions {
  std::string since{};  // Unix time or RFC 3339; empty: from now
  std::string until{};  // empty: keep streaming until cancelled
  Filters filters{};    // {"container", {id}}, {"type", {"container"}}, {"label", {…}}
  CancellationToken cancel{};
};

template <class Stream>
class EventReader {
 public:
  EventReader(Stream stream, CancellationToken cancel) : stream_(std::move(stream)), cancel_(std::move(cancel)) {}

  /// The next event (the generated event model of the bindings' version);
  /// nullopt when `until` was reached or the token was cancelled.
  auto next() -> decltype(std::declval<Stream&>().next()) {
    if (cancel_.is_cancelled()) return std::nullopt;
    try {
      return stream_.next();
    } catch (const Error&) {
      // The cancel closes the connection under the read: whatever that
      // raised, the caller asked for the end.
      if (cancel_.is_cancelled()) return std::nullopt;
      throw;
    }
  }

 private:
  Stream stream_;
  CancellationToken cancel_;
};

/// GET /events with the options' filters and time bounds.
template <class Api>
auto events(Client& client, const EventOptions& options = {}) {
  typename Api::SystemEventsParams params;
  if (!options.since.empty()) params.since = options.since;
  if (!options.until.empty()) params.until = options.until;
  if (!options.filters.empty()) params.filters = options.filters;
  CallOptions call;
  call.cancel = options.cancel;
  auto stream = typename Api::SystemApi(client).system_events(params, call);
  return EventReader<decltype(stream)>(std::move(stream), options.cancel);
}

}  // namespace docker::sdk
