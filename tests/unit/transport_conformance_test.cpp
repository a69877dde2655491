// One suite for every transport: the same behaviour over unix, tcp and tls
// (and whatever else instantiates TransportConformance).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "docker/errors.hpp"
#include "support/loopback_conformance.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

Request get(std::string target) {
  Request req;
  req.method = "GET";
  req.target = std::move(target);
  return req;
}

TEST_P(TransportConformance, RequestAndResponse) {
  serve([](PeerConnection& c) {
    while (auto req = c.read_request()) {
      std::string echo =
          req->method + " " + req->target + " host=" + req->header("Host").value_or("-") + " body=" + req->body;
      c.respond(200, echo, "Content-Type: text/plain\r\n");
    }
  });
  Request req;
  req.method = "POST";
  req.target = "/v1.41/containers/create?name=x";
  req.headers.add("Content-Type", "application/json");
  req.body = std::string("{\"Image\":\"busybox\"}");
  auto resp = doer().do_request(std::move(req));
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.headers.get("content-type"), "text/plain");
  std::string body = resp.read_body();
  EXPECT_NE(body.find("POST /v1.41/containers/create?name=x"), std::string::npos) << body;
  EXPECT_NE(body.find("body={\"Image\":\"busybox\"}"), std::string::npos) << body;
  // Kept alive: a second call rides the same connection.
  EXPECT_EQ(doer().do_request(get("/_ping")).read_body().substr(0, 10), "GET /_ping");
  EXPECT_EQ(server().accepts(), 1);
}

TEST_P(TransportConformance, ChunkedResponseAndChunkedUpload) {
  serve([](PeerConnection& c) {
    while (auto req = c.read_request()) {
      c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.send("4\r\nwas:\r\n");
      c.send(std::string("1\r\n") + (req->chunked ? "c" : "n") + "\r\n", 1);
      std::string size_line = std::to_string(req->body.size());
      c.send(std::to_string(size_line.size()) + "\r\n" + size_line + "\r\n0\r\n\r\n");
    }
  });
  Request req;
  req.method = "POST";
  req.target = "/build";
  req.body = StreamBody{std::make_shared<StringReader>(std::string(200000, 'x')), std::nullopt};
  auto resp = doer().do_request(std::move(req));
  EXPECT_EQ(resp.read_body(), "was:c200000");
  EXPECT_EQ(doer().do_request(get("/again")).read_body(), "was:n0");
  EXPECT_EQ(server().accepts(), 1);
}

TEST_P(TransportConformance, StreamingBodyArrivesPieceByPiece) {
  // Shared, not referenced: the peer's handler may outlive the test body.
  auto step = std::make_shared<std::atomic<int>>(0);
  serve([step](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    for (int i = 0; i < 3; ++i) {
      while (step->load() != i) std::this_thread::sleep_for(1ms);
      c.send("6\r\nevent" + std::to_string(i) + "\r\n");
    }
    c.send("0\r\n\r\n");
  });
  Request req = get("/events");
  req.streaming = true;
  req.options.with_timeout(500ms);  // the stream outlives the deadline
  auto resp = doer().do_request(std::move(req));
  char buf[64];
  for (int i = 0; i < 3; ++i) {
    if (i == 2) std::this_thread::sleep_for(600ms);
    step->store(i);
    std::size_t n = resp.body->read_some(buf);
    EXPECT_EQ(std::string(buf, n), "event" + std::to_string(i));
  }
  EXPECT_EQ(resp.body->read_some(buf), 0u);
}

TEST_P(TransportConformance, HijackEchoWithHalfClose) {
  auto saw_half_close = std::make_shared<std::atomic<bool>>(false);
  serve([saw_half_close](PeerConnection& c) {
    auto req = c.read_request();
    if (!req || req->header("Upgrade") != "tcp") return;
    c.send("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\nhello ");
    std::string input;
    *saw_half_close = c.read_until_eof(input, 5s);
    c.send("echo:" + input);
    c.close();
  });
  Request req;
  req.method = "POST";
  req.target = "/containers/x/attach?stream=1&stdin=1";
  req.headers.add("Connection", "Upgrade");
  req.headers.add("Upgrade", "tcp");
  auto hijacked = doer().do_raw(std::move(req));
  ASSERT_TRUE(hijacked.stream);
  EXPECT_EQ(hijacked.response.status, 101);
  auto& stream = *hijacked.stream;
  char buf[64];
  std::size_t n = stream.read_some(buf);
  EXPECT_EQ(std::string(buf, n), "hello ");
  stream.write(std::string_view("stdin data"));
  stream.close_write();
  std::string rest = stream.read_all();
  EXPECT_EQ(rest, "echo:stdin data");
  EXPECT_TRUE(saw_half_close->load());
}

