// The transport conformance suite's fixture: one loopback peer per test and
// a Doer made by the case under test. The TEST_Ps live in
// tests/unit/transport_conformance_test.cpp; another transport joins the
// suite with its own INSTANTIATE_TEST_SUITE_P(Name, TransportConformance,
// ::testing::ValuesIn(cases), transport_case_name) in its own test file.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "docker/doer.hpp"
#include "docker/transport/transports.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {

struct TransportCase {
  std::string name;
  /// How the loopback peer listens (an ssh case would put a unix peer behind sshd).
  PeerKind peer;
  std::function<std::shared_ptr<Doer>(const LoopbackServer&, const transport::TransportOptions&)> make_doer;
  /// Tests that do not apply to this transport (test name → why); they skip.
  std::map<std::string, std::string> not_applicable = {};
  /// Why the case cannot run on this machine (asked when each test starts, so
  /// the case is always listed and skips with the reason instead of vanishing).
  std::function<std::optional<std::string>()> unavailable = {};
};

/// gtest prints a parameter in test listings: the case's name, not its bytes.
inline void PrintTo(const TransportCase& c, std::ostream* os) { *os << c.name; }

/// unix, tcp and tls (the test CA, a client certificate, verification on).
std::vector<TransportCase> builtin_transport_cases();
std::string transport_case_name(const ::testing::TestParamInfo<TransportCase>& info);

/// A Doer for `server` with the case's defaults (any PeerKind).
std::shared_ptr<Doer> loopback_doer(const LoopbackServer& server, transport::TransportOptions options = {},
                                    std::optional<transport::TlsOptions> tls = std::nullopt);
/// TLS options trusting the test CA, with the client certificate.
transport::TlsOptions loopback_tls_options();

class TransportConformance : public ::testing::TestWithParam<TransportCase> {
 protected:
  void SetUp() override {
    // A parameterised test is named "Test/param".
    std::string test = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    if (GetParam().unavailable)
      if (auto why = GetParam().unavailable()) GTEST_SKIP() << GetParam().name << ": " << *why;
    const auto& skip = GetParam().not_applicable;
    if (auto it = skip.find(test.substr(0, test.find('/'))); it != skip.end())
      GTEST_SKIP() << GetParam().name << ": " << it->second;
  }
  void serve(LoopbackServer::Handler handler, transport::TransportOptions options = {}) {
    server_ = std::make_unique<LoopbackServer>(GetParam().peer, std::move(handler));
    doer_ = GetParam().make_doer(*server_, options);
  }
  void TearDown() override {
    doer_.reset();
    if (server_) server_->stop();
  }
  Doer& doer() { return *doer_; }
  LoopbackServer& server() { return *server_; }

  std::unique_ptr<LoopbackServer> server_;
  std::shared_ptr<Doer> doer_;
};

}  // namespace docker::testing
