// The layer's container handle against the daemon: lifecycle, wait
// conditions, create options, and the typed error of each failure.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <thread>

#include "sdk_test_fixture.hpp"
#include "server_differences.hpp"

using docker::sdk::RemoveOptions;
using docker::sdk::WaitCondition;
using sdk_test::SdkFixture;

namespace {

class SdkContainer : public SdkFixture {
 protected:
  /// Containers named `name`, stopped ones included.
  std::size_t containers_named(const std::string& name) {
    // Names match as regular expressions: dockerd's on "/name", Podman's on "name".
    return docker().list(/*all=*/true, {{"name", {"^/?" + name + "$"}}}).size();
  }
};

bool running(auto& container) { return container.inspect().State->Running.value_or(false); }

using namespace std::chrono_literals;
using Seconds = std::chrono::duration<double>;

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
  SKIP_ON_PODMAN("stop of a stopped container answers 204, not 304");
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
  EXPECT_THROW(docker().create(no_image), docker::InvalidInput);  // refused before sending
}

TEST_F(SdkContainer, WaitNotRunningReturnsAtOnceForACreatedContainer) {
  SKIP_ON_PODMAN("wait?condition=not-running on a created container answers StatusCode -1, not 0");
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
  SKIP_ON_PODMAN("wait?condition=removed answers StatusCode 0 for a container killed by SIGKILL (dockerd 137)");
  auto c = create_cmd({"sleep", "600"});
  c.start();
  auto pending = c.begin_wait(WaitCondition::removed);
  c.remove({.force = true});
  EXPECT_EQ(pending.result().exit_code, 137);
}

TEST_F(SdkContainer, WaitReportsTheDaemonsErrorForACommandThatCannotStart) {
  SKIP_ON_PODMAN("wait answers Error null for a command that cannot start (the error comes from start)");
  // The container never runs, so there is no next exit: wait for not-running.
  auto c = create_cmd({"/docker-cpp-no-such-binary"});
  EXPECT_THROW(c.start(), docker::Error);
  auto exited = c.wait(WaitCondition::not_running);
  EXPECT_NE(exited.exit_code, 0);
  EXPECT_NE(exited.error.find("no-such-binary"), std::string::npos) << exited.error;
}

TEST_F(SdkContainer, CreateOptionsReachTheContainer) {
  SKIP_ON_PODMAN(
      "inspect adds the image's PATH to Config.Env, and HostConfig.PortBindings is empty with NetworkMode none");
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
  auto all = docker().list(/*all=*/true,
                           {{"label", {std::string(docker::testing::kTestLabel) + "=sdk"}}, {"name", {*o.name}}});
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].Id.value_or(""), c.id());
  EXPECT_TRUE(docker().list(/*all=*/false, {{"name", {*o.name}}}).empty());  // not running
}

// run() under a deadline: the output read and the wait are cut when it
// passes, and the container is removed (clean-up has its own bound).
TEST_F(SdkContainer, RunIsBoundedByItsDeadlineAndLeavesNoContainer) {
  auto o = busybox({"sleep", "5"});
  (void)docker().list();  // version negotiated before the clock starts
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW((void)docker().with(docker::CallOptions::timeout(1500ms)).run(o), docker::Timeout);
  Seconds took = std::chrono::steady_clock::now() - start;
  EXPECT_GE(took.count(), 1.4);
  EXPECT_LT(took.count(), 2.5) << "Timeout must come at the deadline, not when `sleep 5` ends";
  EXPECT_EQ(containers_named(*o.name), 0u);
}

TEST_F(SdkContainer, RunThatEndsBeforeItsDeadlineReturnsItsResult) {
  auto o = busybox({"sh", "-c", "sleep 0.3; echo done; exit 4"});
  auto result = docker().with(docker::CallOptions::timeout(10s)).run(o);
  EXPECT_EQ(result.out, "done\n");
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_EQ(containers_named(*o.name), 0u);
}

