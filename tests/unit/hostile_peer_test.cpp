// What a hostile or broken peer on the other end of DOCKER_HOST can do to the
// client, and what the client must do instead: a typed error within the
// deadline, never a crash, a hang, a poisoned pool or a silently wrong value.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>
#include <string>
#include <thread>

#include "docker/client.hpp"
#include "docker/errors.hpp"
#include "docker/model/codec.hpp"
#include "docker/sdk/registry.hpp"
#include "docker/streams/json_stream.hpp"
#include "docker/v1_55.hpp"
#include "support/fake_doer.hpp"
#include "support/http1_fixture.hpp"
#include "support/signal.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;
using Hostile = Http1Fixture;

constexpr const char* kOk = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";

// --- the connection pool ------------------------------------------------------

TEST_F(Hostile, ACancelThatLandsAsACallEndsDoesNotPoisonThePool) {
  serve_replies([](const PeerRequest&) { return kOk; });
  CancellationSource source;
  Request req = make_request("GET", "/_ping");
  req.options.with_cancel(source.token());
  auto resp = doer_->do_request(std::move(req));
  // The head is in, the body sits in the connection's buffer: the cancel
  // interrupts the connection while the call still holds it, and the body is
  // then read without touching the socket.
  source.cancel();
  EXPECT_EQ(resp.read_body(), "ok");
  // A call without a token must not inherit that cancellation.
  EXPECT_EQ(get("/_ping").read_body(), "ok");
}

TEST_F(Hostile, AStrayResponseOnAnIdleConnectionIsNeverTakenAsTheNextReply) {
  auto first_read = std::make_shared<Signal>();
  auto stray_sent = std::make_shared<Signal>();
  serve([first_read, stray_sent](PeerConnection& c) {
    if (c.index() == 1) {
      if (!c.read_request()) return;
      c.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nfirst");
      first_read->wait(5s);
      c.send("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nstray");
      stray_sent->raise();
      c.hang();
      return;
    }
    while (auto req = c.read_request()) c.send("HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecond");
  });
  EXPECT_EQ(get("/first").read_body(), "first");
  first_read->raise();
  ASSERT_TRUE(stray_sent->wait(5s));
  EXPECT_EQ(get("/second").read_body(), "second");
  EXPECT_EQ(server_->accepts(), 2);
}

// --- responses ------------------------------------------------------------------

TEST_F(Hostile, InterimOneHundredHeadsAreSkipped) {
  serve_replies([](const PeerRequest&) {
    return std::string("HTTP/1.1 100 Continue\r\n\r\n") + "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n" + kOk;
  });
  for (int i = 0; i < 3; ++i) {
    auto resp = get("/version");
    EXPECT_EQ(resp.status, 200);
    EXPECT_EQ(resp.read_body(), "ok");
  }
  EXPECT_EQ(server_->accepts(), 1);
}

TEST_F(Hostile, EndlessInterimHeadsAreAProtocolError) {
  serve([](PeerConnection& c) {
    c.read_request();
    std::string many;
    for (int i = 0; i < 100; ++i) many += "HTTP/1.1 100 Continue\r\n\r\n";
    c.send(many);
    c.hang();
  });
  Request req = make_request("GET", "/version");
  req.options.with_timeout(2s);
  EXPECT_THROW(doer_->do_request(std::move(req)), ProtocolError);
}

/// Answers /_ping; every other target gets `reply`.
std::shared_ptr<FakeDoer> daemon_answering(int status, std::string body,
                                           std::vector<std::pair<std::string, std::string>> headers = {}) {
  auto doer = std::make_shared<FakeDoer>();
  doer->push(200, "OK", {{"Api-Version", "1.55"}});
  doer->push(status, std::move(body), std::move(headers));
  return doer;
}

TEST(HostileBodies, AnEmptyBodyWhereAModelIsPromisedIsADecodeError) {
  auto client = std::make_shared<Client>(daemon_answering(200, ""), ApiVersion{1, 55});
  EXPECT_THROW(v1_55::SystemApi(*client).system_version(), DecodeError);
  // A 204 says "no content" on purpose: the empty model.
  EXPECT_NO_THROW(docker::internal::decode_body<v1_55::SystemVersion>(BufferedResponse{204, {}, ""}));
}

