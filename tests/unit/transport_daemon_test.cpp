// The transports against a real dockerd, when the environment names one
// (skipped otherwise; the unit binary needs no daemon):
//   DOCKER_CPP_TEST_DAEMON_SOCKET=/path/docker.sock
//   DOCKER_CPP_TEST_DAEMON_TLS=127.0.0.1:2376  DOCKER_CPP_TEST_DAEMON_CERTS=<dir with ca.pem cert.pem key.pem>
// Needs the image busybox:latest for the hijack case.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include "docker/errors.hpp"
#include "docker/transport/transports.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

struct DaemonCase {
  std::string name;
  std::function<std::shared_ptr<Doer>()> make;
};

const char* env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr && *v != '\0' ? v : nullptr;
}

transport::TlsOptions daemon_tls() {
  std::string dir = env("DOCKER_CPP_TEST_DAEMON_CERTS");
  return {dir + "/ca.pem", dir + "/cert.pem", dir + "/key.pem"};
}

std::pair<std::string, std::uint16_t> tls_endpoint() {
  std::string hp = env("DOCKER_CPP_TEST_DAEMON_TLS");
  auto colon = hp.rfind(':');
  return {hp.substr(0, colon), static_cast<std::uint16_t>(std::stoi(hp.substr(colon + 1)))};
}

std::vector<DaemonCase> daemon_cases() {
  std::vector<DaemonCase> cases;
  if (const char* socket = env("DOCKER_CPP_TEST_DAEMON_SOCKET"))
    cases.push_back({"unix", [path = std::string(socket)] { return transport::make_unix_doer(path); }});
  if (env("DOCKER_CPP_TEST_DAEMON_TLS") && env("DOCKER_CPP_TEST_DAEMON_CERTS"))
    cases.push_back({"tls", [] {
                       auto [host, port] = tls_endpoint();
                       return transport::make_tls_doer(host, port, daemon_tls());
                     }});
  if (cases.empty()) cases.push_back({"none", nullptr});
  return cases;
}

Request make(std::string method, std::string target, std::string json = {}) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  if (!json.empty()) {
    r.headers.add("Content-Type", "application/json");
    r.body = std::move(json);
  }
  r.options.with_timeout(30s);
  return r;
}

class TransportDaemon : public ::testing::TestWithParam<DaemonCase> {
 protected:
  void SetUp() override {
    if (!GetParam().make) GTEST_SKIP() << "no daemon named (DOCKER_CPP_TEST_DAEMON_SOCKET / _TLS)";
    doer_ = GetParam().make();
  }
  std::shared_ptr<Doer> doer_;
};

TEST_P(TransportDaemon, PingAndKeepAlive) {
  for (int i = 0; i < 20; ++i) {
    auto resp = doer_->do_request(make("GET", "/_ping"));
    EXPECT_EQ(resp.status, 200);
    EXPECT_TRUE(resp.headers.contains("Api-Version"));
    EXPECT_EQ(resp.read_body(), "OK");
  }
  auto missing = doer_->do_request(make("GET", "/v1.41/containers/docker-cpp-no-such/json"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_NE(missing.read_body().find("No such container"), std::string::npos);
}

TEST_P(TransportDaemon, HijackedAttachEchoesStdinUntilHalfClose) {
  auto created = doer_->do_request(make("POST", "/v1.41/containers/create",
                                        R"({"Image":"busybox:latest","Cmd":["cat"],"OpenStdin":true,"StdinOnce":true,)"
                                        R"("AttachStdin":true,"AttachStdout":true,"Tty":false})"));
  std::string body = created.read_body();
  ASSERT_EQ(created.status, 201) << body;
  const std::string id = body.substr(body.find("\"Id\":\"") + 6, 64);
  Request attach = make("POST", "/v1.41/containers/" + id + "/attach?stream=1&stdin=1&stdout=1");
  attach.headers.add("Connection", "Upgrade");
  attach.headers.add("Upgrade", "tcp");
  auto hijacked = doer_->do_raw(std::move(attach));
  ASSERT_TRUE(hijacked.stream) << hijacked.response.status;
  EXPECT_EQ(doer_->do_request(make("POST", "/v1.41/containers/" + id + "/start")).status, 204);
  hijacked.stream->write(std::string_view("through the hijacked stream\n"));
  hijacked.stream->close_write();  // cat sees EOF and exits, ending the stream
  std::string out = hijacked.stream->read_all();
  EXPECT_NE(out.find("through the hijacked stream"), std::string::npos) << out;
  auto waited = doer_->do_request(make("POST", "/v1.41/containers/" + id + "/wait"));
  EXPECT_NE(waited.read_body().find("\"StatusCode\":0"), std::string::npos);
  doer_->do_request(make("DELETE", "/v1.41/containers/" + id + "?force=1")).read_body();
}

TEST_P(TransportDaemon, EventStreamOutlivesItsDeadlineAndStopsOnCancel) {
  CancellationSource source;
  Request events = make("GET", "/v1.41/events");
  events.streaming = true;
  events.options.with_timeout(200ms).with_cancel(source.token());
  auto resp = doer_->do_request(std::move(events));
  EXPECT_EQ(resp.status, 200);
  std::thread canceller([&] {
    std::this_thread::sleep_for(500ms);
    source.cancel();
  });
  auto start = Clock::now();
  EXPECT_THROW(resp.read_body(), Cancelled);
  EXPECT_GE(Clock::now() - start, 400ms);  // not cut at the 200 ms deadline
  canceller.join();
}

TEST_P(TransportDaemon, TlsRefusesAWrongCaAndAMissingClientCertificate) {
  if (GetParam().name != "tls") GTEST_SKIP();
  auto [host, port] = tls_endpoint();
  auto no_cert = daemon_tls();
  no_cert.cert_file.clear();
  no_cert.key_file.clear();
  try {
    transport::make_tls_doer(host, port, no_cert)->do_request(make("GET", "/_ping")).read_body();
    FAIL() << "accepted without a client certificate";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("TLS"), std::string::npos) << e.what();
  }
  auto wrong_ca = daemon_tls();
  wrong_ca.ca_file = "/etc/ssl/certs/ca-certificates.crt";
  try {
    transport::make_tls_doer(host, port, wrong_ca)->do_request(make("GET", "/_ping")).read_body();
    FAIL() << "accepted a certificate from an untrusted CA";
  } catch (const TransportError& e) {
    EXPECT_NE(std::string(e.what()).find("certificate verify failed"), std::string::npos) << e.what();
  }
}

INSTANTIATE_TEST_SUITE_P(Daemon, TransportDaemon, ::testing::ValuesIn(daemon_cases()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace docker::testing
