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
#include "docker/api_types.hpp"

namespace docker::sdk {

/// Which events Docker::events() streams, and how it stops.
struct EventOptions {
  std::string since{};  ///< Unix time or RFC 3339; empty: from now
  std::string until{};  ///< empty: keep streaming until cancelled
  Filters filters{};    ///< {"container", {id}}, {"type", {"container"}}, {"label", {…}}
  CancellationToken cancel{};  ///< ends the stream (next() returns nullopt) when cancelled
};

/// The daemon's events, one at a time, until `until` or cancellation.
template <class Stream>
class EventReader {
 public:
  /// Reads `stream`; `cancel` closes it (next() then returns nullopt).
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

/// GET /events with the options' filters and time bounds. Reading the
/// stream needs the generated event model (docker/v1_NN/system_api.hpp).
template <class Api>
EventReader<typename Api::SystemEventsResult> events(Client& client, const EventOptions& options = {});

}  // namespace docker::sdk