/// A body of `size` bytes of '[' (deeply nested, never closed), read lazily.
class NestedBody final : public ByteReader {
 public:
  explicit NestedBody(std::size_t size, std::atomic<std::size_t>& read) : left_(size), read_(read) {}
  std::size_t read_some(std::span<char> out) override {
    std::size_t n = std::min(out.size(), left_);
    std::fill_n(out.data(), n, '[');
    left_ -= n;
    read_ += n;
    return n;
  }

 private:
  std::size_t left_;
  std::atomic<std::size_t>& read_;
};

class HugeErrorDoer final : public Doer {
 public:
  std::atomic<std::size_t> body_bytes_read{0};
  Response do_request(Request req) override {
    Response resp;
    if (req.target == "/_ping") {
      resp.status = 200;
      resp.headers.set("Api-Version", "1.55");
      resp.body = std::make_unique<StringReader>("OK");
      return resp;
    }
    resp.status = 500;
    resp.body = std::make_unique<NestedBody>(std::size_t{45} << 20, body_bytes_read);
    return resp;
  }
  HijackResponse do_raw(Request req) override { return {do_request(std::move(req)), nullptr}; }
};

TEST(HostileBodies, ErrorBodiesAreReadAndParsedBounded) {
  auto doer = std::make_shared<HugeErrorDoer>();
  Client client(doer, ApiVersion{1, 55});
  Request req;
  req.method = "GET";
  req.target = "/info";
  try {
    client.call(std::move(req));
    FAIL() << "accepted";
  } catch (const Internal& e) {
    EXPECT_LE(e.message().size(), 512u);
  }
  EXPECT_LE(doer->body_bytes_read.load(), std::size_t{1} << 20);
}

TEST(HostileBodies, AnErrorWithNoBodyStillSaysSomething) {
  auto client = std::make_shared<Client>(daemon_answering(301, "", {{"Location", "http://elsewhere/v1.55/info"}}),
                                         ApiVersion{1, 55});
  Request req;
  req.method = "GET";
  req.target = "/info";
  try {
    client->call(std::move(req));
    FAIL() << "accepted";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.status(), 301);
    EXPECT_NE(e.message().find("http://elsewhere/v1.55/info"), std::string::npos) << e.message();
  }
}

TEST(HostileBodies, DeeplyNestedErrorBodyIsNotACrash) {
  std::string body = "{\"message\":";
  for (int i = 0; i < 100000; ++i) body += "{\"a\":";
  EXPECT_NO_THROW({
    auto message = daemon_message(body);
    EXPECT_LE(message.size(), 512u);
  });
}

// --- JSON-message streams ------------------------------------------------------

TEST(HostileStreams, DeeplyNestedMessageIsADecodeErrorNotAStackOverflow) {
  // 1,000,000 deep (2 MB, under the message size limit): a recursive parse,
  // dump or destruction of it overflows any thread's stack.
  const std::string nested = std::string(1000000, '[') + std::string(1000000, ']');
  JsonMessageReader reader(std::make_shared<StringReader>(nested));
  EXPECT_THROW(reader.next(), DecodeError);
  JsonStream<v1_55::EventMessage> events(std::make_shared<StringReader>("{\"Type\":\"container\"}\n" + nested));
  EXPECT_TRUE(events.next().has_value());
  EXPECT_THROW(events.next(), DecodeError);
}

// --- numbers into integer fields ---------------------------------------------------

std::string field_error(std::string_view body) {
  try {
    (void)decode<v1_55::ObjectVersion>(body);
  } catch (const docker::FieldDecodeError& e) {
    return e.field_path();
  }
  return "no error";
}

