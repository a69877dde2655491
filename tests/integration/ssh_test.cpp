// The ssh transport end to end, as a user would have it: ssh → a real sshd on
// loopback → the real `docker system dial-stdio` (Debian's /usr/bin/docker,
// first on the session's PATH) → the test daemon named by DOCKER_HOST.
#include "docker/transport/ssh.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/v1_55.hpp"
#include "integration/run_program.hpp"
#include "support/sshd_peer.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
using ::testing::HasSubstr;
namespace api = docker::v1_55;

constexpr const char* kDebianDockerCli = "/usr/bin/docker";

class SshDaemon : public ::testing::Test {
 protected:
  void SetUp() override {
    if (auto why = SshdPeer::unavailable()) GTEST_SKIP() << *why;
    if (::access(kDebianDockerCli, X_OK) != 0)
      GTEST_SKIP() << kDebianDockerCli << " (Debian docker.io) is not installed";
    const char* host = std::getenv("DOCKER_HOST");
    if (host == nullptr || *host == '\0') GTEST_SKIP() << "DOCKER_HOST not set";
    // /usr/bin first: /usr/local/bin/docker may be a different CLI.
    sshd_ = std::make_unique<SshdPeer>(SshdSession{"/usr/bin:/bin:/usr/sbin:/sbin", host});
    doer_ = transport::make_ssh_doer(sshd_->address());
    client_ = std::make_unique<Client>(doer_, api::api_version);
  }
  void TearDown() override {
    if (client_ && !id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
    client_.reset();
    doer_.reset();
  }

  std::unique_ptr<SshdPeer> sshd_;
  std::shared_ptr<Doer> doer_;
  std::unique_ptr<Client> client_;
  std::string id_;
};

TEST_F(SshDaemon, PingAndVersion) {
  auto pong = client_->ping(CallOptions::timeout(30s));
  EXPECT_EQ(pong.status, 200);
  EXPECT_EQ(pong.body, "OK");
  auto version = api::SystemApi(*client_).system_version();
  EXPECT_EQ(version.ApiVersion.value_or(""), client_->api_version().str());
  EXPECT_FALSE(version.Version.value_or("").empty());
}

TEST_F(SshDaemon, ContainerCreateAttachStartWaitRemove) {
  api::ContainerCreateParams create;
  create.name = unique_name("ssh");
  create.body.Image = std::string(kBusybox);
  create.body.Cmd = std::vector<std::string>{"cat"};
  create.body.Labels = std::map<std::string, std::string>{{std::string(kTestLabel), "ssh"}};
  create.body.HostConfig.emplace().NetworkMode = "none";
  create.body.OpenStdin = true;
  create.body.StdinOnce = true;
  create.body.AttachStdin = true;
  create.body.AttachStdout = true;
  api::ContainerApi containers(*client_);
  id_ = containers.container_create(create).Id.value();
  auto attached =
      containers.container_attach({.id = id_, .stream = true, .stdin_ = true, .stdout_ = true, .stderr_ = true});
  ASSERT_TRUE(attached.stream);
  auto stream = std::shared_ptr<HijackedStream>(std::move(attached.stream));
  containers.container_start({.id = id_});
  stream->write(std::string_view("through ssh and dial-stdio\n"));
  stream->close_write();  // cat reads EOF (ssh passes the half-close on) and exits
  std::string out, err;
  OutputStream(stream, /*multiplexed=*/true).read_all(out, err);
  EXPECT_EQ(out, "through ssh and dial-stdio\n");
  EXPECT_EQ(containers.container_wait({.id = id_}).StatusCode.value_or(-1), 0);
  containers.container_delete({.id = id_});
  EXPECT_THROW(containers.container_inspect({.id = id_}), NotFound);
  id_.clear();
}

TEST_F(SshDaemon, UnreachableRemoteDaemonNamesTheClisMessage) {
  SshdPeer lost(SshdSession{"/usr/bin:/bin", "unix:///nonexistent/docker.sock"});
  auto doer = transport::make_ssh_doer(lost.address());
  Request ping;
  ping.target = "/_ping";
  ping.options.with_timeout(30s);
  try {
    doer->do_request(std::move(ping)).read_body();
    FAIL() << "a ping through a dial-stdio with no daemon behind it answered";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr("ssh exited with status"));
    EXPECT_THAT(e.what(), HasSubstr("/nonexistent/docker.sock"));
  }
}

TEST_F(SshDaemon, HelloExampleWithDockerHostSsh) {
  auto hello = run_program(
      DOCKER_CPP_EXAMPLE_HELLO,
      {{"DOCKER_HOST", sshd_->url()}, {std::string(transport::kSshOptionsVariable), "-F " + sshd_->client_config()}});
  EXPECT_EQ(hello.exit_code, 0) << hello.output;
  EXPECT_EQ(hello.output, "hello\n");
}

}  // namespace
}  // namespace docker::testing
