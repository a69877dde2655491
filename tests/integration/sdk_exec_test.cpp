// Exec through the layer against the daemon: output and exit codes, stdin
// with half-close, TTY output taken raw, resize, detached, typed errors.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "sdk_test_fixture.hpp"
#include "server_differences.hpp"

using docker::sdk::ExecOptions;
using sdk_test::SdkFixture;

namespace {

class SdkExec : public SdkFixture {
 protected:
  /// A running container that stays up until removed (cat on an open stdin).
  Container running_container() {
    auto o = busybox({"cat"});
    o.open_stdin = true;
    auto c = create(o);
    c.start();
    return c;
  }
};

}  // namespace

TEST_F(SdkExec, OutputAndExitCode) {
  auto c = running_container();
  auto result = c.exec({"sh", "-c", "echo out; echo err >&2; exit 3"});
  EXPECT_EQ(result.out, "out\n");
  EXPECT_EQ(result.err, "err\n");
  EXPECT_EQ(result.exit_code, 3);

  auto ok = c.exec({"echo", "hello"});
  EXPECT_EQ(ok.out, "hello\n");
  EXPECT_EQ(ok.exit_code, 0);
}

TEST_F(SdkExec, OptionsReachTheProcess) {
  auto c = running_container();
  auto result = c.exec({"sh", "-c", "echo $GREETING; pwd; id -u"},
                       {.env = {"GREETING=hi"}, .user = "65534", .working_dir = "/tmp"});
  EXPECT_EQ(result.out, "hi\n/tmp\n65534\n");
  EXPECT_EQ(result.exit_code, 0);
}

TEST_F(SdkExec, MissingOrNotExecutableBinaryIsExecNotStarted) {
  auto c = running_container();
  // Missing by path, missing in $PATH, not executable.
  for (const char* binary : {"/docker-cpp-no-such-binary", "docker-cpp-no-such-binary", "/etc/passwd"}) {
    try {
      (void)c.exec({binary, "arg"});
      ADD_FAILURE() << binary << ": no ExecNotStarted";
    } catch (const docker::sdk::ExecNotStarted& e) {
      EXPECT_TRUE(e.exit_code() == 126 || e.exit_code() == 127) << binary << ": " << e.exit_code();
      EXPECT_NE(e.reason().find("exec failed"), std::string::npos) << e.reason();
      std::string message = e.what();
      EXPECT_NE(message.find(std::string(binary) + " arg\" in container " + c.id()), std::string::npos) << message;
    }
  }
  // The container is untouched: the next exec runs.
  EXPECT_EQ(c.exec({"echo", "still here"}).out, "still here\n");
}

TEST_F(SdkExec, AShellsOwnNotFoundIsAnOrdinaryExit) {
  // Started fine; the shell itself answers 127: a result, not ExecNotStarted.
  auto c = running_container();
  auto result = c.exec({"sh", "-c", "docker-cpp-no-such-binary"});
  EXPECT_EQ(result.exit_code, 127);
  EXPECT_NE(result.err.find("not found"), std::string::npos) << result.err;
}

TEST_F(SdkExec, AttachedMissingBinaryShowsAsExitCodeAndMessage) {
  auto c = running_container();
  auto session = c.exec_attached({"/docker-cpp-no-such-binary"});
  auto output = session.read_all();
  auto code = session.exit_code();
  EXPECT_TRUE(code == 126 || code == 127) << code;
  EXPECT_NE((output.out + output.err).find("exec failed"), std::string::npos) << output.out << output.err;
}

TEST_F(SdkExec, AttachedWithStdinEchoesAndExits) {
  auto c = running_container();
  auto session = c.exec_attached({"sh", "-c", "cat; exit 5"}, {.with_stdin = true});
  session.write("one\n");
  session.write("two\n");
  session.close_stdin();
  auto captured = session.read_all();
  EXPECT_EQ(captured.out, "one\ntwo\n");
  EXPECT_EQ(captured.err, "");
  EXPECT_EQ(session.exit_code(), 5);
}

TEST_F(SdkExec, InputIsItsStdinThenEof) {
  auto c = running_container();
  auto result = c.exec({"sh", "-c", "cat; echo end"}, {.input = "one\ntwo\n"});
  EXPECT_EQ(result.out, "one\ntwo\nend\n");
  EXPECT_EQ(result.exit_code, 0);
  // with_stdin and no input: an empty stdin, closed at once.
  auto empty = c.exec({"sh", "-c", "cat; echo end"}, {.with_stdin = true});
  EXPECT_EQ(empty.out, "end\n");
}

TEST_F(SdkExec, TtyOutputIsRawNotDemultiplexed) {
  auto c = running_container();
  auto session = c.exec_attached({"sh", "-c", "echo out; echo err >&2"}, {.tty = true});
  EXPECT_FALSE(session.output().multiplexed());
  auto captured = session.read_all();
  EXPECT_EQ(captured.out, "out\r\nerr\r\n");
  EXPECT_EQ(captured.err, "");
  EXPECT_EQ(session.exit_code(), 0);
}

TEST_F(SdkExec, ResizeReachesTheTerminal) {
  auto c = running_container();
  // The shell blocks on `read` until we have resized, then reports the size.
  auto session = c.exec_attached({"sh", "-c", "read line; stty size"}, {.tty = true, .with_stdin = true});
  session.resize(33, 111);
  session.write("go\n");
  auto out = session.read_all().out;
  EXPECT_NE(out.find("33 111"), std::string::npos) << out;
  EXPECT_EQ(session.exit_code(), 0);
}

TEST_F(SdkExec, DetachedRunsToItsExitCode) {
  SKIP_ON_PODMAN("exec inspect of a finished detached exec still says Running true, ExitCode 0");
  auto c = running_container();
  auto id = c.exec_detached({"sh", "-c", "exit 6"});
  docker::v1_55::ExecApi execs(docker().client());
  // The exec runs on its own; poll its state (bounded) until it has exited.
  docker::v1_55::ExecInspectResponse info;
  for (int i = 0; i < 500; ++i) {
    info = execs.exec_inspect({.id = id});
    if (!info.Running.value_or(true)) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(info.Running.value_or(true));
  EXPECT_EQ(info.ExitCode.value_or(-1), 6);
}

TEST_F(SdkExec, InAStoppedContainerIsConflict) {
  auto c = create_cmd({"true"});
  EXPECT_THROW(c.exec({"true"}), docker::Conflict);
}

TEST_F(SdkExec, ResizeOfAMissingExecIsNotFound) {
  docker::v1_55::ExecApi execs(docker().client());
  EXPECT_THROW(execs.exec_resize({.id = "docker-cpp-test-no-such-exec", .h = 10, .w = 10}), docker::NotFound);
}
