// HTTP/1.1 message framing, free of I/O: the request head a client writes,
// and a response parser (Beast's basic_parser) that fills a docker::Response
// head and copies body bytes straight into the caller's buffer.
#pragma once

#include <boost/beast/http/basic_parser.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "docker/http.hpp"

namespace docker::transport::internal {

/// How a request body goes on the wire.
struct RequestFraming {
  enum Kind { none, content_length, chunked } kind = none;
  std::uint64_t length = 0;
};
RequestFraming framing_of(const Request& req);

/// Appends "METHOD target HTTP/1.1", Host (unless the request has one), the
/// request's headers (framing headers excepted: the transport owns those),
/// the framing headers, and the blank line. Throws ProtocolError for a line
/// break or other bytes that would let a value forge another header.
void append_request_head(std::string& out, const Request& req, std::string_view host, RequestFraming framing);

/// "1f4\r\n" for a chunk of 500 bytes; returns the used prefix of `buf`.
std::string_view chunk_header(std::uint64_t size, std::span<char, 20> buf);

/// GET, HEAD, PUT, DELETE, OPTIONS, TRACE: safe to send twice.
bool is_idempotent(std::string_view method);
/// The daemon's pre-1.24 way to hand over a connection: 200 with a raw stream.
bool is_raw_stream(const Response& head);

/// Parses one response. The head lands in `head()`; during put() body bytes
/// are copied into the buffer given to set_output().
class ResponseParser final : public boost::beast::http::basic_parser<false> {
 public:
  static constexpr std::uint32_t kHeaderLimit = 32 * 1024;

  ResponseParser();
  Response& head() { return head_; }
  const Response& head() const { return head_; }
  void set_output(std::span<char> out) {
    out_ = out;
    produced_ = 0;
  }
  std::size_t produced() const { return produced_; }
  /// Bytes of the current chunk's data still to come (0 between chunks and
  /// when the body is not chunked): they can be read straight into the
  /// caller's buffer and then put() here.
  std::uint64_t chunk_remaining() const { return chunk_left_; }

 private:
  using error_code = boost::beast::error_code;
  using string_view = boost::beast::string_view;

  void on_request_impl(boost::beast::http::verb, string_view, string_view, int, error_code&) override {}
  void on_response_impl(int status, string_view reason, int version, error_code& ec) override;
  void on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) override;
  void on_header_impl(error_code&) override {}
  void on_body_init_impl(const boost::optional<std::uint64_t>&, error_code&) override {}
  std::size_t on_body_impl(string_view body, error_code& ec) override { return deliver(body, ec); }
  void on_chunk_header_impl(std::uint64_t size, string_view, error_code&) override { chunk_left_ = size; }
  std::size_t on_chunk_body_impl(std::uint64_t remain, string_view body, error_code& ec) override {
    std::size_t n = deliver(body, ec);
    chunk_left_ = remain - n;  // `remain` counts `body` too
    return n;
  }
  void on_finish_impl(error_code&) override {}
  std::size_t deliver(string_view body, error_code& ec);

  Response head_;
  std::span<char> out_;
  std::size_t produced_ = 0;
  std::uint64_t chunk_left_ = 0;
};

/// ProtocolError text for a parser error.
std::string describe_parse_error(const boost::beast::error_code& ec);

}  // namespace docker::transport::internal
