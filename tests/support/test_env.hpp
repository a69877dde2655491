// What integration tests share: a client for the daemon named by DOCKER_HOST
// (tests/daemon/with-daemon provides one), the label that marks everything
// the tests create so that clean-up finds it, and unique names.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "docker/client.hpp"

namespace docker::testing {

/// Label put on every container, network and volume a test creates.
inline constexpr std::string_view kTestLabel = "org.docker-cpp.test";
/// Prefix of every image and container name a test creates.
inline constexpr std::string_view kTestPrefix = "docker-cpp-test";
/// The image with_daemon seeds from Debian's busybox-static.
inline constexpr std::string_view kBusybox = "busybox:latest";

/// The transport for $DOCKER_HOST (integration tests skip without it).
std::shared_ptr<Doer> doer_from_env();
/// A negotiating client over doer_from_env() for bindings of `version`.
std::unique_ptr<Client> client_from_env(ApiVersion version = {1, 55});
/// "docker-cpp-test-<what>-<pid>-<counter>": unique within and across runs.
std::string unique_name(std::string_view what);

}  // namespace docker::testing
