// docker::sdk::Stats against the daemon: one sample (stream=false, and
// one-shot), and a stream that yields successive samples until cancelled.
#include <gtest/gtest.h>

#include <cstdlib>

#include "docker/sdk/stats.hpp"
#include "docker/v1_55.hpp"
#include "docker/v1_55/api.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;

class SdkStats : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
    api::ContainerApi containers(*client_);
    api::ContainerCreateParams create;
    create.name = docker::testing::unique_name("stats");
    create.body.Image = std::string(docker::testing::kBusybox);
    create.body.Cmd = std::vector<std::string>{"sleep", "60"};
    create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "stats"}};
    create.body.HostConfig.emplace().NetworkMode = "none";
    id_ = containers.container_create(create).Id.value();
    containers.container_start({.id = id_});
  }
  void TearDown() override {
    if (!id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
  }
  std::shared_ptr<docker::Client> client_;
  std::string id_;
};

TEST_F(SdkStats, OneSample) {
  SKIP_ON_PODMAN("stats have no \"id\" and precpu_stats.system_cpu_usage 0");
  docker::sdk::Stats<api::Api> stats(client_);
  auto sample = stats.once(id_);
  EXPECT_TRUE(sample.read.has_value());
  EXPECT_EQ(sample.id.value_or(""), id_);
  EXPECT_TRUE(sample.memory_stats.has_value());
  // stream=false without one-shot: the daemon took two readings.
  EXPECT_GT(sample.precpu_stats.value().system_cpu_usage.value_or(0), 0u);
}

TEST_F(SdkStats, OneShotSkipsThePreCpuSample) {
  SKIP_ON_PODMAN("stats have no \"id\"");
  docker::sdk::Stats<api::Api> stats(client_);
  auto sample = stats.once(id_, /*one_shot=*/true);
  EXPECT_EQ(sample.id.value_or(""), id_);
  // one-shot: the daemon does not wait for a second CPU reading.
  EXPECT_EQ(sample.precpu_stats.value().system_cpu_usage.value_or(0), 0u);
}

TEST_F(SdkStats, StreamYieldsSuccessiveSamplesUntilCancelled) {
  docker::sdk::Stats<api::Api> stats(client_);
  docker::CancellationSource cancel;
  auto stream = stats.with(docker::CallOptions{}.with_cancel(cancel.token())).stream(id_);
  auto first = stream.next();
  auto second = stream.next();
  ASSERT_TRUE(first && second);
  EXPECT_NE(first->read.value_or(""), second->read.value_or(""));
  cancel.cancel();
  EXPECT_THROW(stream.next(), docker::Cancelled);
}
