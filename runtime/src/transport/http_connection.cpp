#include "http_connection.hpp"

#include <boost/beast/http/error.hpp>
#include <cstring>

#include "docker/errors.hpp"

namespace docker::transport::internal {
namespace {

constexpr std::size_t kUploadChunk = std::size_t{64} * 1024;
constexpr std::string_view kCrlf = "\r\n";
constexpr std::string_view kLastChunk = "0\r\n\r\n";

std::span<const char> bytes(std::string_view s) { return {s.data(), s.size()}; }

[[noreturn]] void throw_protocol(std::string message, const IoCall& call) {
  throw ProtocolError(std::move(message), std::string(call.method), std::string(call.path));
}

}  // namespace

std::span<char> ReadBuffer::writable() {
  // Compact when the tail is too short for a useful read (one syscall per
  // few bytes otherwise); the unparsed rest is small, so the copy is too.
  if (begin_ > 0 && kCapacity - end_ < kCapacity / 8) {
    std::memmove(data_.get(), data_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  return {data_.get() + end_, kCapacity - end_};
}

HttpConnection::HttpConnection(std::unique_ptr<Channel> channel) : channel_(std::move(channel)) {}

void HttpConnection::send_request(const Request& req, std::string_view host, const IoCall& call) {
  parser_.emplace();
  response_started_ = false;
  request_complete_ = false;
  const RequestFraming framing = framing_of(req);
  head_.clear();
  try {
    append_request_head(head_, req, host, framing);
  } catch (const ProtocolError& e) {
    throw_protocol(e.message(), call);  // the same error, naming the call
  }
  if (auto* stream = std::get_if<StreamBody>(&req.body)) {
    send_stream_body(*stream, framing, call);
    request_complete_ = true;
    return;
  }
  // Head and body in one gathered write: one syscall for a small request.
  const std::string* text = std::get_if<std::string>(&req.body);
  const std::span<const char> pieces[2] = {bytes(head_), text ? bytes(*text) : std::span<const char>{}};
  channel_->write(std::span(pieces, text && !text->empty() ? 2 : 1), call);
  request_complete_ = true;
}

std::optional<Response> HttpConnection::read_early_answer(bool no_body, const IoCall& call, Clock::duration grace) {
  IoCall limited = call;
  auto grace_end = Clock::now() + grace;
  if (!limited.deadline || grace_end < *limited.deadline) limited.deadline = grace_end;
  try {
    return read_head(no_body, limited);
  } catch (const Error&) {
    return std::nullopt;
  }
}

void HttpConnection::send_stream_body(const StreamBody& body, RequestFraming framing, const IoCall& call) {
  if (!upload_) upload_.reset(new char[kUploadChunk]);
  const bool chunked = framing.kind == RequestFraming::chunked;
  std::uint64_t sent = 0;
  bool head_pending = true;  // the head goes out with the first piece of body
  char size_line[20];
  for (;;) {
    std::size_t want = kUploadChunk;
    if (!chunked) want = static_cast<std::size_t>(std::min<std::uint64_t>(want, framing.length - sent));
    std::size_t n = (want == 0 || !body.reader) ? 0 : body.reader->read_some({upload_.get(), want});
    std::span<const char> pieces[5];
    std::size_t count = 0;
    if (head_pending) pieces[count++] = bytes(head_);
    head_pending = false;
    if (n > 0) {
      if (chunked) pieces[count++] = bytes(chunk_header(n, size_line));
      pieces[count++] = {upload_.get(), n};
      if (chunked) pieces[count++] = bytes(kCrlf);
    } else if (chunked) {
      pieces[count++] = bytes(kLastChunk);
    }
    if (count > 0) channel_->write(std::span(pieces, count), call);
    sent += n;
    if (n == 0) break;
  }
  if (!chunked && sent != framing.length)
    throw_protocol("request body ended after " + std::to_string(sent) + " of its " + std::to_string(framing.length) +
                       " announced bytes",
                   call);
}

std::size_t HttpConnection::fill(const IoCall& call) {
  auto space = buffer_.writable();
  if (space.empty()) throw_protocol("response head larger than the read buffer", call);
  std::size_t n = channel_->read_some(space, call);
  buffer_.commit(n);
  if (n > 0) response_started_ = true;
  return n;
}

Response HttpConnection::read_head(bool no_body, const IoCall& call) {
  constexpr int kMaxInterimHeads = 16;
  int interim_heads = 0;
  if (no_body) parser_->skip(true);
  for (;;) {
    if (!buffer_.empty()) {
      boost::beast::error_code ec;
      std::size_t used = parser_->put(boost::asio::buffer(buffer_.readable().data(), buffer_.readable().size()), ec);
      buffer_.consume(used);
      if (ec && ec != boost::beast::http::error::need_more) throw_protocol(describe_parse_error(ec), call);
      if (parser_->is_header_done()) {
        // 100 Continue, 102, 103: interim heads before the real one. A 101
        // is final (the connection changes protocol).
        const int status = parser_->head().status;
        if (status < 100 || status >= 200 || status == 101) break;
        if (++interim_heads > kMaxInterimHeads) throw_protocol("too many 1xx interim responses", call);
        parser_.emplace();
        if (no_body) parser_->skip(true);
        continue;
      }
    }
    if (fill(call) == 0) {
      if (!response_started_)
        throw TransportError(channel_->endpoint() + " closed the connection before responding",
                             std::string(call.method), std::string(call.path));
      throw_protocol("connection closed in the middle of the response head", call);
    }
  }
  parser_->eager(true);
  Response out;
  out.status = parser_->head().status;
  out.reason = std::move(parser_->head().reason);
  out.headers = std::move(parser_->head().headers);
  return out;
}

bool HttpConnection::waiting_for_chunk_header() const {
  // Beast 1.74 asserts that a last chunk it has begun to parse ("0\r\n", its
  // trailer still to come) is presented again with at least 5 bytes; a valid
  // body always has that many from a chunk boundary on ("0\r\n\r\n"), so
  // wait for them there rather than feed it a shorter piece.
  constexpr std::size_t kShortestChunkRest = 5;
  return parser_->chunked() && parser_->chunk_remaining() == 0 && buffer_.readable().size() < kShortestChunkRest;
}

std::uint64_t HttpConnection::body_bytes_next_on_wire(std::size_t want) const {
  if (!buffer_.empty()) return 0;
  if (parser_->chunked()) return parser_->chunk_remaining();
  if (auto left = parser_->content_length_remaining()) return *left;
  return want;  // read to the end of the connection
}

std::size_t HttpConnection::read_body(std::span<char> out, const IoCall& call) {
  if (!parser_ || parser_->is_done() || out.empty()) return 0;
  parser_->set_output(out);
  for (;;) {
    if (!buffer_.empty() && !waiting_for_chunk_header()) {
      boost::beast::error_code ec;
      std::size_t used = parser_->put(boost::asio::buffer(buffer_.readable().data(), buffer_.readable().size()), ec);
      buffer_.consume(used);
      if (ec && ec != boost::beast::http::error::need_buffer && ec != boost::beast::http::error::need_more)
        throw_protocol(describe_parse_error(ec), call);
      if (parser_->produced() > 0 || parser_->is_done()) return parser_->produced();
    }
    std::size_t n;
    const std::uint64_t direct = out.size() >= kDirectReadMin ? body_bytes_next_on_wire(out.size()) : 0;
    if (direct > 0) {
      // Nothing buffered and the next bytes on the wire are body data (the
      // rest of a chunk, of a Content-Length body, or of a body that ends
      // with the connection): read them straight into the caller's buffer,
      // never past the data, and let the parser account for them (its copy
      // is then a no-op: source and destination are the same).
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), direct));
      std::size_t overflow = 0;
      if (parser_->chunked() && want == direct) {
        // The read reaches the chunk's end: what follows (the next size line
        // and data) goes to the buffer in the same syscall where the channel
        // can do that (a plain socket), so reading the chunk's tail straight
        // costs no extra read.
        const std::span<char> pieces[2] = {out.first(want), buffer_.writable()};
        n = channel_->read_some_scattered(pieces, call);
        if (n > want) {
          overflow = n - want;
          buffer_.commit(overflow);
        }
      } else {
        n = channel_->read_some(out.first(want), call);
      }
      if (n > 0) {
        response_started_ = true;
        boost::beast::error_code ec;
        parser_->put(boost::asio::buffer(out.data(), n - overflow), ec);
        if (ec && ec != boost::beast::http::error::need_buffer) throw_protocol(describe_parse_error(ec), call);
        return parser_->produced();
      }
    } else {
      n = fill(call);
    }
    if (n == 0) {
      if (!parser_->need_eof()) throw_protocol("connection closed before the end of the response body", call);
      boost::beast::error_code ec;
      parser_->put_eof(ec);
      if (ec) throw_protocol(describe_parse_error(ec), call);
      return 0;
    }
  }
}

}  // namespace docker::transport::internal
