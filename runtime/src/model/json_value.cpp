#include "docker/model/json_value.hpp"

#include <nlohmann/json.hpp>

namespace docker {
namespace {
const nlohmann::json& null_json() noexcept {
  static const nlohmann::json null;
  return null;
}
}  // namespace

JsonValue::JsonValue() noexcept = default;
JsonValue::JsonValue(const nlohmann::json& value) : value_(std::make_unique<nlohmann::json>(value)) {}
JsonValue::JsonValue(nlohmann::json&& value) : value_(std::make_unique<nlohmann::json>(std::move(value))) {}
JsonValue::JsonValue(const JsonValue& other)
    : value_(other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr) {}
JsonValue::JsonValue(JsonValue&& other) noexcept = default;
JsonValue& JsonValue::operator=(const JsonValue& other) {
  if (this != &other) value_ = other.value_ ? std::make_unique<nlohmann::json>(*other.value_) : nullptr;
  return *this;
}
JsonValue& JsonValue::operator=(JsonValue&& other) noexcept = default;
JsonValue::~JsonValue() = default;

const nlohmann::json& JsonValue::get() const noexcept { return value_ ? *value_ : null_json(); }

nlohmann::json& JsonValue::get() {
  if (!value_) value_ = std::make_unique<nlohmann::json>();
  return *value_;
}

bool JsonValue::is_null() const noexcept { return !value_ || value_->is_null(); }

bool operator==(const JsonValue& a, const JsonValue& b) noexcept { return a.get() == b.get(); }
bool operator==(const JsonValue& a, const nlohmann::json& b) noexcept { return a.get() == b; }

void to_json(nlohmann::json& j, const JsonValue& value) { j = value.get(); }

void from_json(const nlohmann::json& j, JsonValue& value) { value = JsonValue(j); }

}  // namespace docker
