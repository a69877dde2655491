// TLS specifics against the loopback TLS peer: verification failures say
// why, client certificates, hostname checks for IP addresses and names.
#include <gtest/gtest.h>

#include <thread>

#include "docker/errors.hpp"
#include "docker/transport/transports.hpp"
#include "support/loopback_conformance.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {
namespace {

Request ping() {
  Request req;
  req.target = "/_ping";
  req.options.with_timeout(std::chrono::seconds(5));
  return req;
}

void answer_ok(PeerConnection& c) {
  while (c.read_request()) c.respond(200, "OK");
}

std::string error_of(Doer& doer) {
  try {
    doer.do_request(ping()).read_body();
  } catch (const TransportError& e) {
    return e.what();
  }
  return "no error";
}

TEST(TransportTls, WrongCaFailsWithAClearTlsError) {
  LoopbackServer server(PeerKind::tls, answer_ok);
  auto tls = loopback_tls_options();
  tls.ca_file = loopback_tls_files().other_ca_cert;
  auto doer = transport::make_tls_doer("127.0.0.1", server.port(), tls);
  std::string what = error_of(*doer);
  EXPECT_NE(what.find("TLS"), std::string::npos) << what;
  EXPECT_NE(what.find("certificate verify failed"), std::string::npos) << what;
  EXPECT_EQ(server.requests(), 0);
}

TEST(TransportTls, MissingClientCertificateIsRefused) {
  LoopbackServer server(PeerKind::tls, answer_ok);
  auto tls = loopback_tls_options();
  tls.cert_file.clear();
  tls.key_file.clear();
  auto doer = transport::make_tls_doer("127.0.0.1", server.port(), tls);
  std::string what = error_of(*doer);
  // TLS 1.3: the server judges the client certificate after the client's
  // handshake ended; its alert comes on the first read ("TLS error: tlsv13
  // alert certificate required"), or its reset comes first on the write.
  EXPECT_NE(what.find("TLS"), std::string::npos) << what;
  EXPECT_NE(what.find("certificate"), std::string::npos) << what;
  EXPECT_EQ(server.requests(), 0);
}

TEST(TransportTls, HostnameIsCheckedForNamesAndAddresses) {
  LoopbackServer server(PeerKind::tls, answer_ok);
  auto by_name = transport::make_tls_doer("localhost", server.port(), loopback_tls_options());
  EXPECT_EQ(by_name->do_request(ping()).read_body(), "OK");  // SAN DNS:localhost

  auto tls = loopback_tls_options();
  tls.server_name = "daemon.example";
  auto wrong = transport::make_tls_doer("127.0.0.1", server.port(), tls);
  std::string what = error_of(*wrong);
  EXPECT_NE(what.find("certificate verify failed"), std::string::npos) << what;
  EXPECT_NE(what.find("hostname mismatch"), std::string::npos) << what;

  tls.server_name = "127.0.0.2";  // an IP the certificate does not list
  auto wrong_ip = transport::make_tls_doer("127.0.0.1", server.port(), tls);
  what = error_of(*wrong_ip);
  EXPECT_NE(what.find("IP address mismatch"), std::string::npos) << what;
}

TEST(TransportTls, VerificationCanBeTurnedOff) {
  LoopbackServer server(PeerKind::tls, answer_ok);
  auto tls = loopback_tls_options();
  tls.ca_file = loopback_tls_files().other_ca_cert;
  tls.verify_peer = false;
  auto doer = transport::make_tls_doer("127.0.0.1", server.port(), tls);
  EXPECT_EQ(doer->do_request(ping()).read_body(), "OK");
}

TEST(TransportTls, UnreadableFilesAreConfigErrors) {
  auto tls = loopback_tls_options();
  tls.ca_file = "/nonexistent/ca.pem";
  EXPECT_THROW(transport::make_tls_doer("127.0.0.1", 1, tls), ConfigError);
  tls = loopback_tls_options();
  tls.key_file.clear();
  EXPECT_THROW(transport::make_tls_doer("127.0.0.1", 1, tls), ConfigError);
  tls = loopback_tls_options();
  tls.key_file = loopback_tls_files().server_key;  // not the certificate's key
  EXPECT_THROW(transport::make_tls_doer("127.0.0.1", 1, tls), ConfigError);
}

TEST(TransportTls, PlainPeerGivesATlsError) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) {
    c.read_some();
    c.send("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
    c.close();
  });
  auto doer = transport::make_tls_doer("127.0.0.1", server.port(), loopback_tls_options());
  std::string what = error_of(*doer);
  EXPECT_NE(what.find("TLS"), std::string::npos) << what;
}

TEST(TransportTls, SilentPeerBoundsTheHandshakeByDeadlineAndCancel) {
  LoopbackServer server(PeerKind::tcp, [](PeerConnection& c) { c.hang(); });  // never speaks TLS
  auto doer = transport::make_tls_doer("127.0.0.1", server.port(), loopback_tls_options());
  Request timed = ping();
  timed.options.with_timeout(std::chrono::milliseconds(150));
  auto start = Clock::now();
  try {
    doer->do_request(std::move(timed));
    FAIL() << "no timeout";
  } catch (const Timeout& e) {
    EXPECT_NE(std::string(e.what()).find("TLS handshake"), std::string::npos) << e.what();
  }
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));

  CancellationSource source;
  Request cancelled = ping();
  cancelled.options.with_cancel(source.token());
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    source.cancel();
  });
  start = Clock::now();
  EXPECT_THROW(doer->do_request(std::move(cancelled)), Cancelled);
  EXPECT_LT(Clock::now() - start, std::chrono::seconds(1));
  canceller.join();
}

}  // namespace
}  // namespace docker::testing
