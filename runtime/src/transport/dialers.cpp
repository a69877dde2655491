// Dialers for unix sockets, TCP and TLS, and the public factories.
#include <memory>

#include "cancel_binding.hpp"
#include "docker/transport/transports.hpp"
#include "socket_channel.hpp"
#include "tls_channel.hpp"

namespace docker::transport {
namespace internal {
namespace {

std::string host_port(const std::string& host, std::uint16_t port) {
  bool ipv6 = host.find(':') != std::string::npos && host.front() != '[';
  return (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

/// Runs `connect` on a fresh channel with the token bound to it.
template <class ChannelType, class Connect>
std::unique_ptr<Channel> dial_with(std::string endpoint, const CancellationToken& cancel, Connect&& connect) {
  auto channel = std::make_unique<ChannelType>(std::move(endpoint));
  CancelBinding binding(cancel);
  binding.bind(*channel);
  connect(*channel);
  return channel;
}

class UnixDialer final : public Dialer {
 public:
  explicit UnixDialer(std::string path) : path_(std::move(path)), endpoint_("unix://" + path_) {}
  std::unique_ptr<Channel> dial(const IoCall& call, const CancellationToken& cancel) override {
    return dial_with<PlainSocketChannel>(endpoint_, cancel, [&](SocketChannel& c) { c.connect_unix(path_, call); });
  }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  std::string path_;
  std::string endpoint_;
};

class TcpDialer final : public Dialer {
 public:
  TcpDialer(std::string host, std::uint16_t port)
      : host_(std::move(host)), port_(port), endpoint_("tcp://" + host_port(host_, port)) {}
  std::unique_ptr<Channel> dial(const IoCall& call, const CancellationToken& cancel) override {
    return dial_with<PlainSocketChannel>(endpoint_, cancel,
                                         [&](SocketChannel& c) { c.connect_tcp(host_, port_, call); });
  }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  std::string host_;
  std::uint16_t port_;
  std::string endpoint_;
};

class TlsDialer final : public Dialer {
 public:
  TlsDialer(std::string host, std::uint16_t port, const TlsOptions& options)
      : host_(std::move(host)),
        port_(port),
        server_name_(options.server_name.empty() ? host_ : options.server_name),
        config_(options),
        endpoint_("tls://" + host_port(host_, port)) {}
  std::unique_ptr<Channel> dial(const IoCall& call, const CancellationToken& cancel) override {
    return dial_with<TlsChannel>(endpoint_, cancel, [&](TlsChannel& c) {
      c.connect_tcp(host_, port_, call);
      c.handshake(config_, server_name_, call);
    });
  }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  std::string host_;
  std::uint16_t port_;
  std::string server_name_;
  TlsConfig config_;
  std::string endpoint_;
};

}  // namespace
}  // namespace internal

std::unique_ptr<Channel> make_socket_channel(int connected_socket, std::string endpoint) {
  auto channel = std::make_unique<internal::PlainSocketChannel>(std::move(endpoint));
  channel->adopt(internal::Fd(connected_socket));
  return channel;
}

std::shared_ptr<Dialer> make_unix_dialer(std::string socket_path) {
  return std::make_shared<internal::UnixDialer>(std::move(socket_path));
}
std::shared_ptr<Dialer> make_tcp_dialer(std::string host, std::uint16_t port) {
  return std::make_shared<internal::TcpDialer>(std::move(host), port);
}
std::shared_ptr<Dialer> make_tls_dialer(std::string host, std::uint16_t port, const TlsOptions& tls) {
  return std::make_shared<internal::TlsDialer>(std::move(host), port, tls);
}

std::shared_ptr<Doer> make_unix_doer(std::string socket_path, TransportOptions options) {
  return make_http_doer(make_unix_dialer(std::move(socket_path)), std::move(options));
}
std::shared_ptr<Doer> make_tcp_doer(std::string host, std::uint16_t port, TransportOptions options) {
  return make_http_doer(make_tcp_dialer(std::move(host), port), std::move(options));
}
std::shared_ptr<Doer> make_tls_doer(std::string host, std::uint16_t port, const TlsOptions& tls,
                                    TransportOptions options) {
  return make_http_doer(make_tls_dialer(std::move(host), port, tls), std::move(options));
}

}  // namespace docker::transport
