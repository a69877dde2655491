// The HTTP/1.1 response reader (head, Content-Length, chunked, interim 1xx,
// read to close) over any bytes arriving in pieces of any size: a response
// and its body, or a typed error, never a crash or a read past the input.
#include <cstdint>
#include <memory>

#include "docker/errors.hpp"
#include "docker/transport/channel.hpp"
#include "fuzz_support.hpp"
#include "http_connection.hpp"

namespace {

/// A channel whose peer answers with the fuzz input and swallows what is sent.
class ScriptedChannel final : public docker::transport::Channel {
 public:
  ScriptedChannel(std::string_view answer, std::size_t piece) : answer_(answer, piece) {}
  std::size_t read_some(std::span<char> out, const docker::transport::IoCall&) override {
    return answer_.read_some(out);
  }
  void write(std::span<const std::span<const char>>, const docker::transport::IoCall&) override {}
  void shutdown_send(const docker::transport::IoCall&) override {}
  void interrupt() noexcept override {}
  void close() noexcept override {}
  bool idle_and_usable() override { return false; }
  const std::string& endpoint() const override { return endpoint_; }

 private:
  docker::fuzz::PieceReader answer_;
  std::string endpoint_ = "fuzz://peer";
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  auto [data, piece] = docker::fuzz::split_input(bytes, size);
  for (bool head_request : {false, true}) {
    docker::transport::internal::HttpConnection connection(std::make_unique<ScriptedChannel>(data, piece));
    docker::Request req;
    req.method = head_request ? "HEAD" : "GET";
    req.target = "/v1.55/containers/json";
    const docker::transport::IoCall call{std::nullopt, req.method, req.target};
    try {
      connection.send_request(req, "docker", call);
      (void)connection.read_head(head_request, call);
      char body[777];
      while (connection.read_body(body, call) > 0) {
      }
    } catch (const docker::Error&) {
    }
  }
  return 0;
}
