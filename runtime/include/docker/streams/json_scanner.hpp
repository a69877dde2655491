// Finds where one JSON value ends in input that arrives in pieces, without
// parsing it: it only tracks strings, escapes and nesting depth, so every
// byte is looked at once however the input is split.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace docker {

/// Finds where one JSON value ends in input that arrives in pieces, without
/// parsing it (splits JSON-message streams). Only tracks nesting and strings.
class JsonValueScanner {
 public:
  /// Continues the scan with the next piece of input. Returns the offset in
  /// `piece` just past the value's last byte when the value ends inside it,
  /// nullopt when more input is needed. Leading whitespace is skipped. A
  /// top-level scalar (number, true…) ends at the first byte that cannot
  /// belong to it, which is then not consumed.
  std::optional<std::size_t> feed(std::string_view piece);

  /// At the end of the input: whether the value seen so far is complete (a
  /// top-level scalar with nothing after it).
  bool complete_at_end() const { return state_ == State::scalar; }

  /// Whether a value has begun (a non-whitespace byte was seen).
  bool started() const { return state_ != State::before_value; }

  /// Ready for the next value.
  void reset() { *this = JsonValueScanner{}; }

 private:
  enum class State { before_value, container, string, scalar };
  State state_ = State::before_value;
  std::size_t depth_ = 0;   ///< open { and [ (container state)
  bool in_string_ = false;  ///< inside a string within a container
  bool escaped_ = false;    ///< the previous byte was a backslash inside a string
};

}  // namespace docker
