// The layer's container handle against the daemon: lifecycle, wait
// conditions, create options, and the typed error of each failure.
#include <gtest/gtest.h>

#include <algorithm>

#include "sdk_test_fixture.hpp"

using docker::sdk::RemoveOptions;
using docker::sdk::WaitCondition;
using sdk_test::SdkFixture;

namespace {

class SdkContainer : public SdkFixture {};

bool running(auto& container) { return container.inspect().State->Running.value_or(false); }

}  // namespace

TEST_F(SdkContainer, RunReturnsOutputAndExitCodeAndRemoves) {
  auto options = busybox({"sh", "-c", "echo out; echo err >&2; exit 3"});
  auto result = docker().run(options);
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THROW(docker().container(*options.name).inspect(), docker::NotFound);
}

TEST_F(SdkContainer, RunWithAutoRemoveWaitsForRemoval) {
  auto options = busybox({"echo", "bye"});
  options.auto_remove = true;
  auto result = docker().run(options);
  EXPECT_EQ(result.out, "bye\n");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_THROW(docker().container(*options.name).inspect(), docker::NotFound);
}

TEST_F(SdkContainer, StartWaitInspectRemove) {
  auto c = create_cmd({"sh", "-c", "exit 7"});
  EXPECT_EQ(c.inspect().State->Status->str(), "created");
  c.start();
  auto exited = c.wait();
  EXPECT_EQ(exited.exit_code, 7);
  EXPECT_EQ(exited.error, "");
  EXPECT_EQ(c.inspect().State->ExitCode.value_or(-1), 7);
  c.remove();
  EXPECT_THROW(c.inspect(), docker::NotFound);
}

TEST_F(SdkContainer, StopKillRestart) {
  auto c = create_cmd({"sleep", "600"});
  c.start();
  EXPECT_TRUE(running(c));
  c.stop(std::chrono::seconds(0));
  EXPECT_FALSE(running(c));
  EXPECT_EQ(c.wait().exit_code, 137);  // SIGKILL after the zero timeout (sleep ignores nothing, PID 1 ignores TERM)
  c.restart(std::chrono::seconds(0));
  EXPECT_TRUE(running(c));
  c.kill("SIGKILL");
  EXPECT_EQ(c.wait().exit_code, 137);
}

TEST_F(SdkContainer, DoubleStartIsNotModified) {
  auto c = create_cmd({"sleep", "600"});
  c.start();
  EXPECT_THROW(c.start(), docker::NotModified);
}

TEST_F(SdkContainer, StopOfAStoppedContainerIsNotModified) {
  auto c = create_cmd({"true"});
  EXPECT_THROW(c.stop(), docker::NotModified);
}

TEST_F(SdkContainer, KillOfAStoppedContainerIsConflict) {
  auto c = create_cmd({"true"});
  EXPECT_THROW(c.kill(), docker::Conflict);
}

TEST_F(SdkContainer, KillWithAnUnknownSignalIsInvalidArgument) {
  auto c = create_cmd({"sleep", "600"});
  c.start();
  EXPECT_THROW(c.kill("SIGNOTASIGNAL"), docker::InvalidArgument);
  EXPECT_TRUE(running(c));
}

TEST_F(SdkContainer, RemoveOfARunningContainerIsConflictUnlessForced) {
  auto c = create_cmd({"sleep", "600"});
  c.start();
  EXPECT_THROW(c.remove(), docker::Conflict);
  c.remove({.force = true});
  EXPECT_THROW(c.inspect(), docker::NotFound);
}

TEST_F(SdkContainer, StartOfARemovedContainerIsNotFound) {
  auto c = create_cmd({"true"});
  c.remove();
  EXPECT_THROW(c.start(), docker::NotFound);
}

TEST_F(SdkContainer, EveryOperationOnAMissingContainerIsNotFound) {
  auto c = docker().container(missing_name());
  EXPECT_THROW(c.start(), docker::NotFound);
  EXPECT_THROW(c.stop(), docker::NotFound);
  EXPECT_THROW(c.restart(), docker::NotFound);
  EXPECT_THROW(c.kill(), docker::NotFound);
  EXPECT_THROW(c.wait(), docker::NotFound);
  EXPECT_THROW(c.begin_wait(WaitCondition::removed), docker::NotFound);
  EXPECT_THROW(c.inspect(), docker::NotFound);
  EXPECT_THROW(c.remove(), docker::NotFound);
  EXPECT_THROW(c.remove({.force = true}), docker::NotFound);
  EXPECT_THROW(c.resize(24, 80), docker::NotFound);
  EXPECT_THROW(c.logs(), docker::NotFound);
  EXPECT_THROW(c.attach(), docker::NotFound);
  EXPECT_THROW(c.exec({"true"}), docker::NotFound);
  EXPECT_THROW(c.exec_detached({"true"}), docker::NotFound);
}

