#include "support/fake_doer.hpp"

#include "docker/errors.hpp"

namespace docker::testing {
namespace {

std::string flatten(Body& body) {
  if (auto* s = std::get_if<std::string>(&body)) return *s;
  if (auto* st = std::get_if<StreamBody>(&body)) return st->reader ? st->reader->read_all() : std::string{};
  return {};
}

Response to_response(CannedResponse c) {
  Response r;
  r.status = c.status;
  for (auto& [k, v] : c.headers) r.headers.add(k, v);
  r.body = std::make_unique<StringReader>(std::move(c.body));
  return r;
}

// Upgraded connection that replays the canned body and records writes.
class FakeHijacked : public HijackedStream {
 public:
  explicit FakeHijacked(std::string data) : reader_(std::move(data)) {}
  std::size_t read_some(std::span<char> buf) override { return reader_.read_some(buf); }
  void write(std::span<const char> d) override { written.append(d.data(), d.size()); }
  void close_write() override { write_closed = true; }
  void close() override { closed = true; }
  std::string written;
  bool write_closed = false, closed = false;

 private:
  StringReader reader_;
};

}  // namespace

CannedResponse FakeDoer::next(Request& req) {
  if (on_request) on_request(req);
  RecordedRequest rec{req.method, req.target, req.headers, flatten(req.body), req.streaming};
  std::lock_guard lock(mutex_);
  requests_.push_back(std::move(rec));
  if (responses_.empty()) throw TransportError("FakeDoer: no canned response left", req.method, req.target);
  auto c = std::move(responses_.front());
  responses_.pop_front();
  return c;
}

Response FakeDoer::do_request(Request req) { return to_response(next(req)); }

HijackResponse FakeDoer::do_raw(Request req) {
  auto c = next(req);
  HijackResponse out;
  if (c.status == 101) {
    out.response.status = 101;
    for (auto& [k, v] : c.headers) out.response.headers.add(k, v);
    out.response.body = std::make_unique<StringReader>("");
    out.stream = std::make_unique<FakeHijacked>(std::move(c.body));
  } else {
    out.response = to_response(std::move(c));
  }
  return out;
}

}  // namespace docker::testing
