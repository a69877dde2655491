// The hooks decorator: what observers see of buffered, streamed, failed and
// hijacked calls, redaction of secrets, and plugging it in through connect().
#include "docker/hooks.hpp"

#include <gtest/gtest.h>

#include <mutex>

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#include "docker/transport/transports.hpp"
#include "support/fake_doer.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {
namespace {

/// Records every callback as "<event> <status>" plus the CallInfo.
struct Recorder {
  std::mutex mutex;
  std::vector<std::pair<std::string, CallInfo>> events;

  CallHooks hooks() {
    auto add = [this](std::string name) {
      return [this, name](const CallInfo& info) {
        std::lock_guard lock(mutex);
        events.emplace_back(name, info);
      };
    };
    return {add("request"), add("head"), add("end")};
  }
  std::vector<std::string> names() {
    std::lock_guard lock(mutex);
    std::vector<std::string> out;
    for (auto& [name, info] : events) out.push_back(name);
    return out;
  }
  CallInfo last() {
    std::lock_guard lock(mutex);
    return events.back().second;
  }
};

Request post(std::string target, std::string body) {
  Request req;
  req.method = "POST";
  req.target = std::move(target);
  req.body = std::move(body);
  return req;
}

TEST(Hooks, BufferedCallReportsStatusTimingsAndBytes) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(201, R"({"Id":"abc"})", {{"Content-Type", "application/json"}});
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  auto resp = doer->do_request(post("/v1.41/containers/create?name=x", R"({"Image":"busybox"})"));
  EXPECT_EQ(rec.names(), (std::vector<std::string>{"request", "head"}));
  EXPECT_EQ(resp.read_body(), R"({"Id":"abc"})");
  ASSERT_EQ(rec.names(), (std::vector<std::string>{"request", "head", "end"}));
  CallInfo end = rec.last();
  EXPECT_EQ(end.method, "POST");
  EXPECT_EQ(end.target, "/v1.41/containers/create?name=x");
  EXPECT_EQ(end.status, 201);
  EXPECT_EQ(end.response_headers.get("content-type"), "application/json");
  EXPECT_TRUE(end.completed);
  EXPECT_FALSE(end.error);
  EXPECT_EQ(end.bytes_sent, 19u);
  EXPECT_EQ(end.bytes_received, 12u);
  EXPECT_LE(end.to_head, end.to_end);
  EXPECT_EQ(rec.events[0].second.status, 0);  // before sending
}

TEST(Hooks, SecretHeadersAreRedactedForObserversOnly) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "ok", {{"Set-Cookie", "session=1"}, {"Api-Version", "1.41"}});
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()}, HookOptions{.redact_headers = {"X-Proxy-Token"}});
  Request req = post("/images/create?fromImage=busybox", "");
  req.headers.add("X-Registry-Auth", "eyJwYXNzd29yZCI6InMzY3JldCJ9");
  req.headers.add("authorization", "Bearer s3cret");
  req.headers.add("x-proxy-token", "t0ken");
  req.headers.add("User-Agent", "docker-cpp/0.1");
  doer->do_request(std::move(req)).read_body();
  CallInfo info = rec.last();
  EXPECT_EQ(info.request_headers.get("X-Registry-Auth"), "<redacted>");
  EXPECT_EQ(info.request_headers.get("Authorization"), "<redacted>");
  EXPECT_EQ(info.request_headers.get("X-Proxy-Token"), "<redacted>");
  EXPECT_EQ(info.request_headers.get("User-Agent"), "docker-cpp/0.1");
  EXPECT_EQ(info.response_headers.get("Set-Cookie"), "<redacted>");
  EXPECT_EQ(info.response_headers.get("Api-Version"), "1.41");
  // The transport still gets the real values.
  EXPECT_EQ(fake->last().headers.get("X-Registry-Auth"), "eyJwYXNzd29yZCI6InMzY3JldCJ9");
  EXPECT_EQ(fake->last().headers.get("authorization"), "Bearer s3cret");
}

