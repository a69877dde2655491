// A real image registry for push/pull/login tests: Debian's `docker-registry`
// (distribution 2.8) serving plain HTTP on a free 127.0.0.1 port, with
// htpasswd (bcrypt) auth and storage in a private temporary directory. The
// daemon treats 127.0.0.0/8 registries as insecure, so no TLS is needed; it
// reaches the port because dockerd runs in this host's network namespace.
#pragma once

#include <sys/types.h>

#include <memory>
#include <optional>
#include <string>

#include "support/temp_dir.hpp"

namespace docker::testing {

class RegistryPeer {
 public:
  /// Why a registry cannot run here (a missing program), or nullopt.
  static std::optional<std::string> unavailable_reason();

  /// Starts the registry and returns once it answers `GET /v2/` (with 401).
  /// Throws std::runtime_error when it does not start.
  RegistryPeer(std::string username = "docker-cpp", std::string password = "s3cret-pass");
  /// Stops the registry (TERM, then KILL) and removes its storage.
  ~RegistryPeer();
  RegistryPeer(const RegistryPeer&) = delete;
  RegistryPeer& operator=(const RegistryPeer&) = delete;

  /// "127.0.0.1:<port>": the image reference prefix and the login server.
  std::string address() const;
  int port() const { return port_; }
  const std::string& username() const { return username_; }
  const std::string& password() const { return password_; }
  /// The registry's own log (for failure messages).
  std::string log() const;

 private:
  bool start_on(int port);
  void stop();

  std::string username_;
  std::string password_;
  TempDir dir_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace docker::testing
