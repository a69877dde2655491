#include "support/loopback_conformance.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <thread>

#include "docker/errors.hpp"

namespace docker::testing {

transport::TlsOptions loopback_tls_options() {
  const auto& files = loopback_tls_files();
  transport::TlsOptions tls;
  tls.ca_file = files.ca_cert;
  tls.cert_file = files.client_cert;
  tls.key_file = files.client_key;
  return tls;
}

std::shared_ptr<Doer> loopback_doer(const LoopbackServer& server, transport::TransportOptions options,
                                    std::optional<transport::TlsOptions> tls) {
  switch (server.kind()) {
    case PeerKind::unix_socket: return transport::make_unix_doer(server.socket_path(), std::move(options));
    case PeerKind::tcp: return transport::make_tcp_doer("127.0.0.1", server.port(), std::move(options));
    case PeerKind::tls:
      return transport::make_tls_doer("127.0.0.1", server.port(), tls ? *tls : loopback_tls_options(),
                                      std::move(options));
  }
  return nullptr;
}

namespace {

/// Copies bytes from `from` to `to` until end of stream, then half-closes `to`.
void relay(int from, int to) {
  char buf[65536];
  for (;;) {
    ssize_t n = ::recv(from, buf, sizeof buf, 0);
    if (n <= 0) break;
    for (ssize_t sent = 0; sent < n;) {
      ssize_t m = ::send(to, buf + sent, static_cast<std::size_t>(n - sent), MSG_NOSIGNAL);
      if (m <= 0) return;
      sent += m;
    }
  }
  ::shutdown(to, SHUT_WR);
}

/// What `docker system dial-stdio` does behind ssh, played by two threads:
/// each connection is a socketpair whose far end is relayed to the peer.
class RelayDialer final : public transport::Dialer {
 public:
  explicit RelayDialer(std::string peer_path) : peer_path_(std::move(peer_path)), endpoint_("relay://" + peer_path_) {}

  std::unique_ptr<transport::Channel> dial(const transport::IoCall&, const CancellationToken&) override {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) throw TransportError("socketpair");
    int peer = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::strncpy(addr.sun_path, peer_path_.c_str(), sizeof addr.sun_path - 1);
    if (::connect(peer, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      ::close(peer);
      ::close(pair[0]);
      ::close(pair[1]);
      throw TransportError("relay cannot reach the peer");
    }
    const int far = pair[1];
    std::thread([far, peer] {
      std::thread back([far, peer] { relay(peer, far); });
      relay(far, peer);
      back.join();
      ::close(far);
      ::close(peer);
    }).detach();
    return transport::make_socket_channel(pair[0], endpoint_);
  }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  std::string peer_path_;
  std::string endpoint_;
};

}  // namespace

std::vector<TransportCase> builtin_transport_cases() {
  auto make = [](const LoopbackServer& s, const transport::TransportOptions& o) { return loopback_doer(s, o); };
  auto relayed = [](const LoopbackServer& s, const transport::TransportOptions& o) {
    return transport::make_http_doer(std::make_shared<RelayDialer>(s.socket_path()), o);
  };
  return {{"unix", PeerKind::unix_socket, make},
          {"tcp", PeerKind::tcp, make},
          {"tls", PeerKind::tls, make},
          // A custom Dialer over an adopted socket: the shape ssh dial-stdio takes.
          {"socketpair_relay", PeerKind::unix_socket, relayed}};
}

std::string transport_case_name(const ::testing::TestParamInfo<TransportCase>& info) { return info.param.name; }

}  // namespace docker::testing