TEST(Hooks, StreamedUploadAndBodyEndWhenTheCallerReachesTheEnd) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, std::string(5000, 'l'));
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  Request req;
  req.method = "POST";
  req.target = "/build";
  req.streaming = true;
  req.body = StreamBody{std::make_shared<StringReader>(std::string(70000, 't')), std::nullopt};
  auto resp = doer->do_request(std::move(req));
  char buf[1000];
  for (int i = 0; i < 5; ++i) ASSERT_EQ(resp.body->read_some(buf), 1000u);
  EXPECT_EQ(rec.names().size(), 2u) << "ended before the body's end";
  EXPECT_EQ(resp.body->read_some(buf), 0u);
  CallInfo end = rec.last();
  EXPECT_EQ(rec.names().back(), "end");
  EXPECT_TRUE(end.streaming);
  EXPECT_TRUE(end.completed);
  EXPECT_EQ(end.bytes_sent, 70000u);
  EXPECT_EQ(end.bytes_received, 5000u);
  resp.body.reset();
  EXPECT_EQ(rec.names().size(), 3u) << "on_end runs once";
}

TEST(Hooks, DroppedBodyEndsIncomplete) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "unread");
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  { auto resp = doer->do_request(post("/x", "")); }
  ASSERT_EQ(rec.names().back(), "end");
  EXPECT_FALSE(rec.last().completed);
  EXPECT_EQ(rec.last().bytes_received, 0u);
}

TEST(Hooks, FailureBeforeTheHeadIsReportedAndStillThrown) {
  auto fake = std::make_shared<FakeDoer>();
  fake->on_request = [](const Request&) { throw Timeout("deadline passed", "GET", "/events"); };
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  Request req;
  req.target = "/events";
  EXPECT_THROW(doer->do_request(std::move(req)), Timeout);
  ASSERT_EQ(rec.names(), (std::vector<std::string>{"request", "head", "end"}));
  CallInfo end = rec.last();
  EXPECT_EQ(end.status, 0);
  ASSERT_TRUE(end.error);
  EXPECT_NE(end.error->find("deadline passed"), std::string::npos) << *end.error;
  EXPECT_FALSE(end.completed);
}

TEST(Hooks, HijackCountsBothDirectionsAndEndsOnClose) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(101, "output!", {{"Upgrade", "tcp"}});
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  auto out = doer->do_raw(post("/containers/x/attach?stream=1", ""));
  ASSERT_TRUE(out.stream);
  EXPECT_EQ(out.response.status, 101);
  out.stream->write(std::string_view("stdin"));
  out.stream->close_write();
  EXPECT_EQ(out.stream->read_all(), "output!");
  EXPECT_EQ(rec.names().back(), "head") << "a hijack ends when the stream closes";
  out.stream->close();
  ASSERT_EQ(rec.names().back(), "end");
  CallInfo end = rec.last();
  EXPECT_TRUE(end.hijack);
  EXPECT_EQ(end.status, 101);
  EXPECT_EQ(end.bytes_sent, 5u);
  EXPECT_EQ(end.bytes_received, 7u);
  out.stream.reset();
  EXPECT_EQ(rec.names().size(), 3u);
}

TEST(Hooks, RefusedHijackEndsWithItsErrorBody) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(409, R"({"message":"not running"})");
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  auto out = doer->do_raw(post("/containers/x/attach", ""));
  EXPECT_FALSE(out.stream);
  EXPECT_EQ(out.response.read_body(), R"({"message":"not running"})");
  EXPECT_EQ(rec.last().status, 409);
  EXPECT_TRUE(rec.last().completed);
}

TEST(Hooks, ThrowingObserverDoesNotBreakTheCallOrOtherObservers) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "fine");
  Recorder rec;
  CallHooks throwing;
  throwing.on_head = [](const CallInfo&) { throw std::runtime_error("observer bug"); };
  auto doer = with_hooks(fake, {throwing, rec.hooks()});
  EXPECT_EQ(doer->do_request(post("/x", "")).read_body(), "fine");
  EXPECT_EQ(rec.names(), (std::vector<std::string>{"request", "head", "end"}));
}

