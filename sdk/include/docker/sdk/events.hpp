// The daemon's event stream, pull-style: next() blocks until an event comes.
// Cancelling the call's token (from any thread) ends the read promptly with
// Cancelled, as it ends logs and attach output; the deadline bounds only the
// request up to the response head (a stream is never cut by it).
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "docker/api_types.hpp"
#include "docker/call_options.hpp"
#include "docker/client.hpp"
#include "docker/errors.hpp"

namespace docker::sdk {

/// Which events Docker::events() streams, and how it stops.
struct EventOptions {
  std::string since{};  ///< Unix time or RFC 3339; empty: from now
  std::string until{};  ///< empty: keep streaming until cancelled
  Filters filters{};    ///< {"container", {id}}, {"type", {"container"}}, {"label", {…}}
};

/// The daemon's events, one at a time, until `until` or cancellation.
template <class Stream>
class [[nodiscard]] EventReader {
 public:
  /// Reads `stream`; once `cancel` fires, next() throws Cancelled.
  EventReader(Stream stream, CancellationToken cancel) : stream_(std::move(stream)), cancel_(std::move(cancel)) {}

  /// The next event (the generated event model of the bindings' version);
  /// nullopt when `until` was reached. Throws Cancelled once the token is
  /// cancelled, whatever the cancel did to the connection under the read.
  auto next() -> decltype(std::declval<Stream&>().next()) {
    if (cancel_.is_cancelled()) throw Cancelled("events: cancelled");
    try {
      return stream_.next();
    } catch (const Cancelled&) {
      throw;
    } catch (const Error& e) {
      if (cancel_.is_cancelled()) throw Cancelled("events: cancelled (" + e.message() + ")");
      throw;
    }
  }

 private:
  Stream stream_;
  CancellationToken cancel_;
};

}  // namespace docker::sdk
