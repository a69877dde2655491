// TLS and plain TCP against dockerd itself (listeners tests/daemon/daemon.sh
// sets up): refused certificates give a clear TransportError, and the hello
// example connects unchanged through DOCKER_HOST=tcp://… with
// DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH, as a newcomer would.
#include <gtest/gtest.h>

#include "docker/connect.hpp"
#include "docker/errors.hpp"
#ifdef DOCKER_CPP_HAVE_CPPREST
#include "docker/transport/cpprest.hpp"
#endif
#include "docker/transport/transports.hpp"
#include "integration/daemon_endpoints.hpp"
#include "integration/run_program.hpp"

namespace docker::testing {
namespace {

using namespace std::chrono_literals;

Request ping() {
  Request r;
  r.target = "/_ping";
  r.options.with_timeout(10s);
  return r;
}

/// The message of the TransportError a ping over `tls` fails with.
std::string refused(const HostPort& endpoint, const transport::TlsOptions& tls) {
  try {
    auto resp = transport::make_tls_doer(endpoint.host, endpoint.port, tls)->do_request(ping());
    return "accepted: status " + std::to_string(resp.status) + " body " + resp.read_body();
  } catch (const TransportError& e) {
    return e.what();
  }
}

class DaemonTls : public ::testing::Test {
 protected:
  void SetUp() override {
    auto tls = daemon_tls();
    if (!tls) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TLS");
    endpoint_ = *tls;
  }
  HostPort endpoint_;
};

TEST_F(DaemonTls, TrustedCaAndClientCertificateAreAccepted) {
  auto resp = transport::make_tls_doer(endpoint_.host, endpoint_.port, daemon_tls_options())->do_request(ping());
  EXPECT_EQ(resp.status, 200);
  EXPECT_EQ(resp.read_body(), "OK");
}

TEST_F(DaemonTls, WrongCaIsACertificateVerifyError) {
  auto tls = daemon_tls_options();
  tls.ca_file = daemon_wrong_ca();
  ASSERT_FALSE(tls.ca_file.empty()) << skip_reason("DOCKER_CPP_TEST_DAEMON_WRONG_CA");
  std::string message = refused(endpoint_, tls);
  EXPECT_NE(message.find("TLS"), std::string::npos) << message;
  EXPECT_NE(message.find("certificate verify failed"), std::string::npos) << message;
}

TEST_F(DaemonTls, MissingClientCertificateIsRefusedByTheDaemon) {
  auto tls = daemon_tls_options();
  tls.cert_file.clear();
  tls.key_file.clear();
  std::string message = refused(endpoint_, tls);
  EXPECT_NE(message.find("TLS"), std::string::npos) << message;
  EXPECT_NE(message.find("certificate"), std::string::npos) << message;
}

TEST_F(DaemonTls, HelloExampleOverDockerHostWithTlsVerify) {
  auto result = run_program(
      DOCKER_CPP_EXAMPLE_HELLO,
      {{"DOCKER_HOST", endpoint_.url()}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", daemon_cert_dir()}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "hello\n");
}

TEST_F(DaemonTls, HelloExampleWithoutTlsVerifyAgainstATlsDaemonFailsClearly) {
  // Plain HTTP to a TLS listener: the daemon answers 400 in plain text
  // ("Client sent an HTTP request to an HTTPS server").
  auto result = run_program(DOCKER_CPP_EXAMPLE_HELLO, {{"DOCKER_HOST", endpoint_.url()}});
  EXPECT_NE(result.exit_code, 0);
  EXPECT_NE(result.output.find("HTTPS"), std::string::npos) << result.output;
}

#ifdef DOCKER_CPP_HAVE_CPPREST
// connect() with the cpprest transport: the same endpoint resolution
// (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH), another HTTP stack.
TEST_F(DaemonTls, ConnectThroughTheCpprestTransport) {
  ConnectOptions options;
  options.env = config::fixed_environment(
      {{"DOCKER_HOST", endpoint_.url()}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", daemon_cert_dir()}});
  options.make_doer = [](const config::Endpoint& e, const transport::TransportOptions& o) {
    return transport::make_cpprest_doer(e, o);
  };
  auto client = connect(ApiVersion{1, 55}, options);
  EXPECT_EQ(client->ping().body, "OK");
  Request version;
  version.target = "/version";
  EXPECT_NE(client->call(std::move(version)).body.find("\"ApiVersion\""), std::string::npos);

  auto untrusted = options;
  std::string wrong_dir = daemon_cert_dir() + "/../wrong-ca";  // holds only ca.pem: no client certificate either
  untrusted.env = config::fixed_environment(
      {{"DOCKER_HOST", endpoint_.url()}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", wrong_dir}});
  EXPECT_THROW(connect(ApiVersion{1, 55}, untrusted)->ping(), TransportError);
}
#endif

TEST(DaemonTcp, HelloExampleOverPlainTcp) {
  auto tcp = daemon_tcp();
  if (!tcp) GTEST_SKIP() << skip_reason("DOCKER_CPP_TEST_DAEMON_TCP");
  auto result = run_program(DOCKER_CPP_EXAMPLE_HELLO, {{"DOCKER_HOST", tcp->url()}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_EQ(result.output, "hello\n");
}

}  // namespace
}  // namespace docker::testing