TEST(Hooks, NullDoerIsAConfigError) { EXPECT_THROW(with_hooks(nullptr, {}), ConfigError); }

// Over a real transport: a hijacked stream with half-close, counted both ways.
TEST(Hooks, WrapRealTransportHijack) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    auto req = c.read_request();
    if (!req) return;
    c.send("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
    std::string input;
    c.read_until_eof(input, std::chrono::seconds(5));
    c.send("echo:" + input);
    c.close();
  });
  Recorder rec;
  auto doer = with_hooks(transport::make_unix_doer(server.socket_path()), {rec.hooks()});
  Request req = post("/containers/x/attach?stream=1&stdin=1", "");
  req.headers.add("Connection", "Upgrade");
  req.headers.add("Upgrade", "tcp");
  auto out = doer->do_raw(std::move(req));
  ASSERT_TRUE(out.stream);
  out.stream->write(std::string_view("abc"));
  out.stream->close_write();
  EXPECT_EQ(out.stream->read_all(), "echo:abc");
  out.stream.reset();
  ASSERT_EQ(rec.names().back(), "end");
  EXPECT_EQ(rec.last().status, 101);
  EXPECT_TRUE(rec.last().completed);
  EXPECT_EQ(rec.last().bytes_sent, 3u);
  EXPECT_EQ(rec.last().bytes_received, 8u);
  server.stop();
}

// OutputStream reads frame headers straight from a reader whose small reads
// are cheap; the hooks' wrapper must not hide that a transport's body is one.
TEST(Hooks, WrappedBodyKeepsCheapSmallReads) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    while (auto req = c.read_request()) c.respond(200, "logs");
  });
  auto real = with_hooks(transport::make_unix_doer(server.socket_path()), {});
  auto resp = real->do_request(post("/containers/x/logs", ""));
  EXPECT_TRUE(resp.body->small_reads_are_cheap());
  EXPECT_EQ(resp.read_body(), "logs");
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "plain");
  auto plain = with_hooks(fake, {})->do_request(post("/x", ""));
  EXPECT_FALSE(plain.body->small_reads_are_cheap());
  server.stop();
}

// add_headers: what a hook adds reaches the server, for a buffered, a
// streamed and a hijacked call, and observers see it (secrets redacted).
TEST(Hooks, AddedHeadersAreSentForBufferedStreamedAndHijackedCalls) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    while (auto req = c.read_request()) {
      std::string seen =
          req->header("traceparent").value_or("(none)") + " " + req->header("X-Tenant-Token").value_or("(none)");
      if (req->target.find("/attach") == std::string::npos) {
        c.respond(200, seen);
        continue;
      }
      c.send("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n" + seen);
      c.close();
      return;
    }
  });
  Recorder rec;
  int calls = 0;
  CallHooks tracing;
  tracing.add_headers = [&calls](const CallInfo& call, Headers& headers) {
    EXPECT_EQ(call.status, 0);
    EXPECT_FALSE(call.request_headers.contains("traceparent"));
    headers.set("traceparent", "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b" + std::to_string(++calls) + "-01");
    headers.set("X-Tenant-Token", "s3cret");
  };
  auto doer = with_hooks(transport::make_unix_doer(server.socket_path()), {tracing, rec.hooks()},
                         HookOptions{.redact_headers = {"X-Tenant-Token"}});
  const std::string trace = "00-0af7651916cd43dd8448eb211c80319c-00f067aa0ba902b";

  EXPECT_EQ(doer->do_request(post("/containers/json", "")).read_body(), trace + "1-01 s3cret");
  CallInfo buffered = rec.last();
  EXPECT_EQ(buffered.request_headers.get("traceparent"), trace + "1-01");
  EXPECT_EQ(buffered.request_headers.get("X-Tenant-Token"), "<redacted>");
  EXPECT_EQ(rec.events[0].first, "request");
  EXPECT_EQ(rec.events[0].second.request_headers.get("traceparent"), trace + "1-01") << "in on_request already";

  Request streamed = post("/containers/x/logs?follow=1", "");
  streamed.streaming = true;
  streamed.body = StreamBody::from_string("upload");
  EXPECT_EQ(doer->do_request(std::move(streamed)).read_body(), trace + "2-01 s3cret");
  EXPECT_TRUE(rec.last().streaming);
  EXPECT_EQ(rec.last().request_headers.get("traceparent"), trace + "2-01");

  Request attach = post("/containers/x/attach?stream=1", "");
  attach.headers.add("Connection", "Upgrade");
  attach.headers.add("Upgrade", "tcp");
  auto out = doer->do_raw(std::move(attach));
  ASSERT_TRUE(out.stream);
  EXPECT_EQ(out.stream->read_all(), trace + "3-01 s3cret");
  out.stream.reset();
  EXPECT_TRUE(rec.last().hijack);
  EXPECT_EQ(rec.last().request_headers.get("traceparent"), trace + "3-01");
  server.stop();
}

