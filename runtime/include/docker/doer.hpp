// The transport interface. Everything above it is transport-agnostic;
// decorators (hooks, logging, user agent) wrap one Doer in another.
#pragma once

#include <memory>

#include "docker/http.hpp"

namespace docker {

/// Sends HTTP requests to the daemon: the transport interface under Client.
/// The built-in transports (unix, tcp, tls, ssh) implement it; so can a test
/// double or a proxy.
class Doer {
 public:
  virtual ~Doer() = default;

  /// Sends `req` and returns once the response head has arrived; the body is
  /// read through `Response::body`. Honours `req.options` (deadline until the
  /// head, cancellation throughout). Throws TransportError, Timeout,
  /// Cancelled, ProtocolError. Never throws for an HTTP status.
  virtual Response do_request(Request req) = 0;

  /// Sends `req` (normally with `Connection: Upgrade`, `Upgrade: tcp`) and
  /// takes over the connection when the daemon switches protocols.
  virtual HijackResponse do_raw(Request req) = 0;
};

}  // namespace docker
