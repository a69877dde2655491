// Streams of JSON messages (/images/create, /images/load, /build, /events,
// /containers/{id}/stats, plugin pull): one value per line, or values simply
// concatenated. A message carrying `errorDetail`/`error` raises StreamError.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "docker/errors.hpp"
#include "docker/http.hpp"
#include "docker/internal/decode_message.hpp"
#include "docker/model/json_value.hpp"

namespace docker {

/// An error the daemon reported inside a JSON-message stream: `errorDetail`
/// {code, message} or the older `error` string. `code()` is set when the
/// daemon gave one; `raw()` is the whole message.
class JsonMessageError : public StreamError {
 public:
  /// `message` from the daemon, its `code` if any, and the whole message `raw`.
  JsonMessageError(std::string message, std::optional<int> code, JsonValue raw)
      : StreamError(std::move(message)), code_(code), raw_(std::move(raw)) {}
  /// The daemon's error code, when it gave one.
  std::optional<int> code() const noexcept { return code_; }
  /// The whole error message as received.
  const nlohmann::json& raw() const noexcept { return raw_.get(); }

 private:
  std::optional<int> code_;
  JsonValue raw_;
};

/// Throws JsonMessageError when `message` carries an error; returns otherwise.
void throw_if_error_message(const nlohmann::json& message);

/// Reads JSON values one after another, separated by newlines, other
/// whitespace or nothing at all. Memory is bounded by the largest message
/// (at most `max_message_size`) plus one read.
class JsonMessageReader {
 public:
  /// Reads messages from `source`; one larger than `max_message_size` is a ProtocolError.
  explicit JsonMessageReader(std::shared_ptr<ByteReader> source,
                             std::size_t max_message_size = std::size_t{16} * 1024 * 1024);
  /// Takes over the stream.
  JsonMessageReader(JsonMessageReader&&) noexcept;
  /// Takes over the stream.
  JsonMessageReader& operator=(JsonMessageReader&&) noexcept;
  ~JsonMessageReader();

  /// The next message, or nullopt at the end. Throws StreamError for an
  /// in-stream error, DecodeError for malformed JSON, ProtocolError when a
  /// message exceeds the size bound or the stream ends inside one.
  std::optional<nlohmann::json> next();
  /// The next message's text, valid until the next call, or nullopt at the
  /// end; throws as next() (a message carrying an error included), but does
  /// not parse the message otherwise: typed streams decode it straight away.
  std::optional<std::string_view> next_text();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

/// Typed view: decodes each message straight from its text with the generated read_model of T.
template <class T>
class [[nodiscard]] JsonStream {
 public:
  /// Reads messages from `source`.
  explicit JsonStream(std::shared_ptr<ByteReader> source) : reader_(std::move(source)) {}
  /// The next message decoded as T, or nullopt at the end; throws as JsonMessageReader::next.
  std::optional<T> next() {
    auto text = reader_.next_text();
    if (!text) return std::nullopt;
    return internal::decode_message<T>(*text);
  }

 private:
  JsonMessageReader reader_;
};

}  // namespace docker
