#include "docker/client.hpp"

#include <gtest/gtest.h>

#include "support/fake_doer.hpp"

namespace docker {
namespace {

using testing::FakeDoer;

std::shared_ptr<FakeDoer> doer_with_ping(std::string daemon_version) {
  auto d = std::make_shared<FakeDoer>();
  d->push(200, "OK", {{"Api-Version", daemon_version}});
  return d;
}

TEST(ApiVersionParse, AcceptsAndRejects) {
  EXPECT_EQ(ApiVersion::parse("1.41"), (ApiVersion{1, 41}));
  EXPECT_EQ(ApiVersion::parse("v1.5"), (ApiVersion{1, 5}));
  EXPECT_LT(ApiVersion::parse("1.9"), ApiVersion::parse("1.10"));
  EXPECT_EQ(ApiVersion::parse("1.41").str(), "1.41");
  for (auto bad : {"", "1", "1.", ".4", "1.x", "a.b", "1.4.1", "-1.2"})
    EXPECT_THROW(ApiVersion::parse(bad), VersionError) << bad;
}

TEST(Negotiation, LowersToDaemonVersion) {
  auto d = doer_with_ping("1.41");
  d->push(200, "{}");
  Client c(d, {1, 55});
  auto r = c.call(Request{"GET", "/info"});
  EXPECT_EQ(r.body, "{}");
  auto reqs = d->requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].target, "/_ping");
  EXPECT_EQ(reqs[1].target, "/v1.41/info");
  EXPECT_EQ(c.api_version(), (ApiVersion{1, 41}));
}

TEST(Negotiation, HappensOnce) {
  auto d = doer_with_ping("1.41");
  d->push(200, "{}");
  d->push(200, "{}");
  Client c(d, {1, 41});
  c.call(Request{"GET", "/info"});
  c.call(Request{"GET", "/version"});
  EXPECT_EQ(d->requests().size(), 3u);
}

TEST(Negotiation, KeepsBindingsVersionWhenDaemonIsNewer) {
  auto d = doer_with_ping("1.47");
  d->push(200, R"({"ApiVersion":"1.47","MinAPIVersion":"1.24"})");
  d->push(200, "{}");
  Client c(d, {1, 41});
  c.call(Request{"GET", "/info"});
  EXPECT_EQ(d->last().target, "/v1.41/info");
}

TEST(Negotiation, DaemonMinimumAboveBindingsIsVersionError) {
  auto d = doer_with_ping("1.52");
  d->push(200, R"({"ApiVersion":"1.52","MinAPIVersion":"1.44"})");
  Client c(d, {1, 41});
  try {
    c.call(Request{"GET", "/info"});
    FAIL();
  } catch (const VersionError& e) {
    EXPECT_NE(std::string(e.what()).find("at least 1.44"), std::string::npos) << e.what();
  }
}

TEST(Negotiation, MissingHeaderFallsBackTo124) {
  auto d = std::make_shared<FakeDoer>();
  d->push(200, "OK");
  Client c(d, {1, 41});
  EXPECT_EQ(c.api_version(), (ApiVersion{1, 24}));
}

TEST(Negotiation, PinnedVersionSkipsPing) {
  auto d = std::make_shared<FakeDoer>();
  d->push(200, "{}");
  Client c(d, {1, 55}, ClientOptions{ApiVersion{1, 43}});
  c.call(Request{"GET", "/info"});
  ASSERT_EQ(d->requests().size(), 1u);
  EXPECT_EQ(d->last().target, "/v1.43/info");
}

TEST(Negotiation, FailedPingIsRetriedOnNextCall) {
  auto d = std::make_shared<FakeDoer>();
  d->push(500, R"({"message":"starting"})");
  d->push(200, "OK", {{"Api-Version", "1.41"}});
  Client c(d, {1, 41});
  EXPECT_THROW(c.api_version(), Internal);
  EXPECT_EQ(c.api_version(), (ApiVersion{1, 41}));
}

TEST(RequireVersion, NamesWhatAndVersions) {
  auto d = doer_with_ping("1.40");
  Client c(d, {1, 41});
  try {
    c.require_version({1, 41}, "`platform`");
    FAIL();
  } catch (const VersionError& e) {
    EXPECT_STREQ(e.what(), "version error: `platform` needs API >= 1.41; the daemon speaks 1.40");
  }
  EXPECT_NO_THROW(c.require_version({1, 40}, "x"));
}

TEST(Call, StatusErrorsAreTypedWithPath) {
  auto d = doer_with_ping("1.41");
  d->push(404, R"({"message":"No such container: nope"})");
  Client c(d, {1, 41});
  try {
    c.call(Request{"GET", "/containers/nope/json?size=1"});
    FAIL();
  } catch (const NotFound& e) {
    EXPECT_EQ(e.path(), "/v1.41/containers/nope/json");
    EXPECT_EQ(e.message(), "No such container: nope");
  }
}

TEST(Call, SetsUserAgentAndBufferedMode) {
  auto d = doer_with_ping("1.41");
  d->push(204);
  Client c(d, {1, 41});
  c.call(Request{"POST", "/containers/x/start"});
  EXPECT_EQ(d->last().headers.get("User-Agent"), "docker-cpp/0.1");
  EXPECT_FALSE(d->last().streaming);
}

TEST(Call, RejectsRelativeTarget) {
  auto d = std::make_shared<FakeDoer>();
  Client c(d, {1, 41}, ClientOptions{ApiVersion{1, 41}});
  EXPECT_THROW(c.call(Request{"GET", "info"}), ConfigError);
}

TEST(Stream, ErrorStatusThrowsAndSuccessLeavesBodyUnread) {
  auto d = doer_with_ping("1.41");
  d->push(409, R"({"message":"busy"})");
  d->push(200, "chunk");
  Client c(d, {1, 41});
  EXPECT_THROW(c.stream(Request{"GET", "/events"}), Conflict);
  auto r = c.stream(Request{"GET", "/events"});
  EXPECT_TRUE(d->last().streaming);
  EXPECT_EQ(r.read_body(), "chunk");
}

TEST(Hijack, AddsUpgradeHeadersAndMapsErrors) {
  auto d = doer_with_ping("1.41");
  d->push(404, R"({"message":"No such container: gone"})");
  d->push(101, "out", {{"Content-Type", "application/vnd.docker.raw-stream"}});
  d->push(200, "not upgraded");
  Client c(d, {1, 41});
  EXPECT_THROW(c.hijack(Request{"POST", "/containers/gone/attach?stream=1"}), NotFound);
  auto h = c.hijack(Request{"POST", "/containers/x/attach?stream=1"});
  EXPECT_EQ(d->last().headers.get("Upgrade"), "tcp");
  EXPECT_EQ(d->last().headers.get("Connection"), "Upgrade");
  ASSERT_TRUE(h.stream);
  EXPECT_EQ(h.stream->read_all(), "out");
  EXPECT_THROW(c.hijack(Request{"POST", "/containers/x/attach"}), ProtocolError);
}

TEST(ClientCtor, NullDoerIsConfigError) { EXPECT_THROW(Client(nullptr, {1, 41}), ConfigError); }

}  // namespace
}  // namespace docker
