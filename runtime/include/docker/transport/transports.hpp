// Doers that speak HTTP/1.1 to a Docker daemon over a unix socket, TCP or
// TLS, with a bounded pool of kept-alive connections per endpoint.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "docker/doer.hpp"
#include "docker/transport/channel.hpp"

namespace docker::transport {

/// Connection pool and timeouts of the built-in transports.
struct TransportOptions {
  /// Idle kept-alive connections kept per endpoint; more are closed on release.
  /// Busy connections are not limited: a long stream never blocks other calls.
  std::size_t max_idle_connections = 8;
  /// An idle connection older than this is closed instead of reused.
  std::chrono::milliseconds idle_timeout = std::chrono::seconds(90);
  /// Bounds connect (and TLS handshake) even when the call has no deadline.
  std::chrono::milliseconds connect_timeout = std::chrono::seconds(30);
  /// Host header. Empty: "docker" for unix sockets (the daemon ignores it;
  /// the Go client sends the same), "host:port" for TCP and TLS.
  std::string host_header;
};

/// TLS settings of the tls transport.
struct TlsOptions {
  /// PEM CA bundle that signs the daemon's certificate; empty: system roots.
  std::string ca_file;
  /// Client certificate chain and key (PEM), for daemons that require them.
  std::string cert_file;
  /// Client key (PEM), with cert_file.
  std::string key_file;
  /// Check the daemon's certificate chain and that it names the host (DNS
  /// name or IP address). Turn off only for tests (DOCKER_TLS_VERIFY unset).
  bool verify_peer = true;
  /// The name to verify and send as SNI; empty: the host dialed.
  std::string server_name;
};

/// HTTP/1.1 over any Dialer (this is how ssh and other byte streams plug in).
std::shared_ptr<Doer> make_http_doer(std::shared_ptr<Dialer> dialer, TransportOptions options = {});

std::shared_ptr<Doer> make_unix_doer(std::string socket_path, TransportOptions options = {});
std::shared_ptr<Doer> make_tcp_doer(std::string host, std::uint16_t port, TransportOptions options = {});
/// Throws ConfigError when a TLS file cannot be loaded.
std::shared_ptr<Doer> make_tls_doer(std::string host, std::uint16_t port, const TlsOptions& tls,
                                    TransportOptions options = {});

/// The dialers behind the factories, for decorating or for a custom Doer.
std::shared_ptr<Dialer> make_unix_dialer(std::string socket_path);
std::shared_ptr<Dialer> make_tcp_dialer(std::string host, std::uint16_t port);
std::shared_ptr<Dialer> make_tls_dialer(std::string host, std::uint16_t port, const TlsOptions& tls);

}  // namespace docker::transport
