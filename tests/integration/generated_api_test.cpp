// The generated 1.55 operations against the real daemon (negotiated down to
// its version): create, start, wait, list with typed filters, logs through
// the demultiplexer, archive stat from a header, delete.
#include <gtest/gtest.h>

#include <cstdlib>

#include "docker/v1_55.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;

class GeneratedApi : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
  }
  void TearDown() override {
    if (!id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
  }

  std::unique_ptr<docker::Client> client_;
  std::string id_;
};

TEST_F(GeneratedApi, ContainerLifecycle) {
  api::ContainerApi containers(*client_);
  api::ContainerCreateParams create;
  create.name = docker::testing::unique_name("generated");
  create.body.Image = std::string(docker::testing::kBusybox);
  create.body.Cmd = std::vector<std::string>{"sh", "-c", "echo out; echo err >&2"};
  create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "generated"}};
  create.body.HostConfig.emplace().NetworkMode = "none";
  id_ = containers.container_create(create).Id.value();

  containers.container_start({.id = id_});
  auto waited = containers.container_wait({.id = id_});
  EXPECT_EQ(waited.StatusCode.value_or(-1), 0);

  auto listed = containers.container_list(
      {.all = true, .filters = docker::Filters{{"label", {std::string(docker::testing::kTestLabel) + "=generated"}}}});
  ASSERT_FALSE(listed.empty());
  bool found = false;
  for (const auto& c : listed) found = found || c.Id.value_or("") == id_;
  EXPECT_TRUE(found);

  std::string out, err;
  containers.container_logs({.id = id_, .stdout_ = true, .stderr_ = true}).read_all(out, err);
  EXPECT_EQ(out, "out\n");
  EXPECT_EQ(err, "err\n");

  auto stat = containers.container_archive_info({.id = id_, .path = "/bin/sh"});
  EXPECT_EQ(stat.name.value_or(""), "sh");

  auto inspected = containers.container_inspect({.id = id_});
  EXPECT_EQ(inspected.Name.value_or(""), "/" + *create.name);
  // An id cannot climb to another route: the escaped "../" reaches the daemon
  // as one segment, which it refuses (301 to the cleaned path, not followed).
  EXPECT_THROW(containers.container_inspect({.id = "../" + id_}), docker::ApiError);
}
