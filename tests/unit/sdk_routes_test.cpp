// The layer names its calls and checks versions with the generated data of
// each operation (<Op>Params::route, ::Since, ::body_since), never its own
// spelling: the errors it raises before sending carry the generated route,
// and its version checks the generated first versions.
#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "docker/sdk/internal/body_facts.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"

namespace {

namespace v = docker::v1_55;
using docker::ApiVersion;
using docker::testing::FakeDoer;

std::shared_ptr<docker::Client> pinned(const std::shared_ptr<FakeDoer>& doer, ApiVersion version) {
  return std::make_shared<docker::Client>(doer, v::api_version, docker::ClientOptions{.pinned_version = version});
}

// The facts the layer reads are the generator's (spec/version-facts.yaml).
static_assert(docker::sdk::internal::body_field_since<v::ContainerCreateParams>("HostConfig.Init") ==
              ApiVersion{1, 37});
static_assert(docker::sdk::internal::body_field_since<v::SwarmInitParams>("DataPathPort") == ApiVersion{1, 40});
static_assert(v::ContainerStatsParams::Since::one_shot == ApiVersion{1, 41});

TEST(SdkRoutes, LocalErrorsNameTheGeneratedRoute) {
  auto doer = std::make_shared<FakeDoer>();
  v::Docker docker(pinned(doer, {1, 41}));
  try {
    (void)docker.create({.image = "busybox", .ports = {{.container_port = "80/xyz"}}});
    FAIL() << "no error";
  } catch (const docker::InvalidInput& e) {
    EXPECT_EQ(e.method(), v::ContainerCreateParams::route.method);
    EXPECT_EQ(e.path(), v::ContainerCreateParams::route.path);
    EXPECT_EQ(e.path(), "/containers/create");
  }
  try {
    (void)docker.networks().inspect("");
    FAIL() << "no error";
  } catch (const docker::InvalidInput& e) {
    EXPECT_EQ(e.method(), "GET");
    EXPECT_EQ(e.path(), "/networks/{id}");
  }
  // The mounts of a service are checked by the code the container create
  // shares: the error names the service create, not the container create.
  try {
    (void)docker.services().create(
        {.image = "busybox", .mounts = {{.type = "bind", .target = "/x", .tmpfs_size_bytes = 1}}});
    FAIL() << "no error";
  } catch (const docker::InvalidInput& e) {
    EXPECT_EQ(e.method(), "POST");
    EXPECT_EQ(e.path(), v::ServiceCreateParams::route.path);
  }
  EXPECT_TRUE(doer->requests().empty());
}

TEST(SdkRoutes, VersionChecksUseTheGeneratedFirstVersions) {
  auto doer = std::make_shared<FakeDoer>();
  v::Docker below(pinned(doer, {1, 36}));
  try {
    (void)below.create({.image = "busybox", .init = true});
    FAIL() << "no error";
  } catch (const docker::VersionError& e) {
    EXPECT_EQ(e.message(), "ContainerOptions::init needs API >= 1.37; the daemon speaks 1.36");
  }
  EXPECT_TRUE(doer->requests().empty());

  doer->push(201, R"({"Id": "c1", "Warnings": []})");
  v::Docker at(pinned(doer, {1, 37}));
  (void)at.create({.image = "busybox", .init = true});
  ASSERT_EQ(doer->requests().size(), 1u);
  EXPECT_NE(doer->last().body.find("\"Init\":true"), std::string::npos) << doer->last().body;
}

}  // namespace
