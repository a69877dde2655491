#include "docker/streams/json_stream.hpp"

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "docker/internal/codec.hpp"
#include "docker/streams/json_scanner.hpp"

namespace docker {
namespace {

constexpr std::size_t kReadSize = std::size_t{64} * 1024;

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

}  // namespace

void throw_if_error_message(const nlohmann::json& message) {
  if (!message.is_object()) return;
  std::string text;
  std::optional<int> code;
  if (auto detail = message.find("errorDetail"); detail != message.end() && detail->is_object()) {
    if (auto m = detail->find("message"); m != detail->end() && m->is_string()) text = m->get<std::string>();
    if (auto c = detail->find("code"); c != detail->end() && c->is_number_integer()) code = c->get<int>();
  }
  if (text.empty())
    if (auto e = message.find("error"); e != message.end() && e->is_string()) text = e->get<std::string>();
  if (text.empty() && !code) return;
  if (text.empty()) text = "the daemon reported error code " + std::to_string(*code);
  throw JsonMessageError(std::move(text), code, message);
}

struct JsonMessageReader::Impl {
  std::shared_ptr<ByteReader> source;
  std::size_t max_message_size;
  std::string buffer;  // bytes [start, filled) are not yet returned
  std::size_t start = 0;
  std::size_t scanned = 0;  // bytes after `start` already fed to the scanner
  std::size_t filled = 0;
  bool at_end = false;
  JsonValueScanner scanner;

  /// The text of buffer[start, value_end) without leading whitespace; moves past it.
  std::string_view take(std::size_t value_end) {
    std::size_t value_begin = start;
    while (is_space(buffer[value_begin])) ++value_begin;
    check_size(value_end - value_begin);
    start = value_end;
    scanned = 0;
    scanner.reset();
    return {buffer.data() + value_begin, value_end - value_begin};
  }

  void check_size(std::size_t size) const {
    if (size > max_message_size)
      throw ProtocolError("JSON message larger than the " + std::to_string(max_message_size) + "-byte limit");
  }

  /// One read from the source, after moving the pending bytes to the front.
  void read_more() {
    if (start > 0) {
      std::memmove(buffer.data(), buffer.data() + start, filled - start);
      filled -= start;
      start = 0;
    }
    if (buffer.size() - filled < kReadSize / 4) buffer.resize(std::max(buffer.size() * 2, filled + kReadSize));
    std::size_t n = source->read_some(std::span<char>(buffer.data() + filled, buffer.size() - filled));
    if (n == 0) at_end = true;
    filled += n;
  }

  /// The next message's text (valid until the next call), or nullopt at the end.
  std::optional<std::string_view> next_text() {
    for (;;) {
      std::size_t from = start + scanned;
      if (auto end = scanner.feed(std::string_view(buffer.data() + from, filled - from))) return take(from + *end);
      if (!scanner.started()) {
        start = filled;  // only whitespace so far: drop it
        scanned = 0;
      } else {
        scanned = filled - start;
        check_size(scanned);
      }
      if (at_end) {
        if (!scanner.started()) return std::nullopt;
        if (scanner.complete_at_end()) return take(filled);
        throw ProtocolError("stream ended inside a JSON message (" + std::to_string(filled - start) +
                            " bytes of it received)");
      }
      read_more();
    }
  }
};

JsonMessageReader::JsonMessageReader(std::shared_ptr<ByteReader> source, std::size_t max_message_size)
    : impl_(std::make_unique<Impl>()) {
  impl_->source = std::move(source);
  impl_->max_message_size = max_message_size;
}
JsonMessageReader::JsonMessageReader(JsonMessageReader&&) noexcept = default;
JsonMessageReader& JsonMessageReader::operator=(JsonMessageReader&&) noexcept = default;
JsonMessageReader::~JsonMessageReader() = default;

namespace {
/// The runtime's bounded parser: a hostile message nested 50,000 deep is a
/// DecodeError, not a stack overflow (nlohmann's parser has no depth limit).
nlohmann::json parse_message(std::string_view text) {
  try {
    return docker::internal::parse_json(text);
  } catch (const DecodeError& e) {
    throw DecodeError("malformed JSON message: " + e.message());
  }
}
}  // namespace

std::optional<nlohmann::json> JsonMessageReader::next() {
  auto text = impl_->next_text();
  if (!text) return std::nullopt;
  auto message = parse_message(*text);
  throw_if_error_message(message);
  return message;
}

std::optional<std::string_view> JsonMessageReader::next_text() {
  auto text = impl_->next_text();
  // Only a message with an "error..." member (or an escape, which could spell
  // one) can carry an error: the others are not parsed here, a typed stream
  // reads them once, straight from the text.
  if (text && (text->find("\"error") != std::string_view::npos || text->find("\\u") != std::string_view::npos))
    throw_if_error_message(parse_message(*text));
  return text;
}

}  // namespace docker
