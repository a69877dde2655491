// Push, pull and login through the daemon against a real registry
// (docker-registry with htpasswd auth on a loopback port, RegistryPeer):
// success, a wrong password → Unauthorized (whether dockerd 20.10 relays it
// as a 500 or inside the progress stream), an unreachable registry →
// Unavailable, a missing tag in the progress stream → NotFound, and
// credentials taken from config.json.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

#include "docker/auth/base64.hpp"
#include "docker/sdk/images.hpp"
#include "docker/sdk/progress.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/sdk/v1_55.hpp"
#include "docker/v1_55.hpp"
#include "docker/v1_55/api.hpp"
#include "integration/run_program.hpp"
#include "server_differences.hpp"
#include "support/registry_peer.hpp"
#include "support/temp_dir.hpp"
#include "support/test_env.hpp"

namespace api = docker::v1_55;
using docker::testing::RegistryPeer;
using docker::testing::unique_name;

class SdkRegistry : public ::testing::Test {
 protected:
  // One registry for the suite: starting it takes a moment.
  static void SetUpTestSuite() {
    if (!std::getenv("DOCKER_HOST") || RegistryPeer::unavailable_reason()) return;
    registry_ = std::make_unique<RegistryPeer>();
  }
  static void TearDownTestSuite() { registry_.reset(); }

  void SetUp() override {
    if (!std::getenv("DOCKER_HOST")) GTEST_SKIP() << "DOCKER_HOST not set";
    if (auto reason = RegistryPeer::unavailable_reason()) GTEST_SKIP() << *reason;
    client_ = docker::testing::client_from_env(api::api_version);
    images_.emplace(client_);
  }
  void TearDown() override {
    for (const auto& ref : created_) {
      try {
        images_->remove(ref, {.force = true});
      } catch (const docker::NotFound&) {
      }
    }
  }

  docker::auth::AuthConfig good_credentials() const {
    return {
        .username = registry_->username(), .password = registry_->password(), .serveraddress = registry_->address()};
  }
  docker::auth::AuthConfig wrong_credentials() const {
    auto credentials = good_credentials();
    credentials.password = "wrong-password";
    return credentials;
  }

  /// busybox tagged into the registry's namespace ("127.0.0.1:port/docker-cpp-test-…:v1").
  std::string local_tag() {
    auto ref = registry_->address() + "/" + unique_name("push") + ":v1";
    images_->tag(std::string(docker::testing::kBusybox), ref);
    created_.push_back(ref);
    return ref;
  }

  static inline std::unique_ptr<RegistryPeer> registry_;
  std::shared_ptr<docker::Client> client_;
  std::optional<docker::sdk::Images<api::Api>> images_;
  std::vector<std::string> created_;
};

TEST_F(SdkRegistry, LoginSucceeds) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto result = docker::sdk::Docker<api::Api>(client_).login(good_credentials());
  EXPECT_EQ(result.status, "Login Succeeded");
}

TEST_F(SdkRegistry, LoginWithAWrongPasswordIsUnauthorized) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  // dockerd 20.10 answers 500 "login attempt to … failed with status: 401 Unauthorized".
  EXPECT_THROW(docker::sdk::Docker<api::Api>(client_).login(wrong_credentials()), docker::Unauthorized);
}

TEST_F(SdkRegistry, LoginToAnUnreachableRegistryIsUnavailable) {
  // Port 1 on loopback: connection refused.
  auto credentials = good_credentials();
  credentials.serveraddress = "127.0.0.1:1";
  try {
    docker::sdk::Docker<api::Api>(client_).login(credentials);
    FAIL() << "login succeeded";
  } catch (const docker::Unavailable& e) {
    EXPECT_NE(e.message().find("127.0.0.1:1"), std::string::npos) << e.message();
  }
}

TEST_F(SdkRegistry, PushThenPullWithProgress) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = local_tag();
  std::vector<std::string> statuses;
  auto last = images_->push(ref, {.auth = good_credentials()}).wait([&](const docker::sdk::ProgressMessage& m) {
    statuses.push_back(m.status);
  });
  ASSERT_TRUE(last.has_value());
  auto digest = last->aux.value("Digest", std::string{});
  EXPECT_TRUE(digest.starts_with("sha256:")) << last->raw.dump();
  EXPECT_TRUE(std::count(statuses.begin(), statuses.end(), "Pushed") ||
              std::count(statuses.begin(), statuses.end(), "Layer already exists"));

  images_->remove(ref);
  ASSERT_THROW(images_->inspect(ref), docker::NotFound);

  auto pulled = images_->pull(ref, {.auth = good_credentials()}).wait();
  ASSERT_TRUE(pulled.has_value());
  EXPECT_NE(pulled->status.find("Downloaded newer image"), std::string::npos) << pulled->raw.dump();
  auto digests = images_->inspect(ref).RepoDigests.value_or(std::vector<std::string>{});
  ASSERT_EQ(digests.size(), 1u);
  EXPECT_TRUE(digests.front().ends_with(digest)) << digests.front();
}

TEST_F(SdkRegistry, PushWithAWrongPasswordIsUnauthorizedFromTheStream) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = local_tag();
  // The daemon answers 200 and reports the registry's 401 in an errorDetail.
  auto progress = images_->push(ref, {.auth = wrong_credentials()});
  EXPECT_THROW(progress.wait(), docker::Unauthorized);
}

