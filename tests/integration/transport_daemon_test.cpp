// The transports against dockerd itself: the same tests over its unix
// socket, plain TCP (tests/daemon/tcp_relay.py) and TLS with client
// certificates; and the optional cpprestsdk transport over tcp and tls
// (no hijack: its attach case checks Unsupported). Every instance is always registered (ctest discovers them
// at build time); one whose endpoint the environment lacks skips, saying why.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <thread>

#include "docker/errors.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/transport/transports.hpp"
#include "docker/v1_55.hpp"
#ifdef DOCKER_CPP_HAVE_CPPREST
#include "docker/transport/cpprest.hpp"
#endif
#include "integration/daemon_endpoints.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
namespace api = docker::v1_55;

Request make(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.options.with_timeout(30s);
  return r;
}

class DaemonTransport : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string& kind = GetParam();
    if (kind == "unix") {
      auto socket = daemon_socket();
      if (!socket)
        GTEST_SKIP() << "no unix socket: DOCKER_HOST is not unix:// and DOCKER_CPP_TEST_DAEMON_SOCKET is unset";
      doer_ = transport::make_unix_doer(*socket);
    } else if (kind == "tcp") {
      auto tcp = daemon_tcp();
      if (!tcp) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TCP");
      doer_ = transport::make_tcp_doer(tcp->host, tcp->port);
    } else if (kind == "tls") {
      auto tls = daemon_tls();
      if (!tls) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TLS");
      doer_ = transport::make_tls_doer(tls->host, tls->port, daemon_tls_options());
    } else if (kind == "cpprest_tcp" || kind == "cpprest_tls") {
#ifdef DOCKER_CPP_HAVE_CPPREST
      if (kind == "cpprest_tcp") {
        auto tcp = daemon_tcp();
        if (!tcp) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TCP");
        doer_ = transport::make_cpprest_doer(tcp->host, tcp->port);
      } else {
        auto tls = daemon_tls();
        if (!tls) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TLS");
        doer_ = transport::make_cpprest_doer(tls->host, tls->port, daemon_tls_options());
      }
#else
      GTEST_SKIP() << "cpprestsdk was not found at configure time";
#endif
    }
    ASSERT_TRUE(doer_) << "unknown transport " << kind;
    client_ = std::make_unique<Client>(doer_, api::api_version);
  }
  void TearDown() override {
    if (client_ && !id_.empty()) api::ContainerApi(*client_).container_delete({.id = id_, .force = true});
  }

  api::ContainerCreateParams busybox(std::vector<std::string> cmd) {
    api::ContainerCreateParams create;
    create.name = unique_name("transport-" + GetParam());
    create.body.Image = std::string(kBusybox);
    create.body.Cmd = std::move(cmd);
    create.body.Labels = std::map<std::string, std::string>{{std::string(kTestLabel), "transport"}};
    create.body.HostConfig.emplace().NetworkMode = "none";
    return create;
  }

  std::shared_ptr<Doer> doer_;
  std::unique_ptr<Client> client_;
  std::string id_;
};

TEST_P(DaemonTransport, PingVersionAndKeepAlive) {
  SKIP_ON_PODMAN("the 404 body says \"no such container\" (lower case) where dockerd says \"No such container\"");
  for (int i = 0; i < 10; ++i) {
    auto resp = doer_->do_request(make("GET", "/_ping"));
    EXPECT_EQ(resp.status, 200);
    EXPECT_TRUE(resp.headers.contains("Api-Version"));
    EXPECT_EQ(resp.read_body(), "OK");
  }
  auto version = api::SystemApi(*client_).system_version();
  EXPECT_EQ(version.ApiVersion.value_or(""), client_->api_version().str());
  auto missing = doer_->do_request(make("GET", "/v1.41/containers/docker-cpp-test-no-such/json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.read_body().find("No such container"), std::string::npos);
}

TEST_P(DaemonTransport, AttachEchoesStdinUntilHalfCloseThenWaitAndRemove) {
  auto create = busybox({"cat"});
  create.body.OpenStdin = true;
  create.body.StdinOnce = true;
  create.body.AttachStdin = true;
  create.body.AttachStdout = true;
  api::ContainerApi containers(*client_);
  id_ = containers.container_create(create).Id.value();
  if (GetParam().rfind("cpprest", 0) == 0) {
    EXPECT_THROW(containers.container_attach({.id = id_, .stream = true, .stdin_ = true}), Unsupported);
    return;  // cpprestsdk cannot hijack
  }
  auto attached =
      containers.container_attach({.id = id_, .stream = true, .stdin_ = true, .stdout_ = true, .stderr_ = true});
  ASSERT_TRUE(attached.stream);
  auto stream = std::shared_ptr<HijackedStream>(std::move(attached.stream));
  containers.container_start({.id = id_});
  stream->write(std::string_view("through the " + GetParam() + " hijack\n"));
  stream->close_write();  // cat sees EOF and exits, which ends the stream
  std::string out, err;
  OutputStream(stream, /*multiplexed=*/true).read_all(out, err);
  EXPECT_EQ(out, "through the " + GetParam() + " hijack\n");
  EXPECT_EQ(containers.container_wait({.id = id_}).StatusCode.value_or(-1), 0);
  containers.container_delete({.id = id_});
  EXPECT_THROW(containers.container_inspect({.id = id_}), NotFound);
  id_.clear();
}

TEST_P(DaemonTransport, FollowedLogsStreamUntilTheContainerExits) {
  api::ContainerApi containers(*client_);
  id_ = containers
            .container_create(busybox({"sh", "-c", "for i in 1 2 3; do echo line$i; sleep 0.2; done; echo done >&2"}))
            .Id.value();
  containers.container_start({.id = id_});
  auto logs = containers.container_logs({.id = id_, .follow = true, .stdout_ = true, .stderr_ = true});
  std::string out, err;
  logs.read_all(out, err);
  EXPECT_EQ(out, "line1\nline2\nline3\n");
  EXPECT_EQ(err, "done\n");
}

TEST_P(DaemonTransport, EventStreamOutlivesItsDeadlineAndStopsOnCancel) {
  CancellationSource source;
  Request events = make("GET", "/v1.41/events");
  events.streaming = true;
  events.options.with_timeout(200ms).with_cancel(source.token());
  auto resp = doer_->do_request(std::move(events));
  EXPECT_EQ(resp.status, 200);
  std::thread canceller([&] {
    std::this_thread::sleep_for(500ms);  // past the deadline: the stream must still be open
    source.cancel();
  });
  auto start = Clock::now();
  EXPECT_THROW(resp.read_body(), Cancelled);
  EXPECT_GE(Clock::now() - start, 400ms);
  canceller.join();
}

INSTANTIATE_TEST_SUITE_P(Daemon, DaemonTransport, ::testing::Values("unix", "tcp", "tls", "cpprest_tcp", "cpprest_tls"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace docker::testing
