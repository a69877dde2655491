// The optional cpprestsdk transport (built when libcpprest-dev is found):
// the conformance suite over tcp and tls loopback peers, and what it
// cannot do (hijack) failing clearly.
#include <gtest/gtest.h>

#ifdef DOCKER_CPP_HAVE_CPPREST

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#include "docker/transport/cpprest.hpp"
#include "support/loopback_conformance.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

const std::string kPoolRace =
    "the suite counts one kept-alive connection, but cpprestsdk returns connections to its pool on its "
    "own thread (a race); the same checks without the count: ";
const std::string kNoHijack =
    "cpprestsdk cannot take over a connection; CpprestTransport.HijackIsUnsupported checks the error instead";
const std::map<std::string, std::string> kNotApplicable = {
    {"HijackEchoWithHalfClose", kNoHijack},
    {"CancelWhileBlockedInAHijackedWrite", kNoHijack},
    {"ErrorStatusesComeBackWithTheirBodies",
     "half of it goes through do_raw (hijack); CpprestTransport.ErrorStatusesComeBackWithTheirBodies covers the rest"},
    // cpprestsdk hands a connection back to its pool on its own thread after
    // the body ended, so whether the next request reuses it is a race.
    {"RequestAndResponse", kPoolRace + "CpprestTransport.RequestAndResponse"},
    {"ChunkedResponseAndChunkedUpload", kPoolRace + "CpprestTransport.ChunkedResponseAndChunkedUpload"},
};

std::vector<TransportCase> cpprest_cases() {
  return {{"cpprest_tcp", PeerKind::tcp,
           [](const LoopbackServer& s, const transport::TransportOptions& o) {
             return transport::make_cpprest_doer("127.0.0.1", s.port(), std::nullopt, o);
           },
           kNotApplicable},
          {"cpprest_tls", PeerKind::tls,
           [](const LoopbackServer& s, const transport::TransportOptions& o) {
             return transport::make_cpprest_doer("127.0.0.1", s.port(), loopback_tls_options(), o);
           },
           kNotApplicable}};
}

INSTANTIATE_TEST_SUITE_P(Cpprest, TransportConformance, ::testing::ValuesIn(cpprest_cases()), transport_case_name);

Request get(std::string target) {
  Request req;
  req.target = std::move(target);
  req.options.with_timeout(5s);
  return req;
}

TEST(CpprestTransport, HijackIsUnsupported) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    while (auto req = c.read_request()) c.respond(200, "should not be asked");
  });
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port());
  Request attach = get("/containers/x/attach?stream=1");
  attach.method = "POST";
  attach.headers.add("Upgrade", "tcp");
  try {
    doer->do_raw(std::move(attach));
    FAIL() << "hijack did not throw";
  } catch (const Unsupported& e) {
    EXPECT_EQ(e.status(), 0);  // refused here, not answered by a daemon
    EXPECT_NE(std::string(e.what()).find("cpprestsdk transport cannot take over a connection"), std::string::npos)
        << e.what();
    EXPECT_EQ(e.path(), "/containers/x/attach");
  }
  EXPECT_EQ(server.requests(), 0);
  server.stop();
}

TEST(CpprestTransport, ErrorStatusesComeBackWithTheirBodies) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    while (auto req = c.read_request())
      c.respond(404, R"({"message":"no such container: x"})", "Content-Type: application/json\r\n");
  });
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port());
  auto resp = doer->do_request(get("/containers/x/json"));
  EXPECT_EQ(resp.status, 404);
  EXPECT_EQ(resp.headers.get("content-type"), "application/json");
  EXPECT_EQ(resp.read_body(), R"({"message":"no such container: x"})");
  server.stop();
}

// The suite's RequestAndResponse and ChunkedResponseAndChunkedUpload but for
// the connection count (see kPoolRace).
TEST(CpprestTransport, RequestAndResponse) {
  LoopbackServer server(PeerKind::tls, [](PeerConnection& c) {
    while (auto req = c.read_request())
      c.respond(200,
                req->method + " " + req->target + " host=" + req->header("Host").value_or("-") + " body=" + req->body,
                "Content-Type: text/plain\r\n");
  });
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port(), loopback_tls_options());
  Request req = get("/v1.41/containers/create?name=x");
  req.method = "POST";
  req.body = std::string(R"({"Image":"busybox"})");
  auto resp = doer->do_request(std::move(req));
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.headers.get("content-type"), "text/plain");
  EXPECT_EQ(resp.read_body(), "POST /v1.41/containers/create?name=x host=127.0.0.1:" + std::to_string(server.port()) +
                                  " body={\"Image\":\"busybox\"}");
  EXPECT_EQ(doer->do_request(get("/_ping")).read_body().substr(0, 10), "GET /_ping");
  EXPECT_LE(server.accepts(), 2);
  server.stop();
}

