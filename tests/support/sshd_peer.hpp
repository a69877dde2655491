// A real OpenSSH server for ssh transport tests: Debian's /usr/sbin/sshd on a
// free loopback port, running as the current user, with a host key and a
// client key made by ssh-keygen in a private directory. Sessions get a fixed
// PATH and DOCKER_HOST, so `docker system dial-stdio` runs whatever the test
// chose (the real CLI, or the stdio relay in front of a loopback peer).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "docker/config/endpoint.hpp"
#include "support/temp_dir.hpp"

namespace docker::testing {

struct SshdSession {
  /// PATH of the sessions (the remote command is run by the user's shell).
  std::string path = "/usr/bin:/bin:/usr/sbin:/sbin";
  /// DOCKER_HOST of the sessions; empty: not set.
  std::string docker_host;
};

class SshdPeer {
 public:
  /// Why sshd cannot run here (sshd, ssh or ssh-keygen not installed), or
  /// nullopt. Tests GTEST_SKIP with this reason.
  static std::optional<std::string> unavailable();

  /// Starts sshd and waits until it listens. Throws std::runtime_error with
  /// sshd's log when it cannot start.
  explicit SshdPeer(SshdSession session);
  /// Stops sshd (SIGTERM) and reaps it.
  ~SshdPeer();
  SshdPeer(const SshdPeer&) = delete;
  SshdPeer& operator=(const SshdPeer&) = delete;

  std::uint16_t port() const { return port_; }
  const std::string& user() const { return user_; }
  /// "ssh://user@127.0.0.1:port".
  std::string url() const;
  /// An ssh client configuration for this server: the client key, the server's
  /// host key as the only known host, strict checking, no agent.
  const std::string& client_config() const { return client_config_; }
  /// {"-F", client_config()}: the transport's extra ssh arguments.
  std::vector<std::string> ssh_args() const { return {"-F", client_config_}; }
  /// The address of url() with ssh_args().
  config::SshAddress address() const;
  /// A client configuration like client_config() but with a key the server
  /// does not know (authentication fails).
  const std::string& wrong_key_config() const { return wrong_key_config_; }
  /// sshd's log so far (for failure messages).
  std::string log() const;

 private:
  TempDir dir_;
  std::string user_;
  std::uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::string client_config_;
  std::string wrong_key_config_;
};

/// A directory whose `docker` is the test helper that plays `docker system
/// dial-stdio` in front of the unix socket named by DOCKER_HOST
/// (tests/support/stdio_relay); put it first on SshdSession::path.
std::string stdio_relay_bin_dir();

}  // namespace docker::testing
