// HTTP/1.1 behaviour of the pooled transport, against the loopback peer on a
// unix socket: framing, keep-alive, stale connections and retries, hijack,
// deadlines, cancellation, malformed responses.
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "docker/errors.hpp"
#include "docker/streams/output_stream.hpp"
#include "docker/transport/transports.hpp"
#include "support/http1_fixture.hpp"
#include "support/loopback_conformance.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

using Http1 = Http1Fixture;

TEST_F(Http1, ChunkedBodySplitAtEveryByteBoundary) {
  const std::string response =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-Test: yes\r\n\r\n"
      "5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
  serve([response](PeerConnection& c) {  // by value: the handler may outlive the test body
    for (std::size_t split = 1; split < response.size(); ++split) {
      if (!c.read_request()) return;
      c.send(response.substr(0, split));
      std::this_thread::sleep_for(300us);
      c.send(response.substr(split));
    }
  });
  for (std::size_t split = 1; split < response.size(); ++split) {
    auto resp = get("/split/" + std::to_string(split));
    ASSERT_EQ(resp.status, 200) << split;
    EXPECT_EQ(resp.headers.get("x-test"), "yes") << split;
    EXPECT_EQ(resp.read_body(), "hello, world") << split;
  }
  EXPECT_EQ(server_->accepts(), 1);  // every response was framed well enough to reuse the connection
}

TEST_F(Http1, OneByteAtATimeAndTinyReadBuffers) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n", 1, 50us);
  });
  auto resp = get("/");
  std::string body;
  char one;
  while (std::size_t n = resp.body->read_some({&one, 1})) body.append(&one, n);
  EXPECT_EQ(body, "abcde");
}

TEST_F(Http1, EmptyChunkedBodiesOneByteAtATime) {
  // Beast 1.74 asserted (a crash in builds with assertions, found by
  // fuzz_http_response) when "0\r\n" was followed by one more byte alone.
  serve([](PeerConnection& c) {
    while (c.read_request()) {
      c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 1, 20us);
      if (!c.read_request()) return;
      c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-T: 1\r\n\r\n", 1, 20us);
    }
  });
  for (int round = 0; round < 2; ++round) {
    auto resp = get("/empty");
    char one;
    EXPECT_EQ(resp.body->read_some({&one, 1}), 0u);
    auto trailer = get("/trailer");
    EXPECT_EQ(trailer.read_body(), "");
  }
  EXPECT_EQ(server_->accepts(), 1);  // each was read to its end and the connection reused
}

TEST_F(Http1, ContentLengthBody) {
  serve_replies([](const PeerRequest&) { return "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world"; });
  EXPECT_EQ(get("/a").read_body(), "hello world");
  EXPECT_EQ(get("/b").read_body(), "hello world");
  EXPECT_EQ(server_->accepts(), 1);
}

TEST_F(Http1, BodyUntilCloseIsReadAndTheConnectionNotReused) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of it", 3);
    c.close();
  });
  EXPECT_EQ(get("/a").read_body(), "all of it");
  EXPECT_EQ(get("/b").read_body(), "all of it");
  EXPECT_EQ(server_->accepts(), 2);
}

TEST_F(Http1, EmptyBodiesReleaseTheConnectionAtOnce) {
  serve_replies([](const PeerRequest& r) -> std::string {
    if (r.method == "HEAD") return "HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n";
    if (r.target == "/204") return "HTTP/1.1 204 No Content\r\n\r\n";
    return "HTTP/1.1 304 Not Modified\r\nContent-Length: 5\r\n\r\n";
  });
  auto head = doer_->do_request(make_request("HEAD", "/head"));
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(get("/204").status, 204);  // bodies never read: the connection is pooled anyway
  EXPECT_EQ(get("/304").status, 304);
  EXPECT_EQ(head.read_body(), "");
  EXPECT_EQ(server_->accepts(), 1);
}

TEST_F(Http1, KeepAliveReuseAndEarlyAbandonCloses) {
  serve_replies([](const PeerRequest& r) {
    std::string body(r.target == "/big" ? 100000 : 2, 'x');
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  });
  for (int i = 0; i < 5; ++i) EXPECT_EQ(get("/small").read_body(), "xx");
  EXPECT_EQ(server_->accepts(), 1);
  {
    auto resp = get("/big");
    char buf[10];
    EXPECT_EQ(resp.body->read_some(buf), 10u);
  }  // abandoned: its connection is closed, not pooled mid-body
  EXPECT_EQ(get("/small").read_body(), "xx");
  EXPECT_EQ(server_->accepts(), 2);
}

