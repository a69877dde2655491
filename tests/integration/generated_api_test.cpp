// The generated 1.55 operations against the real daemon (negotiated down to
// its version): create, start, wait, list with typed filters, logs through
// the demultiplexer, archive stat from a header, delete.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <set>

#include "docker/v1_55.hpp"
#include "server_differences.hpp"
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

  /// A started busybox container (no network: the test daemon has no bridge).
  void start(std::vector<std::string> cmd) {
    api::ContainerApi containers(*client_);
    api::ContainerCreateParams create;
    name_ = docker::testing::unique_name("generated");
    create.name = name_;
    create.body.Image = std::string(docker::testing::kBusybox);
    create.body.Cmd = std::move(cmd);
    create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "generated"}};
    create.body.HostConfig.emplace().NetworkMode = "none";
    id_ = containers.container_create(create).Id.value();
    containers.container_start({.id = id_});
  }

  std::unique_ptr<docker::Client> client_;
  std::string id_;
  std::string name_;
};

TEST_F(GeneratedApi, ContainerLifecycle) {
  SKIP_ON_PODMAN("GET /containers/{id}/archive?path=/bin/sh stats the symlink's target: name \"busybox\", not \"sh\"");
  start({"sh", "-c", "echo out; echo err >&2"});
  api::ContainerApi containers(*client_);
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
  EXPECT_EQ(inspected.Name.value_or(""), "/" + name_);
  // An id cannot climb to another route: the escaped "../" reaches the daemon
  // as one segment, which it refuses (301 to the cleaned path, not followed).
  EXPECT_THROW(containers.container_inspect({.id = "../" + id_}), docker::ApiError);
}

TEST_F(GeneratedApi, ExecStatsAndEvents) {
  auto since = std::to_string(std::time(nullptr) - 1);
  start({"sleep", "30"});
  api::ContainerApi containers(*client_);

  // exec start hijacks the connection; its output is multiplexed (no TTY).
  api::ExecApi exec(*client_);
  api::ContainerExecParams create{.id = id_};
  create.exec_config.Cmd = std::vector<std::string>{"sh", "-c", "echo hi; echo oops >&2"};
  create.exec_config.AttachStdout = true;
  create.exec_config.AttachStderr = true;
  api::ExecStartParams start_params{.id = exec.container_exec(create).Id.value()};
  start_params.exec_start_config.emplace().Detach = false;
  auto hijacked = exec.exec_start(start_params);
  ASSERT_TRUE(hijacked.stream);
  docker::OutputStream output(std::shared_ptr<docker::ByteReader>(std::move(hijacked.stream)), true);
  std::string out, err;
  output.read_all(out, err);
  EXPECT_EQ(out, "hi\n");
  EXPECT_EQ(err, "oops\n");

  // stats: a JSON-message stream of one message when stream=false.
  auto stats = containers.container_stats({.id = id_, .stream = false});
  auto first = stats.next();
  ASSERT_TRUE(first);
  EXPECT_TRUE(first->read.has_value());

  containers.container_kill({.id = id_});
  auto until = std::to_string(std::time(nullptr) + 1);
  std::set<std::string> actions;
  auto events = api::SystemApi(*client_).system_events(
      {.since = since, .until = until, .filters = docker::Filters{{"container", {id_}}}});
  while (auto event = events.next()) actions.insert(event->Action.value_or(""));
  EXPECT_TRUE(actions.count("create")) << "events seen: " << actions.size();
  EXPECT_TRUE(actions.count("start"));
  EXPECT_TRUE(actions.count("kill"));
}

// NetworkInspect is allOf [Network] plus its own Containers/Services/Status:
// those are members, not unknown_fields (the generator once aliased it to Network).
TEST_F(GeneratedApi, NetworkInspectDecodesItsOwnFields) {
  SKIP_ON_PODMAN("404 \"unable to find network with name or ID none\": Podman has no \"none\" network object");
  auto none = api::NetworkApi(*client_).network_inspect({.id = "none"});
  EXPECT_EQ(none.Name.value_or({}), "none");
  EXPECT_TRUE(none.Containers.has_value()) << "dockerd always sends Containers";
  EXPECT_FALSE(none.unknown_fields->is_object() && none.unknown_fields->contains("Containers"))
      << none.unknown_fields->dump();
}
