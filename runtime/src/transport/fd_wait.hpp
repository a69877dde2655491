// Polled waits on file descriptors, exact to a deadline and interruptible
// from any thread: for connecting, for TLS (whose socket never blocks), for
// a plain socket's write when its buffer is full, and for its read when the
// deadline is nearer than its sleep slice (socket_channel.hpp: otherwise the
// read sleeps in recv). Why not an asio::io_context per connection: a
// hijacked stream is read by one thread while another writes stdin, and two
// threads running one io_context "until my own operation completes" can run
// each other's completions and then sleep forever; independent waits cannot.
// An eventfd is the one extra descriptor.
#pragma once

#include <atomic>
#include <optional>
#include <string_view>
#include <utility>

#include "docker/call_options.hpp"
#include "docker/transport/channel.hpp"

namespace docker::transport::internal {

/// Owns a file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) noexcept : fd_(fd) {}
  Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
  Fd& operator=(Fd&& o) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }

  int get() const noexcept { return fd_; }
  explicit operator bool() const noexcept { return fd_ >= 0; }
  void reset() noexcept;

 private:
  int fd_ = -1;
};

/// Ends every wait on it, now and later, from any thread: an eventfd that
/// stays readable once set. The flag is sequentially consistent so that a
/// channel can pair it with a second atomic (see SocketChannel).
class Interrupter {
 public:
  Interrupter();
  void interrupt() noexcept;
  bool interrupted() const noexcept { return set_.load(); }
  int fd() const noexcept { return event_.get(); }

 private:
  Fd event_;
  std::atomic<bool> set_{false};
};

/// What an I/O step was doing, for error messages: "read from", "write to"…
struct IoStep {
  std::string_view action;
  std::string_view endpoint;
};

/// Waits until `fd` is ready for `events` (POLLIN / POLLOUT). Throws Timeout
/// at the deadline, Cancelled when interrupted.
void await_ready(int fd, short events, const IoCall& call, const Interrupter& interrupter, const IoStep& step);

/// Throws Cancelled when the interrupter has fired.
void throw_if_interrupted(const Interrupter& interrupter, const IoCall& call, const IoStep& step);

/// TransportError "<action> <endpoint>: <strerror(err)>".
[[noreturn]] void throw_os_error(const IoStep& step, int err, const IoCall& call);
/// TransportError "<action> <endpoint>: <reason>".
[[noreturn]] void throw_transport_error(const IoStep& step, std::string_view reason, const IoCall& call);

}  // namespace docker::transport::internal
