// The runtime core: one thread-safe client over a Doer. It prefixes every
// path with the negotiated API version, maps statuses to typed errors and
// enforces per-call deadlines. Generated bindings call it; users may too.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "docker/api_version.hpp"
#include "docker/doer.hpp"
#include "docker/errors.hpp"
#include "docker/http.hpp"

namespace docker {

/// How a Client picks its API version and identifies itself.
struct ClientOptions {
  /// Use exactly this version (DOCKER_API_VERSION); no negotiation.
  std::optional<ApiVersion> pinned_version;
  /// Negotiate through GET /_ping on first use (lazily, once).
  bool negotiate = true;
  /// Sent as User-Agent on every request.
  std::string user_agent = "docker-cpp/0.1";
};

/// A response read whole, within the call's deadline.
struct BufferedResponse {
  /// HTTP status.
  int status = 0;
  /// Response headers.
  Headers headers;
  /// The whole body.
  std::string body;
};

/// Sends requests through a Doer with the negotiated `/v1.NN` prefix and turns
/// error statuses into typed errors. The generated operation classes call it;
/// safe to share between threads.
class Client {
 public:
  /// Sends through `doer`; `bindings_version` caps the negotiated version.
  Client(std::shared_ptr<Doer> doer, ApiVersion bindings_version, ClientOptions options = {});
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  /// The API version the bindings were generated for.
  ApiVersion bindings_version() const { return bindings_version_; }
  /// The version requests are sent with: min(bindings, daemon) after
  /// negotiation. The first call may ping the daemon (with `opts`).
  ApiVersion api_version(const CallOptions& opts = {});
  /// Throws VersionError naming `what` when the negotiated version is below `needed`.
  void require_version(ApiVersion needed, std::string_view what, const CallOptions& opts = {});

  /// Sends `req` (its target without the version prefix) and reads the whole
  /// body. Throws the typed error for any status >= 300.
  BufferedResponse call(Request req);
  /// Sends `req` and returns once the head arrived; the caller pulls the body.
  /// The deadline stops applying once the head is in.
  Response stream(Request req);
  /// Sends an upgrade request and returns the hijacked connection.
  HijackResponse hijack(Request req);
  /// GET /_ping without a version prefix (raw response head and body "OK").
  BufferedResponse ping(const CallOptions& opts = {});

  /// The transport, e.g. to send a request the bindings do not have.
  Doer& doer() { return *doer_; }
  /// The transport, shared (to build another Client over it).
  std::shared_ptr<Doer> shared_doer() const { return doer_; }

 private:
  void prepare(Request& req);
  ApiVersion negotiate(const CallOptions& opts);

  std::shared_ptr<Doer> doer_;
  ApiVersion bindings_version_;
  ClientOptions options_;
  struct Negotiated;  // the negotiated version under a mutex (client.cpp: keeps <mutex> out of users' files)
  std::unique_ptr<Negotiated> negotiated_;
};

}  // namespace docker
