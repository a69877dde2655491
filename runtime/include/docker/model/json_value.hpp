// docker::JsonValue: a JSON value the spec leaves free-form (and a model's
// unknown members), held behind a pointer so that model headers need only
// nlohmann/json_fwd.hpp: code that reads the value includes nlohmann/json.hpp.
#pragma once

#include <memory>
#include <nlohmann/json_fwd.hpp>

namespace docker {

/// A JSON value kept as received: a free-form member of a model, or the
/// members a model does not define (`unknown_fields`). Default-constructed it
/// is JSON `null` and allocates nothing. Read it as `nlohmann::json` through
/// `get()`, `*` or `->` (`model.unknown_fields->contains("Extra")`); those
/// need `#include <nlohmann/json.hpp>` where they are used.
class JsonValue {
 public:
  /// JSON `null`, with nothing allocated.
  JsonValue() noexcept;
  /// A copy of `value`.
  JsonValue(const nlohmann::json& value);  // NOLINT(google-explicit-constructor): a JSON value is a JsonValue
  /// Takes `value`.
  JsonValue(nlohmann::json&& value);  // NOLINT(google-explicit-constructor): a JSON value is a JsonValue
  /// A deep copy.
  JsonValue(const JsonValue& other);
  /// Takes the value; `other` becomes null.
  JsonValue(JsonValue&& other) noexcept;
  /// A deep copy.
  JsonValue& operator=(const JsonValue& other);
  /// Takes the value; `other` becomes null.
  JsonValue& operator=(JsonValue&& other) noexcept;
  ~JsonValue();

  /// The value (`null` when none was set).
  [[nodiscard]] const nlohmann::json& get() const;
  /// The value, to change it in place (a `null` is allocated first).
  [[nodiscard]] nlohmann::json& get();
  /// get().
  const nlohmann::json& operator*() const { return get(); }
  /// get().
  nlohmann::json& operator*() { return get(); }
  /// Member access to get().
  const nlohmann::json* operator->() const { return &get(); }
  /// Member access to get().
  nlohmann::json* operator->() { return &get(); }

  /// Whether it is JSON `null` (or was never set).
  [[nodiscard]] bool is_null() const;

  /// Same JSON value.
  friend bool operator==(const JsonValue& a, const JsonValue& b);
  /// Same JSON value (`model.unknown_fields == nlohmann::json::parse(...)`).
  friend bool operator==(const JsonValue& a, const nlohmann::json& b);

 private:
  std::unique_ptr<nlohmann::json> value_;  // null pointer: JSON null
};

/// Encodes the value as it is (nlohmann::json's hook).
void to_json(nlohmann::json& j, const JsonValue& value);
/// Keeps any JSON value (nlohmann::json's hook).
void from_json(const nlohmann::json& j, JsonValue& value);

}  // namespace docker
