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
