// docker::OpenEnum: base of generated string enums. It keeps any value the
// daemon sends, including ones this API version does not list; generated
// types add the known values as constants and is_known().
#pragma once

#include <compare>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <utility>

namespace docker {

/// A string enum that keeps any value: generated enums derive from it and
/// compare with their constants (`state == ContainerStateStatus::running`).
class OpenEnum {
 public:
  /// The empty string (no value).
  OpenEnum() = default;
  /// Any value, listed by the API version or not.
  OpenEnum(std::string value) : value_(std::move(value)) {}
  /// Any value, listed by the API version or not.
  OpenEnum(std::string_view value) : value_(value) {}
  /// Any value, listed by the API version or not.
  OpenEnum(const char* value) : value_(value) {}

  /// The value as sent or received.
  const std::string& str() const noexcept { return value_; }
  /// The value, to compare or print.
  operator std::string_view() const noexcept { return value_; }

  /// Same value.
  friend bool operator==(const OpenEnum& a, const OpenEnum& b) { return a.value_ == b.value_; }
  /// Same value as a constant (`status == Type::running`).
  friend bool operator==(const OpenEnum& a, std::string_view b) { return a.value_ == b; }
  /// Orders by the string, so that enums can be map keys.
  friend auto operator<=>(const OpenEnum& a, const OpenEnum& b) { return a.value_ <=> b.value_; }

 protected:
  /// Whether the value is one of `known` (generated is_known() passes its list).
  bool is_one_of(std::span<const std::string_view> known) const {
    for (auto v : known)
      if (v == value_) return true;
    return false;
  }

 private:
  std::string value_;
};

/// Encodes as the JSON string (generated to_json calls it).
void open_enum_to_json(nlohmann::json& j, const OpenEnum& value);
/// Accepts any string; a non-string value is a decode error.
void open_enum_from_json(const nlohmann::json& j, OpenEnum& value);

}  // namespace docker
