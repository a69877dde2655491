// docker::Field<T>: a model member that is absent, null or a value. The three
// states survive decode and encode: a member never set is not sent, a null
// the daemon sent is written back as null.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace docker {

/// A JSON member of a generated model: absent, `null`, or a value. Absent
/// members are left out when encoding; `null` is kept (x-nullable fields).
template <class T>
class Field {
 public:
  /// The type of the value.
  using value_type = T;

  Field() = default;
  /// An explicit JSON `null`.
  Field(std::nullptr_t) : null_(true) {}
  /// Holds `value`.
  // NOLINTBEGIN(bugprone-forwarding-reference-overload): the requires-clause excludes Field (clang-tidy 14
  // reads enable_if only)
  template <class U = T>
  requires(std::is_constructible_v<T, U&&> && !std::is_same_v<std::remove_cvref_t<U>, Field> &&
           !std::is_same_v<std::remove_cvref_t<U>, std::nullptr_t>) Field(U&& value)
      : value_(std::forward<U>(value)) {}
  // NOLINTEND(bugprone-forwarding-reference-overload)

  /// A field holding an explicit JSON null.
  static Field null() { return Field(nullptr); }

  /// Whether it holds a value (not absent, not null).
  bool has_value() const noexcept { return value_.has_value(); }
  /// Whether it is an explicit JSON `null`.
  bool is_null() const noexcept { return null_; }
  /// Neither a value nor null: the member is left out when encoding.
  bool is_absent() const noexcept { return !null_ && !value_; }
  /// has_value().
  explicit operator bool() const noexcept { return has_value(); }

  /// The value; throws std::bad_optional_access when there is none.
  T& value() & { return checked(); }
  /// The value; throws std::bad_optional_access when there is none.
  const T& value() const& { return const_cast<Field*>(this)->checked(); }
  /// The value, unchecked.
  T& operator*() & { return *value_; }
  /// The value, unchecked.
  const T& operator*() const& { return *value_; }
  /// Member access, unchecked.
  T* operator->() { return &*value_; }
  /// Member access, unchecked.
  const T* operator->() const { return &*value_; }
  // U defaults to T so that value_or({}) gives a value-initialised T.
  /// The value, or `fallback` when absent or null.
  template <class U = T>
  T value_or(U&& fallback) const {
    return value_ ? *value_ : static_cast<T>(std::forward<U>(fallback));
  }
  /// The value as std::optional: null and absent both become nullopt.
  const std::optional<T>& optional() const noexcept { return value_; }

  /// Constructs a value in place (no longer null) and returns it.
  template <class... Args>
  T& emplace(Args&&... args) {
    null_ = false;
    return value_.emplace(std::forward<Args>(args)...);
  }
  /// Makes it an explicit JSON `null`.
  void set_null() {
    value_.reset();
    null_ = true;
  }
  /// Makes it absent (left out when encoding).
  void reset() {
    value_.reset();
    null_ = false;
  }

  friend bool operator==(const Field&, const Field&) = default;

 private:
  T& checked() {
    if (!value_) throw std::logic_error(null_ ? "docker::Field is null" : "docker::Field is absent");
    return *value_;
  }

  std::optional<T> value_;
  bool null_ = false;
};

}  // namespace docker
