// Where the daemon is and how to reach it, resolved as the docker CLI does:
//   host option → context option → DOCKER_HOST → DOCKER_CONTEXT →
//   config.json currentContext → unix:///var/run/docker.sock
// (the context named "default" is the environment: DOCKER_HOST or the socket).
// Every malformed value raises ConfigError naming the value and its source.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "docker/api_version.hpp"
#include "docker/config/environment.hpp"

namespace docker::config {

inline constexpr std::string_view kDefaultUnixSocket = "/var/run/docker.sock";
inline constexpr std::uint16_t kDefaultTcpPort = 2375;
inline constexpr std::uint16_t kDefaultTlsPort = 2376;

/// PEM material: a file read when connecting, or the PEM text itself.
struct PemSource {
  /// A PEM file, read when connecting.
  std::filesystem::path file;
  /// PEM text (used when `file` is empty).
  std::string pem;
  /// Neither a file nor text.
  bool empty() const { return file.empty() && pem.empty(); }
  friend bool operator==(const PemSource&, const PemSource&) = default;
};

/// The PEM text: the contents when given, else the file read now. Throws
/// ConfigError naming the file (and `what` it is: "CA certificate"…).
std::string load_pem(const PemSource& source, std::string_view what);

/// TLS settings of a tcp endpoint (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH or a context).
struct TlsMaterial {
  PemSource ca;    ///< empty: the system's trust store
  PemSource cert;  ///< client certificate (optional, with key)
  /// client key (with cert)
  PemSource key;
  bool verify = true;  ///< verify the server's certificate and host name
  friend bool operator==(const TlsMaterial&, const TlsMaterial&) = default;
};

/// `unix:///path`.
struct UnixAddress {
  /// The socket's file path.
  std::string path;
};

/// `tcp://host:port[/base]`.
struct TcpAddress {
  std::string host;  ///< without IPv6 brackets
  /// 2375, or 2376 with TLS, when the URL has none.
  std::uint16_t port = kDefaultTcpPort;
  std::string base_path;  ///< rare: a path prefix before /v1.NN
};

/// `ssh://[user@]host[:port][/socket]`: reached through
/// `ssh … host docker system dial-stdio`.
struct SshAddress {
  std::string user;  ///< empty: ssh's default
  /// The ssh destination host.
  std::string host;
  std::optional<std::uint16_t> port;    ///< empty: ssh's default
  std::string socket_path;              ///< remote daemon socket, empty: the remote default
  std::vector<std::string> extra_args;  ///< given before the host (-i key, -o …)

  /// The arguments after "ssh": [extra] [-l user] [-p port] -- host docker
  /// [--host unix://socket] system dial-stdio
  std::vector<std::string> command_args() const;
};

enum class Scheme { unix_socket, tcp, ssh };

/// Where the daemon is and how to reach it: the result of resolve().
struct Endpoint {
  /// The address; its index is scheme().
  std::variant<UnixAddress, TcpAddress, SshAddress> address;
  std::optional<TlsMaterial> tls;   ///< tcp only
  std::string original;             ///< the value as written ("tcp://host")
  std::string source;               ///< where it came from ("DOCKER_HOST", "context \"prod\"", "default")
  std::string context = "default";  ///< the context in effect

  /// Which kind of address it is.
  Scheme scheme() const { return static_cast<Scheme>(address.index()); }
  /// Normalised form: `unix:///path`, `tcp://host:port`, `ssh://user@host:port`.
  std::string url() const;
};

/// Parses one host value like the CLI's ParseHost. `source` names where the
/// value came from for error messages ("DOCKER_HOST", "host option"…).
/// `tls` selects the default TCP port (2376 instead of 2375).
Endpoint parse_host(std::string_view value, std::string_view source, bool tls = false);

/// Inputs of resolve(), in the CLI's order of precedence.
struct ResolveOptions {
  std::optional<std::string> host;     ///< like `docker -H`
  std::optional<std::string> context;  ///< like `docker --context`
  /// Where environment variables come from (tests inject their own).
  EnvironmentGetter env = process_environment();
  /// Extra ssh arguments for an ssh endpoint (e.g. {"-i", "key"}).
  std::vector<std::string> ssh_args;
};

/// Resolves the endpoint (see the order at the top of this file), with the TLS
/// material of DOCKER_TLS_VERIFY / DOCKER_TLS / DOCKER_CERT_PATH or of the context.
Endpoint resolve_endpoint(const ResolveOptions& options = {});

/// The pinned API version from DOCKER_API_VERSION, nullopt when unset.
std::optional<ApiVersion> resolve_api_version(const EnvironmentGetter& env = process_environment());

}  // namespace docker::config