TEST_F(SdkRegistry, PullWithAWrongPasswordIsUnauthorized) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = local_tag();
  images_->push(ref, {.auth = good_credentials()}).wait();
  images_->remove(ref);
  // The daemon answers 500 "unauthorized: authentication required" before any progress.
  EXPECT_THROW(images_->pull(ref, {.auth = wrong_credentials()}).wait(), docker::Unauthorized);
  // Without credentials: 500 "no basic auth credentials".
  EXPECT_THROW(images_->pull(ref, {.use_config_file = false}).wait(), docker::Unauthorized);
}

TEST_F(SdkRegistry, PushingAMissingTagIsNotFoundFromTheStream) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = local_tag();
  auto missing = docker::sdk::parse_image_reference(ref).repository + ":no-such-tag";
  try {
    images_->push(missing, {.auth = good_credentials()}).wait();
    FAIL() << "push of a missing tag succeeded";
  } catch (const docker::NotFound& e) {
    EXPECT_EQ(e.status(), 0) << "reported inside the stream, not as a status";
    EXPECT_NE(e.message().find("no-such-tag"), std::string::npos) << e.message();
  }
}

TEST_F(SdkRegistry, PullFromAnUnreachableRegistryIsUnavailable) {
  EXPECT_THROW(images_->pull("127.0.0.1:1/" + unique_name("nowhere") + ":v1", {.auth = good_credentials()}).wait(),
               docker::Unavailable);
}

TEST_F(SdkRegistry, PullOfAMissingTagIsNotFound) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = local_tag();
  images_->push(ref, {.auth = good_credentials()}).wait();
  auto missing = docker::sdk::parse_image_reference(ref).repository + ":no-such-tag";
  EXPECT_THROW(images_->pull(missing, {.auth = good_credentials()}).wait(), docker::NotFound);
}

TEST_F(SdkRegistry, CredentialsComeFromConfigJsonWhenNotGiven) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  docker::testing::TempDir config_dir;
  auto encoded = docker::auth::base64_encode(registry_->username() + ":" + registry_->password());
  config_dir.write("config.json", R"({"auths": {")" + registry_->address() + R"(": {"auth": ")" + encoded + R"("}}})");
  const char* previous = std::getenv("DOCKER_CONFIG");
  std::optional<std::string> saved = previous ? std::optional<std::string>(previous) : std::nullopt;
  ::setenv("DOCKER_CONFIG", config_dir.path().c_str(), 1);

  auto ref = local_tag();
  std::optional<docker::sdk::ProgressMessage> last;
  EXPECT_NO_THROW(last = images_->push(ref).wait());

  if (saved)
    ::setenv("DOCKER_CONFIG", saved->c_str(), 1);
  else
    ::unsetenv("DOCKER_CONFIG");
  ASSERT_TRUE(last.has_value());
  EXPECT_TRUE(last->aux.value("Digest", std::string{}).starts_with("sha256:")) << last->raw.dump();
}

// examples/pull as a whole program: credentials from its DOCKER_CONFIG, one
// status line per layer change (stdout is not a terminal here). The image
// has a layer of its own (committed random bytes) so that one layer is
// really downloaded while busybox's already exists.
TEST_F(SdkRegistry, PullExampleReportsEachLayer) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = registry_->address() + "/" + unique_name("pull-example") + ":v1";
  {
    docker::sdk::Docker<api::Api> docker(
        std::shared_ptr<docker::Client>(docker::testing::client_from_env(api::api_version)));
    auto c = docker.create({.image = std::string(docker::testing::kBusybox),
                            .cmd = {"sh", "-c", "head -c 300000 /dev/urandom > /blob"},
                            .labels = {{std::string(docker::testing::kTestLabel), "pull-example"}},
                            .network_mode = "none"});
    c.start();
    c.wait();
    images_->commit(c.id(), {.repository = ref});
    created_.push_back(ref);
    c.remove({.force = true});
  }
  images_->push(ref, {.auth = good_credentials()}).wait();
  images_->remove(ref);

  docker::testing::TempDir config_dir;
  auto encoded = docker::auth::base64_encode(registry_->username() + ":" + registry_->password());
  config_dir.write("config.json", R"({"auths": {")" + registry_->address() + R"(": {"auth": ")" + encoded + R"("}}})");
  auto result = docker::testing::run_program(
      DOCKER_CPP_EXAMPLE_PULL,
      {{"DOCKER_HOST", std::getenv("DOCKER_HOST")}, {"DOCKER_CONFIG", config_dir.path().string()}}, {ref});
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find(": Already exists\n"), std::string::npos) << result.output;  // busybox's layer
  EXPECT_NE(result.output.find(": Pull complete\n"), std::string::npos) << result.output;   // the committed one
  EXPECT_NE(result.output.find("Status: Downloaded newer image for " + ref), std::string::npos) << result.output;
  EXPECT_NO_THROW(images_->inspect(ref));
}

TEST_F(SdkRegistry, PullExampleNamesAMissingImage) {
  SKIP_ON_PODMAN(
      "registry on 127.0.0.1 over plain HTTP: Podman refuses (\"server gave HTTP response to HTTPS client\"), dockerd "
      "trusts 127.0.0.0/8 as insecure");
  auto ref = registry_->address() + "/" + unique_name("never-pushed") + ":v1";
  auto result =
      docker::testing::run_program(DOCKER_CPP_EXAMPLE_PULL, {{"DOCKER_HOST", std::getenv("DOCKER_HOST")}}, {ref});
  EXPECT_EQ(result.exit_code, 1) << result.output;
  EXPECT_NE(result.output.find("pull: "), std::string::npos) << result.output;
}
