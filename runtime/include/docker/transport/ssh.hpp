// The ssh transport, as the docker CLI does it: every connection is one
// `ssh [options] [-l user] [-p port] -- host docker system dial-stdio` child
// whose stdin and stdout carry HTTP/1.1 to the remote daemon. ssh does the
// authentication (keys, agent, ~/.ssh/config); this library adds none.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "docker/config/endpoint.hpp"
#include "docker/doer.hpp"
#include "docker/transport/channel.hpp"
#include "docker/transport/transports.hpp"

namespace docker::transport {

/// Environment variable read by docker::connect(): extra ssh arguments,
/// separated by whitespace (no quoting; put anything complex in a file given
/// with `-F file`). Example: DOCKER_CPP_SSH_OPTS="-F /etc/docker-cpp/ssh_config".
inline constexpr std::string_view kSshOptionsVariable = "DOCKER_CPP_SSH_OPTS";

/// How the ssh transport runs the ssh client.
struct SshOptions {
  /// The ssh client: a path, or a name looked up on PATH.
  std::string ssh_program = "ssh";
  /// Bounds ssh's TCP connect and handshake (`-o ConnectTimeout=`), in whole
  /// seconds; zero: ssh's default. The call's deadline bounds everything anyway.
  std::chrono::seconds connect_timeout = std::chrono::seconds(30);
  /// `-o BatchMode=yes`: fail instead of prompting for a password or a host
  /// key on the terminal (a library must not hang on a prompt). Arguments in
  /// the address's extra_args come first, so `-o BatchMode=no` there wins.
  bool batch_mode = true;
  /// Bytes of ssh's stderr kept (the last ones) for error messages.
  std::size_t stderr_limit = 4096;
};

/// A Dialer that starts one ssh child per connection. A connection that ends
/// because ssh failed (refused key, unreachable host, no `docker` on the
/// remote PATH, killed) raises TransportError naming ssh's exit status and the
/// tail of its stderr. Closing a connection terminates and reaps its child.
std::shared_ptr<Dialer> make_ssh_dialer(const config::SshAddress& address, SshOptions options = {});

/// HTTP/1.1 over make_ssh_dialer (pooling, deadlines, cancellation, hijack).
std::shared_ptr<Doer> make_ssh_doer(const config::SshAddress& address, SshOptions ssh = {},
                                    TransportOptions options = {});

/// Splits a DOCKER_CPP_SSH_OPTS value at whitespace.
std::vector<std::string> split_ssh_options(std::string_view value);

}  // namespace docker::transport
