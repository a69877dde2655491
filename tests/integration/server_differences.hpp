// Known differences between the servers the integration tests run against:
// dockerd (the default) and Podman's Docker-compatible service (the Podman
// lane of `make test`, tests/daemon/podman.sh, sets DOCKER_CPP_TEST_SERVER=podman).
//
// A test that checks something Podman answers differently starts with
//   SKIP_ON_PODMAN("what Podman answers instead");
// so that it still runs, and must pass, against dockerd. Each reason names
// Podman's actual answer; README.md ("Podman") lists them all.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string_view>

namespace docker::testing {

/// True when the tests run against Podman (DOCKER_CPP_TEST_SERVER=podman).
inline bool server_is_podman() {
  const char* v = std::getenv("DOCKER_CPP_TEST_SERVER");
  return v && std::string_view(v) == "podman";
}

}  // namespace docker::testing

/// Skips the current test against Podman, saying why ("known Podman difference: …").
#define SKIP_ON_PODMAN(reason) \
  if (::docker::testing::server_is_podman()) GTEST_SKIP() << "known Podman difference: " << reason
