// A Channel over a connected stream socket (unix, TCP, a socketpair), and the
// connect steps that produce one.
//
// How a read waits: in recv itself, as a raw blocking client does (one
// syscall per read: no poll, no eventfd). The socket is blocking with an
// SO_RCVTIMEO of kSleepSlice, so no sleep outlasts a deadline further away
// than that; when the deadline is nearer, the read polls instead (fd_wait's
// ppoll, exact to the deadline). interrupt() shuts the socket down, which
// ends a sleeping recv at once, and fires the Interrupter that ends a ppoll.
// Writes never sleep in sendmsg (MSG_DONTWAIT, a poll when the buffer is
// full): a unix socket's sendmsg restarts its timeout for every buffer it
// queues, so a slowly draining peer could hold it past any deadline, and a
// request fits the buffer anyway. Connecting stays non-blocking and polled.
#pragma once

#include <sys/uio.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "docker/transport/channel.hpp"
#include "fd_wait.hpp"

namespace docker::transport::internal {

class SocketChannel : public Channel {
 public:
  /// How this channel's socket is left once connected.
  enum class Waits {
    /// Blocking, reads sleep in slices of kSleepSlice: SocketChannel's own
    /// reads and writes.
    in_syscall,
    /// Non-blocking, for a subclass that reads and writes through its own
    /// code (TLS: OpenSSL's calls must never sleep holding the SSL object)
    /// and waits with fd_wait's await_ready.
    by_poll,
  };

  /// The longest one sleep in recv lasts before the read looks at its
  /// deadline again. Only a bound: interrupt() wakes a sleep at once.
  static constexpr std::chrono::milliseconds kSleepSlice{1000};

  explicit SocketChannel(std::string endpoint, Waits waits = Waits::in_syscall)
      : endpoint_(std::move(endpoint)), waits_(waits) {}

  /// Connects to a unix socket path / a TCP host (name or address) and port.
  void connect_unix(const std::string& path, const IoCall& call);
  void connect_tcp(const std::string& host, std::uint16_t port, const IoCall& call);
  /// Takes an already connected stream socket (e.g. one end of a socketpair).
  void adopt(Fd socket);

  std::size_t read_some(std::span<char> out, const IoCall& call) override;
  void write(std::span<const std::span<const char>> pieces, const IoCall& call) override;
  void shutdown_send(const IoCall& call) override;
  void interrupt() noexcept override;
  void close() noexcept override;
  bool idle_and_usable() override;
  const std::string& endpoint() const override { return endpoint_; }

 protected:
  /// read_some_scattered over the raw socket, in one syscall (recvmsg). Only
  /// PlainSocketChannel offers it: a subclass that reads differently (TLS
  /// decrypts, ssh checks its process) keeps Channel's default, so it cannot
  /// inherit a read that bypasses its own.
  std::size_t receive_scattered(std::span<const std::span<char>> pieces, const IoCall& call);

  /// Steps for error messages.
  IoStep reading() const { return {"read from", endpoint_}; }
  IoStep writing() const { return {"write to", endpoint_}; }
  /// connect(2) on a non-blocking socket, waiting for completion.
  void connect_socket(Fd socket, const void* address, unsigned address_length, const IoCall& call);
  /// recvmsg into `pieces`, waiting when nothing is there yet.
  std::size_t receive(iovec* pieces, std::size_t count, const IoCall& call);

  Fd socket_;
  Interrupter interrupter_;
  std::string endpoint_;

 private:
  /// Makes `socket_` the channel's: sets its mode (waits_) and publishes it
  /// to interrupt().
  void take_socket(Fd socket);
  /// Whether a read may sleep in recv: no deadline, or one at least a whole
  /// slice away.
  static bool may_sleep_in_syscall(const IoCall& call);

  Waits waits_;
  /// socket_'s descriptor once it is ours in Waits::in_syscall mode, for
  /// interrupt() on another thread (-1 before: a connect is woken by the
  /// Interrupter). Sequentially consistent with the Interrupter's flag: a
  /// step checks the flag after this is set, interrupt() reads this after
  /// setting the flag, so one of them always sees the other.
  std::atomic<int> wakeable_socket_{-1};
};

/// A unix or TCP socket read as it is: the end of a chunk can go to the
/// caller and what follows to the connection's buffer in one recvmsg.
class PlainSocketChannel final : public SocketChannel {
 public:
  using SocketChannel::SocketChannel;
  std::size_t read_some_scattered(std::span<const std::span<char>> pieces, const IoCall& call) override {
    return receive_scattered(pieces, call);
  }
};

}  // namespace docker::transport::internal
