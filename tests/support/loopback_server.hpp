// A scriptable HTTP/1.1 peer for transport tests: listens on a unix socket,
// a TCP port or TLS, runs a handler per accepted connection in its own thread,
// and lets the handler send exact bytes (split at any boundary), hang, close
// early, take over the connection after 101, and watch for half-close.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace docker::testing {

enum class PeerKind { unix_socket, tcp, tls };

/// Test PKI made once per process with the openssl CLI: a CA, a server
/// certificate for 127.0.0.1 and localhost, a client certificate, and an
/// unrelated CA (for the wrong-CA case).
struct LoopbackTlsFiles {
  std::string dir;
  std::string ca_cert, server_cert, server_key, client_cert, client_key, other_ca_cert;
};
const LoopbackTlsFiles& loopback_tls_files();

struct PeerRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  bool chunked = false;
  std::optional<std::string> header(std::string_view name) const;
};

class LoopbackServer;

/// The server's side of one accepted connection.
class PeerConnection {
 public:
  PeerConnection(LoopbackServer& server, int fd, void* ssl, int index);
  ~PeerConnection();

  /// Reads one request (Content-Length or chunked body). Null when the
  /// client closed (or the read failed) before a request came.
  std::optional<PeerRequest> read_request();
  /// Sends bytes as they are, in pieces of at most `piece` bytes (0: one write),
  /// each in its own write so the client sees them arrive separately.
  void send(std::string_view bytes, std::size_t piece = 0,
            std::chrono::microseconds pause = std::chrono::microseconds(0));
  /// "HTTP/1.1 <status> <reason>" with Content-Length and `extra_headers` ("Name: value\r\n"…).
  void respond(int status, std::string_view body, std::string_view extra_headers = {});
  /// Raw bytes after the head (a hijacked connection); "" at end of stream.
  std::string read_some();
  /// Reads until end of stream (or `limit`); whether the end was seen.
  bool read_until_eof(std::string& out, std::chrono::milliseconds limit);
  void shutdown_write();
  /// Closes the connection now (TLS: close_notify first).
  void close();
  /// Blocks until the server stops (a peer that never answers).
  void hang();
  /// Whether a write failed (the client went away), the connection was
  /// closed, or the server is stopping: a peer that sends without end stops.
  bool broken() const;
  /// 1 for the first connection the server accepted, 2 for the next…
  int index() const { return index_; }

 private:
  std::size_t raw_read(char* buf, std::size_t size);
  void raw_write(const char* buf, std::size_t size);

  LoopbackServer& server_;
  int fd_;
  void* ssl_;
  int index_;
  std::string buffered_;
  bool closed_ = false;
  bool write_failed_ = false;
};

struct LoopbackOptions {
  /// TLS: refuse clients without a certificate signed by the test CA.
  bool require_client_cert = true;
};

class LoopbackServer {
 public:
  using Handler = std::function<void(PeerConnection&)>;

  LoopbackServer(PeerKind kind, Handler handler, LoopbackOptions options = {});
  ~LoopbackServer();
  LoopbackServer(const LoopbackServer&) = delete;
  LoopbackServer& operator=(const LoopbackServer&) = delete;

  PeerKind kind() const { return kind_; }
  const std::string& socket_path() const { return socket_path_; }
  std::uint16_t port() const { return port_; }

  int accepts() const { return accepts_.load(); }
  int requests() const { return requests_.load(); }
  /// Waits (bounded) until the handlers of all accepted connections returned.
  bool wait_idle(std::chrono::milliseconds limit = std::chrono::seconds(5));

  /// Stops accepting, wakes hanging handlers and blocked reads, joins threads.
  void stop();

 private:
  friend class PeerConnection;
  void accept_loop();
  void serve(int fd, int index);
  bool stopping() const { return stopping_.load(); }

  PeerKind kind_;
  Handler handler_;
  LoopbackOptions options_;
  int listen_fd_ = -1;
  std::string dir_;
  std::string socket_path_;
  std::uint16_t port_ = 0;
  void* tls_context_ = nullptr;
  std::atomic<bool> stopping_{false};
  std::atomic<int> accepts_{0};
  std::atomic<int> requests_{0};
  std::atomic<int> active_{0};
  std::thread acceptor_;
  std::mutex mutex_;
  std::condition_variable stopped_;
  std::vector<std::thread> workers_;
  std::vector<int> open_fds_;
};

}  // namespace docker::testing
