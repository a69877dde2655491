// Version facts in the default (1.55) bindings: against an older daemon an
// operation or parameter it lacks throws VersionError before anything is
// sent, and request-body fields it lacks are left out. Requests go to a FakeDoer.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "docker/v1_55/container_api.hpp"
#include "docker/v1_55/version.hpp"
#include "docker/v1_55/volume_api.hpp"
#include "support/fake_doer.hpp"

namespace api = docker::v1_55;
using docker::testing::FakeDoer;
using nlohmann::json;

namespace {

struct VersionCheck : ::testing::Test {
  std::shared_ptr<FakeDoer> doer = std::make_shared<FakeDoer>();

  /// A client pinned to `daemon` (no negotiation request).
  docker::Client speaking(docker::ApiVersion daemon) {
    return docker::Client(doer, api::api_version, docker::ClientOptions{daemon, false, "test"});
  }
};

std::string message_of(auto&& call) {
  try {
    call();
  } catch (const docker::VersionError& e) {
    return e.what();
  }
  return "no VersionError";
}

}  // namespace

// VolumeUpdate (PUT /volumes/{name}) is in the specs from 1.42 on.
TEST_F(VersionCheck, OperationTooNewThrowsBeforeAnyRequest) {
  auto client = speaking({1, 41});
  EXPECT_EQ(message_of([&] { api::VolumeApi(client).volume_update({.name = "v", .version = 1}); }),
            "version error: `volume_update` needs API >= 1.42; the daemon speaks 1.41");
  EXPECT_TRUE(doer->requests().empty());
}

TEST_F(VersionCheck, NegotiatedVersionCountsAndOnlyThePingIsSent) {
  docker::Client client(doer, api::api_version);  // negotiates
  doer->push(200, "OK", {{"Api-Version", "1.41"}});
  EXPECT_THROW(api::VolumeApi(client).volume_update({.name = "v", .version = 1}), docker::VersionError);
  auto requests = doer->requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target, "/_ping");
}

// POST /containers/{id}/stop takes `signal` from 1.42 on.
TEST_F(VersionCheck, ParameterTooNewThrowsOnlyWhenSet) {
  auto client = speaking({1, 41});
  api::ContainerApi containers(client);
  EXPECT_EQ(message_of([&] { containers.container_stop({.id = "c", .signal = "SIGKILL"}); }),
            "version error: `signal` of container_stop needs API >= 1.42; the daemon speaks 1.41");
  EXPECT_TRUE(doer->requests().empty());

  doer->push(204);
  containers.container_stop({.id = "c", .t = 3});
  EXPECT_EQ(doer->last().target, "/v1.41/containers/c/stop?t=3");
}

// HostConfig.Annotations is in the create body from 1.43 on.
TEST_F(VersionCheck, FieldTooNewIsNotSent) {
  auto client = speaking({1, 42});
  doer->push(201, R"({"Id": "abc", "Warnings": []})");
  api::ContainerCreateParams params;
  params.body.Image = "busybox";
  auto& host = params.body.HostConfig.emplace();
  host.Memory = 1 << 20;
  host.Annotations = std::map<std::string, std::string>{{"a", "b"}};
  api::ContainerApi(client).container_create(params);
  EXPECT_EQ(json::parse(doer->last().body), json::parse(R"({"Image": "busybox", "HostConfig": {"Memory": 1048576}})"));
}

TEST_F(VersionCheck, EverythingGoesThroughAtASufficientVersion) {
  auto client = speaking({1, 43});
  doer->push(201, R"({"Id": "abc", "Warnings": []})");
  doer->push(204);
  doer->push(200);
  api::ContainerCreateParams params;
  params.body.HostConfig.emplace().Annotations = std::map<std::string, std::string>{{"a", "b"}};
  api::ContainerApi containers(client);
  containers.container_create(params);
  EXPECT_EQ(json::parse(doer->last().body), json::parse(R"({"HostConfig": {"Annotations": {"a": "b"}}})"));
  containers.container_stop({.id = "c", .signal = "SIGKILL"});
  EXPECT_EQ(doer->last().target, "/v1.43/containers/c/stop?signal=SIGKILL");
  api::VolumeApi(client).volume_update({.name = "v", .version = 1});
  EXPECT_EQ(doer->last().method, "PUT");
  EXPECT_EQ(doer->requests().size(), 3u);
}