TEST(Hooks, ThrowingAddHeadersStillSendsTheCall) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "fine");
  CallHooks broken;
  broken.add_headers = [](const CallInfo&, Headers& headers) {
    headers.add("X-Before", "1");
    throw std::runtime_error("hook bug");
  };
  auto doer = with_hooks(fake, {broken});
  EXPECT_EQ(doer->do_request(post("/x", "")).read_body(), "fine");
  EXPECT_EQ(fake->last().headers.get("X-Before"), "1");
}

/// What the caller would get from `info.exception`, as text.
std::string message_of(const CallInfo& info) {
  try {
    std::rethrow_exception(info.exception);
  } catch (const Error& e) {
    return std::to_string(e.status()) + " " + e.message() + " [" + e.method() + " " + e.path() + "]";
  }
}

// A daemon's error status reaches on_end as the typed error the caller gets.
TEST(Hooks, ErrorStatusIsSeenAsTheTypedError) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(404, R"({"message":"No such container: ghost"})", {{"Content-Type", "application/json"}});
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  Request req;
  req.target = "/v1.41/containers/ghost/json?size=1";
  auto resp = doer->do_request(std::move(req));
  EXPECT_FALSE(rec.last().exception) << "known at on_end, once the body is read";
  EXPECT_EQ(resp.read_body(), R"({"message":"No such container: ghost"})");
  ASSERT_EQ(rec.names().back(), "end");
  CallInfo end = rec.last();
  ASSERT_TRUE(end.exception);
  EXPECT_TRUE(end.failed_with<NotFound>());
  EXPECT_TRUE(end.failed_with<ApiError>());
  EXPECT_TRUE(end.failed_with<Error>());
  EXPECT_FALSE(end.failed_with<Conflict>());
  EXPECT_FALSE(end.failed_with<Timeout>());
  EXPECT_EQ(message_of(end), "404 No such container: ghost [GET /v1.41/containers/ghost/json]");
  EXPECT_FALSE(end.error) << "error stays the text of transport failures";
  EXPECT_EQ(end.status, 404);
}

// The same typing as the caller's: Podman's 500 with a cause, an empty body.
TEST(Hooks, ErrorStatusTypingMatchesTheClients) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(500, R"({"cause":"that name is already in use","message":"name x in use","response":500})");
  fake->push(409, "");
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  doer->do_request(post("/containers/create?name=x", "{}")).read_body();
  EXPECT_TRUE(rec.last().failed_with<Conflict>()) << message_of(rec.last());
  { auto dropped = doer->do_raw(post("/containers/x/attach", "")); }
  EXPECT_TRUE(rec.last().failed_with<Conflict>());
  EXPECT_NE(message_of(rec.last()).find("409"), std::string::npos) << message_of(rec.last());
}

