#include "docker/errors.hpp"

#include <gtest/gtest.h>

namespace docker {
namespace {

template <class E>
void expect_maps_to(int status) {
  try {
    throw_status_error(status, R"({"message":"boom"})", "POST", "/v1.41/containers/x/start");
    FAIL() << "no exception for " << status;
  } catch (const E& e) {
    EXPECT_EQ(e.status(), status);
    EXPECT_EQ(e.message(), "boom");
    EXPECT_EQ(e.method(), "POST");
    EXPECT_EQ(e.path(), "/v1.41/containers/x/start");
  } catch (const std::exception& e) {
    FAIL() << status << " mapped to the wrong type: " << e.what();
  }
}

TEST(ErrorMapping, EachStatusHasItsType) {
  expect_maps_to<NotModified>(304);
  expect_maps_to<InvalidArgument>(400);
  expect_maps_to<Unauthorized>(401);
  expect_maps_to<Forbidden>(403);
  expect_maps_to<NotFound>(404);
  expect_maps_to<Conflict>(409);
  expect_maps_to<Internal>(500);
  expect_maps_to<NotImplemented>(501);
  expect_maps_to<Internal>(502);
  expect_maps_to<Unavailable>(503);
}

TEST(ErrorMapping, UnmappedClientErrorIsPlainApiError) {
  try {
    throw_status_error(413, "too big", "POST", "/build");
  } catch (const NotFound&) {
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 413);
    EXPECT_EQ(e.message(), "too big");
  }
}

TEST(ErrorMapping, WhatNamesCallStatusAndMessage) {
  try {
    throw_status_error(404, R"({"message":"No such container: x"})", "GET", "/v1.41/containers/x/json");
  } catch (const Error& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("not found"), std::string::npos) << what;
    EXPECT_NE(what.find("GET /v1.41/containers/x/json"), std::string::npos) << what;
    EXPECT_NE(what.find("404"), std::string::npos) << what;
    EXPECT_NE(what.find("No such container: x"), std::string::npos) << what;
  }
}

// Podman's 500 answers with a `cause` (bodies as Podman 4.3 sent them).
template <class Expected>
void expect_podman_500(std::string_view cause, std::string_view message) {
  std::string body =
      R"({"cause":")" + std::string(cause) + R"(","message":")" + std::string(message) + R"(","response":500})";
  try {
    throw_status_error(500, body, "POST", "/v1.41/containers/c/kill");
    FAIL() << "no throw";
  } catch (const Expected& e) {
    EXPECT_EQ(e.status(), 500);  // what the server said stays visible
    EXPECT_EQ(e.message(), message);
  } catch (const Error& e) {
    FAIL() << "wrong type for cause '" << cause << "': " << e.what();
  }
}

TEST(ErrorMapping, PodmanCausesOf500AreTyped) {
  expect_podman_500<Conflict>("container state improper",
                              "can only kill running containers. 5e05 is in state created: container state improper");
  expect_podman_500<Conflict>("that name is already in use", "the container name pc1 is already in use");
  expect_podman_500<InvalidArgument>("invalid signal: SIGNOTASIGNAL", "invalid signal: SIGNOTASIGNAL");
  expect_podman_500<InvalidArgument>("no command or entrypoint provided, and no CMD or ENTRYPOINT from image",
                                     "container create: no command or entrypoint provided");
  // An unknown cause, or a cause with another status, keeps the status' type.
  expect_podman_500<Internal>("something else", "boom");
  EXPECT_THROW(throw_status_error(404, R"({"cause":"container state improper","message":"m"})", "GET", "/x"), NotFound);
}

TEST(DaemonMessage, JsonTextAndGarbage) {
  EXPECT_EQ(daemon_message(R"({"message":"m"})"), "m");
  EXPECT_EQ(daemon_message("  plain text\n"), "plain text");
  EXPECT_EQ(daemon_message(R"({"message":)"), R"({"message":)");
  EXPECT_EQ(daemon_message(R"({"other":1})"), R"({"other":1})");
  EXPECT_EQ(daemon_message(std::string(5000, 'x')).size(), 512u);
}

TEST(LocalErrors, CarryNoStatus) {
  Timeout t("deadline passed", "GET", "/x");
  EXPECT_EQ(t.status(), 0);
  EXPECT_STREQ(t.what(), "timeout (GET /x): deadline passed");
  const Error& base = t;
  EXPECT_EQ(base.message(), "deadline passed");
}

}  // namespace
}  // namespace docker
