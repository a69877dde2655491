#include "socket_channel.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/un.h>

#include <cerrno>
#include <chrono>
#include <cstring>

#include "docker/errors.hpp"

namespace docker::transport::internal {
namespace {

timeval as_timeval(std::chrono::milliseconds d) {
  return {static_cast<time_t>(d.count() / 1000), static_cast<suseconds_t>(d.count() % 1000 * 1000)};
}

}  // namespace

bool SocketChannel::may_sleep_in_syscall(const IoCall& call) {
  return !call.deadline || *call.deadline - Clock::now() >= kSleepSlice;
}

void SocketChannel::take_socket(Fd socket) {
  const int fd = socket.get();
  socket_ = std::move(socket);
  const int flags = ::fcntl(fd, F_GETFL);
  const int wanted = waits_ == Waits::by_poll ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
  if (wanted != flags) ::fcntl(fd, F_SETFL, wanted);
  if (waits_ == Waits::by_poll) return;
  const timeval slice = as_timeval(kSleepSlice);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &slice, sizeof slice);
  wakeable_socket_.store(fd);
}

void SocketChannel::interrupt() noexcept {
  interrupter_.interrupt();
  // Ends a recv sleeping on the socket; the read then sees the flag and
  // throws Cancelled.
  if (int fd = wakeable_socket_.load(); fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

void SocketChannel::connect_socket(Fd socket, const void* address, unsigned address_length, const IoCall& call) {
  const IoStep step{"connect to", endpoint_};
  if (!socket) throw_os_error(step, errno, call);
  throw_if_interrupted(interrupter_, call, step);
  if (::connect(socket.get(), static_cast<const sockaddr*>(address), address_length) != 0) {
    if (errno != EINPROGRESS && errno != EAGAIN && errno != EINTR) throw_os_error(step, errno, call);
    await_ready(socket.get(), POLLOUT, call, interrupter_, step);
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) throw_os_error(step, err, call);
  }
  take_socket(std::move(socket));
}

void SocketChannel::connect_unix(const std::string& path, const IoCall& call) {
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  if (path.size() >= sizeof address.sun_path)
    throw_transport_error({"connect to", endpoint_}, "socket path too long", call);
  std::memcpy(address.sun_path, path.data(), path.size());
  Fd socket(::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  connect_socket(std::move(socket), &address, sizeof address, call);
}

void SocketChannel::connect_tcp(const std::string& host, std::uint16_t port, const IoCall& call) {
  const IoStep step{"connect to", endpoint_};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | AI_ADDRCONFIG;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  // Name resolution is not bounded by the deadline (getaddrinfo cannot be
  // interrupted); it has the resolver's own timeouts.
  if (int rc = ::getaddrinfo(host.c_str(), service.c_str(), &hints, &found); rc != 0)
    throw_transport_error(step, std::string("cannot resolve host: ") + ::gai_strerror(rc), call);
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> list(found, &::freeaddrinfo);
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    try {
      Fd socket(::socket(a->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
      connect_socket(std::move(socket), a->ai_addr, a->ai_addrlen, call);
      // Requests are written in one gathered write; don't let Nagle hold back
      // the last segment of a streamed body.
      int one = 1;
      ::setsockopt(socket_.get(), IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      return;
    } catch (const TransportError&) {
      if (a->ai_next == nullptr) throw;  // the last address's error is the one shown
    }
  }
  throw_transport_error(step, "no address", call);
}

void SocketChannel::adopt(Fd socket) {
  ::fcntl(socket.get(), F_SETFD, FD_CLOEXEC);
  take_socket(std::move(socket));
}

std::size_t SocketChannel::read_some(std::span<char> out, const IoCall& call) {
  iovec piece{out.data(), out.size()};
  return receive(&piece, 1, call);
}

std::size_t SocketChannel::receive_scattered(std::span<const std::span<char>> pieces, const IoCall& call) {
  // Enough for every caller (a demultiplexer's payloads and headers); pieces
  // beyond it wait for the next read, as they would past a short read.
  constexpr std::size_t kMaxPieces = 32;
  iovec vec[kMaxPieces];
  std::size_t count = 0;
  for (std::span<char> piece : pieces) {
    if (count == kMaxPieces) break;
    if (!piece.empty()) vec[count++] = {piece.data(), piece.size()};
  }
  if (count == 0) return 0;
  return receive(vec, count, call);
}

std::size_t SocketChannel::receive(iovec* pieces, std::size_t count, const IoCall& call) {
  msghdr msg{};
  msg.msg_iov = pieces;
  msg.msg_iovlen = count;
  for (;;) {
    throw_if_interrupted(interrupter_, call, reading());
    // Sleeping in recv is the common case: one syscall per read, as a raw
    // blocking client. Near the deadline: poll until exactly then, then a
    // recv that cannot sleep.
    int flags = 0;
    if (!may_sleep_in_syscall(call)) {
      await_ready(socket_.get(), POLLIN, call, interrupter_, reading());
      flags = MSG_DONTWAIT;
    }
    ssize_t n = count == 1 ? ::recv(socket_.get(), pieces[0].iov_base, pieces[0].iov_len, flags)
                           : ::recvmsg(socket_.get(), &msg, flags);
    if (n > 0) return static_cast<std::size_t>(n);
    // An interrupt's shutdown also reads as end of stream or an error.
    throw_if_interrupted(interrupter_, call, reading());
    if (n == 0) return 0;
    // EAGAIN: a slice ran out (or the poll's readiness went); look again.
    if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) throw_os_error(reading(), errno, call);
  }
}

void SocketChannel::write(std::span<const std::span<const char>> pieces, const IoCall& call) {
  constexpr std::size_t kMaxPieces = 8;
  iovec vec[kMaxPieces];
  while (!pieces.empty()) {
    std::size_t count = 0;
    for (; count < pieces.size() && count < kMaxPieces; ++count)
      vec[count] = {const_cast<char*>(pieces[count].data()), pieces[count].size()};
    iovec* next = vec;
    std::size_t left = count;
    while (left > 0) {
      throw_if_interrupted(interrupter_, call, writing());
      // Never sleeps in sendmsg (see the header); a request fits the socket
      // buffer, so this is one syscall, and a poll only when the buffer is full.
      msghdr msg{};
      msg.msg_iov = next;
      msg.msg_iovlen = left;
      ssize_t n = ::sendmsg(socket_.get(), &msg, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n < 0) {
        throw_if_interrupted(interrupter_, call, writing());
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          await_ready(socket_.get(), POLLOUT, call, interrupter_, writing());
        } else if (errno != EINTR) {
          throw_os_error(writing(), errno, call);
        }
        continue;
      }
      auto sent = static_cast<std::size_t>(n);
      while (left > 0 && sent >= next->iov_len) {
        sent -= next->iov_len;
        ++next;
        --left;
      }
      if (left > 0) {
        next->iov_base = static_cast<char*>(next->iov_base) + sent;
        next->iov_len -= sent;
      }
    }
    pieces = pieces.subspan(count);
  }
}

void SocketChannel::shutdown_send(const IoCall& call) {
  if (::shutdown(socket_.get(), SHUT_WR) != 0 && errno != ENOTCONN)
    throw_os_error({"half-close", endpoint_}, errno, call);
}

void SocketChannel::close() noexcept {
  interrupter_.interrupt();
  // shutdown, not close: the descriptor stays valid for a thread still in a
  // syscall on it; it is closed when the channel is destroyed.
  if (socket_) ::shutdown(socket_.get(), SHUT_RDWR);
}

bool SocketChannel::idle_and_usable() {
  if (!socket_ || interrupter_.interrupted()) return false;
  char byte;
  ssize_t n = ::recv(socket_.get(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // EOF (0), unsolicited bytes (>0) and errors all make the connection unusable.
  return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

}  // namespace docker::transport::internal
