// The runtime core against the real daemon: ping, negotiation, typed errors
// from real calls, and the hello example as a whole program.

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "docker/connect.hpp"
#include "integration/run_program.hpp"
#include "server_differences.hpp"
#include "support/test_env.hpp"

namespace docker {
namespace {

using testing::client_from_env;

TEST(Daemon, PingAnswersOkWithApiVersion) {
  auto c = client_from_env();
  auto pong = c->ping(CallOptions::timeout(std::chrono::seconds(10)));
  EXPECT_EQ(pong.status, 200);
  EXPECT_EQ(pong.body, "OK");
  ASSERT_TRUE(pong.headers.get("Api-Version"));
}

TEST(Daemon, NegotiatesDownToTheDaemonsVersion) {
  auto c = client_from_env({1, 55});
  auto daemon = ApiVersion::parse(*c->ping().headers.get("Api-Version"));
  EXPECT_EQ(c->api_version(), std::min(daemon, ApiVersion{1, 55}));
  auto v = nlohmann::json::parse(c->call(Request{"GET", "/version"}).body);
  EXPECT_EQ(v["ApiVersion"], daemon.str());
}

TEST(Daemon, NotFoundFromARealCall) {
  SKIP_ON_PODMAN("404 with \"no such container\" (lower case) where dockerd says \"No such container\"");
  auto c = client_from_env();
  try {
    c->call(Request{"GET", "/containers/docker-cpp-test-no-such-container/json"});
    FAIL();
  } catch (const NotFound& e) {
    EXPECT_EQ(e.status(), 404);
    EXPECT_NE(e.message().find("No such container"), std::string::npos) << e.message();
    EXPECT_EQ(e.method(), "GET");
  }
}

TEST(Daemon, ConflictAndInvalidArgumentFromRealCalls) {
  auto c = client_from_env();
  std::string name = testing::unique_name("conflict");
  nlohmann::json body = {
      {"Image", testing::kBusybox}, {"Cmd", {"true"}}, {"Labels", {{std::string(testing::kTestLabel), "1"}}}};
  Request create{"POST", "/containers/create?name=" + name};
  create.headers.set("Content-Type", "application/json");
  create.body = body.dump();
  c->call(create);
  Request again{"POST", "/containers/create?name=" + name};
  again.headers.set("Content-Type", "application/json");
  again.body = body.dump();
  EXPECT_THROW(c->call(std::move(again)), Conflict);
  EXPECT_THROW(c->call(Request{"POST", "/containers/" + name + "/kill?signal=NOPE"}), ApiError);
  Request bad{"POST", "/containers/create"};
  bad.headers.set("Content-Type", "application/json");
  bad.body = R"({"Image":"busybox:latest","HostConfig":{"RestartPolicy":{"Name":"bogus"}}})";
  EXPECT_THROW(c->call(std::move(bad)), InvalidArgument);
  // Malformed JSON: 20.10 answers 500, newer daemons 400; either way a typed status error.
  Request garbage{"POST", "/containers/create"};
  garbage.headers.set("Content-Type", "application/json");
  garbage.body = "{not json";
  EXPECT_THROW(c->call(std::move(garbage)), ApiError);
  c->call(Request{"DELETE", "/containers/" + name + "?force=1"});
}

TEST(Daemon, DeadlineOnAFollowStreamDoesNotCutIt) {
  auto c = client_from_env();
  CallOptions opts = CallOptions::timeout(std::chrono::milliseconds(300));
  CancellationSource cancel;
  opts.cancel = cancel.token();
  Request events{"GET", "/events"};
  events.options = opts;
  auto resp = c->stream(std::move(events));
  EXPECT_EQ(resp.status, 200);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(800));  // well past the deadline
    cancel.cancel();
  });
  char buf[256];
  EXPECT_THROW(resp.body->read_some(buf), Cancelled);  // not Timeout: the stream outlived it
  stopper.join();
}

TEST(Example, HelloPrintsHello) {
  const char* host = std::getenv("DOCKER_HOST");
  auto hello = testing::run_program(DOCKER_CPP_EXAMPLE_HELLO, {{"DOCKER_HOST", host ? host : ""}});
  EXPECT_EQ(hello.exit_code, 0) << hello.output;
  EXPECT_EQ(hello.output, "hello\n");
}

}  // namespace
}  // namespace docker
