// Published ports and readiness waits against the daemon, over its bridge
// network (not network_mode none): busybox httpd published on loopback and
// fetched over a plain socket, port() / ports(), wait_for_port,
// wait_for_log, wait_for_healthy, and the typed error of each failure
// (container exited, unhealthy, deadline passed with what was last seen).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "integration/plain_http.hpp"
#include "sdk_test_fixture.hpp"
#include "server_differences.hpp"

using docker::sdk::ContainerNotRunning;
using docker::sdk::ContainerUnhealthy;
using docker::sdk::HealthCheck;
using docker::sdk::LogPattern;
using docker::testing::http_get;
using namespace std::chrono_literals;

namespace {

class SdkReadiness : public sdk_test::SdkFixture {
 protected:
  /// busybox on the default bridge running `script` with sh -c.
  static docker::sdk::ContainerOptions shell(const std::string& script) {
    auto o = busybox({"sh", "-c", script});
    o.network_mode.reset();
    return o;
  }

  /// busybox httpd serving `page` as /index.html on port 80.
  static docker::sdk::ContainerOptions httpd(const std::string& page) {
    return shell("mkdir -p /www && echo '" + page + "' > /www/index.html && exec httpd -f -p 80 -h /www");
  }
};

TEST_F(SdkReadiness, EphemeralLoopbackPortServesThePage) {
  auto o = httpd("hello from httpd");
  o.ports = {docker::sdk::PortMapping::parse("127.0.0.1::80/tcp")};
  auto c = create(o);
  c.start();
  auto ready = c.wait_for_port("80/tcp", 30s);
  EXPECT_EQ(ready.host_ip, "127.0.0.1");
  EXPECT_GT(ready.host_port, 0);
  auto bound = c.port("80/tcp");
  EXPECT_EQ(bound.host_ip, "127.0.0.1");
  EXPECT_EQ(bound.host_port, ready.host_port);
  EXPECT_EQ(c.port("80").host_port, ready.host_port);  // "80" is "80/tcp"
  ASSERT_EQ(c.ports("80/tcp").size(), 1u);
  auto response = http_get("127.0.0.1", bound.host_port, "/index.html");
  EXPECT_NE(response.find(" 200 "), std::string::npos) << response;
  EXPECT_NE(response.find("hello from httpd"), std::string::npos) << response;
}

TEST_F(SdkReadiness, FixedHostPortIsTheOneBound) {
  auto host_port = docker::testing::free_loopback_port();
  auto o = httpd("fixed port page");
  o.ports = {{.container_port = "80", .host_port = std::to_string(host_port), .host_ip = "127.0.0.1"}};
  auto c = create(o);
  c.start();
  EXPECT_EQ(c.wait_for_port("80/tcp", 30s).host_port, host_port);
  EXPECT_EQ(c.port("80/tcp").host_port, host_port);
  EXPECT_NE(http_get("127.0.0.1", host_port).find("fixed port page"), std::string::npos);
}

TEST_F(SdkReadiness, UdpMappingIsVisibleAndTcpOfTheSamePortIsNotPublished) {
  auto o = shell("sleep 60");
  o.ports = {docker::sdk::PortMapping::parse("127.0.0.1::5353/udp")};
  auto c = create(o);
  c.start();
  auto udp = c.ports("5353/udp");
  ASSERT_EQ(udp.size(), 1u);
  EXPECT_EQ(udp[0].host_ip, "127.0.0.1");
  EXPECT_GT(udp[0].host_port, 0);
  nlohmann::json info = c.inspect();
  EXPECT_TRUE(info["HostConfig"]["PortBindings"].contains("5353/udp")) << info["HostConfig"].dump();
  try {
    (void)c.port("5353/tcp");
    FAIL() << "no error for a port that is not published";
  } catch (const docker::NotFound& e) {
    EXPECT_NE(e.message().find("5353/tcp"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("5353/udp"), std::string::npos) << e.message();  // what is published
  }
  EXPECT_THROW((void)c.wait_for_port("5353/udp", 5s), docker::InvalidInput);
  EXPECT_THROW((void)c.port("5353/xyz"), docker::InvalidInput);
}

TEST_F(SdkReadiness, PortOfAContainerThatIsNotRunning) {
  auto o = shell("true");
  o.ports = {{.container_port = "80", .host_ip = "127.0.0.1"}};
  auto c = create(o);
  try {
    (void)c.port("80/tcp");
    FAIL() << "no error for a created container";
  } catch (const ContainerNotRunning& e) {
    EXPECT_EQ(e.state(), "created");
    EXPECT_FALSE(e.exit_code());
  }
}

TEST_F(SdkReadiness, WaitForPortFailsFastWithTheExitCode) {
  SKIP_ON_PODMAN("State.Status \"stopped\" right after the exit, where dockerd says \"exited\"");
  auto o = shell("sleep 0.3; exit 7");
  o.ports = {{.container_port = "80", .host_ip = "127.0.0.1"}};
  auto c = create(o);
  c.start();
  try {
    (void)c.wait_for_port("80/tcp", 60s);
    FAIL() << "wait_for_port returned for a container that exits without listening";
  } catch (const ContainerNotRunning& e) {
    EXPECT_EQ(e.exit_code(), 7) << e.what();
    EXPECT_EQ(e.state(), "exited");
    EXPECT_NE(e.message().find("exit code 7"), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, WaitForPortTimesOutSayingWhatItSaw) {
  // Published but nothing listens: the proxy in front of the port accepts and
  // closes at once, which must not count as ready.
  auto o = shell("sleep 60");
  o.ports = {{.container_port = "80", .host_ip = "127.0.0.1"}};
  auto c = create(o);
  c.start();
  try {
    (void)c.wait_for_port("80/tcp", 1500ms);
    FAIL() << "wait_for_port returned with nothing listening";
  } catch (const docker::Timeout& e) {
    EXPECT_NE(e.message().find("last seen: 127.0.0.1:"), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, TheHandlesDeadlineBoundsTheWait) {
  auto o = shell("sleep 60");
  o.ports = {{.container_port = "80", .host_ip = "127.0.0.1"}};
  auto c = create(o);
  c.start();
  EXPECT_THROW((void)c.with(docker::CallOptions::timeout(800ms)).wait_for_port("80/tcp"), docker::Timeout);
}

TEST_F(SdkReadiness, WaitForLogSeesLinesOfBothStreams) {
  auto c = create(shell("echo starting; sleep 0.2; echo ready >&2; echo 'ready: 2'; sleep 60"));
  c.start();
  c.wait_for_log("ready", 2, 30s);  // one on stderr, one on stdout
  c.wait_for_log(LogPattern::regex("^ready: [0-9]$"), 1, 30s);
  EXPECT_THROW(c.wait_for_log(LogPattern::regex("(unclosed"), 1, 1s), docker::InvalidInput);
}

TEST_F(SdkReadiness, WaitForLogFailsFastWhenTheContainerExits) {
  auto c = create(shell("echo almost; exit 3"));
  c.start();
  try {
    c.wait_for_log("ready", 1, 60s);
    FAIL() << "wait_for_log returned for a line that never came";
  } catch (const ContainerNotRunning& e) {
    EXPECT_EQ(e.exit_code(), 3) << e.what();
    EXPECT_NE(e.message().find("last line: \"almost\""), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, WaitForLogTimesOutWithTheLastLine) {
  auto c = create(shell("echo first line; echo still waiting; sleep 60"));
  c.start();
  try {
    c.wait_for_log("never printed", 1, 1s);
    FAIL() << "wait_for_log returned";
  } catch (const docker::Timeout& e) {
    EXPECT_NE(e.message().find("0 of 1 matching lines"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("last line: \"still waiting\""), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, WaitForHealthyOnceTheCheckPasses) {
  SKIP_ON_PODMAN("health checks run from systemd timers, which the Podman lane lacks: health stays \"starting\"");
  if (auto why = sdk_test::exec_does_not_enter_containers(docker())) GTEST_SKIP() << *why;
  auto o = shell("sleep 1; touch /tmp/ready; sleep 60");
  o.health_check = HealthCheck::shell("test -f /tmp/ready");
  o.health_check->interval = 100ms;
  o.health_check->timeout = 5s;
  o.health_check->retries = 100;
  auto c = create(o);
  c.start();
  c.wait_for_healthy(60s);
  nlohmann::json info = c.inspect();
  EXPECT_EQ(info["State"]["Health"]["Status"], "healthy");
}

TEST_F(SdkReadiness, AnUnhealthyCheckFailsFast) {
  SKIP_ON_PODMAN("health checks run from systemd timers, which the Podman lane lacks: health stays \"starting\"");
  auto o = shell("sleep 60");
  o.health_check = HealthCheck::exec({"sh", "-c", "echo not ready yet; exit 1"});
  o.health_check->interval = 100ms;
  o.health_check->retries = 1;
  auto c = create(o);
  c.start();
  try {
    c.wait_for_healthy(60s);
    FAIL() << "wait_for_healthy returned for a failing check";
  } catch (const ContainerUnhealthy& e) {
    EXPECT_EQ(e.last_output(), "not ready yet");
    EXPECT_NE(e.message().find("unhealthy"), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, WaitForHealthyTimesOutWithTheLastState) {
  auto o = shell("sleep 60");
  o.health_check = HealthCheck::shell("true");
  o.health_check->interval = 60s;  // the first check comes after the deadline
  auto c = create(o);
  c.start();
  try {
    c.wait_for_healthy(700ms);
    FAIL() << "healthy before the first check";
  } catch (const docker::Timeout& e) {
    EXPECT_NE(e.message().find("last seen: state running, health starting"), std::string::npos) << e.message();
  }
}

TEST_F(SdkReadiness, WaitForHealthyWithoutACheckOrAfterExit) {
  auto plain = create(shell("sleep 60"));
  plain.start();
  EXPECT_THROW(plain.wait_for_healthy(5s), docker::InvalidInput);

  auto o = shell("exit 4");
  o.health_check = HealthCheck::shell("true");
  auto exited = create(o);
  exited.start();
  (void)exited.wait();
  try {
    exited.wait_for_healthy(60s);
    FAIL() << "healthy after exit";
  } catch (const ContainerNotRunning& e) {
    EXPECT_EQ(e.exit_code(), 4);
  }
}

}  // namespace