TEST_F(SdkContainer, CreateErrors) {
  auto missing_image = busybox({"true"});
  missing_image.image = "docker-cpp-test-no-such-image:latest";
  EXPECT_THROW(docker().create(missing_image), docker::NotFound);

  auto first = busybox({"true"});
  create(first);
  EXPECT_THROW(docker().create(first), docker::Conflict);  // same name

  auto no_image = busybox({"true"});
  no_image.image.clear();
  EXPECT_THROW(docker().create(no_image), docker::InvalidArgument);
}

TEST_F(SdkContainer, WaitNotRunningReturnsAtOnceForACreatedContainer) {
  auto c = create_cmd({"sh", "-c", "exit 4"});
  EXPECT_EQ(c.wait(WaitCondition::not_running).exit_code, 0);
}

TEST_F(SdkContainer, WaitNextExitSeesTheExitAfterStart) {
  auto c = create_cmd({"sh", "-c", "exit 4"});
  auto pending = c.begin_wait(WaitCondition::next_exit);
  c.start();
  EXPECT_EQ(pending.result().exit_code, 4);
}

TEST_F(SdkContainer, WaitRemovedReturnsOnceRemoved) {
  auto c = create_cmd({"sleep", "600"});
  c.start();
  auto pending = c.begin_wait(WaitCondition::removed);
  c.remove({.force = true});
  EXPECT_EQ(pending.result().exit_code, 137);
}

TEST_F(SdkContainer, WaitReportsTheDaemonsErrorForACommandThatCannotStart) {
  // The container never runs, so there is no next exit: wait for not-running.
  auto c = create_cmd({"/docker-cpp-no-such-binary"});
  EXPECT_THROW(c.start(), docker::Error);
  auto exited = c.wait(WaitCondition::not_running);
  EXPECT_NE(exited.exit_code, 0);
  EXPECT_NE(exited.error.find("no-such-binary"), std::string::npos) << exited.error;
}

TEST_F(SdkContainer, CreateOptionsReachTheContainer) {
  auto o = busybox({"true"});
  o.env = {"A=1", "B=two words"};
  o.working_dir = "/tmp";
  o.user = "nobody";
  o.entrypoint = {"/bin/sh", "-c"};
  o.cmd = {"exit 0"};
  o.tty = true;
  o.open_stdin = true;
  o.ports = {{.container_port = "8080", .host_port = "18080", .host_ip = "127.0.0.1"}, {.container_port = "53/udp"}};
  o.mounts = {{.type = "tmpfs", .target = "/scratch"}};
  o.log_driver = "none";
  auto info = create(o).inspect();
  ASSERT_TRUE(info.Config && info.HostConfig);
  const auto& config = *info.Config;
  EXPECT_EQ(config.Env->size() >= 2 ? std::vector<std::string>(config.Env->begin(), config.Env->begin() + 2)
                                     : std::vector<std::string>{},
            (std::vector<std::string>{"A=1", "B=two words"}));
  EXPECT_EQ(config.WorkingDir.value_or(""), "/tmp");
  EXPECT_EQ(config.User.value_or(""), "nobody");
  EXPECT_EQ(config.Entrypoint.value_or(std::vector<std::string>{}), (std::vector<std::string>{"/bin/sh", "-c"}));
  EXPECT_TRUE(config.Tty.value_or(false));
  EXPECT_TRUE(config.OpenStdin.value_or(false));
  EXPECT_EQ(config.Labels->at(std::string(docker::testing::kTestLabel)), "sdk");
  const auto& host = *info.HostConfig;
  ASSERT_TRUE(host.PortBindings);
  auto tcp = host.PortBindings->find("8080/tcp");
  ASSERT_NE(tcp, host.PortBindings->end());
  ASSERT_TRUE(tcp->second && tcp->second->size() == 1u);
  EXPECT_EQ((*tcp->second)[0].HostPort.value_or(""), "18080");
  EXPECT_EQ((*tcp->second)[0].HostIp.value_or(""), "127.0.0.1");
  EXPECT_NE(host.PortBindings->find("53/udp"), host.PortBindings->end());
  ASSERT_TRUE(host.Mounts && host.Mounts->size() == 1);
  EXPECT_EQ((*host.Mounts)[0].Target.value_or(""), "/scratch");
  EXPECT_EQ(host.NetworkMode.value_or(""), "none");
  EXPECT_EQ(host.LogConfig->Type->str(), "none");
}

TEST_F(SdkContainer, ListFindsItByLabelAndName) {
  auto o = busybox({"true"});
  auto c = create(o);
  auto all = docker().list(/*all=*/true, {{"label", {std::string(docker::testing::kTestLabel) + "=sdk"}},
                                          {"name", {*o.name}}});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].Id.value_or(""), c.id());
  EXPECT_TRUE(docker().list(/*all=*/false, {{"name", {*o.name}}}).empty());  // not running
}
