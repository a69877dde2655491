// wait_for_port()'s probe: does a TCP address on this host accept a
// connection? A plain non-blocking connect, bounded by poll().
#pragma once

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <string>

namespace docker::sdk::internal {

/// How long a fresh connection is watched for the peer closing it at once.
/// docker-proxy (the userland proxy that serves published ports on
/// loopback) accepts before the container listens, then closes the
/// connection when its own connect to the container is refused: a
/// connection closed within this window does not count as ready.
inline constexpr std::chrono::milliseconds kProbeSettle{50};

/// The address to connect to for a binding the daemon reports: a wildcard
/// ("0.0.0.0", "::", "") is reached through loopback.
inline std::string probe_address(const std::string& host_ip) {
  if (host_ip.empty() || host_ip == "0.0.0.0") return "127.0.0.1";
  if (host_ip == "::") return "::1";
  return host_ip;
}

class ScopedFd {
 public:
  explicit ScopedFd(int fd) : fd_(fd) {}
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
  ~ScopedFd() {
    if (fd_ >= 0) ::close(fd_);
  }
  int get() const { return fd_; }

 private:
  int fd_;
};

inline int poll_for(int fd, short events, std::chrono::milliseconds budget) {
  pollfd p{fd, events, 0};
  for (;;) {
    int n = ::poll(&p, 1, static_cast<int>(std::max<std::chrono::milliseconds::rep>(budget.count(), 0)));
    if (n < 0 && errno == EINTR) continue;
    return n < 0 ? -1 : (n == 0 ? 0 : p.revents);
  }
}

/// True when `ip`:`port` accepts a TCP connection within `budget` and keeps
/// it open for kProbeSettle (or sends data); otherwise false with `why` set
/// to what was seen ("connection refused", "closed at once", "no answer").
inline bool tcp_accepts(const std::string& ip, std::uint16_t port, std::chrono::milliseconds budget, std::string& why) {
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = ::getaddrinfo(ip.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0) {
    why = "address " + ip + ": " + ::gai_strerror(rc);
    return false;
  }
  ScopedFd fd(::socket(found->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  int rc = fd.get() < 0 ? -1 : ::connect(fd.get(), found->ai_addr, found->ai_addrlen);
  int err = rc == 0 ? 0 : errno;
  ::freeaddrinfo(found);
  if (fd.get() < 0) {
    why = std::string("socket: ") + std::strerror(err);
    return false;
  }
  if (rc != 0 && err == EINPROGRESS) {
    int ready = poll_for(fd.get(), POLLOUT, budget);
    if (ready == 0) {
      why = "no answer to connect within " + std::to_string(budget.count()) + " ms";
      return false;
    }
    socklen_t len = sizeof err;
    if (ready < 0 || ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
  }
  if (err != 0) {
    why = std::string("connect: ") + std::strerror(err);
    return false;
  }
  int events = poll_for(fd.get(), POLLIN | POLLRDHUP, kProbeSettle);
  if (events > 0) {
    char byte;
    ssize_t n = ::recv(fd.get(), &byte, 1, MSG_PEEK);
    if (n <= 0) {
      why = "connected, then closed at once (nothing listening behind the port yet)";
      return false;
    }
  }
  return true;
}

}  // namespace docker::sdk::internal
