// What the ergonomic-layer tests share: a Docker over the daemon named by
// DOCKER_HOST, and containers that carry the test label, a unique name and
// no network (the test daemon has no bridge), removed after each test.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/test_env.hpp"

namespace sdk_test {

template <class Api>
class SdkFixtureFor : public ::testing::Test {
 protected:
  using Docker = docker::sdk::Docker<Api>;
  using Container = docker::sdk::Container<Api>;

  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    docker_.emplace(std::shared_ptr<docker::Client>(docker::testing::client_from_env(Api::version)));
  }
  void TearDown() override {
    for (auto& id : created_) {
      try {
        docker_->container(id).remove({.force = true});
      } catch (const docker::NotFound&) {
        // removed by the test itself
      }
    }
  }

  Docker& docker() { return *docker_; }

  /// Options for a busybox container running `cmd`, labelled and named for clean-up.
  static docker::sdk::ContainerOptions busybox(std::vector<std::string> cmd) {
    docker::sdk::ContainerOptions o;
    o.image = std::string(docker::testing::kBusybox);
    o.cmd = std::move(cmd);
    o.name = docker::testing::unique_name("sdk");
    o.labels[std::string(docker::testing::kTestLabel)] = "sdk";
    o.network_mode = "none";
    return o;
  }

  Container create(const docker::sdk::ContainerOptions& options) {
    auto c = docker_->create(options);
    created_.push_back(c.id());
    return c;
  }
  Container create_cmd(std::vector<std::string> cmd) { return create(busybox(std::move(cmd))); }

  /// A name no container has.
  static std::string missing_name() { return docker::testing::unique_name("sdk-missing"); }

  std::optional<Docker> docker_;
  std::vector<std::string> created_;
};

using SdkFixture = SdkFixtureFor<docker::v1_55::Api>;

/// Why an exec would not run inside its container on this machine, or
/// nullopt when it does. Seen in ../shared/tools/fresh-machine-check's chroot:
/// `docker exec` ran in the machine's own namespaces (/proc/1/cmdline was the
/// VM's init), so an exec (or a health check, which is one) cannot see what
/// the container wrote or had mounted. Tests that need that skip, saying so.
template <class Api>
std::optional<std::string> exec_does_not_enter_containers(docker::sdk::Docker<Api>& docker) {
  docker::sdk::ContainerOptions o;
  o.image = std::string(docker::testing::kBusybox);
  o.cmd = {"sleep", "30"};
  o.name = docker::testing::unique_name("exec-probe");
  o.labels[std::string(docker::testing::kTestLabel)] = "exec-probe";
  o.network_mode = "none";
  auto c = docker.create(o);
  std::string init;
  try {
    c.start();
    init = c.exec({"cat", "/proc/1/cmdline"}).out;
  } catch (...) {
    c.remove({.force = true});
    throw;
  }
  c.remove({.force = true});
  if (init.rfind("sleep", 0) == 0) return std::nullopt;
  return "docker exec does not enter the container on this machine (its /proc/1/cmdline is \"" + init.substr(0, 60) +
         "\", not the container's `sleep`)";
}

}  // namespace sdk_test
