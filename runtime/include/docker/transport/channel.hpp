// The byte-stream layer under the HTTP/1.1 transport. A Channel is one
// connected duplex byte stream (unix socket, TCP, TLS, or a child process's
// pipes for ssh); a Dialer opens Channels to one endpoint. Implement these
// two to add a transport: make_http_doer() supplies HTTP, pooling, retries,
// deadlines, cancellation and hijacking on top.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "docker/call_options.hpp"

namespace docker::transport {

/// What one blocking I/O step may wait for, and how its errors are named.
struct IoCall {
  /// None: wait as long as it takes (interrupt() still ends the wait).
  std::optional<Clock::time_point> deadline;
  /// Named in every error the step raises ("GET", "/v1.41/containers/json").
  std::string_view method;
  /// Request path named in errors.
  std::string_view path;
};

/// A connected byte stream. read_some/write/shutdown_send block the calling
/// thread; one reader and one writer may run concurrently (hijacked streams).
/// Every wait ends at the IoCall's deadline (Timeout), on interrupt()
/// (Cancelled) or on an I/O error (TransportError naming endpoint() and the
/// OS or TLS reason).
class Channel {
 public:
  virtual ~Channel() = default;

  /// Reads at least one byte into `out` (non-empty); 0 means the peer closed.
  virtual std::size_t read_some(std::span<char> out, const IoCall& call) = 0;
  /// Like read_some, but into `pieces` in order, each filled before the next,
  /// in one step where the channel can (one recvmsg on a plain socket). The
  /// HTTP reader uses it to read the rest of a chunk straight into the
  /// caller's buffer and the next chunk's size line into its own; a
  /// hijacked stream's demultiplexer to put frame payloads into the caller's
  /// buffer and the headers between them into its own. Returns the bytes put
  /// into all of them. The default reads into the first non-empty piece
  /// only, which is right for every channel; override it only where one step
  /// can fill several (a channel that transforms bytes, like TLS, cannot).
  virtual std::size_t read_some_scattered(std::span<const std::span<char>> pieces, const IoCall& call) {
    for (std::span<char> piece : pieces)
      if (!piece.empty()) return read_some(piece, call);
    return 0;
  }
  /// Writes every byte of every piece, in order (gathered when possible).
  virtual void write(std::span<const std::span<const char>> pieces, const IoCall& call) = 0;
  /// Half-close: the peer reads end of stream; reading goes on.
  virtual void shutdown_send(const IoCall& call) = 0;

  /// Thread-safe, idempotent, never blocks: every current and later wait
  /// throws Cancelled. The channel cannot be used afterwards.
  virtual void interrupt() noexcept = 0;
  /// Thread-safe: interrupt() and also end the connection at once (the peer
  /// sees it closed even while the object lives on).
  virtual void close() noexcept = 0;

  /// For a connection idle in the pool: false when the peer has closed it (or
  /// sent bytes nobody asked for), so it must not carry another request.
  /// Never blocks.
  virtual bool idle_and_usable() = 0;

  /// "unix:///var/run/docker.sock", "tcp://127.0.0.1:2375", "tls://host:2376".
  virtual const std::string& endpoint() const = 0;
};

/// Opens connections to one endpoint.
class Dialer {
 public:
  virtual ~Dialer() = default;
  /// Connects (and handshakes). Bounded by `call.deadline`; `cancel` aborts it.
  virtual std::unique_ptr<Channel> dial(const IoCall& call, const CancellationToken& cancel) = 0;
  /// The address dialed, for error messages.
  virtual const std::string& endpoint() const = 0;
};

/// A Channel over a connected stream socket the caller made (the channel owns
/// it from now on), e.g. one end of a socketpair whose other end is a child
/// process's stdin and stdout: how `ssh … docker system dial-stdio` plugs in.
/// shutdown_send() half-closes, so the child reads end of input. The channel
/// sets the socket's mode itself (blocking, with a receive timeout).
std::unique_ptr<Channel> make_socket_channel(int connected_socket, std::string endpoint);

}  // namespace docker::transport
