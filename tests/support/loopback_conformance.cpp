#include "support/loopback_conformance.hpp"

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
    case PeerKind::unix_socket:
      return transport::make_unix_doer(server.socket_path(), std::move(options));
    case PeerKind::tcp:
      return transport::make_tcp_doer("127.0.0.1", server.port(), std::move(options));
    case PeerKind::tls:
      return transport::make_tls_doer("127.0.0.1", server.port(), tls ? *tls : loopback_tls_options(),
                                      std::move(options));
  }
  return nullptr;
}

std::vector<TransportCase> builtin_transport_cases() {
  auto make = [](const LoopbackServer& s, const transport::TransportOptions& o) { return loopback_doer(s, o); };
  return {{"unix", PeerKind::unix_socket, make}, {"tcp", PeerKind::tcp, make}, {"tls", PeerKind::tls, make}};
}

std::string transport_case_name(const ::testing::TestParamInfo<TransportCase>& info) { return info.param.name; }

}  // namespace docker::testing
