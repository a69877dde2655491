// docker::OpenEnum: base of generated string enums. It keeps any value the
// daemon sends, including ones this API version does not list; generated
// types add the known values as constants and is_known().
#pragma once

#include <compare>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace docker {

class OpenEnum {
 public:
  OpenEnum() = default;
  OpenEnum(std::string value) : value_(std::move(value)) {}
  OpenEnum(std::string_view value) : value_(value) {}
  OpenEnum(const char* value) : value_(value) {}

  const std::string& str() const noexcept { return value_; }
  operator std::string_view() const noexcept { return value_; }

  friend bool operator==(const OpenEnum& a, const OpenEnum& b) { return a.value_ == b.value_; }
  friend bool operator==(const OpenEnum& a, std::string_view b) { return a.value_ == b; }
  friend auto operator<=>(const OpenEnum& a, const OpenEnum& b) { return a.value_ <=> b.value_; }

 protected:
  bool is_one_of(std::span<const std::string_view> known) const {
    for (auto v : known)
      if (v == value_) return true;
    return false;
  }

 private:
  std::string value_;
};

inline void open_enum_to_json(nlohmann::json& j, const OpenEnum& value) { j = value.str(); }
/// Accepts any string; a non-string value is a decode error.
inline void open_enum_from_json(const nlohmann::json& j, OpenEnum& value) {
  value = OpenEnum(j.get_ref<const std::string&>());
}

}  // namespace docker
