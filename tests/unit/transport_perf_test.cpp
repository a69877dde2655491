// Client CPU per request of the pooled unix transport against a hand-written
// blocking raw-socket client, on the same loopback peer. CPU time of the
// calling thread only (RUSAGE_THREAD), so the peer's work is not counted.
// Prints the ratio; asserts it only when DOCKER_CPP_PERF_ASSERT is set
// (shared CI machines are too noisy for a hard gate).
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <iostream>

#include "docker/transport/transports.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {
namespace {

double thread_cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_THREAD, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

/// The baseline: one blocking socket, a fixed request, a minimal response scan.
class RawClient {
 public:
  explicit RawClient(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, path.c_str(), sizeof addr.sun_path - 1);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) throw std::runtime_error("connect");
  }
  ~RawClient() { ::close(fd_); }
  std::string get(const std::string& target) {
    std::string req = "GET " + target + " HTTP/1.1\r\nHost: docker\r\n\r\n";
    ::send(fd_, req.data(), req.size(), MSG_NOSIGNAL);
    std::string in;
    char buf[16384];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) throw std::runtime_error("recv");
      in.append(buf, static_cast<std::size_t>(n));
      auto end = in.find("\r\n\r\n");
      if (end == std::string::npos) continue;
      auto cl = in.find("Content-Length: ");
      std::size_t length = std::strtoul(in.c_str() + cl + 16, nullptr, 10);
      if (in.size() >= end + 4 + length) return in.substr(end + 4, length);
    }
  }

 private:
  int fd_;
};

TEST(TransportPerf, ClientCpuPerRequestComparedWithARawSocketClient) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    while (c.read_request()) c.respond(200, "OK", "Api-Version: 1.41\r\nContent-Type: text/plain\r\n");
  });
  constexpr int kRequests = 3000;
  auto doer = transport::make_unix_doer(server.socket_path());
  RawClient raw(server.socket_path());
  // Warm up both (connection, allocator, caches).
  for (int i = 0; i < 200; ++i) {
    Request req;
    req.target = "/_ping";
    doer->do_request(std::move(req)).read_body();
    raw.get("/_ping");
  }
  double raw_cpu = 0, ours_cpu = 0;
  for (int round = 0; round < 3; ++round) {
    double t0 = thread_cpu_seconds();
    for (int i = 0; i < kRequests; ++i) ASSERT_EQ(raw.get("/_ping"), "OK");
    double t1 = thread_cpu_seconds();
    for (int i = 0; i < kRequests; ++i) {
      Request req;
      req.target = "/_ping";
      ASSERT_EQ(doer->do_request(std::move(req)).read_body(), "OK");
    }
    double t2 = thread_cpu_seconds();
    raw_cpu += t1 - t0;
    ours_cpu += t2 - t1;
  }
  const double ratio = ours_cpu / raw_cpu;
  std::cout << "[ perf ] client CPU per request: raw socket " << raw_cpu / (3 * kRequests) * 1e6
            << " us, docker-cpp unix transport " << ours_cpu / (3 * kRequests) * 1e6 << " us, ratio " << ratio << "\n";
  EXPECT_EQ(server.accepts(), 2);
  if (std::getenv("DOCKER_CPP_PERF_ASSERT") != nullptr) EXPECT_LT(ratio, 1.5);
}

}  // namespace
}  // namespace docker::testing
