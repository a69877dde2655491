// A scriptable Doer for unit tests: records every request and answers from a
// queue of canned responses.
#pragma once

#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "docker/doer.hpp"

namespace docker::testing {

struct CannedResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// The parts of a request a test asserts on (bodies flattened to a string).
struct RecordedRequest {
  std::string method;
  std::string target;
  Headers headers;
  std::string body;
  bool streaming = false;
};

class FakeDoer : public Doer {
 public:
  void push(CannedResponse r) {
    std::lock_guard lock(mutex_);
    responses_.push_back(std::move(r));
  }
  void push(int status, std::string body = {}, std::vector<std::pair<std::string, std::string>> headers = {}) {
    push(CannedResponse{status, std::move(headers), std::move(body)});
  }
  /// Called with each request before answering (e.g. to throw a transport error).
  std::function<void(const Request&)> on_request;

  Response do_request(Request req) override;
  HijackResponse do_raw(Request req) override;

  std::vector<RecordedRequest> requests() const {
    std::lock_guard lock(mutex_);
    return requests_;
  }
  RecordedRequest last() const {
    std::lock_guard lock(mutex_);
    return requests_.back();
  }

 private:
  CannedResponse next(Request& req);

  mutable std::mutex mutex_;
  std::deque<CannedResponse> responses_;
  std::vector<RecordedRequest> requests_;
};

}  // namespace docker::testing