/// Sends `req` with `timeout`: it ends in a Timeout naming its method and
/// path, neither early nor more than `slack` late.
void expect_timeout_on_time(Doer& doer, Request req, std::chrono::milliseconds timeout,
                            std::chrono::milliseconds slack) {
  SCOPED_TRACE(std::to_string(timeout.count()) + " ms");
  const std::string method = req.method;
  const std::string path = req.target;
  req.options.with_timeout(timeout);
  auto start = Clock::now();
  try {
    doer.do_request(std::move(req));
    ADD_FAILURE() << "no timeout";
  } catch (const Timeout& e) {
    EXPECT_EQ(e.method(), method);
    EXPECT_EQ(e.path(), path);
  }
  auto took = Clock::now() - start;
  EXPECT_GE(took, timeout - 50ms);
  EXPECT_LT(took, timeout + slack);
}

// 200 ms: the read polls until the deadline. 1300 ms, longer than the
// transport's 1 s sleep slice: it sleeps a slice in recv, looks at the
// deadline, then polls for the rest (not a second whole slice).
TEST_P(TransportConformance, DeadlineOnSilentPeerGivesTimeout) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.hang();
  });
  for (auto timeout : {200ms, 1300ms}) expect_timeout_on_time(doer(), get("/containers/json"), timeout, 500ms);
}

TEST_P(TransportConformance, CancelWhileBlockedInStreamRead) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
    c.hang();
  });
  CancellationSource source;
  Request req = get("/events");
  req.streaming = true;
  req.options.with_cancel(source.token());
  auto resp = doer().do_request(std::move(req));
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  auto start = Clock::now();
  char buf[16];
  EXPECT_THROW(resp.body->read_some(buf), Cancelled);
  // Well under the transport's 1 s sleep slice: the cancel woke the read,
  // not the slice running out.
  EXPECT_LT(Clock::now() - start, 600ms);
  canceller.join();
}

// A peer that never reads: the upload fills the socket buffers and the write
// waits; the deadline ends it, near or further than a read's sleep slice.
TEST_P(TransportConformance, DeadlineEndsAWriteThePeerNeverReads) {
  serve([](PeerConnection& c) { c.hang(); });
  for (auto timeout : {200ms, 1300ms}) {
    Request req;
    req.method = "POST";
    req.target = "/build";
    req.body = std::string(std::size_t{64} << 20, 'x');
    expect_timeout_on_time(doer(), std::move(req), timeout, 1s);
  }
}

TEST_P(TransportConformance, CancelWhileBlockedInAHijackedWrite) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 101 UPGRADED\r\nConnection: Upgrade\r\nUpgrade: tcp\r\n\r\n");
    c.hang();
  });
  CancellationSource source;
  Request req;
  req.method = "POST";
  req.target = "/containers/x/attach?stream=1&stdin=1";
  req.headers.add("Connection", "Upgrade");
  req.headers.add("Upgrade", "tcp");
  req.options.with_cancel(source.token());
  auto hijacked = doer().do_raw(std::move(req));
  ASSERT_TRUE(hijacked.stream);
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  const std::string input(std::size_t{64} << 20, 'x');
  auto start = Clock::now();
  EXPECT_THROW(hijacked.stream->write(std::string_view(input)), Cancelled);
  EXPECT_LT(Clock::now() - start, 600ms);
  canceller.join();
}

TEST_P(TransportConformance, ServerClosingEarly) {
  serve([](PeerConnection& c) {
    auto req = c.read_request();
    if (req && req->target == "/mid-body") c.send("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial");
    c.close();
  });
  EXPECT_THROW(doer().do_request(get("/no-answer")), TransportError);
  auto resp = doer().do_request(get("/mid-body"));
  EXPECT_THROW(resp.read_body(), ProtocolError);
}

TEST_P(TransportConformance, ErrorStatusesComeBackWithTheirBodies) {
  serve([](PeerConnection& c) {
    while (auto req = c.read_request())
      c.respond(req->target == "/conflict" ? 409 : 404, "{\"message\":\"no such container: x\"}",
                "Content-Type: application/json\r\n");
  });
  auto missing = doer().do_request(get("/containers/x/json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.read_body(), "{\"message\":\"no such container: x\"}");
  Request attach;
  attach.method = "POST";
  attach.target = "/conflict";
  auto refused = doer().do_raw(std::move(attach));
  EXPECT_FALSE(refused.stream);
  EXPECT_EQ(refused.response.status, 409);
  EXPECT_EQ(refused.response.read_body(), "{\"message\":\"no such container: x\"}");
}

TEST_P(TransportConformance, IdleConnectionClosedByThePeerIsReplaced) {
  serve([](PeerConnection& c) {
    if (c.read_request()) c.respond(200, "ok");
    c.close();
  });
  EXPECT_EQ(doer().do_request(get("/1")).read_body(), "ok");
  ASSERT_TRUE(server().wait_idle());
  std::this_thread::sleep_for(50ms);  // a relayed transport (ssh) passes the close on a moment later
  Request post;
  post.method = "POST";
  post.target = "/2";
  EXPECT_EQ(doer().do_request(std::move(post)).read_body(), "ok");
  EXPECT_EQ(server().accepts(), 2);
}

INSTANTIATE_TEST_SUITE_P(Builtin, TransportConformance, ::testing::ValuesIn(builtin_transport_cases()),
                         transport_case_name);

}  // namespace
}  // namespace docker::testing
