// The default 1.55 bindings against the test daemon (dockerd 20.10, API 1.41):
// what 1.41 lacks is refused with VersionError before a request is sent,
// body fields 1.41 lacks are left out while the rest still arrives.
#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "docker/v1_55/container_api.hpp"
#include "docker/v1_55/version.hpp"
#include "docker/v1_55/volume_api.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;

class VersionCheckDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
    // The facts used below: PUT /volumes/{name} and stop's `signal` since 1.42,
    // HostConfig.Annotations since 1.43 (spec/version-facts.yaml).
    if (client_->api_version() >= docker::ApiVersion{1, 42})
      GTEST_SKIP() << "daemon speaks " << client_->api_version().str() << "; these checks need one below 1.42";
  }
  void TearDown() override {
    if (!id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
  }

  std::unique_ptr<docker::Client> client_;
  std::string id_;
};

TEST_F(VersionCheckDaemon, OperationTheDaemonLacksThrowsVersionError) {
  // The volume does not exist: a request that reached the daemon would be NotFound.
  try {
    api::VolumeApi(*client_).volume_update({.name = docker::testing::unique_name("novolume"), .version = 1});
    FAIL() << "no error";
  } catch (const docker::VersionError& e) {
    EXPECT_EQ(std::string(e.what()),
              "version error: `volume_update` needs API >= 1.42; the daemon speaks " + client_->api_version().str());
  }
}

TEST_F(VersionCheckDaemon, ParameterTheDaemonLacksThrowsVersionErrorOtherwiseTheCallIsSent) {
  api::ContainerApi containers(*client_);
  auto missing = docker::testing::unique_name("nocontainer");
  EXPECT_THROW(containers.container_stop({.id = missing, .signal = "SIGKILL"}), docker::VersionError);
  EXPECT_THROW(containers.container_stop({.id = missing}), docker::NotFound);  // sent this time
}

TEST_F(VersionCheckDaemon, NewerBodyFieldsAreLeftOutOlderOnesArrive) {
  api::ContainerApi containers(*client_);
  api::ContainerCreateParams create;
  create.name = docker::testing::unique_name("versions");
  create.body.Image = std::string(docker::testing::kBusybox);
  create.body.Cmd = std::vector<std::string>{"true"};
  create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "versions"}};
  auto& host = create.body.HostConfig.emplace();
  host.NetworkMode = "none";
  host.Memory = 64 << 20;
  host.Annotations = std::map<std::string, std::string>{{"org.docker-cpp.test.annotation", "dropped"}};
  id_ = containers.container_create(create).Id.value();
  auto inspected = containers.container_inspect({.id = id_});
  ASSERT_TRUE(inspected.HostConfig.has_value());
  EXPECT_EQ(inspected.HostConfig->Memory.value_or(0), 64 << 20);
  EXPECT_FALSE(inspected.HostConfig->Annotations.has_value());
}
