// One program linking several generated API versions at once (each its own
// namespace over the one runtime), each running the same smoke test against
// the daemon through negotiation: ping, version, container
// create/start/wait/remove. The versions come from smoke_apis.hpp, written by
// tests/smoke/CMakeLists.txt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <vector>

#include "docker/errors.hpp"
#include "smoke_apis.hpp"  // SmokeApis = ::testing::Types<SmokeV1_NN, ...>
#include "support/test_env.hpp"

namespace {

struct ApiName {
  template <class Smoke>
  static std::string GetName(int) {
    std::string name = "v" + Smoke::Api::version.str();
    std::replace(name.begin(), name.end(), '.', '_');
    return name;
  }
};

template <class Version>
class Smoke : public ::testing::Test {
 protected:
  using Api = typename Version::Api;

  void connect() { client_ = docker::testing::client_from_env(Api::version); }
  void TearDown() override {
    if (!client_ || id_.empty()) return;
    typename Api::ContainerDeleteParams remove;
    remove.id = id_;
    remove.force = true;
    typename Api::ContainerApi containers(*client_);
    containers.container_delete(remove);
  }

  std::unique_ptr<docker::Client> client_;
  std::string id_;
};

TYPED_TEST_SUITE(Smoke, SmokeApis, ApiName);

// The generated constants agree with what the build (and so the installed
// CMake package and pkg-config files) says about the library.
TYPED_TEST(Smoke, VersionConstantsMatchTheBuild) {
  EXPECT_EQ(TypeParam::api_version_string, TypeParam::expected_api_version);
  EXPECT_EQ(TypeParam::Api::version.str(), TypeParam::expected_api_version);
  EXPECT_EQ(TypeParam::library_version, TypeParam::expected_library_version);
  EXPECT_EQ(TypeParam::spec_sha256, TypeParam::expected_spec_sha256);
}

TYPED_TEST(Smoke, PingVersionAndContainerLifecycle) {
  using Api = typename TypeParam::Api;
  if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
  this->connect();
  docker::Client& client = *this->client_;

  typename Api::SystemApi system(client);
  EXPECT_EQ(system.system_ping(), "OK");
  auto daemon = system.system_version();
  const std::string daemon_api = daemon.ApiVersion.value_or("");
  ASSERT_FALSE(daemon_api.empty());
  // Negotiation: requests go out at min(bindings, daemon).
  const docker::ApiVersion negotiated = client.api_version();
  EXPECT_EQ(negotiated.str(), std::min(Api::version, docker::ApiVersion::parse(daemon_api)).str());

  typename Api::ContainerApi containers(client);
  typename Api::ContainerCreateParams create;
  create.name = docker::testing::unique_name("smoke-v" + Api::version.str());
  create.body.Image = std::string(docker::testing::kBusybox);
  const std::vector<std::string> cmd{"sh", "-c", "exit 3"};
  if constexpr (std::is_same_v<typename decltype(create.body.Cmd)::value_type, docker::JsonValue>) {
    create.body.Cmd = docker::JsonValue(nlohmann::json(cmd));  // a version whose spec leaves Cmd free-form
  } else {
    create.body.Cmd = cmd;
  }
  create.body.Labels = std::map<std::string, std::string>{{std::string(docker::testing::kTestLabel), "smoke"}};
  create.body.HostConfig.emplace().NetworkMode = "none";  // the test daemon has no bridge
  this->id_ = containers.container_create(create).Id.value();
  ASSERT_FALSE(this->id_.empty());

  typename Api::ContainerStartParams start;
  start.id = this->id_;
  containers.container_start(start);

  typename Api::ContainerWaitParams wait;
  wait.id = this->id_;
  EXPECT_EQ(containers.container_wait(wait).StatusCode.value_or(-1), 3);

  typename Api::ContainerDeleteParams remove;
  remove.id = this->id_;
  containers.container_delete(remove);
  this->id_.clear();

  typename Api::ContainerInspectParams inspect;
  inspect.id = create.name.value();
  EXPECT_THROW(containers.container_inspect(inspect), docker::NotFound);
}

}  // namespace