TEST(HostileNumbers, OutOfRangeOrFractionalIntegersAreFieldErrors) {
  EXPECT_EQ(field_error(R"({"Index": -1})"), "Index");
  EXPECT_EQ(field_error(R"({"Index": 18446744073709551616})"), "Index");
  EXPECT_EQ(field_error(R"({"Index": 1.9})"), "Index");
  EXPECT_EQ(field_error(R"({"Index": "7"})"), "Index");
  EXPECT_EQ(decode<v1_55::ObjectVersion>(R"({"Index": 18446744073709551615})").Index.value(), 18446744073709551615ull);
  EXPECT_EQ(decode<v1_55::ObjectVersion>(R"({"Index": 5.0})").Index.value(), 5u);

  auto created = [](std::string_view value) {
    return decode<v1_55::ContainerSummary>("{\"Created\": " + std::string(value) + "}").Created.value();
  };
  EXPECT_EQ(created("-5"), -5);
  EXPECT_EQ(created("9223372036854775807"), INT64_MAX);
  EXPECT_EQ(created("-9223372036854775808"), INT64_MIN);
  for (auto bad : {"9223372036854775808", "18446744073709551615", "18446744073709551616", "1.9", "1e300"})
    EXPECT_THROW(created(bad), docker::FieldDecodeError) << bad;

  // 32-bit members are checked against their own width.
  auto lb_index = [](std::string_view value) {
    return decode<v1_55::ServiceInfo>("{\"LocalLBIndex\": " + std::string(value) + "}").LocalLBIndex.value();
  };
  EXPECT_EQ(lb_index("2147483647"), 2147483647);
  EXPECT_THROW(lb_index("2147483648"), docker::FieldDecodeError);
}

TEST(HostileNumbers, ErrorPathsNameArrayIndices) {
  try {
    (void)decode<std::vector<v1_55::ContainerSummary>>(R"([{"Created": 1}, {"Created": 2}, {"Created": 1.5}])");
    FAIL() << "accepted";
  } catch (const docker::FieldDecodeError& e) {
    EXPECT_EQ(e.field_path(), "[2].Created");
  }
  try {
    (void)decode<v1_55::ContainerSummary>(R"({"Mounts": [{}, {"Name": 3}]})");
    FAIL() << "accepted";
  } catch (const docker::FieldDecodeError& e) {
    EXPECT_EQ(e.field_path(), "Mounts[1].Name");
  }
}

// --- negotiation ---------------------------------------------------------------------

TEST(HostileNegotiation, AHangingPingDoesNotHoldOtherCallersPastTheirDeadline) {
  auto release = std::make_shared<Signal>();
  auto first_ping_held = std::make_shared<Signal>();
  auto pings = std::make_shared<std::atomic<int>>(0);
  LoopbackServer server(PeerKind::unix_socket, [release, first_ping_held, pings](PeerConnection& c) {
    while (auto req = c.read_request()) {
      if (pings->fetch_add(1) == 0) {
        first_ping_held->raise();
        release->wait(10s);
      }
      c.send("HTTP/1.1 200 OK\r\nApi-Version: 1.41\r\nContent-Length: 2\r\n\r\nOK");
    }
  });
  auto client = std::make_shared<Client>(loopback_doer(server), ApiVersion{1, 55});
  auto held = std::async(std::launch::async, [client] { return client->api_version(); });
  ASSERT_TRUE(first_ping_held->wait(5s));

  auto start = Clock::now();
  CallOptions bounded;
  bounded.with_timeout(1s);
  EXPECT_EQ(client->api_version(bounded), (ApiVersion{1, 41}));
  EXPECT_LT(Clock::now() - start, 1s);

  release->raise();
  EXPECT_EQ(held.get(), (ApiVersion{1, 41}));
  server.stop();
}

// --- messages ------------------------------------------------------------------------

TEST(HostileMessages, ABareUnauthorizedFromARegistryIsClassified) {
  EXPECT_EQ(sdk::classify_registry_message("unauthorized"), sdk::RegistryFailure::unauthorized);
  EXPECT_EQ(sdk::classify_registry_message("unauthorized: authentication required"),
            sdk::RegistryFailure::unauthorized);
  EXPECT_THROW(sdk::throw_if_registry_failure(Internal(500, "unauthorized", "POST", "/images/create")), Unauthorized);
  EXPECT_THROW(sdk::throw_if_registry_failure(StreamError("unauthorized")), Unauthorized);
}

TEST(HostileMessages, TlsToAPlainHttpPortSaysSo) {
  LoopbackServer plain(PeerKind::tcp, [](PeerConnection& c) {
    c.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    c.close();
  });
  auto doer = transport::make_tls_doer("127.0.0.1", plain.port(), loopback_tls_options());
  Request req = make_request("GET", "/_ping");
  req.options.with_timeout(5s);
  try {
    doer->do_request(std::move(req));
    FAIL() << "accepted";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("does not speak TLS"), std::string::npos) << e.what();
  }
  plain.stop();
}

}  // namespace
}  // namespace docker::testing
