// The daemon's extra endpoints that tests/daemon/daemon.sh exports when it
// started the daemon itself (see the comment at its top): plain TCP, TLS
// with client certificates, and an unrelated CA. A reused daemon has none of
// them, and the tests that need one skip with skip_reason().
#pragma once

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>

#include "docker/transport/transports.hpp"

namespace docker::testing {

struct HostPort {
  std::string host;
  std::uint16_t port = 0;
  std::string url() const { return "tcp://" + host + ":" + std::to_string(port); }
};

inline std::optional<std::string> env_value(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

/// "tcp://host:port" or "host:port".
inline std::optional<HostPort> host_port_env(const char* name) {
  auto v = env_value(name);
  if (!v) return std::nullopt;
  std::string s = v->rfind("tcp://", 0) == 0 ? v->substr(6) : *v;
  auto colon = s.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  return HostPort{s.substr(0, colon), static_cast<std::uint16_t>(std::stoi(s.substr(colon + 1)))};
}

/// The unix socket: DOCKER_CPP_TEST_DAEMON_SOCKET, else a unix:// DOCKER_HOST.
inline std::optional<std::string> daemon_socket() {
  if (auto s = env_value("DOCKER_CPP_TEST_DAEMON_SOCKET")) return s;
  auto host = env_value("DOCKER_HOST");
  if (host && host->rfind("unix://", 0) == 0) return host->substr(7);
  return std::nullopt;
}
inline std::optional<HostPort> daemon_tcp() { return host_port_env("DOCKER_CPP_TEST_DAEMON_TCP"); }
inline std::optional<HostPort> daemon_tls() {
  if (!env_value("DOCKER_CPP_TEST_DAEMON_CERTS")) return std::nullopt;
  return host_port_env("DOCKER_CPP_TEST_DAEMON_TLS");
}
/// A DOCKER_CERT_PATH: ca.pem, cert.pem, key.pem.
inline std::string daemon_cert_dir() { return env_value("DOCKER_CPP_TEST_DAEMON_CERTS").value_or(""); }
inline std::string daemon_wrong_ca() { return env_value("DOCKER_CPP_TEST_DAEMON_WRONG_CA").value_or(""); }

inline transport::TlsOptions daemon_tls_options() {
  std::string dir = daemon_cert_dir();
  transport::TlsOptions tls;
  tls.ca_file = dir + "/ca.pem";
  tls.cert_file = dir + "/cert.pem";
  tls.key_file = dir + "/key.pem";
  return tls;
}

/// Why a test needing `variable` cannot run.
inline std::string skip_reason(const std::string& variable) {
  return variable +
         " not set: the daemon was not started by tests/daemon/daemon.sh (an existing one was "
         "reused), so it has no such listener";
}

}  // namespace docker::testing
