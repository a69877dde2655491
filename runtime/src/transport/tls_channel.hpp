// TLS over a TCP socket with OpenSSL. The SSL object talks to the socket
// through a tiny BIO (send with MSG_NOSIGNAL, so a closed peer never raises
// SIGPIPE), and waits use fd_wait's ppoll: the socket stays non-blocking, as
// OpenSSL's calls run under a lock that a reader and a writer share and must
// never sleep holding it. asio::ssl::stream is not used because it cannot
// express what hijacked streams need: close_write must send close_notify and
// return at once, then keep reading (what Go's tls.Conn.CloseWrite does, and
// what the daemon reads as stdin EOF); asio's shutdown waits for the peer's
// close_notify instead.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "docker/transport/transports.hpp"
#include "socket_channel.hpp"

struct ssl_ctx_st;
struct ssl_st;

namespace docker::transport::internal {

/// Certificates, keys and verification settings shared by a dialer's connections.
class TlsConfig {
 public:
  /// Throws ConfigError naming the file that cannot be loaded.
  explicit TlsConfig(const TlsOptions& options);
  ssl_ctx_st* context() const { return context_.get(); }
  bool verify_peer() const { return verify_peer_; }

 private:
  std::shared_ptr<ssl_ctx_st> context_;
  bool verify_peer_;
};

class TlsChannel final : public SocketChannel {
 public:
  explicit TlsChannel(std::string endpoint) : SocketChannel(std::move(endpoint), Waits::by_poll) {}
  ~TlsChannel() override;

  /// After connect_tcp: handshake, checking the certificate names `server_name`.
  void handshake(const TlsConfig& config, const std::string& server_name, const IoCall& call);

  std::size_t read_some(std::span<char> out, const IoCall& call) override;
  void write(std::span<const std::span<const char>> pieces, const IoCall& call) override;
  /// Sends close_notify without waiting for the peer's; reading goes on.
  void shutdown_send(const IoCall& call) override;
  bool idle_and_usable() override;

 private:
  /// Runs one SSL_* call until it stops asking to wait; returns its result (> 0)
  /// or 0 for a clean end of stream.
  template <class Op>
  int drive(Op&& op, const IoCall& call, const IoStep& step);
  [[noreturn]] void throw_tls_error(const IoStep& step, unsigned long error, const IoCall& call);
  void write_all(const char* data, std::size_t size, const IoCall& call);

  ssl_st* ssl_ = nullptr;
  std::mutex ssl_mutex_;  // one reader and one writer may share the SSL object
  std::string scratch_;   // gathers small pieces into one record
  bool sent_close_notify_ = false;
  std::atomic<bool> received_data_{false};
};

}  // namespace docker::transport::internal
