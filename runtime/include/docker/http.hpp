// The transport-level vocabulary: headers, bodies, requests and responses.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "docker/call_options.hpp"

namespace docker {

/// Percent-encodes everything but RFC 3986 unreserved characters (for query
/// values and path segments).
std::string url_encode(std::string_view s);

/// HTTP header fields in order; names compare case-insensitively.
class Headers {
 public:
  /// A name and value.
  using Field = std::pair<std::string, std::string>;

  /// Appends a field (names may repeat).
  void add(std::string name, std::string value) { fields_.emplace_back(std::move(name), std::move(value)); }
  /// Room for `n` fields without growing (a parser about to add a head's).
  void reserve(std::size_t n) { fields_.reserve(n); }
  /// Replaces every field of that name with one.
  void set(std::string name, std::string value);
  /// Removes every field of that name (case-insensitive).
  void remove(std::string_view name);
  /// The first value of that name (case-insensitive), if any.
  std::optional<std::string_view> get(std::string_view name) const;
  /// Whether a field of that name exists (case-insensitive).
  bool contains(std::string_view name) const { return get(name).has_value(); }

  /// Fields in the order added.
  auto begin() const { return fields_.begin(); }
  /// End of the fields.
  auto end() const { return fields_.end(); }
  /// Number of fields.
  std::size_t size() const { return fields_.size(); }
  /// Whether there are no fields.
  bool empty() const { return fields_.empty(); }

 private:
  std::vector<Field> fields_;
};

/// A pull-style source of bytes.
class ByteReader {
 public:
  virtual ~ByteReader() = default;
  /// Reads at least one byte into `buf` unless the source has ended; 0 means
  /// the end. Blocks until data is there. Throws docker::Error on failure.
  virtual std::size_t read_some(std::span<char> buf) = 0;

  /// True when a small read costs no syscall: it is served from memory the
  /// reader already holds (an HTTP response body over its connection's read
  /// buffer). OutputStream then reads just the 8-byte frame headers from it
  /// and takes each payload straight into the caller's buffer, one copy
  /// fewer; over a source that reads a socket per call (a hijacked stream)
  /// that would cost a syscall per header, so it keeps its staging buffer.
  /// A reader that wraps another one answers what the inner one answers.
  virtual bool small_reads_are_cheap() const { return false; }

  /// Like read_some, but into `pieces` in order, each filled before the
  /// next: one syscall where the source is a plain socket (a hijacked
  /// stream), so OutputStream can put frame payloads straight into the
  /// caller's buffer and the 8-byte headers between them into its own. At
  /// least one byte unless the source has ended (0). The default reads into
  /// the first non-empty piece only; a decorator forwards it.
  virtual std::size_t read_some_scattered(std::span<const std::span<char>> pieces);

  /// Reads until the end. Throws ProtocolError when more than `limit` bytes come.
  std::string read_all(std::size_t limit = std::size_t{1} << 30);
};

/// Reads from a string held in memory (tests, small uploads).
class StringReader final : public ByteReader {
 public:
  /// Serves `data` and then the end.
  explicit StringReader(std::string data) : data_(std::move(data)) {}
  std::size_t read_some(std::span<char> buf) override;

 private:
  std::string data_;
  std::size_t pos_ = 0;
};

/// A request body: nothing, bytes in memory, or a stream sent as it is read
/// (with its length when known, chunked otherwise).
struct StreamBody {
  /// Where the bytes come from.
  std::shared_ptr<ByteReader> reader;
  /// Sent as Content-Length when known; otherwise chunked.
  std::optional<std::uint64_t> length;

  /// Bytes held in memory, sent with their length.
  [[nodiscard]] static StreamBody from_string(std::string data);
  /// A file sent as it is read (bounded memory), with its length. Throws
  /// InvalidInput naming the path when it cannot be opened or is not a
  /// regular file; a read error while sending also names it.
  [[nodiscard]] static StreamBody from_file(const std::string& path);
};
using Body = std::variant<std::monostate, std::string, StreamBody>;

/// One HTTP request as a Doer sends it.
struct Request {
  /// HTTP method.
  std::string method = "GET";
  /// Origin-form target: path and query, already escaped ("/v1.55/containers/json?all=1").
  std::string target;
  /// Request headers (the transport adds Host and the body's length).
  Headers headers;
  /// None, text, or a stream.
  Body body;
  /// Deadline and cancellation of this request.
  CallOptions options;
  /// False: the deadline also bounds reading the body (a buffered call).
  /// True: the deadline stops at the response head; the body is a stream the
  /// caller reads for as long as it likes (cancellation still applies).
  bool streaming = false;
};

/// A response head as it arrived; the body is pulled through `body`.
struct Response {
  /// HTTP status.
  int status = 0;
  /// Reason phrase ("OK").
  std::string reason;
  /// Response headers.
  Headers headers;
  /// The body, read incrementally. Never null for a response from a Doer.
  std::unique_ptr<ByteReader> body;

  /// Reads the whole body (empty when there is none); ProtocolError beyond `limit`.
  std::string read_body(std::size_t limit = std::size_t{1} << 30) {
    return body ? body->read_all(limit) : std::string{};
  }
};

/// A connection taken over after `101 Switching Protocols` (or a 200 raw
/// stream): bytes the HTTP parser had already buffered are read first.
class HijackedStream : public ByteReader {
 public:
  /// Sends bytes to the container (stdin); blocks until written.
  virtual void write(std::span<const char> data) = 0;
  /// Sends text to the container (stdin).
  void write(std::string_view s) { write(std::span<const char>(s.data(), s.size())); }
  /// Half-close: the peer sees end of input (stdin EOF) while we keep reading.
  virtual void close_write() = 0;
  /// Closes both directions; a blocked read_some returns or throws.
  virtual void close() = 0;
};

/// Result of a raw (hijack) call. `stream` is set when the daemon switched
/// protocols; otherwise `response` carries the (error) answer with its body.
struct HijackResponse {
  /// The response head (101, or the error answer with its body).
  Response response;
  /// The connection, when the daemon switched protocols.
  std::unique_ptr<HijackedStream> stream;
};

}  // namespace docker
