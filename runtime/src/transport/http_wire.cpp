#include "http_wire.hpp"

#include <algorithm>
#include <boost/beast/http/error.hpp>
#include <cstring>
#include <limits>

#include "../text.hpp"
#include "docker/errors.hpp"

namespace docker::transport::internal {
namespace {
using docker::internal::iequals;

bool is_token_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

void require_token(std::string_view what, std::string_view s) {
  if (s.empty() || !std::all_of(s.begin(), s.end(), is_token_char))
    throw ProtocolError("invalid " + std::string(what) + " \"" + std::string(s) + "\"");
}

void require_no_line_break(std::string_view what, std::string_view s) {
  if (s.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
    throw ProtocolError(std::string(what) + " contains a line break or NUL");
}

}  // namespace

RequestFraming framing_of(const Request& req) {
  if (auto* bytes = std::get_if<std::string>(&req.body)) return {RequestFraming::content_length, bytes->size()};
  if (auto* stream = std::get_if<StreamBody>(&req.body)) {
    if (stream->length) return {RequestFraming::content_length, *stream->length};
    return {RequestFraming::chunked, 0};
  }
  // Like Go: a body-carrying method says explicitly that its body is empty.
  if (req.method == "POST" || req.method == "PUT" || req.method == "PATCH") return {RequestFraming::content_length, 0};
  return {};
}

void append_request_head(std::string& out, const Request& req, std::string_view host, RequestFraming framing) {
  require_token("method", req.method);
  if (req.target.empty() || req.target.find_first_of(" \r\n\t", 0) != std::string::npos ||
      req.target.find('\0') != std::string::npos)
    throw ProtocolError("invalid request target \"" + req.target + "\"");
  out.append(req.method).append(" ").append(req.target).append(" HTTP/1.1\r\n");
  if (!req.headers.contains("Host")) out.append("Host: ").append(host).append("\r\n");
  for (const auto& [name, value] : req.headers) {
    if (iequals(name, "Content-Length") || iequals(name, "Transfer-Encoding")) continue;
    require_token("header name", name);
    require_no_line_break("header " + name, value);
    out.append(name).append(": ").append(value).append("\r\n");
  }
  if (framing.kind == RequestFraming::content_length) {
    char digits[24];
    int n = std::snprintf(digits, sizeof digits, "%llu", static_cast<unsigned long long>(framing.length));
    out.append("Content-Length: ").append(digits, static_cast<std::size_t>(n)).append("\r\n");
  } else if (framing.kind == RequestFraming::chunked) {
    out.append("Transfer-Encoding: chunked\r\n");
  }
  out.append("\r\n");
}

std::string_view chunk_header(std::uint64_t size, std::span<char, 20> buf) {
  int n = std::snprintf(buf.data(), buf.size(), "%llx\r\n", static_cast<unsigned long long>(size));
  return {buf.data(), static_cast<std::size_t>(n)};
}

bool is_idempotent(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "PUT" || method == "DELETE" || method == "OPTIONS" ||
         method == "TRACE";
}

bool is_raw_stream(const Response& head) {
  auto type = head.headers.get("Content-Type");
  return head.status == 200 && type &&
         (type->starts_with("application/vnd.docker.raw-stream") ||
          type->starts_with("application/vnd.docker.multiplexed-stream"));
}

ResponseParser::ResponseParser() {
  header_limit(kHeaderLimit);
  // Bodies stream through; the caller bounds what it keeps. (Not boost::none:
  // Boost 1.74 compares a length with an empty optional as "over the limit".)
  body_limit(std::numeric_limits<std::uint64_t>::max());
}

namespace {
constexpr std::size_t kExpectedHeaderFields = 10;
}  // namespace

void ResponseParser::on_response_impl(int status, string_view reason, int version, error_code& ec) {
  if (version < 10) {
    ec = boost::beast::http::error::bad_version;
    return;
  }
  head_.status = status;
  head_.reason.assign(reason.data(), reason.size());
  // dockerd sends 6-8 header fields: one allocation instead of four as the vector grows.
  head_.headers.reserve(kExpectedHeaderFields);
}

void ResponseParser::on_field_impl(boost::beast::http::field, string_view name, string_view value, error_code&) {
  head_.headers.add(std::string(name.data(), name.size()), std::string(value.data(), value.size()));
}

std::size_t ResponseParser::deliver(string_view body, error_code& ec) {
  std::size_t n = std::min(body.size(), out_.size() - produced_);
  // The source may already be the destination (a body read straight into the
  // caller's buffer): memmove is a no-op then.
  if (n != 0 && out_.data() + produced_ != body.data()) std::memmove(out_.data() + produced_, body.data(), n);
  produced_ += n;
  if (n < body.size()) ec = boost::beast::http::error::need_buffer;  // caller's buffer is full
  return n;
}

std::string describe_parse_error(const boost::beast::error_code& ec) {
  return "malformed HTTP response: " + ec.message();
}

}  // namespace docker::transport::internal
