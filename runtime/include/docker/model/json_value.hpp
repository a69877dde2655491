// docker::JsonValue: a JSON value the spec leaves free-form (and a model's
// unknown members), held behind a pointer so that model headers need only
// nlohmann/json_fwd.hpp: code that reads the value includes nlohmann/json.hpp.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string_view>

namespace docker {
namespace internal {
class JsonReader;
}

/// A JSON value kept as received: a free-form member of a model, or the
/// members a model does not define (`unknown_fields`). Default-constructed it
/// is JSON `null` and allocates nothing. Read it as `nlohmann::json` through
/// `get()`, `*` or `->` (`model.unknown_fields->contains("Extra")`); those
/// need `#include <nlohmann/json.hpp>` where they are used.
///
/// A decoded free-form member keeps the text it was read from (checked as
/// JSON when decoded) and becomes a DOM the first time it is read: a member
/// nobody looks at costs a copy of its bytes. Reading it from several
/// threads at once is safe (through `get()` const or not); changing it is not.
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
  friend class internal::JsonReader;
  struct Text;  // JSON text not read yet, and its DOM once read (json_value.cpp)
  enum CheckedText { checked_text };
  /// Keeps `text`, which JsonReader has checked to be one JSON value.
  JsonValue(std::string_view text, CheckedText);

  [[nodiscard]] nlohmann::json* dom() const noexcept;
  [[nodiscard]] Text* text() const noexcept;
  /// The DOM that is the value (the owned one, or the text's once parsed); null if none.
  [[nodiscard]] const nlohmann::json* current_dom() const noexcept;
  void clear() noexcept;

  // One pointer: 0 is JSON null; else an owned nlohmann::json, or, with the
  // low bit set, an owned Text (allocations are at least 2-aligned).
  std::uintptr_t held_ = 0;
};

/// Encodes the value as it is (nlohmann::json's hook).
void to_json(nlohmann::json& j, const JsonValue& value);
/// Keeps any JSON value (nlohmann::json's hook).
void from_json(const nlohmann::json& j, JsonValue& value);

}  // namespace docker
