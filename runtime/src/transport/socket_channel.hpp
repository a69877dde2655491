// A Channel over a connected, non-blocking stream socket (unix or TCP), and
// the connect steps that produce one.
#pragma once

#include <sys/uio.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "docker/transport/channel.hpp"
#include "fd_wait.hpp"

namespace docker::transport::internal {

class SocketChannel : public Channel {
 public:
  explicit SocketChannel(std::string endpoint) : endpoint_(std::move(endpoint)) {}

  /// Connects to a unix socket path / a TCP host (name or address) and port.
  void connect_unix(const std::string& path, const IoCall& call);
  void connect_tcp(const std::string& host, std::uint16_t port, const IoCall& call);
  /// Takes an already connected stream socket (e.g. one end of a socketpair).
  void adopt(Fd socket);

  std::size_t read_some(std::span<char> out, const IoCall& call) override;
  void write(std::span<const std::span<const char>> pieces, const IoCall& call) override;
  void shutdown_send(const IoCall& call) override;
  void interrupt() noexcept override { interrupter_.interrupt(); }
  void close() noexcept override;
  bool idle_and_usable() override;
  const std::string& endpoint() const override { return endpoint_; }

 protected:
  /// read_some_split over the raw socket, in one syscall (readv). Only
  /// PlainSocketChannel offers it: a subclass that reads differently (TLS
  /// decrypts, ssh checks its process) keeps Channel's default, so it cannot
  /// inherit a read that bypasses its own.
  std::size_t receive_split(std::span<char> first, std::span<char> then, const IoCall& call);

  /// Steps for error messages.
  IoStep reading() const { return {"read from", endpoint_}; }
  IoStep writing() const { return {"write to", endpoint_}; }
  /// connect(2) on a non-blocking socket, waiting for completion.
  void connect_socket(Fd socket, const void* address, unsigned address_length, const IoCall& call);
  /// recvmsg into `pieces`, waiting when nothing is there yet.
  std::size_t receive(iovec* pieces, std::size_t count, const IoCall& call);

  Fd socket_;
  Interrupter interrupter_;
  /// Set by a write: the answer cannot be there yet, so the next read polls
  /// before recv instead of after a recv that would only say EAGAIN.
  std::atomic<bool> answer_pending_{false};
  /// Set when a read found nothing and had to wait. Against a producer slower
  /// than us (dockerd reading its json-file log: ~90% of reads wait) the next
  /// read would too, so it polls first instead of a recv that only says
  /// EAGAIN. Only the reading thread touches it.
  bool expect_wait_ = false;
  std::string endpoint_;
};

/// A unix or TCP socket read as it is: the end of a chunk can go to the
/// caller and what follows to the connection's buffer in one readv.
class PlainSocketChannel final : public SocketChannel {
 public:
  using SocketChannel::SocketChannel;
  std::size_t read_some_split(std::span<char> first, std::span<char> then, const IoCall& call) override {
    return receive_split(first, then, call);
  }
};

}  // namespace docker::transport::internal