TEST_F(Http1, IdleConnectionsAreBoundedAndExpire) {
  serve(
      [](PeerConnection& c) {
        while (c.read_request()) c.respond(200, "ok");
      },
      transport::TransportOptions{.max_idle_connections = 1, .idle_timeout = std::chrono::milliseconds(600)});
  {
    auto a = get("/a");
    auto b = get("/b");  // a still holds its connection: a second one is dialed
    EXPECT_EQ(a.read_body(), "ok");
    EXPECT_EQ(b.read_body(), "ok");  // the pool keeps one of the two
  }
  EXPECT_EQ(server_->accepts(), 2);
  EXPECT_EQ(get("/c").read_body(), "ok");
  EXPECT_EQ(get("/d").read_body(), "ok");
  EXPECT_EQ(server_->accepts(), 2);
  std::this_thread::sleep_for(800ms);  // past the idle timeout: closed, not reused
  EXPECT_EQ(get("/e").read_body(), "ok");
  EXPECT_EQ(server_->accepts(), 3);
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST_F(Http1, LargeBodiesStreamInBoundedMemory) {
  constexpr std::size_t kBlock = 1 << 20, kBlocks = 256;  // 256 MiB each way
  serve([](PeerConnection& c) {
    const std::string block(kBlock, 'b');
    while (auto req = c.read_request()) {
      if (req->target == "/length") {
        c.send("HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(kBlock * kBlocks) + "\r\n\r\n");
        for (std::size_t i = 0; i < kBlocks; ++i) c.send(block);
      } else {
        c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
        char size_line[32];
        std::snprintf(size_line, sizeof size_line, "%zx\r\n", kBlock);
        const std::string chunk = size_line + block + "\r\n";
        for (std::size_t i = 0; i < kBlocks; ++i) c.send(chunk);
        c.send("0\r\n\r\n");
      }
    }
  });
  const long before = peak_rss_kib();
  for (const char* target : {"/length", "/chunked"}) {
    auto resp = get(target);
    std::vector<char> buf(64 * 1024);
    std::size_t total = 0;
    while (std::size_t n = resp.body->read_some(buf)) total += n;
    EXPECT_EQ(total, kBlock * kBlocks) << target;
  }
#ifndef __SANITIZE_ADDRESS__  // ASan's quarantine holds freed memory: RSS says nothing there
  EXPECT_LT(peak_rss_kib() - before, 64 * 1024) << "a body was buffered whole";
#endif
  EXPECT_EQ(server_->accepts(), 1);
}

/// "HTTP/1.1 200" with `body` cut into chunks of the given sizes (cycled).
std::string chunked_response(const std::string& body, const std::vector<std::size_t>& sizes,
                             std::vector<std::size_t>* boundaries = nullptr) {
  std::string out = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (std::size_t at = 0, i = 0; at < body.size(); ++i) {
    std::size_t n = std::min(sizes[i % sizes.size()], body.size() - at);
    char size_line[32];
    std::snprintf(size_line, sizeof size_line, "%zx\r\n", n);
    if (boundaries) boundaries->push_back(out.size());
    out += size_line;
    if (boundaries) boundaries->push_back(out.size());
    out.append(body, at, n);
    if (boundaries) boundaries->push_back(out.size());
    out += "\r\n";
    at += n;
  }
  return out + "0\r\n\r\n";
}

std::string pattern(std::size_t n, std::size_t seed = 0) {
  std::string s(n, '\0');
  for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>('a' + (i * 7 + seed) % 26);
  return s;
}

TEST_F(Http1, LargeReadsTakeChunkDataStraightAndChunkBoundariesMayFallAnywhere) {
  // Reads of >= 4 KiB with nothing buffered take the rest of a chunk straight
  // from the socket; the chunk's end, the next size line and the next data
  // may arrive in any pieces.
  const std::string body = pattern(34100);
  std::vector<std::size_t> boundaries;
  const std::string response = chunked_response(body, {5000, 1, 9000, 4096, 12000, 3, 4000}, &boundaries);
  std::vector<std::size_t> splits;
  for (std::size_t b : boundaries)
    for (std::size_t d : {0, 1, 2, 5})
      for (std::size_t at : {b - d, b + d})
        if (at > 0 && at < response.size()) splits.push_back(at);
  serve([response, splits](PeerConnection& c) {
    for (std::size_t split : splits) {
      if (!c.read_request()) return;
      c.send(response.substr(0, split));
      std::this_thread::sleep_for(300us);
      c.send(response.substr(split));
    }
  });
  const std::size_t buffer_sizes[] = {4096, 5000, 9001, 65536};
  for (std::size_t i = 0; i < splits.size(); ++i) {
    auto resp = get("/split");
    std::vector<char> buf(buffer_sizes[i % 4]);
    std::string got;
    while (std::size_t n = resp.body->read_some(buf)) got.append(buf.data(), n);
    ASSERT_EQ(got, body) << "split at " << splits[i] << ", reads of " << buf.size();
  }
  EXPECT_EQ(server_->accepts(), 1);  // every body ended where its framing said
}

TEST_F(Http1, MultiplexedLogsOverChunksThatCutFramesAnywhere) {
  // The logs path end to end: OutputStream over a chunked body reads frame
  // headers from the connection buffer and payload straight into the
  // caller's buffer; chunk and frame boundaries do not line up.
  auto frame = [](std::uint8_t stream, const std::string& payload) {
    std::string f(8, '\0');
    f[0] = static_cast<char>(stream);
    for (int i = 0; i < 4; ++i) f[4 + i] = static_cast<char>(payload.size() >> (24 - 8 * i));
    return f + payload;
  };
  const std::string out1 = pattern(16384, 1), err1 = pattern(7, 2), out2 = pattern(20000, 3), out3 = pattern(5000, 4);
  const std::string stream = frame(1, out1) + frame(2, err1) + frame(1, "") + frame(1, out2) + frame(1, out3);
  const std::vector<std::vector<std::size_t>> chunkings = {{16392}, {10000}, {4099, 1, 13}, {65536}, {8, 16384, 9}};
  serve([stream, chunkings](PeerConnection& c) {
    for (const auto& sizes : chunkings) {
      if (!c.read_request()) return;
      c.send(chunked_response(stream, sizes), 3000);
    }
  });
  for (const auto& sizes : chunkings) {
    auto resp = get("/containers/x/logs");
    OutputStream logs(std::shared_ptr<ByteReader>(std::move(resp.body)), true);
    std::vector<char> buf(64 * 1024);
    std::string out, err;
    while (auto got = logs.read_some(buf))
      (got->stream == StreamKind::stderr_stream ? err : out).append(buf.data(), got->size);
    ASSERT_EQ(out, out1 + out2 + out3) << "chunks of " << sizes[0];
    ASSERT_EQ(err, err1) << "chunks of " << sizes[0];
  }
  EXPECT_EQ(server_->accepts(), 1);
}

TEST_F(Http1, ConnectionClosedByPeerWhileIdleIsReplaced) {
  serve([](PeerConnection& c) {
    if (c.read_request()) c.respond(200, "ok");
    c.close();  // keep-alive announced, yet closed while idle
  });
  EXPECT_EQ(get("/1").read_body(), "ok");
  ASSERT_TRUE(server_->wait_idle());
  EXPECT_EQ(doer_->do_request(make_request("POST", "/2")).read_body(), "ok");
  EXPECT_EQ(server_->accepts(), 2);
  EXPECT_EQ(server_->requests(), 2);
}

/// Answers the first request on each connection; drops the connection on the
/// second without a word (a daemon closing it just as it is reused).
void answer_once_then_drop(PeerConnection& c) {
  if (!c.read_request()) return;
  c.respond(200, "first");
  if (!c.read_request()) return;
  c.close();
}

TEST_F(Http1, IdempotentRequestRetriedOnceOnAFreshConnection) {
  serve(answer_once_then_drop);
  EXPECT_EQ(get("/a").read_body(), "first");
  EXPECT_EQ(get("/b").read_body(), "first");  // dropped on the reused connection, then retried
  EXPECT_EQ(server_->accepts(), 2);
  EXPECT_EQ(server_->requests(), 3);
}

TEST_F(Http1, PostIsNotResentAfterADroppedReusedConnection) {
  serve(answer_once_then_drop);
  EXPECT_EQ(get("/a").read_body(), "first");
  Request post = make_request("POST", "/containers/x/start");
  try {
    doer_->do_request(std::move(post));
    FAIL() << "POST was retried";
  } catch (const TransportError& e) {
    EXPECT_EQ(e.method(), "POST");
    EXPECT_EQ(e.path(), "/containers/x/start");
    EXPECT_NE(std::string(e.what()).find("not retried"), std::string::npos) << e.what();
  }
  EXPECT_EQ(server_->requests(), 2);
  EXPECT_EQ(server_->accepts(), 1);
}

TEST_F(Http1, UploadsWithKnownAndUnknownLength) {
  serve_replies([](const PeerRequest& r) {
    std::string body = (r.chunked ? "chunked " : "length ") + std::to_string(r.body.size()) + " " +
                       r.header("Content-Length").value_or("-");
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  });
  const std::string data(300000, 'y');
  Request known = make_request("POST", "/images/load");
  known.body = StreamBody{std::make_shared<StringReader>(data), data.size()};
  EXPECT_EQ(doer_->do_request(std::move(known)).read_body(), "length 300000 300000");
  Request unknown = make_request("PUT", "/containers/x/archive");
  unknown.body = StreamBody{std::make_shared<StringReader>(data), std::nullopt};
  EXPECT_EQ(doer_->do_request(std::move(unknown)).read_body(), "chunked 300000 -");
  Request empty = make_request("POST", "/containers/x/stop");
  EXPECT_EQ(doer_->do_request(std::move(empty)).read_body(), "length 0 0");
  Request short_body = make_request("POST", "/images/load");
  short_body.body = StreamBody{std::make_shared<StringReader>("abc"), 10};
  EXPECT_THROW(doer_->do_request(std::move(short_body)), ProtocolError);
}

TEST_F(Http1, AnAnswerBeforeTheUploadEndedBeatsBrokenPipe) {
  serve([](PeerConnection& c) {
    c.read_some();  // the head and a little of the body, then refuse the rest
    c.respond(400, "{\"message\":\"bad archive\"}");
    c.close();
  });
  Request req = make_request("POST", "/build");
  req.body = StreamBody{std::make_shared<StringReader>(std::string(64 << 20, 'z')), std::nullopt};
  auto resp = doer_->do_request(std::move(req));
  EXPECT_EQ(resp.status, 400);
  EXPECT_EQ(resp.read_body(), "{\"message\":\"bad archive\"}");
}

TEST_F(Http1, UpgradeHandsOverBytesThatCameWithTheHead) {
  serve([](PeerConnection& c) {
    c.read_request();
    // One write: the head and the stream's first bytes arrive together.
    const std::string head =
        "HTTP/1.1 101 UPGRADED\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
        "Connection: Upgrade\r\nUpgrade: tcp\r\n\r\n";
    c.send(head + std::string("\x01\0\0\0\0\0\0\x05hello", 13));
    c.send(c.read_some());  // echo one piece
    c.close();
  });
  auto out = doer_->do_raw(make_request("POST", "/containers/x/attach"));
  ASSERT_TRUE(out.stream);
  std::string got;
  char buf[4];
  while (got.size() < 13) got.append(buf, out.stream->read_some(buf));
  EXPECT_EQ(got, std::string("\x01\0\0\0\0\0\0\x05hello", 13));
  out.stream->write(std::string_view("ping"));
  EXPECT_EQ(out.stream->read_all(), "ping");
}

TEST_F(Http1, A101ToAnOrdinaryCallIsNeverPooled) {
  serve([](PeerConnection& c) {
    while (auto req = c.read_request()) {
      if (req->target == "/switch")
        c.send("HTTP/1.1 101 Switching Protocols\r\nUpgrade: tcp\r\nConnection: Upgrade\r\n\r\n");
      else
        c.respond(200, "ok");
    }
  });
  EXPECT_EQ(get("/switch").status, 101);
  EXPECT_EQ(get("/after").read_body(), "ok");
  EXPECT_EQ(server_->accepts(), 2);
}

TEST_F(Http1, OldStyleRawStreamAnd404FromARawCall) {
  serve_replies([](const PeerRequest& r) -> std::string {
    if (r.target == "/missing/attach")
      return "HTTP/1.1 404 Not Found\r\nContent-Length: 23\r\n\r\n{\"message\":\"no such x\"}";
    return "HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n\r\nraw bytes";
  });
  auto missing = doer_->do_raw(make_request("POST", "/missing/attach"));
  EXPECT_FALSE(missing.stream);
  EXPECT_EQ(missing.response.status, 404);
  EXPECT_EQ(missing.response.read_body(), "{\"message\":\"no such x\"}");
  auto raw = doer_->do_raw(make_request("POST", "/x/attach"));
  ASSERT_TRUE(raw.stream);
  char buf[32];
  EXPECT_EQ(std::string(buf, raw.stream->read_some(buf)), "raw bytes");
  raw.stream->close();
  EXPECT_EQ(raw.stream->read_some(buf), 0u);
}

TEST_F(Http1, DeadlineBoundsABufferedBodyButNotAStream) {
  serve([](PeerConnection& c) {
    while (c.read_request()) {
      c.send("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n01234");
      std::this_thread::sleep_for(400ms);
      c.send("56789");
    }
  });
  Request buffered = make_request("GET", "/logs");
  buffered.options.with_timeout(150ms);
  auto resp = doer_->do_request(std::move(buffered));
  auto start = Clock::now();
  EXPECT_THROW(resp.read_body(), Timeout);
  EXPECT_LT(Clock::now() - start, 1s);

  Request streamed = make_request("GET", "/logs");
  streamed.streaming = true;
  streamed.options.with_timeout(150ms);
  EXPECT_EQ(doer_->do_request(std::move(streamed)).read_body(), "0123456789");
}

TEST_F(Http1, ConnectTimeoutAndDeadlineNeverHang) {
  serve([](PeerConnection& c) { c.hang(); });  // accepts, never reads or answers
  Request req = make_request("GET", "/_ping");
  req.options.with_timeout(100ms);
  auto start = Clock::now();
  EXPECT_THROW(doer_->do_request(std::move(req)), Timeout);
  EXPECT_LT(Clock::now() - start, 1s);
}

TEST_F(Http1, CancelFromAnotherThreadDuringHijackedRead) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n");
    c.hang();
  });
  CancellationSource source;
  Request req = make_request("POST", "/exec/x/start");
  req.options.with_cancel(source.token());
  auto out = doer_->do_raw(std::move(req));
  ASSERT_TRUE(out.stream);
  std::thread canceller([&] {
    std::this_thread::sleep_for(100ms);
    source.cancel();
  });
  auto start = Clock::now();
  char buf[8];
  EXPECT_THROW(out.stream->read_some(buf), Cancelled);
  EXPECT_LT(Clock::now() - start, 1s);
  canceller.join();
}