// Only the start of a long error body is kept; the caller still reads it all.
TEST(Hooks, LongErrorBodyIsKeptBounded) {
  auto fake = std::make_shared<FakeDoer>();
  std::string body = "{\"message\":\"" + std::string(3 * kMaxKeptErrorBody, 'm') + "\"}";
  fake->push(400, body);
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  EXPECT_EQ(doer->do_request(post("/x", "")).read_body().size(), body.size());
  EXPECT_TRUE(rec.last().failed_with<InvalidArgument>());
  EXPECT_LE(message_of(rec.last()).size(), 600u);  // the error's own cap on a non-JSON text
}

TEST(Hooks, TransportFailureIsSeenAsTheTypedError) {
  auto fake = std::make_shared<FakeDoer>();
  fake->on_request = [](const Request&) { throw Timeout("deadline passed", "GET", "/events"); };
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  Request req;
  req.target = "/events";
  EXPECT_THROW(doer->do_request(std::move(req)), Timeout);
  for (auto& [name, info] : rec.events) {
    if (name == "request") continue;
    EXPECT_TRUE(info.failed_with<Timeout>()) << name;
    EXPECT_FALSE(info.failed_with<Cancelled>()) << name;
  }
}

TEST(Hooks, SuccessHasNoException) {
  auto fake = std::make_shared<FakeDoer>();
  fake->push(200, "fine");
  fake->push(101, "stream", {{"Upgrade", "tcp"}});
  Recorder rec;
  auto doer = with_hooks(fake, {rec.hooks()});
  doer->do_request(post("/x", "")).read_body();
  EXPECT_FALSE(rec.last().exception);
  EXPECT_FALSE(rec.last().failed_with<Error>());
  doer->do_raw(post("/containers/x/attach", "")).stream->close();
  EXPECT_FALSE(rec.last().exception);
}

// A failure while reading the body (here: the deadline, over a real
// transport) is the exception the caller's read threw.
TEST(Hooks, FailureWhileReadingTheBodyIsTyped) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    if (!c.read_request()) return;
    c.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    c.hang();
  });
  Recorder rec;
  auto doer = with_hooks(transport::make_unix_doer(server.socket_path()), {rec.hooks()});
  Request req;
  req.target = "/containers/json";
  req.options = CallOptions::timeout(std::chrono::milliseconds(200));
  auto resp = doer->do_request(std::move(req));
  EXPECT_THROW(resp.read_body(), Timeout);
  ASSERT_EQ(rec.names().back(), "end");
  EXPECT_TRUE(rec.last().failed_with<Timeout>());
  EXPECT_TRUE(rec.last().error);
  server.stop();
}

// connect(): ConnectOptions::hooks wraps the transport, ClientOptions'
// user agent reaches the daemon.
TEST(Hooks, ConnectPlugsHooksAndSendsTheUserAgent) {
  LoopbackServer server(PeerKind::unix_socket, [](PeerConnection& c) {
    while (auto req = c.read_request()) c.respond(200, req->header("User-Agent").value_or("(none)"));
  });
  Recorder rec;
  ConnectOptions options;
  options.host = "unix://" + server.socket_path();
  options.env = config::fixed_environment({});
  options.client.pinned_version = ApiVersion{1, 41};
  options.client.user_agent = "my-tool/2.0";
  options.hooks = {rec.hooks()};
  auto client = connect(ApiVersion{1, 55}, options);
  Request req;
  req.target = "/info";
  EXPECT_EQ(client->call(std::move(req)).body, "my-tool/2.0");
  ASSERT_EQ(rec.names().back(), "end");
  EXPECT_EQ(rec.last().target, "/v1.41/info");
  EXPECT_EQ(rec.last().request_headers.get("User-Agent"), "my-tool/2.0");
  EXPECT_EQ(rec.last().status, 200);
  server.stop();
}

}  // namespace
}  // namespace docker::testing
