// Hooks for tracing and metrics: a decorating Doer that reports every call
// (method, target, status, timings, bytes, the typed error) to user
// observers, with secret headers redacted, and lets them add request headers
// (a W3C traceparent per call). Wraps any Doer, streamed bodies and hijacks
// included.
//
//   auto doer = docker::with_hooks(docker::transport::make_unix_doer(path),
//                                  {{.on_end = [](const docker::CallInfo& c) { log(c); }}});
//
// or through docker::ConnectOptions::hooks. examples/tracing prints spans.
#pragma once

#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker/call_options.hpp"
#include "docker/doer.hpp"
#include "docker/http.hpp"

namespace docker {

/// What an observer sees of one call. Header values of secret fields (see
/// is_secret_header) are replaced by "<redacted>".
struct CallInfo {
  /// HTTP method ("GET").
  std::string method;
  /// Origin-form target as sent ("/v1.41/containers/json?all=1").
  std::string target;
  /// Headers as sent (secret values redacted).
  Headers request_headers;
  bool streaming = false;  ///< the caller pulls the body as a stream
  bool hijack = false;     ///< sent through do_raw

  /// 0 until a response head arrived (and when the call failed before one).
  int status = 0;
  /// Headers of the response, once it arrived (secret values redacted).
  Headers response_headers;
  /// Set when the call failed (transport error, timeout, cancellation…):
  /// the exception's what(). The exception itself still reaches the caller.
  /// An error status is not a failure here: see `exception`.
  std::optional<std::string> error;
  /// The failure as the typed docker::Error the caller gets (null on
  /// success): what the inner Doer threw (Timeout, Cancelled,
  /// TransportError…), or for a status >= 300 the error Client raises for it
  /// (NotFound with the daemon's message, Conflict…), built from the first
  /// kMaxKeptErrorBody bytes of the error body as the caller reads it. A
  /// status error is known once the body ended: in on_end, not in on_head.
  /// Test it with failed_with<E>(), or rethrow it to read it.
  std::exception_ptr exception;

  /// When the call was sent.
  Clock::time_point started;
  /// From start to the response head (or to the failure).
  Clock::duration to_head{};
  /// From start to the end of the body (read to its end, failed, or dropped
  /// unread) or, for a hijack, to the stream's close. Set in on_end.
  Clock::duration to_end{};
  /// False in on_end when the caller dropped the body before its end.
  bool completed = false;

  /// Request body bytes handed to the transport (streamed bodies as read),
  /// plus bytes written to a hijacked stream.
  std::uint64_t bytes_sent = 0;
  /// Response body bytes the caller read (or read from a hijacked stream).
  std::uint64_t bytes_received = 0;

  /// True when the call failed with an E (or a subclass of it):
  /// `failed_with<docker::NotFound>()`, `failed_with<docker::Timeout>()`.
  template <class E>
  bool failed_with() const {
    if (!exception) return false;
    try {
      std::rethrow_exception(exception);
    } catch (const E&) {
      return true;
    } catch (...) {
      return false;
    }
  }
};

/// How much of an error response's body the hooks keep for
/// CallInfo::exception (a daemon's message is a few hundred bytes).
inline constexpr std::size_t kMaxKeptErrorBody = std::size_t{64} * 1024;

/// One observer. Each callback is optional; callbacks run on the calling
/// thread (on_end on the thread that finishes or drops the body), must be
/// thread-safe when the client is shared, and should not throw (an exception
/// from a callback is swallowed so that it cannot break the call; headers an
/// add_headers added before throwing are still sent).
struct CallHooks {
  /// Before the request is sent (status 0, no timings yet).
  std::function<void(const CallInfo&)> on_request{};
  /// When the response head arrived, or the call failed before one.
  std::function<void(const CallInfo&)> on_head{};
  /// Once per call that reached on_head: the body (or hijacked stream) ended,
  /// failed or was dropped. A call that failed before its head also ends here.
  std::function<void(const CallInfo&)> on_end{};
  /// Before on_request: may add (or set, or remove) fields of the outgoing
  /// request's headers, e.g. a `traceparent` made for this call. What it
  /// leaves is sent, and shows (secrets redacted) in request_headers from
  /// on_request on. Runs for every hook before any on_request. (Last, so
  /// that hooks written positionally {on_request, on_head, on_end} still fit.)
  std::function<void(const CallInfo&, Headers&)> add_headers{};
};

/// Authorization, Proxy-Authorization, X-Registry-Auth, X-Registry-Config,
/// Cookie, Set-Cookie (case-insensitive), and names in `extra`.
bool is_secret_header(std::string_view name, const std::vector<std::string>& extra = {});
/// A copy of `headers` with the values of secret fields replaced by "<redacted>".
Headers redact_headers(const Headers& headers, const std::vector<std::string>& extra = {});

/// How with_hooks reports calls.
struct HookOptions {
  /// More header names to redact (case-insensitive), e.g. a proxy's token header.
  std::vector<std::string> redact_headers;
};

/// A Doer that forwards to `inner` and reports every call to `hooks`.
std::shared_ptr<Doer> with_hooks(std::shared_ptr<Doer> inner, std::vector<CallHooks> hooks, HookOptions options = {});

}  // namespace docker
