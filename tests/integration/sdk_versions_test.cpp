// The same layer over the 1.41 bindings (the test daemon's own version, so
// no negotiation down): lifecycle, logs, attach and exec still work.
#include <gtest/gtest.h>

#include "sdk_test_fixture.hpp"

#if DOCKER_CPP_HAVE_API_V1_41
#include "docker/sdk/v1_41.hpp"
#include "docker/v1_41.hpp"

namespace {

class SdkOn141 : public sdk_test::SdkFixtureFor<docker::v1_41::Api> {};

}  // namespace

TEST_F(SdkOn141, LifecycleLogsAttachExec) {
  auto o = busybox({"sh", "-c", "cat; echo err >&2; exit 2"});
  o.open_stdin = true;
  o.stdin_once = true;
  auto c = create(o);
  auto attached = c.attach({.with_stdin = true});
  c.start();
  EXPECT_EQ(c.exec({"echo", "exec"}).out, "exec\n");
  attached.write("in\n");
  attached.close_stdin();
  auto captured = attached.read_all();
  EXPECT_EQ(captured.out, "in\n");
  EXPECT_EQ(captured.err, "err\n");
  EXPECT_EQ(c.wait().exit_code, 2);
  auto logs = c.logs().read_all();
  EXPECT_EQ(logs.out, "in\n");
  EXPECT_EQ(logs.err, "err\n");
  c.remove({.force = true});
  EXPECT_THROW(c.inspect(), docker::NotFound);
}

TEST_F(SdkOn141, TtyLogsAreRawFromTheContainerSetting) {
  auto o = busybox({"sh", "-c", "echo out; echo err >&2"});
  o.tty = true;
  auto c = create(o);
  auto pending = c.begin_wait(docker::sdk::WaitCondition::next_exit);
  c.start();
  EXPECT_EQ(pending.result().exit_code, 0);
  auto logs = c.logs();
  EXPECT_FALSE(logs.multiplexed());
  EXPECT_EQ(logs.read_all().out, "out\r\nerr\r\n");
}
#endif
