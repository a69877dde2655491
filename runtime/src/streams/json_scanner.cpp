#include "docker/streams/json_scanner.hpp"

namespace docker {
namespace {

bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }
bool ends_scalar(char c) {
  return is_space(c) || c == '{' || c == '}' || c == '[' || c == ']' || c == '"' || c == ',' || c == ':';
}

}  // namespace

std::optional<std::size_t> JsonValueScanner::feed(std::string_view piece) {
  const char* p = piece.data();
  const std::size_t n = piece.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char c = p[i];
    switch (state_) {
      case State::before_value:
        if (is_space(c)) break;
        if (c == '{' || c == '[') {
          state_ = State::container;
          depth_ = 1;
        } else if (c == '"') {
          state_ = State::string;
        } else if (c == '}' || c == ']' || c == ',' || c == ':') {
          return i + 1;  // a stray delimiter: a one-byte value the parser will reject
        } else {
          state_ = State::scalar;
        }
        break;
      case State::string:  // a top-level string
      case State::container:
        if (in_string_ || state_ == State::string) {
          if (!escaped_) {
            // Most bytes of a message are string contents: skip them in a tight loop.
            while (i < n && p[i] != '"' && p[i] != '\\') ++i;
            if (i == n) return std::nullopt;
          }
          const char at = p[i];  // the loop may have moved i
          if (escaped_) {
            escaped_ = false;
          } else if (at == '\\') {
            escaped_ = true;
          } else if (at == '"') {
            if (state_ == State::string) return i + 1;
            in_string_ = false;
          }
        } else if (c == '"') {
          in_string_ = true;
        } else if (c == '{' || c == '[') {
          ++depth_;
        } else if (c == '}' || c == ']') {
          if (--depth_ == 0) return i + 1;
        }
        break;
      case State::scalar:
        if (ends_scalar(c)) return i;
        break;
    }
  }
  return std::nullopt;
}

}  // namespace docker
