// nlohmann::json's hooks (and JsonValue's members) for the public value types
// of models: out of line, so that model headers need only nlohmann/json_fwd.hpp.
#include <nlohmann/json.hpp>

#include "docker/internal/json_reader.hpp"
#include "docker/model/json_message.hpp"
#include "docker/model/json_value.hpp"
#include "docker/model/key_set.hpp"
#include "docker/model/open_enum.hpp"

namespace docker {
namespace {
const nlohmann::json& null_json() {
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

const nlohmann::json& JsonValue::get() const { return value_ ? *value_ : null_json(); }

nlohmann::json& JsonValue::get() {
  if (!value_) value_ = std::make_unique<nlohmann::json>();
  return *value_;
}

bool JsonValue::is_null() const { return !value_ || value_->is_null(); }

bool operator==(const JsonValue& a, const JsonValue& b) { return a.get() == b.get(); }
bool operator==(const JsonValue& a, const nlohmann::json& b) { return a.get() == b; }

void to_json(nlohmann::json& j, const JsonValue& value) { j = value.get(); }

void from_json(const nlohmann::json& j, JsonValue& value) { value = JsonValue(j); }

// --- KeySet ---

void to_json(nlohmann::json& j, const KeySet& keys) {
  j = nlohmann::json::object();
  for (const auto& key : keys) j[key] = nlohmann::json::object();
}

void from_json(const nlohmann::json& j, KeySet& keys) {
  keys.clear();
  for (const auto& [key, value] : j.get_ref<const nlohmann::json::object_t&>()) {
    (void)value;
    keys.insert(key);
  }
}

// --- OpenEnum ---

void open_enum_to_json(nlohmann::json& j, const OpenEnum& value) { j = value.str(); }

void open_enum_from_json(const nlohmann::json& j, OpenEnum& value) {
  value = OpenEnum(j.get_ref<const std::string&>());
}

// --- JsonMessage ---

void from_json(const nlohmann::json& j, JsonMessage& m) { m.value = j; }
void to_json(nlohmann::json& j, const JsonMessage& m) { j = m.value.get(); }
void read_model(internal::JsonReader& r, JsonMessage& m) { m.value = r.read_json(); }

}  // namespace docker