TEST(CpprestTransport, ChunkedResponseAndChunkedUpload) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    while (auto req = c.read_request()) {
      c.send("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.send("4\r\nwas:\r\n");
      c.send(std::string("1\r\n") + (req->chunked ? "c" : "n") + "\r\n", 1);
      std::string size = std::to_string(req->body.size());
      c.send(std::to_string(size.size()) + "\r\n" + size + "\r\n0\r\n\r\n");
    }
  });
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port());
  Request req = get("/build");
  req.method = "POST";
  req.body = StreamBody{std::make_shared<StringReader>(std::string(200000, 'x')), std::nullopt};
  EXPECT_EQ(doer->do_request(std::move(req)).read_body(), "was:c200000");
  Request sized = get("/build");
  sized.method = "POST";
  sized.body = StreamBody{std::make_shared<StringReader>(std::string(1000, 'x')), 1000};
  EXPECT_EQ(doer->do_request(std::move(sized)).read_body(), "was:n1000");
  EXPECT_EQ(doer->do_request(get("/again")).read_body(), "was:n0");
  server.stop();
}

TEST(CpprestTransport, TlsWithAnUnrelatedCaFailsAsATlsTransportError) {
  LoopbackServer server(PeerKind::tls, [](PeerConnection& c) {
    while (auto req = c.read_request()) c.respond(200, "OK");
  });
  auto tls = loopback_tls_options();
  tls.ca_file = loopback_tls_files().other_ca_cert;
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port(), tls);
  try {
    doer->do_request(get("/_ping")).read_body();
    FAIL() << "accepted a certificate from an unrelated CA";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("TLS"), std::string::npos) << e.what();
  }
  server.stop();
}

TEST(CpprestTransport, UnreadableTlsFileIsAConfigError) {
  auto tls = loopback_tls_options();
  tls.ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(transport::make_cpprest_doer("127.0.0.1", 1, tls), ConfigError);
}

TEST(CpprestTransport, EndpointsItCannotReachAreConfigErrors) {
  auto unix_endpoint = config::parse_host("unix:///var/run/docker.sock", "test");
  EXPECT_THROW(transport::make_cpprest_doer(unix_endpoint), ConfigError);
  auto ssh_endpoint = config::parse_host("ssh://me@box", "test");
  EXPECT_THROW(transport::make_cpprest_doer(ssh_endpoint), ConfigError);
}

TEST(CpprestTransport, ConnectCanUseItThroughMakeTransport) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    while (auto req = c.read_request()) c.respond(200, req->target);
  });
  ConnectOptions options;
  options.host = "tcp://127.0.0.1:" + std::to_string(server.port());
  options.env = config::fixed_environment({});
  options.client.pinned_version = ApiVersion{1, 41};
  options.make_doer = [](const config::Endpoint& e, const transport::TransportOptions& o) {
    return transport::make_cpprest_doer(e, o);
  };
  auto client = connect(ApiVersion{1, 55}, options);
  Request req;
  req.target = "/info";
  EXPECT_EQ(client->call(std::move(req)).body, "/v1.41/info");
  server.stop();
}

TEST(CpprestTransport, RequestHeadersAndBodyArriveAsGiven) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    while (auto req = c.read_request())
      c.respond(200, req->method + " " + req->target + " ua=" + req->header("User-Agent").value_or("-") +
                         " ct=" + req->header("Content-Type").value_or("-") + " body=" + req->body);
  });
  auto doer = transport::make_cpprest_doer("127.0.0.1", server.port());
  Request req = get("/v1.41/containers/create?name=a%2Fb");
  req.method = "POST";
  req.headers.add("User-Agent", "docker-cpp/0.1");
  req.headers.add("Content-Type", "application/json");
  req.body = std::string(R"({"Image":"busybox"})");
  EXPECT_EQ(
      doer->do_request(std::move(req)).read_body(),
      R"(POST /v1.41/containers/create?name=a%2Fb ua=docker-cpp/0.1 ct=application/json body={"Image":"busybox"})");
  server.stop();
}

}  // namespace
}  // namespace docker::testing

#else
TEST(CpprestTransport, NotBuilt) { GTEST_SKIP() << "cpprestsdk was not found at configure time"; }
#endif