// Deadlines that pass during create (the daemon still makes the container),
// attach or start: whichever step they cut, no container is left. Every
// millisecond up to 12: dockerd lists a container a few ms into create but
// answers 404 to its removal until create is done (CI once left one at 5 ms).
TEST_F(SdkContainer, RunWhoseCreateTimesOutLeavesNoContainer) {
  (void)docker().list();  // version negotiated: the deadlines below meet create itself
  std::vector<std::chrono::milliseconds> deadlines;
  for (int ms = 1; ms <= 12; ++ms) deadlines.emplace_back(ms);
  deadlines.insert(deadlines.end(), {20ms, 40ms});
  for (auto deadline : deadlines) {
    auto o = busybox({"sleep", "5"});
    auto start = std::chrono::steady_clock::now();
    EXPECT_THROW((void)docker().with(docker::CallOptions::timeout(deadline)).run(o), docker::Timeout)
        << deadline.count() << " ms";
    Seconds took = std::chrono::steady_clock::now() - start;
    // The clean-up looks for the container the daemon may still be making
    // for up to kCreateSettle (3 s), and stops as soon as it finds it.
    EXPECT_LT(took.count(), 3.5 + std::chrono::duration<double>(deadline).count()) << deadline.count() << " ms";
    EXPECT_EQ(containers_named(*o.name), 0u) << deadline.count() << " ms: container left behind";
  }
}

TEST_F(SdkContainer, RunCancelledLeavesNoContainer) {
  auto o = busybox({"sleep", "5"});
  docker::CancellationSource source;
  std::thread canceller([&] {
    std::this_thread::sleep_for(700ms);
    source.cancel();
  });
  auto start = std::chrono::steady_clock::now();
  EXPECT_THROW((void)docker().with(docker::CallOptions{}.with_cancel(source.token())).run(o), docker::Cancelled);
  Seconds took = std::chrono::steady_clock::now() - start;
  canceller.join();
  EXPECT_LT(took.count(), 2.0);
  EXPECT_EQ(containers_named(*o.name), 0u);
}

// ScopedContainer: removal when the scope ends, however it ends.

TEST_F(SdkContainer, ScopedContainerIsRemovedWithItsAnonymousVolumeWhenTheScopeEnds) {
  auto options = busybox({"sleep", "300"});
  options.mounts = {{.type = "volume", .target = "/data"}};  // anonymous
  std::string volume;
  {
    docker::v1_55::ScopedContainer scoped(create(options));
    scoped->start();
    auto info = scoped->inspect();
    ASSERT_TRUE(info.Mounts && info.Mounts->size() == 1u && info.Mounts->at(0).Name);
    volume = *info.Mounts->at(0).Name;
    EXPECT_NO_THROW(docker().volumes().inspect(volume));
  }
  EXPECT_EQ(containers_named(*options.name), 0u);
  EXPECT_THROW(docker().volumes().inspect(volume), docker::NotFound);
}

TEST_F(SdkContainer, ScopedContainerIsRemovedWhenAnExceptionLeavesTheScope) {
  auto options = busybox({"sleep", "300"});
  EXPECT_THROW(
      {
        docker::v1_55::ScopedContainer scoped(create(options));
        scoped->start();
        throw std::runtime_error("the test's own failure");
      },
      std::runtime_error);
  EXPECT_EQ(containers_named(*options.name), 0u);
}

TEST_F(SdkContainer, ScopedContainerIsRemovedAfterItsHandleWasCancelled) {
  docker::CancellationSource cancel;
  auto options = busybox({"sleep", "300"});
  {
    docker::v1_55::ScopedContainer scoped(create(options).with(docker::CallOptions{}.with_cancel(cancel.token())));
    cancel.cancel();
    EXPECT_THROW(scoped->start(), docker::Cancelled);
  }
  EXPECT_EQ(containers_named(*options.name), 0u);
}

TEST_F(SdkContainer, ScopedContainerMoveRemovesTheOneReplacedAndReleaseKeepsIt) {
  auto first = busybox({"true"});
  auto second = busybox({"true"});
  docker::v1_55::ScopedContainer a(create(first));
  docker::v1_55::ScopedContainer b(create(second));
  a = std::move(b);  // a's container is removed now; a holds b's
  EXPECT_EQ(containers_named(*first.name), 0u);
  EXPECT_EQ(containers_named(*second.name), 1u);
  EXPECT_FALSE(b);  // NOLINT(bugprone-use-after-move): a moved-from one holds nothing, by contract
  EXPECT_THROW((void)*b, docker::InvalidInput);
  auto kept = a.release();
  EXPECT_FALSE(a);
  EXPECT_THROW((void)a.release(), docker::InvalidInput);
  a.reset();  // holds none: removes nothing
  EXPECT_EQ(containers_named(*second.name), 1u);
  EXPECT_EQ(kept.inspect().Name.value_or(""), "/" + *second.name);
}
