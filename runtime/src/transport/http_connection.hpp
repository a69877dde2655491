// One HTTP/1.1 connection: writes requests (bodies streamed, never buffered
// whole), reads a response head, then pulls the body piece by piece through
// the parser. It knows nothing of pools, retries or cancellation tokens.
#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>

#include "docker/http.hpp"
#include "docker/transport/channel.hpp"
#include "http_wire.hpp"

namespace docker::transport::internal {

/// Bytes read from the channel and not yet parsed.
class ReadBuffer {
 public:
  // 128 KiB: a streamed body (logs) costs one syscall per ~128 KiB; replaying
  // logs, 64 KiB reads were ~3% slower. Pooled connections keep theirs
  // (8 idle at most by default: 1 MiB).
  static constexpr std::size_t kCapacity = std::size_t{128} * 1024;
  ReadBuffer() : data_(new char[kCapacity]) {}

  std::span<const char> readable() const { return {data_.get() + begin_, end_ - begin_}; }
  bool empty() const { return begin_ == end_; }
  void consume(std::size_t n) {
    begin_ += n;
    if (begin_ == end_) begin_ = end_ = 0;
  }
  /// Free space after the data, compacting first when the tail is full.
  std::span<char> writable();
  void commit(std::size_t n) { end_ += n; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

class HttpConnection {
 public:
  explicit HttpConnection(std::unique_ptr<Channel> channel);

  Channel& channel() { return *channel_; }

  /// Writes the request; starts a new exchange.
  void send_request(const Request& req, std::string_view host, const IoCall& call);
  /// After send_request failed: the daemon may have answered before reading
  /// the whole body (a refused upload) and closed. Its answer, if one came,
  /// beats "broken pipe". Waits at most `grace`.
  std::optional<Response> read_early_answer(bool no_body, const IoCall& call, Clock::duration grace);
  /// Reads until the response head is complete and returns it (body unset).
  /// `no_body`: the response to a HEAD request.
  Response read_head(bool no_body, const IoCall& call);
  /// Copies the next body bytes into `out`; 0 at the end of the body.
  std::size_t read_body(std::span<char> out, const IoCall& call);

  bool body_complete() const { return parser_ && parser_->is_done(); }
  /// True once the body was read whole and the response lets the connection carry another.
  bool reusable() const {
    // 101: the connection now speaks another protocol, whoever asked.
    return request_complete_ && body_complete() && parser_->keep_alive() && buffer_.empty() &&
           parser_->head().status != 101;
  }
  /// Whether any byte of the current response has arrived (a failed request
  /// may be retried only if none did).
  bool response_started() const { return response_started_; }

  /// Bytes after the response head that the parser has not consumed (a
  /// hijacked stream's first bytes); the caller takes them.
  std::span<const char> buffered() const { return buffer_.readable(); }
  void consume_buffered(std::size_t n) { buffer_.consume(n); }

  Clock::time_point idle_since{};

 private:
  void send_stream_body(const StreamBody& body, RequestFraming framing, const IoCall& call);
  /// Reads more bytes into the buffer; 0 when the peer closed.
  std::size_t fill(const IoCall& call);
  /// How many of the next bytes on the wire are body data that read_body may
  /// read straight into the caller's buffer (0: go through the buffer).
  std::uint64_t body_bytes_next_on_wire(std::size_t want) const;
  /// At a chunk boundary with too few bytes buffered for the parser to be
  /// handed them (see the definition): read more first.
  bool waiting_for_chunk_header() const;

  /// Smaller reads go through the buffer: one syscall there serves many.
  static constexpr std::size_t kDirectReadMin = 4096;

  std::unique_ptr<Channel> channel_;
  ReadBuffer buffer_;
  std::optional<ResponseParser> parser_;
  std::string head_;                // request head, reused
  std::unique_ptr<char[]> upload_;  // streamed body staging, allocated on first use
  bool response_started_ = false;
  bool request_complete_ = false;  // the whole request went out
};

}  // namespace docker::transport::internal
