// A gtest fixture for HTTP/1.1 transport tests: one scripted loopback peer on
// a unix socket per test and the pooled Doer under test in front of it.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <string>

#include "docker/doer.hpp"
#include "docker/transport/transports.hpp"
#include "support/loopback_conformance.hpp"
#include "support/loopback_server.hpp"

namespace docker::testing {

inline Request make_request(std::string method, std::string target) {
  Request req;
  req.method = std::move(method);
  req.target = std::move(target);
  return req;
}

class Http1Fixture : public ::testing::Test {
 protected:
  void serve(LoopbackServer::Handler handler, transport::TransportOptions options = {}) {
    server_ = std::make_unique<LoopbackServer>(PeerKind::unix_socket, std::move(handler));
    doer_ = loopback_doer(*server_, options);
  }
  /// Answers each request on a connection with the bytes `reply(request)` gives.
  void serve_replies(std::function<std::string(const PeerRequest&)> reply) {
    serve([reply](PeerConnection& c) {
      while (auto req = c.read_request()) c.send(reply(*req));
    });
  }
  void TearDown() override {
    doer_.reset();
    if (server_) server_->stop();
  }
  Response get(std::string target) { return doer_->do_request(make_request("GET", std::move(target))); }

  std::unique_ptr<LoopbackServer> server_;
  std::shared_ptr<Doer> doer_;
};

}  // namespace docker::testing