TEST_F(Http1, CloseFromAnotherThreadEndsABlockedHijackedRead) {
  serve([](PeerConnection& c) {
    c.read_request();
    c.send("HTTP/1.1 101 UPGRADED\r\nUpgrade: tcp\r\n\r\n");
    c.hang();
  });
  auto out = doer_->do_raw(make_request("POST", "/containers/x/attach"));
  ASSERT_TRUE(out.stream);
  std::thread closer([&] {
    std::this_thread::sleep_for(100ms);
    out.stream->close();
  });
  char buf[8];
  EXPECT_EQ(out.stream->read_some(buf), 0u);
  closer.join();
}

TEST_F(Http1, AlreadyCancelledTokenFailsAtOnce) {
  serve_replies([](const PeerRequest&) { return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"; });
  CancellationSource source;
  source.cancel();
  Request req = make_request("GET", "/_ping");
  req.options.with_cancel(source.token());
  EXPECT_THROW(doer_->do_request(std::move(req)), Cancelled);
  EXPECT_EQ(server_->requests(), 0);
}

TEST_F(Http1, CancellingAFinishedCallLeavesThePooledConnectionAlone) {
  serve_replies([](const PeerRequest&) { return "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"; });
  CancellationSource source;
  Request req = make_request("GET", "/a");
  req.options.with_cancel(source.token());
  EXPECT_EQ(doer_->do_request(std::move(req)).read_body(), "ok");
  source.cancel();
  EXPECT_EQ(get("/b").read_body(), "ok");
  EXPECT_EQ(server_->accepts(), 1);
}

struct Malformed {
  const char* name;
  std::string bytes;
};

class Http1Malformed : public Http1, public ::testing::WithParamInterface<Malformed> {};

TEST_P(Http1Malformed, GivesProtocolErrorNotACrashOrHang) {
  const std::string bytes = GetParam().bytes;
  serve([bytes](PeerConnection& c) {
    c.read_request();
    c.send(bytes);
    c.close();
  });
  Request req = make_request("GET", "/containers/json");
  req.options.with_timeout(2s);
  auto start = Clock::now();
  try {
    auto resp = doer_->do_request(std::move(req));
    resp.read_body();
    FAIL() << "accepted";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.path(), "/containers/json");
  }
  EXPECT_LT(Clock::now() - start, 1s);
}

INSTANTIATE_TEST_SUITE_P(
    Responses, Http1Malformed,
    ::testing::Values(Malformed{"BadStatusLine", "HTTP/1.1 abc OK\r\n\r\n"},
                      Malformed{"NotHttp", "hello there\r\n\r\n"},
                      Malformed{"BadChunkSize",
                                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"},
                      Malformed{"TruncatedContentLength", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345"},
                      Malformed{"TruncatedChunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"},
                      Malformed{"TruncatedHead", "HTTP/1.1 200 OK\r\nContent-"},
                      Malformed{"BadContentLength", "HTTP/1.1 200 OK\r\nContent-Length: x1\r\n\r\n"},
                      Malformed{"HeaderOverflow", "HTTP/1.1 200 OK\r\nX-Big: " + std::string(70000, 'a') + "\r\n\r\n"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Http1Connect, MissingSocketNamesThePath) {
  auto doer = transport::make_unix_doer("/tmp/docker-cpp-no-such-dir/docker.sock");
  try {
    doer->do_request(make_request("GET", "/_ping"));
    FAIL();
  } catch (const TransportError& e) {
    std::string what = e.what();
    EXPECT_NE(what.find("/tmp/docker-cpp-no-such-dir/docker.sock"), std::string::npos) << what;
    EXPECT_NE(what.find("No such file"), std::string::npos) << what;
    EXPECT_EQ(e.path(), "/_ping");
  }
}

TEST(Http1Connect, RefusedTcpPortNamesTheEndpoint) {
  auto doer = transport::make_tcp_doer("127.0.0.1", 1);
  try {
    doer->do_request(make_request("GET", "/_ping"));
    FAIL();
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("tcp://127.0.0.1:1"), std::string::npos) << e.what();
  }
}

TEST_F(Http1, HostHeaderDefaultsToDockerAndCanBeSet) {
  serve_replies([](const PeerRequest& r) {
    std::string host = r.header("Host").value_or("-");
    return "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(host.size()) + "\r\n\r\n" + host;
  });
  EXPECT_EQ(get("/_ping").read_body(), "docker");
  auto custom = loopback_doer(*server_, transport::TransportOptions{.host_header = "api.moby.localhost"});
  EXPECT_EQ(custom->do_request(make_request("GET", "/_ping")).read_body(), "api.moby.localhost");
}

TEST_F(Http1, HeaderInjectionIsRefused) {
  serve_replies([](const PeerRequest&) { return "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"; });
  Request req = make_request("GET", "/x");
  req.headers.add("X-Registry-Auth", "abc\r\nX-Evil: 1");
  try {
    doer_->do_request(std::move(req));
    FAIL() << "sent";
  } catch (const ProtocolError& e) {
    EXPECT_EQ(e.path(), "/x");
  }
  EXPECT_EQ(server_->requests(), 0);
}

TEST_F(Http1, SharedByManyThreadsWhileAStreamIsOpen) {
  serve(
      [](PeerConnection& c) {
        while (auto req = c.read_request()) {
          if (req->target == "/events") {
            c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            c.hang();
            return;
          }
          c.respond(200, req->target);
        }
      },
      transport::TransportOptions{.max_idle_connections = 4});
  Request events = make_request("GET", "/events");
  events.streaming = true;
  auto stream = doer_->do_request(std::move(events));  // holds its connection
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        std::string target = "/t" + std::to_string(t) + "/" + std::to_string(i);
        if (get(target).read_body() == target) ++ok;
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 400);
  EXPECT_LE(server_->accepts(), 1 + 8 + 8 * 50 / 10);  // mostly reused
}

}  // namespace
}  // namespace docker::testing
