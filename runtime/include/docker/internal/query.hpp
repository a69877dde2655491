// Request targets: path segments escaped so that a value can never change the
// route, and query strings encoded the way the daemon parses them.
#pragma once

#include <concepts>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker/internal/json_support.hpp"

namespace docker::internal {

/// Percent-encodes one path segment: '/', '?', '#', '%', spaces and every
/// other byte outside [A-Za-z0-9-._~:@] are escaped; "." and ".." become
/// "%2E" / "%2E%2E" so that they cannot climb the route.
std::string escape_path_segment(std::string_view value);

/// Like escape_path_segment but keeps '/' between segments, for the routes
/// the daemon matches with `{name:.*}` (image, plugin and distribution
/// names such as "library/busybox"). Each "."/".." segment is escaped.
std::string escape_path_name(std::string_view value);

/// Percent-encodes a query-string key or value.
std::string escape_query(std::string_view value);

/// Builds "?a=1&b=x" from typed values; unset optionals are left out.
class QueryString {
 public:
  /// Appends `name=value` (percent-encoded).
  void add(std::string_view name, std::string_view value);
  /// Appends `name=value` (percent-encoded).
  void add(std::string_view name, const std::string& value) { add(name, std::string_view(value)); }
  /// Appends `name=value` (percent-encoded).
  void add(std::string_view name, const char* value) { add(name, std::string_view(value)); }
  /// Booleans as "1"/"0": moby's httputils.BoolValue and strconv.ParseBool both accept them.
  void add(std::string_view name, bool value) { add(name, std::string_view(value ? "1" : "0")); }
  /// Appends an integer.
  template <class T>
  requires(std::integral<T> && !std::same_as<T, bool>) void add(std::string_view name, T value) {
    add(name, std::string_view(std::to_string(value)));
  }
  /// Appends a number in its shortest exact form.
  void add(std::string_view name, double value);
  /// Arrays repeat the key: names=a&names=b.
  template <class T>
  void add(std::string_view name, const std::vector<T>& values) {
    for (const auto& v : values) add(name, v);
  }
  /// Appends the value when set; nothing otherwise.
  template <class T>
  void add(std::string_view name, const std::optional<T>& value) {
    if (value) add(name, *value);
  }

  /// JSON-encoded values (filters, buildargs, labels, platform).
  template <class T>
  void add_json(std::string_view name, const T& value) {
    add(name, std::string_view(text_of(nlohmann::json(value))));
  }
  /// Appends the value as JSON text when set (`filters={...}`).
  template <class T>
  void add_json(std::string_view name, const std::optional<T>& value) {
    if (value) add_json(name, *value);
  }
  /// One JSON-encoded value per element, the key repeated.
  template <class T>
  void add_json_each(std::string_view name, const std::optional<std::vector<T>>& values) {
    if (values)
      for (const auto& v : *values) add_json(name, v);
  }
  /// Appends one `name=<JSON>` per item.
  template <class T>
  void add_json_each(std::string_view name, const std::vector<T>& values) {
    for (const auto& v : values) add_json(name, v);
  }

  /// "" when empty, otherwise "?" followed by the pairs.
  std::string str() const { return text_.empty() ? std::string() : "?" + text_; }
  /// The request target: the (already escaped) path pieces joined, then str().
  std::string target(std::initializer_list<std::string_view> path) const;

 private:
  std::string text_;
};

}  // namespace docker::internal
