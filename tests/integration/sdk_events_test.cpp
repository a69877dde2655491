// Docker::events() against the daemon: a container's create, start, die
// and destroy seen through a container filter, and a blocked read ended
// promptly by cancelling from another thread.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <future>
#include <vector>

#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "docker/v1_55/api.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;
using namespace std::chrono_literals;

class SdkEvents : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    client_ = docker::testing::client_from_env(api::api_version);
  }
  std::shared_ptr<docker::Client> client_;
};

TEST_F(SdkEvents, ContainerLifecycleSeenThroughAFilter) {
  SKIP_ON_PODMAN("other container event actions than dockerd's create/start/die/destroy sequence");
  auto since = std::to_string(std::time(nullptr) - 1);
  api::ContainerApi containers(*client_);
  api::ContainerCreateParams create;
  create.name = docker::testing::unique_name("events");
  create.body.Image = std::string(docker::testing::kBusybox);
  create.body.Cmd = std::vector<std::string>{"true"};
  create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "events"}};
  create.body.HostConfig.emplace().NetworkMode = "none";
  auto id = containers.container_create(create).Id.value();
  containers.container_start({.id = id});
  containers.container_wait({.id = id});
  containers.container_delete({.id = id});
  auto until = std::to_string(std::time(nullptr) + 1);

  std::vector<std::string> actions;
  auto events = docker::sdk::Docker<api::Api>(client_).events(
      {.since = since, .until = until, .filters = {{"container", {id}}, {"type", {"container"}}}});
  while (auto event = events.next()) {
    EXPECT_EQ(event->Actor.value().ID.value_or(""), id);
    actions.push_back(event->Action.value_or(""));
  }
  // In order; other actions (attach, …) may come between.
  std::vector<std::string> expected{"create", "start", "die", "destroy"};
  auto at = actions.begin();
  for (const auto& action : expected) {
    at = std::find(at, actions.end(), action);
    ASSERT_NE(at, actions.end()) << action << " missing or out of order";
  }
}

TEST_F(SdkEvents, CancellingFromAnotherThreadEndsABlockedRead) {
  docker::CancellationSource cancel;
  // No until: the stream would block forever; a filter no event matches.
  auto events = docker::sdk::Docker<api::Api>(client_)
                    .with(docker::CallOptions{}.with_cancel(cancel.token()))
                    .events({.filters = {{"container", {docker::testing::unique_name("no-such-container")}}}});
  // Cancellation ends an event stream as it ends every other stream: Cancelled.
  auto reading = std::async(std::launch::async, [&] {
    try {
      (void)events.next();
      return std::string("next() returned");
    } catch (const docker::Cancelled&) {
      return std::string("cancelled");
    } catch (const docker::Error& e) {
      return std::string("other error: ") + e.what();
    }
  });
  // The read must still be blocked: nothing matches the filter.
  ASSERT_EQ(reading.wait_for(200ms), std::future_status::timeout);
  auto cancelled_at = std::chrono::steady_clock::now();
  cancel.cancel();
  ASSERT_EQ(reading.wait_for(5s), std::future_status::ready) << "cancel did not end the read";
  EXPECT_EQ(reading.get(), "cancelled");
  EXPECT_LT(std::chrono::steady_clock::now() - cancelled_at, 2s);
}
